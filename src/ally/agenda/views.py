"""The Today page, the actions on its items, and the "losing touch" view.

Every action works as a plain form POST (then back to Today) and, with htmx, in place: the item is
swapped for a line saying what was done (so the list keeps its order) and the counts are updated out of
band. An action finds its item on the member's Today by key, so only what is on it can be acted on; an
item that is not there (another workspace's, already done, snoozed) is a 404.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.agenda import services
from ally.agenda.filters import TodayFilter
from ally.agenda.forms import DONE_FORMS, EmptyForm, LogContactForm, SnoozeForm
from ally.agenda.selectors import DEFAULT_LIMIT, today, today_item
from ally.core.errors import ValidationError
from ally.core.pages import apply_errors, bad_query, safe_next, workspace_view
from ally.core.today import kind_labels
from ally.interactions import services as interactions
from ally.interactions.models import Interaction
from ally.interactions.selectors import access_follow_up
from ally.opportunities.selectors import access_customer_question
from ally.opportunities.services.decisions import customer_question_answer
from ally.ownership.models import CheckIn
from ally.ownership.selectors import access_check_in
from ally.ownership.services import check_in_complete
from ally.people.selectors import access_person, has_people, losing_touch

PAGE_SIZE = DEFAULT_LIMIT


def _first_run(request):
    """An empty workspace (nobody but the team) opens onto a short start page instead of an empty Today."""
    if has_people(workspace=request.workspace):
        return None
    return render(request, "agenda/start.html", {})


def _listing(request, query: QueryDict) -> dict:
    """The list a query string asks for: its kinds, its page (or every item with `all`)."""
    filters = TodayFilter.from_query(query)
    show_all = query.get("all") in ("1", "true", "yes")
    raw_page = query.get("page") or "1"
    if not raw_page.isdigit() or int(raw_page) < 1 or len(raw_page) > 6:
        raise ValidationError({"page": f"'{raw_page[:20]}' is not a page number"})
    number = int(raw_page)
    offset = 0 if show_all else (number - 1) * PAGE_SIZE
    agenda = today(workspace=request.workspace, user=request.user, membership=request.membership,
                   limit=None if show_all else PAGE_SIZE, offset=offset, kinds=filters.kinds)
    pages = max(1, -(-agenda.total // PAGE_SIZE))
    chosen = set(filters.kind or ())
    labels = kind_labels()
    kinds = [{"kind": kind, "label": labels[kind], "count": count, "chosen": kind in chosen,
              "url": "?" + _query(kind=[kind])} for kind, count in agenda.counts.items()]
    due_items = [item for item in agenda.items if item.due_today]
    rest_items = [item for item in agenda.items if not item.due_today]
    day = timezone.localdate()
    return {
        "agenda": agenda, "kinds": kinds, "due_items": due_items, "rest_items": rest_items,
        "rest_start": agenda.offset + 1 + len(due_items), "page_size": PAGE_SIZE,
        "tomorrow": day + dt.timedelta(days=1), "next_week": day + dt.timedelta(days=7), "filtered": bool(chosen), "show_all": show_all, "page_number": number,
        "pages": pages, "first_number": agenda.offset + 1,
        "previous_url": "?" + _query(filters.kind, page=number - 1) if number > 1 and not show_all else None,
        "next_url": "?" + _query(filters.kind, page=number + 1) if number < pages and not show_all else None,
        "all_url": "?" + _query(filters.kind, all="1"), "paged_url": "?" + _query(filters.kind),
        "interaction_kinds": Interaction.Kind.choices, "outcomes": CheckIn.Outcome.choices,
        "done_kinds": DONE_FORMS, "here": request.get_full_path(),
    }


def _query(kind=None, *, page: int = 1, all: str = "") -> str:
    query = QueryDict(mutable=True)
    for value in kind or ():
        query.appendlist("kind", value)
    if page > 1:
        query["page"] = str(page)
    if all:
        query["all"] = all
    return query.urlencode()


@workspace_view
def today_page(request):
    try:
        context = _listing(request, request.GET)
    except ValidationError as error:
        return bad_query(request, error)
    if (start := _first_run(request)) is not None:
        return start
    return render(request, "agenda/today.html", context)


def _back(request) -> str:
    target = safe_next(request)
    return target if target and target.startswith(reverse("agenda:today")) else reverse("agenda:today")


def _answer(request, item, *, action: str, done: str, form, status: int = 200):
    """After an action: htmx gets the item's line (what was done, or the form with its errors) and the counts
    out of band; a plain POST goes back to Today, or shows the form with its errors."""
    back = _back(request)
    if status == 200 and not request.htmx:
        messages.success(request, done)
        return redirect(back)
    try:
        context = _listing(request, QueryDict(urlsplit(back).query))
    except ValidationError:
        context = _listing(request, QueryDict())
    context |= {"item": item, "done": done if status == 200 else "", "failed": action if status != 200 else "",
                "form": form, "here": back}
    template = "agenda/_item_answer.html" if request.htmx else "agenda/item_action.html"
    return render(request, template, context, status=status)


def _item(request, key):
    return today_item(workspace=request.workspace, user=request.user, membership=request.membership, key=key)


@require_POST
@workspace_view
def item_done(request, key):
    """Mark an item done with the service of what it is: a promise kept, a check-in recorded, a question answered."""
    item = _item(request, key)
    form_class = DONE_FORMS.get(item.kind)
    if form_class is None:
        form = EmptyForm({})
        form.is_valid()
        form.add_error(None, f"A {item.label.lower()} item is done by logging a contact or snoozing it.")
        return _answer(request, item, action="done", done="", form=form, status=422)
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if item.kind == "follow_up":
                follow_up = access_follow_up(workspace=request.workspace, follow_up_id=item.details["follow_up_id"])
                interactions.follow_up_update(follow_up=follow_up, done=True)
                done = f"Promise kept: {follow_up.text}"
            elif item.kind == "check_in":
                check_in = access_check_in(workspace=request.workspace, check_in_id=item.details["check_in_id"])
                check_in_complete(check_in=check_in, outcome=data["outcome"], satisfaction=None, note=data["note"],
                                  author=request.user)
                done = f"Check-in recorded: {check_in.get_outcome_display().lower()}"
            else:
                question = access_customer_question(workspace=request.workspace,
                                                    question_id=item.details["question_id"])
                customer_question_answer(question=question, answer=data["answer"], author=request.user)
                done = "Question answered"
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _answer(request, item, action="done", done=f"{done} ({item.person_name}).", form=form)
    return _answer(request, item, action="done", done="", form=form, status=422)


@require_POST
@workspace_view
def item_log(request, key):
    """Log a contact with the item's person (a call, an email, ...), through the interactions service."""
    item = _item(request, key)
    form = LogContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = access_person(workspace=request.workspace, person_id=item.person_id)
        try:
            interactions.interaction_log(workspace=request.workspace, kind=data["kind"], summary=data["summary"],
                                         participants=[person], author=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            kind = dict(Interaction.Kind.choices)[data["kind"]].lower()
            return _answer(request, item, action="log", done=f"Logged a {kind} with {item.person_name}.", form=form)
    return _answer(request, item, action="log", done="", form=form, status=422)


@require_POST
@workspace_view
def item_snooze(request, key):
    """Put an item aside until a day (after today, in the member's time zone)."""
    item = _item(request, key)
    form = SnoozeForm(request.POST)
    if form.is_valid():
        try:
            snooze = services.today_item_snooze(workspace=request.workspace, membership=request.membership, item=item,
                                                until=form.cleaned_data["until"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            day = f"{snooze.until:%A} {snooze.until.day} {snooze.until:%B %Y}"
            return _answer(request, item, action="snooze", done=f"Snoozed until {day}.", form=form)
    return _answer(request, item, action="snooze", done="", form=form, status=422)


@workspace_view
def losing_touch_page(request):
    page = Paginator(losing_touch(workspace=request.workspace), 50).get_page(request.GET.get("page"))
    return render(request, "agenda/losing_touch.html", {"page": page})
