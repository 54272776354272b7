"""Pages for people, organizations, facts and relationships."""

import calendar

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, render_page, workspace_view
from ally.core.plugins import hook_functions
from ally.people import selectors, services
from ally.people.contact import display_phone, normalise_emails
from ally.people.filters import STRENGTH_LEVELS, PersonFilter
from ally.people.forms import FactForm, OrganizationForm, PersonForm, RelationshipForm
from ally.people.sections import organization_sections, person_sections
from ally.workspaces.selectors import access_membership, team_members

PAGE_SIZE = 50


@workspace_view
def person_list(request):
    try:
        filters = PersonFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    people = selectors.person_list(workspace=request.workspace, filters=filters)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "filters": filters, "members": team_members(workspace=request.workspace),
        "tags": selectors.tags_in_use(workspace=request.workspace), "query_string": _without_page(request.GET),
        "strength_levels": STRENGTH_LEVELS,
    }
    return render_page(request, "people/person_list.html", context, partial="people/_person_rows.html")


def _without_page(params) -> str:
    copy = params.copy()
    copy.pop("page", None)
    return copy.urlencode()


@workspace_view
def person_detail(request, person_id):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    sections = {"main": [], "aside": []}
    for section in person_sections():
        extra = section.context(person, request)
        if extra is not None:
            sections[section.column].append((section, extra))
    context = {
        "person": person,
        "emails": list(person.emails.all()),
        "phones": [display_phone(p.number) for p in person.phones.all()],
        "tags": selectors.person_tag_names(person=person),
        "facts": list(person.facts.all()),
        "relationships": [(r.label_from(person.id), r.other(person.id), r) for r in selectors.person_relationships(person=person)],
        "notes_visible": person.notes_visible_to(request.user),
        "fact_form": FactForm(),
        "relationship_form": RelationshipForm(),
        "main_sections": sections["main"],
        "aside_sections": sections["aside"],
        "birthday_month_name": calendar.month_name[person.birthday_month] if person.birthday_month else "",
        "avatar_url": next((url for hook in hook_functions("person_avatar") if (url := hook(person=person))), None),
        "initials": initials(person.name),
        **_keep_in_touch(request, person),
    }
    return render(request, "people/person_detail.html", context)


