"""Today is where work gets done: every item reachable (pages, "show all", a filter by kind), dated things due
today first, and each item's actions in place (done, log a contact, snooze), with and without htmx."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ally.agenda.models import Snooze
from ally.agenda.selectors import today
from ally.interactions.models import FollowUp, Interaction
from ally.interactions.services import follow_up_add, interaction_log
from ally.opportunities.services import customer_question_ask, need_record, opportunity_open
from ally.ownership.models import CheckIn
from ally.people.services import person_create
from ally.workspaces.models import AuditEntry

HTMX = {"HTTP_HX_REQUEST": "true"}


def _overdue(workspace, n: int, days_ago) -> list:
    people = []
    for i in range(n):
        person = person_create(workspace=workspace, name=f"Person {i:03d}", cadence_days=7)
        interaction_log(workspace=workspace, kind="call", summary="x", participants=[person],
                        occurred_at=days_ago(30 + i))
        people.append(person)
    return people


def _keys(response) -> list[str]:
    return re.findall(r'data-key="([^"]+)"', response.content.decode())


def _promise(person, days_late: int = 1):
    follow_up = follow_up_add(person=person, text="Send the pricing",
                              due_on=timezone.localdate() - dt.timedelta(days=days_late))
    return follow_up, f"follow_up-{follow_up.id}"


# Every item reachable ------------------------------------------------------------------------------------------

def test_today_is_paged_and_shows_all_on_demand(client_olivia, workspace, days_ago):
    _overdue(workspace, 55, days_ago)
    first = client_olivia.get("/today/")
    second = client_olivia.get("/today/?page=2")
    everything = client_olivia.get("/today/?all=1")
    assert len(_keys(first)) == 50 and len(_keys(second)) == 5 and len(_keys(everything)) == 55
    assert set(_keys(first)) | set(_keys(second)) == set(_keys(everything))
    assert b"Page 1 of 2" in first.content and b'href="?page=2"' in first.content
    assert b"Show all 55" in first.content
    assert b'start="51"' in second.content  # numbering goes on across pages


@pytest.mark.parametrize("query, field", [("page=abc", "page"), ("page=0", "page"), ("kind=nonsense", "kind"),
                                          ("colour=red", "colour")])
def test_a_bad_page_or_an_unknown_kind_is_a_400_naming_it(client_olivia, workspace, query, field):
    response = client_olivia.get(f"/today/?{query}")
    assert response.status_code == 400
    assert field.encode() in response.content
    if field == "kind":
        assert b"unknown kind" in response.content and b"follow_up" in response.content


def test_today_filters_by_kind_with_a_count_for_each(client_olivia, workspace, alice, bob, days_ago):
    _overdue(workspace, 3, days_ago)
    _promise(alice)
    _promise(bob)
    response = client_olivia.get("/today/?kind=follow_up")
    assert [key.split("-")[0] for key in _keys(response)] == ["follow_up", "follow_up"]
    text = response.content.decode()
    assert re.search(r'data-kind-count="keep_in_touch">3<', text)
    assert re.search(r'data-kind-count="follow_up">2<', text)
    assert re.search(r'data-kind-count="all">5<', text)
    assert 'href="/today/?kind=follow_up" aria-current="page"' in text


def test_a_birthday_today_comes_first_whatever_its_rank(client_olivia, workspace, membership, days_ago):
    # given: 60 long-overdue relationships that all outrank a birthday of someone barely known
    _overdue(workspace, 60, days_ago)
    day = timezone.localdate()
    quiet = person_create(workspace=workspace, name="Zed Quiet", birthday_month=day.month, birthday_day=day.day)
    ranked = today(workspace=workspace, user=membership.user, membership=membership, limit=None)
    assert ranked.items[0].key == f"birthday-{quiet.id}" and ranked.due_today == 1
    # when Today opens
    response = client_olivia.get("/today/")
    # then the birthday is first, in the "Due today" group
    assert _keys(response)[0] == f"birthday-{quiet.id}"
    assert b"Due today" in response.content and b"Everything else" in response.content


def test_the_persons_name_opens_the_person_and_the_item_its_own_page(client_olivia, workspace, alice, days_ago):
    need = need_record(workspace=workspace, person=alice, text="Rota chaos", urgency=4)
    opportunity = opportunity_open(workspace=workspace, person=alice, needs=[need])
    customer_question_ask(opportunity=opportunity, text="Split shifts?", asked_at=days_ago(4))
    text = client_olivia.get("/today/").content.decode()
    item = re.search(r'<li class="today-item[^"]*" id="item-question[^>]*>(.*?)</li>', text, re.S)
    item = item or re.search(r'data-kind="open_question"[^>]*>(.*?)</li>', text, re.S)
    body = item.group(1)
    assert f'<a href="/people/{alice.id}/"><strong>Alice Ally</strong></a>' in body
    assert f'href="/opportunities/{opportunity.id}/">Open the opportunity</a>' in body
    assert f'href="/people/{alice.id}/brief/"' in body


# Done ----------------------------------------------------------------------------------------------------------

def test_a_promise_is_kept_from_today_with_a_plain_post(client_olivia, alice):
    follow_up, key = _promise(alice)
    response = client_olivia.post(f"/today/items/{key}/done/", {"next": "/today/?kind=follow_up"})
    assert response.status_code == 302 and response["Location"] == "/today/?kind=follow_up"
    assert FollowUp.objects.get(id=follow_up.id).done_at is not None
    assert AuditEntry.objects.filter(action="follow_up.kept", object_id=follow_up.id).count() == 1


def test_a_promise_kept_with_htmx_swaps_the_item_and_updates_the_counts(client_olivia, alice, bob):
    _, key = _promise(alice)
    _promise(bob)
    response = client_olivia.post(f"/today/items/{key}/done/", {"next": "/today/"}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 200
    assert f'id="item-{key}"' in text and 'data-done="true"' in text and "Promise kept: Send the pricing" in text
    assert 'id="today-counts" class="today-counts" hx-swap-oob="true"' in text
    assert re.search(r'data-count="total">1<', text)


def test_an_other_next_is_not_followed(client_olivia, alice):
    _, key = _promise(alice)
    response = client_olivia.post(f"/today/items/{key}/done/", {"next": "https://evil.example/today/"})
    assert response["Location"] == "/today/"


def test_a_check_in_is_recorded_from_today(client_olivia, alice_purchase):
    check_in = alice_purchase.check_ins.get(day=3)
    key = f"check_in-{check_in.id}"
    bad = client_olivia.post(f"/today/items/{key}/done/", {"outcome": "splendid"}, **HTMX)
    assert bad.status_code == 422 and b"Select a valid choice" in bad.content
    response = client_olivia.post(f"/today/items/{key}/done/", {"outcome": "going_well", "note": "Loves it"}, **HTMX)
    assert response.status_code == 200 and b"Check-in recorded: going well" in response.content
    check_in.refresh_from_db()
    assert (check_in.status, check_in.outcome, check_in.note) == (CheckIn.Status.DONE, "going_well", "Loves it")


def test_a_question_is_answered_from_today_and_an_empty_answer_is_refused(client_olivia, workspace, alice, days_ago):
    opportunity = opportunity_open(workspace=workspace, person=alice, title="Rota")
    question = customer_question_ask(opportunity=opportunity, text="Split shifts?", asked_at=days_ago(4))
    key = f"open_question-{question.id}"
    empty = client_olivia.post(f"/today/items/{key}/done/", {"answer": "  "})
    assert empty.status_code == 422 and b"This field is required" in empty.content
    assert client_olivia.post(f"/today/items/{key}/done/", {"answer": "Yes, any pattern."}).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Yes, any pattern." and question.answered_at is not None


def test_an_item_without_a_done_says_what_to_do_instead(client_olivia, workspace, days_ago):
    [person] = _overdue(workspace, 1, days_ago)
    response = client_olivia.post(f"/today/items/keep_in_touch-{person.id}/done/", **HTMX)
    assert response.status_code == 422 and b"done by logging a contact or snoozing it" in response.content


# Log a contact -------------------------------------------------------------------------------------------------

def test_a_contact_logged_from_today_resets_the_clock(client_olivia, workspace, days_ago):
    [person] = _overdue(workspace, 1, days_ago)
    key = f"keep_in_touch-{person.id}"
    response = client_olivia.post(f"/today/items/{key}/log/", {"kind": "email", "summary": "Sent the plan",
                                                               "next": "/today/"})
    assert response.status_code == 302 and response["Location"] == "/today/"
    logged = Interaction.objects.filter(participations__person=person).latest("occurred_at")
    assert (logged.kind, logged.summary) == ("email", "Sent the plan")
    person.refresh_from_db()
    assert person.touch_due_at > timezone.now()
    assert key not in _keys(client_olivia.get("/today/"))


def test_a_contact_logged_with_htmx_keeps_the_line_and_updates_the_counts(client_olivia, workspace, days_ago):
    people = _overdue(workspace, 2, days_ago)
    key = f"keep_in_touch-{people[0].id}"
    response = client_olivia.post(f"/today/items/{key}/log/", {"kind": "call", "summary": "Caught up"}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 200 and "Logged a call with Person 000." in text
    assert re.search(r'data-kind-count="keep_in_touch">1<', text)


@pytest.mark.parametrize("data, field, message", [
    ({"kind": "call", "summary": ""}, "summary", "This field is required"),
    ({"kind": "pigeon", "summary": "Coo"}, "kind", "Select a valid choice"),
    ({"kind": "call", "summary": "bad\x00byte"}, "summary", "ull"),
])
def test_a_bad_contact_shows_the_error_next_to_the_field(client_olivia, workspace, days_ago, data, field, message):
    [person] = _overdue(workspace, 1, days_ago)
    before = Interaction.objects.count()
    for headers in ({}, HTMX):
        response = client_olivia.post(f"/today/items/keep_in_touch-{person.id}/log/", data, **headers)
        assert response.status_code == 422
        text = response.content.decode()
        assert f'id="log-{field}-keep_in_touch-{person.id}"' in text and message in text
        assert "<details class=\"today-action today-log\" open>" in text
    assert Interaction.objects.count() == before


# Snooze --------------------------------------------------------------------------------------------------------

def test_a_snoozed_item_is_hidden_until_its_day_then_returns(client_olivia, workspace, membership, alice,
                                                            time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    _, key = _promise(alice)
    until = timezone.localdate() + dt.timedelta(days=3)
    response = client_olivia.post(f"/today/items/{key}/snooze/", {"until": until.isoformat()}, **HTMX)
    assert response.status_code == 200 and b"Snoozed until" in response.content
    assert re.search(rb'data-count="total">0<', response.content) and b"1 snoozed" in response.content
    assert key not in _keys(client_olivia.get("/today/"))
    entry = AuditEntry.objects.get(action="today.snoozed")
    assert entry.person_id == alice.id and entry.changes["until"] == [None, until.isoformat()]
    time_machine.shift(dt.timedelta(days=2))
    assert key not in _keys(client_olivia.get("/today/"))
    time_machine.shift(dt.timedelta(days=1))
    assert key in _keys(client_olivia.get("/today/"))


def test_a_snoozed_item_cannot_be_acted_on_until_it_returns_then_snoozes_again(client_olivia, alice, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    _, key = _promise(alice)
    for days in (2, 9):
        until = timezone.localdate() + dt.timedelta(days=days)
        assert client_olivia.post(f"/today/items/{key}/snooze/", {"until": until.isoformat()}).status_code == 302
        assert client_olivia.post(f"/today/items/{key}/done/").status_code == 404  # hidden: not on Today
        time_machine.shift(dt.timedelta(days=days))
    assert Snooze.objects.get().until == until


def test_a_snooze_is_the_members_own(client_olivia, client_max, workspace, alice):
    _, key = _promise(alice)
    client_olivia.post(f"/today/items/{key}/snooze/", {"until": (timezone.localdate() + dt.timedelta(days=2))})
    assert key in _keys(client_max.get("/today/"))


@pytest.mark.parametrize("until, message", [
    ("yesterday", "Enter a date (YYYY-MM-DD)."),
    ("", "This field is required"),
    ("2026-02-30", "Enter a date (YYYY-MM-DD)."),
    ("today", "must be after today"),
    ("past", "must be after today"),
    ("far", "must be within a year"),
])
def test_a_snooze_to_a_bad_day_is_refused_naming_the_field(client_olivia, alice, until, message):
    _, key = _promise(alice)
    day = timezone.localdate()
    until = {"today": day, "past": day - dt.timedelta(days=3), "far": day + dt.timedelta(days=400)}.get(until, until)
    for headers in ({}, HTMX):
        response = client_olivia.post(f"/today/items/{key}/snooze/", {"until": str(until)}, **headers)
        assert response.status_code == 422
        assert message in response.content.decode() and f'id="snooze-until-{key}"' in response.content.decode()
    assert not Snooze.objects.exists()


# Isolation and roles -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("action, data", [("done", {}), ("log", {"kind": "call", "summary": "x"}),
                                          ("snooze", {"until": "2099-01-01"})])
def test_another_workspaces_items_are_not_found(client_olivia, workspace, rita, action, data):
    follow_up, key = _promise(rita)
    for item in (key, f"keep_in_touch-{rita.id}", "follow_up-999999999", "nonsense-1", "follow_up-abc"):
        for headers in ({}, HTMX):
            assert client_olivia.post(f"/today/items/{item}/{action}/", data, **headers).status_code == 404
    assert FollowUp.objects.get(id=follow_up.id).done_at is None
    assert not Snooze.objects.exists() and not Interaction.objects.filter(participations__person=rita).exists()


def test_a_get_of_an_action_is_refused(client_olivia, alice):
    _, key = _promise(alice)
    assert client_olivia.get(f"/today/items/{key}/done/").status_code == 405


@pytest.mark.parametrize("action, data", [("done", {}), ("log", {"kind": "call", "summary": "x"}),
                                          ("snooze", {"until": "2099-01-01"})])
def test_a_read_only_member_sees_today_but_cannot_act(client_rae, alice, action, data):
    follow_up, key = _promise(alice)
    assert key in _keys(client_rae.get("/today/"))
    response = client_rae.post(f"/today/items/{key}/{action}/", data, **HTMX)
    assert response.status_code == 403
    assert FollowUp.objects.get(id=follow_up.id).done_at is None and not Snooze.objects.exists()


# Query count ---------------------------------------------------------------------------------------------------

def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_of_everything(workspace, membership, n: int, days_ago) -> None:
    people = _overdue(workspace, n, days_ago)
    day = timezone.localdate()
    for i, person in enumerate(people):
        _promise(person, days_late=i % 3)
        if i % 2:
            person.birthday_month, person.birthday_day = day.month, day.day
            person.save()
        if i % 3 == 0:
            Snooze.objects.create(workspace=workspace, membership=membership, item=f"keep_in_touch-{person.id}",
                                  person=person, until=day + dt.timedelta(days=5))


def test_today_issues_the_same_queries_for_few_and_many_items(client_olivia, workspace, membership, days_ago):
    _more_of_everything(workspace, membership, 4, days_ago)
    few = {url: _queries(client_olivia, url) for url in ("/today/", "/today/?all=1", "/today/?kind=follow_up")}
    _more_of_everything(workspace, membership, 40, days_ago)
    many = {url: _queries(client_olivia, url) for url in ("/today/", "/today/?all=1", "/today/?kind=follow_up")}
    assert many == few
    assert len(_keys(client_olivia.get("/today/?all=1"))) > 60


def test_the_demos_own_items_are_not_found_from_acme(client_olivia, demo_workspace):
    owner = demo_workspace.memberships.order_by("pk").first()
    keys = [item.key for item in today(workspace=demo_workspace, user=owner.user, membership=owner, limit=None).items]
    assert len({key.split("-")[0] for key in keys}) >= 4
    for key in keys:
        for action, data in (("done", {"answer": "x", "outcome": "going_well"}), ("log", {"kind": "call", "summary": "x"}),
                             ("snooze", {"until": "2099-01-01"})):
            assert client_olivia.post(f"/today/items/{key}/{action}/", data).status_code == 404, (key, action)
    assert not Snooze.objects.exists()
