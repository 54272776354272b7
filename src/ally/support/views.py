"""Pages for cases: the list, opening one, the case with its clocks and events, and the SLA targets."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, render_page, workspace_view
from ally.people.selectors import access_person, resolve_person_reference
from ally.support import forms, selectors, services
from ally.support.filters import CaseFilter
from ally.support.models import Case, Severity, SupportSettings
from ally.workspaces.selectors import access_membership, team_members

PAGE_SIZE = 50


@workspace_view
def case_list(request):
    try:
        filters = CaseFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    cases = selectors.case_list(workspace=request.workspace, filters=filters.for_member(request.membership))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.cases_with_sla(workspace=request.workspace, cases=list(page))
    return render_page(request, "support/case_list.html", {
        "page": page, "rows": rows, "filters": filters, "state": filters.state, "severities": Severity.choices,
        "members": team_members(workspace=request.workspace), "query_string": urlencode(filters.active()),
    })


def _member(request, member_id, field: str):
    try:
        return access_membership(workspace=request.workspace, membership_id=int(member_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError({field: "is not a team member of this workspace"}) from None


@workspace_view
def case_create(request):
    from ally.ownership.selectors import access_check_in

    members = team_members(workspace=request.workspace)
    initial = {"champion": request.membership.id, "severity": Severity.NORMAL}
    if request.GET.get("check_in"):
        # From a check-in that went badly: the case starts from what the customer said.
        check_in = access_check_in(workspace=request.workspace, check_in_id=_id(request.GET["check_in"]))
        initial.update(person=f"{check_in.person.name} (#{check_in.person_id})", check_in=check_in.id,
                       title=f"Not satisfied with {check_in.purchase.label}"[:200], description=check_in.note)
    elif request.GET.get("person"):
        person = access_person(workspace=request.workspace, person_id=_id(request.GET["person"]))
        initial["person"] = f"{person.name} (#{person.id})"
    form = forms.CaseCreateForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = resolve_person_reference(workspace=request.workspace, reference=data["person"])
            check_in = access_check_in(workspace=request.workspace, check_in_id=data["check_in"]) \
                if data["check_in"] else None
            case = services.case_open(
                workspace=request.workspace, person=person, title=data["title"], description=data["description"],
                severity=data["severity"], champion=_member(request, data["champion"], "champion"),
                check_in=check_in, author=request.user)
        except NotFound as exc:
            form.add_error("person" if "person" in str(exc) else None, f"{exc}.")
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Case opened; {case.champion.display_name} champions it.")
            return redirect("support:case", case.id)
    return render(request, "support/case_form.html", {"form": form, "title": "Open a case"},
                  status=422 if request.method == "POST" else 200)


def _id(text: str) -> int:
    """An id from a query string; anything else is a missing object, not a crash."""
    if not text.isdigit() or len(text) > 18:
        raise NotFound("object")
    return int(text)


def _action_forms(request, case, bound: dict | None = None) -> dict:
    members = team_members(workspace=request.workspace)
    made = {
        "status": forms.StatusForm(initial={"status": case.status}),
        "reply": forms.TextForm(label="What we told them"),
        "note": forms.TextForm(label="Internal note"),
        "escalate": forms.EscalateForm(members=members),
        "apologise": forms.TextForm(label="What we said (optional)", required=False),
        "confirm": forms.TextForm(label="How the customer confirmed it is fixed, in their words"),
        "champion": forms.ChampionForm(members=members, initial={"champion": case.champion_id}),
        "severity": forms.SeverityForm(initial={"severity": case.severity}),
    }
    made.update(bound or {})
    return made


def _case_page(request, case, *, bound: dict | None = None, status: int = 200):
    [(case, clocks)] = selectors.cases_with_sla(workspace=request.workspace, cases=[case])
    return render(request, "support/case_detail.html", {
        "case": case, "clocks": clocks, "events": selectors.case_events(case=case),
        "forms": _action_forms(request, case, bound), "now": timezone.now(),
    }, status=status)


@workspace_view
def case_detail(request, case_id):
    case = selectors.access_case(workspace=request.workspace, case_id=case_id)
    return _case_page(request, case)


def _bind(request, action: str, case):
    members = team_members(workspace=request.workspace)
    return {
        "status": lambda: forms.StatusForm(request.POST),
        "reply": lambda: forms.TextForm(request.POST, label="What we told them"),
        "note": lambda: forms.TextForm(request.POST, label="Internal note"),
        "escalate": lambda: forms.EscalateForm(request.POST, members=members),
        "apologise": lambda: forms.TextForm(request.POST, label="What we said (optional)", required=False),
        "confirm": lambda: forms.TextForm(request.POST, label="How the customer confirmed it is fixed, in their words"),
        "champion": lambda: forms.ChampionForm(request.POST, members=members),
        "severity": lambda: forms.SeverityForm(request.POST),
    }[action]()


def _apply(request, action: str, case, data: dict) -> str:
    """Call the service for an action; returns the confirmation message."""
    author = request.user
    if action == "status":
        services.case_status_change(case=case, status=data["status"], note=data["note"], author=author)
        return f"Case is now {case.get_status_display().lower()}."
    if action == "reply":
        services.case_reply(case=case, text=data["text"], author=author)
        return "Reply recorded."
    if action == "note":
        services.case_note(case=case, text=data["text"], author=author)
        return "Note added."
    if action == "escalate":
        to = _member(request, data["to"], "to")
        services.case_escalate(case=case, to=to, reason=data["reason"], author=author)
        return f"Escalated to {to.display_name}."
    if action == "apologise":
        services.case_apologise(case=case, text=data["text"], author=author)
        return "Apology recorded. Thank you for saying sorry."
    if action == "confirm":
        services.case_confirmation_record(case=case, text=data["text"], author=author)
        return "The customer confirmed the fix; the case is confirmed fixed."
    if action == "champion":
        champion = _member(request, data["champion"], "champion")
        services.case_champion_change(case=case, champion=champion, author=author)
        return f"{champion.display_name} now champions this case."
    services.case_update(case=case, severity=data["severity"], author=author)
    return f"Severity is now {case.severity}."


ACTIONS = ("status", "reply", "note", "escalate", "apologise", "confirm", "champion", "severity")


@workspace_view
@require_POST
def case_action(request, case_id, action):
    if action not in ACTIONS:
        raise Http404("no such action")
    case = selectors.access_case(workspace=request.workspace, case_id=case_id)
    form = _bind(request, action, case)
    if form.is_valid():
        try:
            message = _apply(request, action, case, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("support:case", case.id)
    case = selectors.access_case(workspace=request.workspace, case_id=case_id)
    return _case_page(request, case, bound={action: form}, status=422)


@workspace_view
def sla_settings(request):
    current = selectors.support_settings(workspace=request.workspace)
    form = forms.SettingsForm(request.POST or None, initial={name: getattr(current, name)
                                                             for name in SupportSettings.TARGET_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.support_settings_update(workspace=request.workspace, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "SLA targets saved.")
            return redirect("support:cases")
    return render(request, "support/settings.html", {"form": form, "statuses": Case.Status.choices},
                  status=422 if request.method == "POST" else 200)