def initials(name: str) -> str:
    """'Alice van Ally' → 'AA': the first letters of the first and last words, for an avatar without a photo."""
    letters = [next(ch for ch in word if ch.isalnum()) for word in name.split() if any(ch.isalnum() for ch in word)]
    if not letters:
        return "?"
    return (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()


def _keep_in_touch(request, person) -> dict:
    suggestion = next((hook(person=person, user=request.user, membership=request.membership)
                       for hook in hook_functions("person_suggestion")), None)
    return {"overdue": person.touch_due_at is not None and person.touch_due_at <= timezone.now(),
            "suggestion": suggestion}


@workspace_view
def person_keep_in_touch(request, person_id):
    """The keep-in-touch card alone: the page refreshes it after a contact is logged (htmx)."""
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    return render(request, "people/_keep_in_touch.html", {"person": person, **_keep_in_touch(request, person)})


def _person_data(request, form) -> dict:
    """Turn the form's text references (organization, introducer, owner) into workspace objects."""
    data = dict(form.cleaned_data)
    workspace = request.workspace
    # Found by name, or created with the person, in the person service's one transaction.
    data["organization_name"] = data.pop("organization", "")
    intro = data.pop("introduced_by", "").strip()
    try:
        data["introduced_by"] = selectors.resolve_person_reference(workspace=workspace, reference=intro) if intro else None
    except NotFound:
        raise ValidationError({"introduced_by": f"no person called '{intro}'"})
    owner = data.pop("owner", "")
    data["owner"] = access_membership(workspace=workspace, membership_id=owner) if owner else None
    return data


def _person_initial(person) -> dict:
    return {
        "name": person.name, "emails": "\n".join(e.address for e in person.emails.all()),
        "phones": "\n".join(display_phone(p.number) for p in person.phones.all()),
        "organization": person.organization.name if person.organization else "", "title": person.title,
        "birthday_month": person.birthday_month, "birthday_day": person.birthday_day,
        "birthday_year": person.birthday_year, "how_we_met": person.how_we_met,
        "introduced_by": f"{person.introduced_by.name} (#{person.introduced_by_id})" if person.introduced_by else "",
        "owner": person.owner_id or "", "tags": ", ".join(selectors.person_tag_names(person=person)),
        "cadence_days": person.cadence_days, "notes": person.notes, "notes_private": person.notes_private,
    }


def _duplicates(request, form, person=None) -> list[dict]:
    """Other people with one of the form's emails or phones, unless the user chose to save anyway."""
    if request.POST.get("save_anyway") or request.POST.get("save_and_merge"):
        return []
    return selectors.people_sharing_contact(workspace=request.workspace, emails=form.cleaned_data["emails"],
                                            phones=form.cleaned_data["phones"],
                                            exclude_id=person.id if person else None)


def _merge_choice(request, form) -> dict | None:
    """The duplicate the new person should be merged into ("Save, then merge"), if the user chose one."""
    chosen = request.POST.get("save_and_merge", "")
    if not chosen.isdigit() or len(chosen) > 18:
        return None
    found = selectors.people_sharing_contact(workspace=request.workspace, emails=form.cleaned_data["emails"],
                                             phones=form.cleaned_data["phones"], limit=50)
    return next((d for d in found if d["person"].id == int(chosen)), None)


def _without_their_emails(emails: list[str], duplicate: dict) -> list[str]:
    """An address belongs to one person in a workspace: the one being merged into keeps it, and the merge
    brings everything else the new person has."""
    taken = set(duplicate["emails"])
    return [email for email in emails if not set(normalise_emails([email], {})) & taken]


@workspace_view
def person_create(request):
    members = team_members(workspace=request.workspace)
    form = PersonForm(request.POST or None, members=members, initial={"owner": request.membership.id})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            data = _person_data(request, form)
            duplicates = _duplicates(request, form)
            if (merge_into := _merge_choice(request, form)) is not None:
                data["emails"] = _without_their_emails(data["emails"], merge_into)
            if not duplicates:
                person = services.person_create(workspace=request.workspace, author=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc, {"birthday": "birthday_day"})
        else:
            if not duplicates:
                messages.success(request, f"Added {person.name}.")
                if merge_into is not None:
                    return redirect(f"{reverse('imports:merge', args=[merge_into['person'].id])}?other={person.id}")
                return redirect("people:detail", person.id)
    return render(request, "people/person_form.html", {"form": form, "title": "Add a person",
                                                       "duplicates": duplicates,
                                                       "email_taken": any(d["emails"] for d in duplicates)})


@workspace_view
def person_edit(request, person_id):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    members = team_members(workspace=request.workspace)
    form = PersonForm(request.POST or None, members=members, initial=_person_initial(person))
    if not person.notes_visible_to(request.user):
        form.fields.pop("notes"), form.fields.pop("notes_private")
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            data = _person_data(request, form)
            duplicates = _duplicates(request, form, person)
            if not duplicates:
                services.person_update(person=person, author=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc, {"birthday": "birthday_day"})
        else:
            if not duplicates:
                messages.success(request, f"Saved {person.name}.")
                return redirect("people:detail", person.id)
    return render(request, "people/person_form.html", {"form": form, "title": f"Edit {person.name}", "person": person,
                                                       "duplicates": duplicates,
                                                       "email_taken": any(d["emails"] for d in duplicates)})


@workspace_view
@require_POST
def person_delete(request, person_id):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    services.person_delete(person=person)
    messages.success(request, f"Deleted {person.name}.")
    return redirect("people:list")


@workspace_view
def person_options(request):
    """<option>s for the person pickers (htmx fills a datalist as the user types)."""
    # The picker sends its own field name (introduced_by=, other=, others=); the last comma part is the one typed.
    typed = next(iter(request.GET.values()), "").split(",")[-1].strip()
    people = selectors.person_options(workspace=request.workspace, q=typed) if typed else []
    return render(request, "people/_person_options.html", {"people": people})


@workspace_view
def fact_add(request, person_id):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    form = FactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fact_add(person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                return render(request, "people/_facts.html", {"person": person, "facts": list(person.facts.all()),
                                                               "fact_form": FactForm()})
            return redirect("people:detail", person.id)
    status = 422 if request.method == "POST" else 200
    if request.htmx:
        return render(request, "people/_facts.html", {"person": person, "facts": list(person.facts.all()),
                                                       "fact_form": form}, status=status)
    return render(request, "people/simple_form.html", {"form": form, "title": f"A little thing about {person.name}",
                                                       "person": person}, status=status)


@workspace_view
def fact_edit(request, fact_id):
    fact = selectors.access_fact(workspace=request.workspace, fact_id=fact_id)
    form = FactForm(request.POST or None, initial={"kind": fact.kind, "text": fact.text, "date": fact.date,
                                                   "recurs_yearly": fact.recurs_yearly})
    if request.method == "POST" and form.is_valid():
        try:
            services.fact_update(fact=fact, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("people:detail", fact.person_id)
    return render(request, "people/simple_form.html", {"form": form, "title": "Edit a little thing", "person": fact.person})


@workspace_view
@require_POST
def fact_delete(request, fact_id):
    fact = selectors.access_fact(workspace=request.workspace, fact_id=fact_id)
    services.fact_delete(fact=fact)
    return redirect("people:detail", fact.person_id)


@workspace_view
def relationship_add(request, person_id):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            other = selectors.resolve_person_reference(workspace=request.workspace, reference=data["other"])
            kind = RelationshipForm.REVERSED.get(data["kind"], data["kind"])
            first, second = (other, person) if data["kind"] in RelationshipForm.REVERSED else (person, other)
            services.relationship_add(workspace=request.workspace, from_person=first, to_person=second, kind=kind,
                                      since=data["since"], note=data["note"])
        except NotFound:
            form.add_error("other", f"No person called '{data['other']}'.")
        except ValidationError as exc:
            apply_errors(form, exc, {"to_person": "other", "from_person": "other"})
        else:
            return redirect("people:detail", person.id)
    return render(request, "people/simple_form.html", {"form": form, "title": f"A relationship of {person.name}",
                                                       "person": person})


@workspace_view
@require_POST
def relationship_delete(request, relationship_id):
    relationship = selectors.access_relationship(workspace=request.workspace, relationship_id=relationship_id)
    # Back to whichever of the two people's pages the form was on; anything else goes to the first person.
    back = request.POST.get("person")
    back = int(back) if back in (str(relationship.from_person_id), str(relationship.to_person_id)) \
        else relationship.from_person_id
    services.relationship_delete(relationship=relationship)
    return redirect("people:detail", back)


@workspace_view
def organization_list(request):
    organizations = selectors.organization_list(workspace=request.workspace, q=request.GET.get("q", ""))
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/organization_list.html", {"page": page, "q": request.GET.get("q", ""),
                                                              "query_string": _without_page(request.GET)})


@workspace_view
def organization_detail(request, organization_id):
    organization = selectors.access_organization(workspace=request.workspace, organization_id=organization_id)
    people = selectors.person_list(workspace=request.workspace, filters=PersonFilter(organization_id=organization.id))
    sections = [(section, extra) for section in organization_sections()
                if (extra := section.context(organization, request)) is not None]
    return render(request, "people/organization_detail.html", {"organization": organization, "people": people[:200],
                                                                "sections": sections})


@workspace_view
def organization_form(request, organization_id=None):
    organization = None
    initial = {}
    if organization_id is not None:
        organization = selectors.access_organization(workspace=request.workspace, organization_id=organization_id)
        initial = {"name": organization.name, "website": organization.website, "notes": organization.notes}
    form = OrganizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if organization is None:
                organization = services.organization_create(workspace=request.workspace, **form.cleaned_data)
            else:
                services.organization_update(organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("people:organization", organization.id)
    title = f"Edit {organization.name}" if organization else "Add an organization"
    return render(request, "people/simple_form.html", {"form": form, "title": title})
