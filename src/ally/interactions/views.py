"""Pages for logging interactions and keeping promises."""

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, safe_next, workspace_view
from ally.core.plugins import hook_functions
from ally.interactions import selectors, services
from ally.interactions.forms import FollowUpForm, InteractionForm
from ally.interactions.person_sections import follow_ups_context, log_and_timeline_context
from ally.people.selectors import access_person, resolve_person_reference


def _others(request, text: str, form) -> list:
    people = []
    for reference in filter(None, (part.strip() for part in text.split(","))):
        try:
            people.append(resolve_person_reference(workspace=request.workspace, reference=reference))
        except NotFound:
            form.add_error("others", f"No person called '{reference}'.")
        except ValidationError as exc:
            form.add_error("others", str(exc))
    return people


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _timeline_response(request, person, form, status=200):
    # The promises card is swapped too (out of band): the log may have made a promise.
    ctx = log_and_timeline_context(person, request, form) | follow_ups_context(person, request)
    context = {"person": person, "ctx": ctx, "oob": True}
    response = render(request, "interactions/_log_and_timeline.html", context, status=status)
    if status == 200:
        response["HX-Trigger"] = "interaction-logged"
    return response


@workspace_view
def interaction_log(request, person_id):
    """The quick "log interaction" form on the person page; with htmx the timeline updates in place."""
    person = access_person(workspace=request.workspace, person_id=person_id)
    form = InteractionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        others = _others(request, data["others"], form)
        if not form.errors:
            follow_ups = [(data["follow_up"], data["due_on"])] if data["follow_up"] else []
            try:
                services.interaction_log(
                    workspace=request.workspace, kind=data["kind"], summary=data["summary"],
                    participants=[person, *others], occurred_at=_aware(data["occurred_at"]),
                    initiated_by=data["initiated_by"], private=data["private"], author=request.user,
                    follow_ups=follow_ups,
                )
            except ValidationError as exc:
                apply_errors(form, exc, {"follow_up": "follow_up", "participants": "others"})
            else:
                if request.htmx:
                    return _timeline_response(request, person, InteractionForm())
                messages.success(request, f"Logged a {data['kind']} with {person.name}.")
                return redirect("people:detail", person.id)
    status = 422 if request.method == "POST" else 200
    if request.htmx:
        return _timeline_response(request, person, form, status=status)
    return render(request, "interactions/interaction_form.html", {"form": form, "person": person,
                                                                  "title": f"Log an interaction with {person.name}"},
                  status=status)


@workspace_view
def interaction_edit(request, interaction_id):
    interaction = selectors.access_interaction(workspace=request.workspace, interaction_id=interaction_id,
                                               user=request.user)
    person = interaction.participants.order_by("id").first()
    initial = {"kind": interaction.kind, "initiated_by": interaction.initiated_by, "summary": interaction.summary,
               "occurred_at": timezone.localtime(interaction.occurred_at).strftime("%Y-%m-%dT%H:%M"),
               "private": interaction.private}
    form = InteractionForm(request.POST or None, initial=initial)
    form.fields.pop("others"), form.fields.pop("follow_up"), form.fields.pop("due_on")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interaction_update(interaction=interaction, kind=data["kind"], summary=data["summary"],
                                        initiated_by=data["initiated_by"], private=data["private"],
                                        occurred_at=_aware(data["occurred_at"]) or interaction.occurred_at)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # An interaction whose people were all deleted still opens and saves; it then returns to Today.
            return redirect("people:detail", person.id) if person else redirect("agenda:today")
    # Apps above interactions add their cards (the coach's transcript upload) through this hook, as HTML.
    sections = [hook(request=request, interaction=interaction) for hook in hook_functions("interaction_section")]
    return render(request, "interactions/interaction_form.html", {"form": form, "person": person,
                                                                  "interaction": interaction, "sections": sections,
                                                                  "title": "Edit the interaction"})


@workspace_view
@require_POST
def interaction_delete(request, interaction_id):
    interaction = selectors.access_interaction(workspace=request.workspace, interaction_id=interaction_id,
                                               user=request.user)
    person = interaction.participants.order_by("id").first()
    services.interaction_delete(interaction=interaction)
    return redirect("people:detail", person.id) if person else redirect("agenda:today")


@workspace_view
def follow_up_add(request, person_id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_add(person=person, owner=request.membership, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("people:detail", person.id)
    return render(request, "people/simple_form.html", {"form": form, "person": person,
                                                       "title": f"A promise to {person.name}"})


@workspace_view
@require_POST
def follow_up_done(request, follow_up_id):
    follow_up = selectors.access_follow_up(workspace=request.workspace, follow_up_id=follow_up_id)
    with transaction.atomic():
        services.follow_up_update(follow_up=follow_up, done=request.POST.get("undo") != "1")
    if request.htmx:
        return render(request, "interactions/_follow_up.html", {"follow_up": follow_up})
    return redirect(safe_next(request) or reverse("people:detail", args=[follow_up.person_id]))
