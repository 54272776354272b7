"""Pages: the pull board, opportunities and their moves, needs, catalogues, and the meeting brief."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, render_page, workspace_view
from ally.interactions.selectors import access_interaction
from ally.opportunities import selectors, services
from ally.opportunities.bank import ensure_question_bank
from ally.opportunities.brief import meeting_brief
from ally.opportunities.filters import OpportunityFilter
from ally.opportunities.forms import (
    AlternativeForm,
    AnswerForm,
    CustomerQuestionForm,
    DecisionInfoForm,
    DiscoveryQuestionForm,
    MoveForm,
    NeedEditForm,
    NeedForm,
    OfferingForm,
    OpportunityEditForm,
    OpportunityForm,
)
from ally.opportunities.models import ENDED_STAGES, OPEN_STAGES, Driver, Stage
from ally.opportunities.person_sections import needs_context
from ally.people.selectors import access_person, resolve_person_reference
from ally.workspaces.selectors import team_members

LIST_PAGE_SIZE = 50


def _aware(value):
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _interaction(request, value):
    """The interaction a form chose; one the user may not see is reported on the field."""
    if not value:
        return None
    try:
        return access_interaction(workspace=request.workspace, interaction_id=value, user=request.user)
    except NotFound:
        raise ValidationError({"interaction": "not found in this workspace"}) from None


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


# --- the board -------------------------------------------------------------------------------------------

def _helped_context(workspace) -> dict:
    today = timezone.localdate()
    end = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    start = (end - dt.timedelta(days=365)).replace(day=1)
    series = selectors.decisions_helped_by_month(workspace=workspace, start=start, end=end)
    peak = max((n for _, n in series), default=0) or 1
    return {
        "helped_total": sum(n for _, n in series), "helped_start": start,
        "helped_peak": max((n for _, n in series), default=0),
        "helped_series": [(month, n, round(100 * n / peak)) for month, n in series],
        "helped_breakdown": selectors.decisions_helped_breakdown(workspace=workspace, start=start, end=end),
    }


def _board_context(request) -> dict:
    return {"columns": selectors.pull_board(workspace=request.workspace), **_helped_context(request.workspace)}


@workspace_view
def board(request):
    return render_page(request, "opportunities/board.html", _board_context(request),
                       partial="opportunities/_board.html")


# --- opportunities -----------------------------------------------------------------------------------

def _move_targets(opportunity) -> list[str]:
    """The stages offered in the move form: every other open stage and the endings, or reopening."""
    if opportunity.stage == Stage.OWNING:
        return []
    if opportunity.stage in ENDED_STAGES:
        return [Stage.EXPLORING]
    return [s for s in (*OPEN_STAGES, *ENDED_STAGES) if s != opportunity.stage]


def _move_form(request, opportunity, data=None) -> MoveForm:
    form = MoveForm(data, stages=_move_targets(opportunity),
                    alternatives=selectors.alternative_list(workspace=request.workspace, active_only=True),
                    offerings=selectors.offering_list(workspace=request.workspace, active_only=True))
    form.set_interactions(selectors.person_recent_interactions(person=opportunity.person, user=request.user))
    return form


def _detail_context(request, opportunity, **forms) -> dict:
    page = selectors.opportunity_page(opportunity=opportunity)
    interactions = selectors.person_recent_interactions(person=opportunity.person, user=request.user)
    info_form = forms.get("info_form") or DecisionInfoForm()
    question_form = forms.get("question_form") or CustomerQuestionForm()
    for form in (info_form, question_form):
        form.set_interactions(interactions)
    return {"page": page, "opportunity": opportunity, "move_form": forms.get("move_form") or _move_form(
        request, opportunity), "info_form": info_form, "question_form": question_form, "answer_form": AnswerForm(),
        "can_move": bool(_move_targets(opportunity))}


@workspace_view
def opportunity_detail(request, opportunity_id):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    return render(request, "opportunities/opportunity_detail.html", _detail_context(request, opportunity))


@workspace_view
def opportunity_list(request):
    try:
        filters = OpportunityFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    opportunities = selectors.opportunity_list(workspace=request.workspace, filters=filters)
    page = Paginator(opportunities, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "opportunities/opportunity_list.html", {
        "opportunities": page.object_list, "page": page, "filters": filters, "stage": filters.stage or "",
        "stages": Stage.choices, "members": team_members(workspace=request.workspace),
        "query_string": urlencode(filters.active())})


@workspace_view
def opportunity_open(request):
    person = access_person(workspace=request.workspace, person_id=request.GET.get("person") or
                           request.POST.get("person"))
    needs = list(selectors.needs_for_opportunity_choice(person=person))
    offerings = list(selectors.offering_list(workspace=request.workspace, active_only=True))
    initial = {"needs": [request.GET["need"]]} if request.GET.get("need") else {}
    form = OpportunityForm(request.POST or None, needs=needs, offerings=offerings, initial=initial)
    form.set_interactions(selectors.person_recent_interactions(person=person, user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            chosen = {str(n.id): n for n in needs}
            opportunity = services.opportunity_open(
                workspace=request.workspace, person=person, title=data["title"], reason=data["reason"],
                needs=[chosen[i] for i in data["needs"]], offerings=[o for o in offerings if str(o.id) in
                                                                     data["offerings"]],
                interaction=_interaction(request, data["interaction"]), owner=request.membership,
                author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{person.name} is exploring “{opportunity.title}”.")
            return redirect("opportunities:detail", opportunity.id)
    return render(request, "opportunities/opportunity_form.html", {
        "form": form, "person": person, "title": f"Open an opportunity with {person.name}"}, status=_status(request))


@workspace_view
def opportunity_edit(request, opportunity_id):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    page = selectors.opportunity_page(opportunity=opportunity)
    needs = {n.id: n for n in [*page.needs, *selectors.needs_for_opportunity_choice(person=opportunity.person)]}
    offerings = {o.id: o for o in [*page.offerings, *selectors.offering_list(workspace=request.workspace,
                                                                              active_only=True)]}
    form = OpportunityEditForm(request.POST or None, needs=needs.values(), offerings=offerings.values(), initial={
        "title": opportunity.title, "needs": [str(n.id) for n in page.needs],
        "offerings": [str(o.id) for o in page.offerings]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opportunity_update(opportunity=opportunity, title=data["title"],
                                        needs=[needs[int(i)] for i in data["needs"]],
                                        offerings=[offerings[int(i)] for i in data["offerings"]])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("opportunities:detail", opportunity.id)
    return render(request, "opportunities/opportunity_form.html", {
        "form": form, "person": opportunity.person, "opportunity": opportunity,
        "title": f"Edit “{opportunity.title}”"}, status=_status(request))


def _move(request, opportunity, form) -> None:
    data = form.cleaned_data
    alternative = offering = None
    if data["alternative"]:
        alternative = selectors.access_alternative(workspace=request.workspace, alternative_id=data["alternative"])
    if data["offering"]:
        offering = selectors.access_offering(workspace=request.workspace, offering_id=data["offering"])
    services.opportunity_move(
        opportunity=opportunity, stage=data["stage"], reason=data["reason"], occurred_at=_aware(data["occurred_at"]),
        interaction=_interaction(request, data["interaction"]), alternative=alternative,
        alternative_name=data["alternative_name"], revisit_on=data["revisit_on"], offering=offering,
        amount=data["amount"] or None, currency=data["currency"], purchased_on=data["purchased_on"],
        author=request.user)


@workspace_view
def opportunity_move(request, opportunity_id):
    """Move a card: asks for the customer's reason; from the board (htmx) the board redraws in place."""
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    from_board = request.GET.get("board") == "1" or request.POST.get("board") == "1"
    form = _move_form(request, opportunity, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _move(request, opportunity, form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            opportunity.refresh_from_db()
            if request.htmx and from_board:
                return render(request, "opportunities/_board.html", _board_context(request))
            messages.success(request, f"“{opportunity.title}”: {opportunity.get_stage_display().lower()}.")
            return redirect("opportunities:detail", opportunity.id)
    context = {"opportunity": opportunity, "move_form": form, "from_board": from_board}
    if request.htmx:
        response = render(request, "opportunities/_move_form.html", context, status=_status(request))
        if request.method == "POST":
            response["HX-Retarget"], response["HX-Reswap"] = f"#move-{opportunity.id}", "innerHTML"
        return response
    if request.method == "POST":
        return render(request, "opportunities/opportunity_detail.html",
                      _detail_context(request, opportunity, move_form=form), status=422)
    return render(request, "opportunities/move.html", context)


@workspace_view
@require_POST
def decision_info_add(request, opportunity_id):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    form = DecisionInfoForm(request.POST)
    form.set_interactions(selectors.person_recent_interactions(person=opportunity.person, user=request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_info_share(opportunity=opportunity, what=data["what"],
                                         shared_at=_aware(data["shared_at"]),
                                         interaction=_interaction(request, data["interaction"]), author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("opportunities:detail", opportunity.id)
    return render(request, "opportunities/opportunity_detail.html",
                  _detail_context(request, opportunity, info_form=form), status=422)


@workspace_view
@require_POST
def customer_question_ask(request, opportunity_id):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    form = CustomerQuestionForm(request.POST)
    form.set_interactions(selectors.person_recent_interactions(person=opportunity.person, user=request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.customer_question_ask(opportunity=opportunity, text=data["text"],
                                           asked_at=_aware(data["asked_at"]),
                                           interaction=_interaction(request, data["interaction"]),
                                           author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("opportunities:detail", opportunity.id)
    return render(request, "opportunities/opportunity_detail.html",
                  _detail_context(request, opportunity, question_form=form), status=422)


@workspace_view
@require_POST
def customer_question_answer(request, question_id):
    question = selectors.access_customer_question(workspace=request.workspace, question_id=question_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.customer_question_answer(question=question, answer=form.cleaned_data["answer"],
                                              author=request.user)
        except ValidationError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "An answer is required.")
    return redirect("opportunities:detail", question.opportunity_id)


# --- needs -------------------------------------------------------------------------------------------

def _need_data(request, person, form) -> dict:
    data = dict(form.cleaned_data)
    said_by = data.pop("said_by").strip()
    try:
        data["said_by"] = resolve_person_reference(workspace=request.workspace, reference=said_by) if said_by \
            else None
    except NotFound:
        raise ValidationError({"said_by": f"no person called '{said_by}'"}) from None
    data["said_at"] = _aware(data["said_at"])
    data["interaction"] = _interaction(request, data["interaction"])
    data["organization"] = person.organization if data.pop("for_organization") and person.organization_id else None
    data["cost_amount"] = data["cost_amount"] or None
    return data


def _panel(request, person, form=None, status=200):
    context = needs_context(person, request, need_form=form)
    return render(request, "opportunities/_needs_panel.html", {"ctx": context}, status=status)


@workspace_view
def need_add(request, person_id):
    """Record a need from the person page; with htmx the panel redraws in place."""
    person = access_person(workspace=request.workspace, person_id=person_id)
    form = NeedForm(request.POST or None)
    form.set_interactions(selectors.person_recent_interactions(person=person, user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.need_record(workspace=request.workspace, person=person, author=request.user,
                                 **_need_data(request, person, form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                return _panel(request, person)
            return redirect("people:detail", person.id)
    if request.htmx:
        return _panel(request, person, form, status=_status(request))
    return render(request, "opportunities/simple_form.html", {
        "form": form, "person": person, "title": f"A need of {person.name}", "submit": "Record the need"},
        status=_status(request))


@workspace_view
def need_edit(request, need_id):
    need = selectors.access_need(workspace=request.workspace, need_id=need_id)
    person = need.person
    initial = {field: getattr(need, field) for field in (
        "text", "status", "driver", "urgency", "cost_of_doing_nothing", "cost_amount", "cost_currency",
        "cost_period")}
    initial.update(said_by=f"{need.said_by.name} (#{need.said_by_id})" if need.said_by_id else "",
                   said_at=timezone.localtime(need.said_at).strftime("%Y-%m-%dT%H:%M"),
                   interaction=need.interaction_id or "", for_organization=need.organization_id is not None)
    form = NeedEditForm(request.POST or None, initial=initial)
    form.set_interactions(selectors.person_recent_interactions(person=person, user=request.user))
    if request.method == "POST" and form.is_valid():
        data = _need_data_or_errors(request, person, form)
        if data is not None:
            try:
                services.need_update(need=need, author=request.user, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("people:detail", person.id)
    return render(request, "opportunities/simple_form.html", {
        "form": form, "person": person, "title": f"A need of {person.name}", "submit": "Save"},
        status=_status(request))


def _need_data_or_errors(request, person, form):
    try:
        return _need_data(request, person, form)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@workspace_view
@require_POST
def need_status(request, need_id):
    """Confirm (they said so), mark addressed, or drop a need: one click from the person page."""
    need = selectors.access_need(workspace=request.workspace, need_id=need_id)
    try:
        services.need_set_status(need=need, status=request.POST.get("status", ""), author=request.user)
    except ValidationError as exc:
        if request.htmx:
            return _panel(request, need.person, status=422)
        messages.error(request, str(exc))
    if request.htmx:
        return _panel(request, need.person)
    return redirect("people:detail", need.person_id)


# --- catalogues --------------------------------------------------------------------------------------

def _catalogue(request, *, form_class, create, listing, template, title, instance=None, update=None,
               initial=None, redirect_to):
    form = form_class(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                create(workspace=request.workspace, **form.cleaned_data)
            else:
                update(instance, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(redirect_to)
    context = {"form": form, "title": title, "items": listing() if listing else None, "instance": instance}
    return render(request, template, context, status=_status(request))


@workspace_view
def offering_list(request):
    return _catalogue(request, form_class=OfferingForm, create=services.offering_create, title="Offerings",
                      listing=lambda: selectors.offering_list(workspace=request.workspace),
                      template="opportunities/offerings.html", redirect_to="opportunities:offerings")


@workspace_view
def offering_edit(request, offering_id):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id)
    return _catalogue(request, form_class=OfferingForm, create=None, listing=None,
                      update=lambda o, **data: services.offering_update(offering=o, **data), instance=offering,
                      initial={"name": offering.name, "description": offering.description, "price": offering.price,
                               "currency": offering.currency, "active": offering.active},
                      template="opportunities/catalogue_form.html", title=f"Edit {offering.name}",
                      redirect_to="opportunities:offerings")


@workspace_view
def alternative_list(request):
    return _catalogue(request, form_class=AlternativeForm, create=services.alternative_create, title="Alternatives",
                      listing=lambda: selectors.alternative_list(workspace=request.workspace),
                      template="opportunities/alternatives.html", redirect_to="opportunities:alternatives")


@workspace_view
def alternative_edit(request, alternative_id):
    alternative = selectors.access_alternative(workspace=request.workspace, alternative_id=alternative_id)
    return _catalogue(request, form_class=AlternativeForm, create=None, listing=None,
                      update=lambda a, **data: services.alternative_update(alternative=a, **data),
                      instance=alternative,
                      initial={"name": alternative.name, "vendor": alternative.vendor, "good_for": alternative.good_for,
                               "website": alternative.website, "active": alternative.active},
                      template="opportunities/catalogue_form.html", title=f"Edit {alternative.name}",
                      redirect_to="opportunities:alternatives")


@workspace_view
def question_bank(request):
    ensure_question_bank(workspace=request.workspace)
    form = DiscoveryQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.discovery_question_create(workspace=request.workspace, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("opportunities:questions")
    questions = selectors.question_bank(workspace=request.workspace)
    groups = [(label, [q for q in questions if q.driver == value]) for value, label in Driver.choices]
    return render(request, "opportunities/question_bank.html", {"form": form, "groups": groups},
                  status=_status(request))


@workspace_view
def question_edit(request, question_id):
    question = selectors.access_discovery_question(workspace=request.workspace, question_id=question_id)
    return _catalogue(request, form_class=DiscoveryQuestionForm, create=None, listing=None,
                      update=lambda q, position=None, **data: services.discovery_question_update(
                          question=q, **data, **({"position": position} if position is not None else {})),
                      instance=question,
                      initial={"text": question.text, "driver": question.driver, "purpose": question.purpose,
                               "position": question.position, "active": question.active},
                      template="opportunities/catalogue_form.html", title="Edit a discovery question",
                      redirect_to="opportunities:questions")


@workspace_view
@require_POST
def question_delete(request, question_id):
    question = selectors.access_discovery_question(workspace=request.workspace, question_id=question_id)
    services.discovery_question_delete(question=question)
    return redirect("opportunities:questions")


# --- the meeting brief -------------------------------------------------------------------------------

@workspace_view
def brief(request, person_id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    return render(request, "opportunities/brief.html", {"brief": meeting_brief(person=person, user=request.user)})
