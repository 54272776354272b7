import datetime as dt
import math

import pytest
from django.utils import timezone

from ally.agenda.selectors import today
from ally.core.ranking import (
    CADENCE_URGENCY_CAP,
    PROMISE_URGENCY_CAP,
    cadence_urgency,
    promise_urgency,
    rank,
    relationship_importance,
)
from ally.core.today import TodayItem
from ally.interactions.services import follow_up_add, interaction_log
from ally.people.services import fact_add, person_create, person_update
from tests.dates import years_before


def _today(membership, **kwargs):
    return today(workspace=membership.workspace, user=membership.user, membership=membership, **kwargs)


def test_an_overdue_cadence_appears_with_a_human_reason(membership, alice, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="Talked about the move to Lisbon",
                    participants=[alice], occurred_at=days_ago(47))
    items = [i for i in _today(membership).items if i.person_id == alice.id]
    assert [(i.kind, i.reason) for i in items] == [("keep_in_touch", "last talked 47 days ago, cadence 30")]
    assert items[0].opener == "Pick up from last time: Talked about the move to Lisbon"


def test_logging_an_interaction_takes_the_person_off_today(membership, alice, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="Old", participants=[alice], occurred_at=days_ago(47))
    interaction_log(workspace=alice.workspace, kind="call", summary="New", participants=[alice])
    assert alice.id not in {i.person_id for i in _today(membership).items}


def test_a_person_never_contacted_is_due_a_cadence_after_being_added(membership, workspace):
    carol = person_create(workspace=workspace, name="Carol", cadence_days=7)
    carol.created_at = timezone.now() - dt.timedelta(days=9)
    person_update(person=carol, cadence_days=7)
    [item] = [i for i in _today(membership).items if i.person_id == carol.id]
    assert item.reason == "never contacted since added 9 days ago, cadence 7"


def test_birthdays_in_the_next_two_weeks_are_on_today(membership, workspace):
    soon = timezone.localdate() + dt.timedelta(days=3)
    later = timezone.localdate() + dt.timedelta(days=20)
    dan = person_create(workspace=workspace, name="Dan", birthday_month=soon.month, birthday_day=soon.day,
                        birthday_year=soon.year - 40)
    person_create(workspace=workspace, name="Erin", birthday_month=later.month, birthday_day=later.day)
    items = [i for i in _today(membership).items if i.kind == "birthday"]
    assert [(i.person_id, i.reason, i.due) for i in items] == [(dan.id, "birthday in 3 days (turns 40)", soon)]


def test_a_yearly_fact_recurs_and_a_one_off_fact_does_not(membership, alice):
    today_date = timezone.localdate()
    # Dated from the day it comes round, so "10 years" holds across a new year and on 29 February.
    fact_add(person=alice, kind="milestone", text="Wedding anniversary", recurs_yearly=True,
             date=years_before(today_date + dt.timedelta(days=5), 10))
    fact_add(person=alice, kind="milestone", text="Marathon", date=years_before(today_date + dt.timedelta(days=2), 1))
    reasons = [i.reason for i in _today(membership).items if i.kind == "dated_fact"]
    assert reasons == ["Wedding anniversary (10 years): in 5 days"]


def test_promises_due_or_late_are_on_today_and_future_ones_are_not(membership, alice, bob):
    follow_up_add(person=alice, text="Send the case study", due_on=timezone.localdate() - dt.timedelta(days=2))
    follow_up_add(person=bob, text="Call back", due_on=timezone.localdate() + dt.timedelta(days=2))
    items = [i for i in _today(membership).items if i.kind == "follow_up"]
    assert [(i.person_id, i.reason) for i in items] == [(alice.id, "you promised “Send the case study”, 2 days late")]


def test_an_opener_prefers_an_open_promise_then_a_little_thing(membership, alice, bob, days_ago):
    for person in (alice, bob):
        person_update(person=person, cadence_days=7)
        interaction_log(workspace=person.workspace, kind="call", summary="Last chat", participants=[person],
                        occurred_at=days_ago(30))
    follow_up_add(person=alice, text="Send the pricing", due_on=timezone.localdate() + dt.timedelta(days=5))
    fact_add(person=bob, kind="interest", text="Training for the Boston marathon")
    openers = {i.person_id: i.opener for i in _today(membership).items}
    assert openers[alice.id] == "You promised: Send the pricing"
    assert openers[bob.id] == "Ask about: Training for the Boston marathon"


def test_today_ranks_by_lateness_relative_to_cadence_not_alphabetically(membership, workspace, days_ago):
    zoe = person_create(workspace=workspace, name="Zoe", cadence_days=10)
    adam = person_create(workspace=workspace, name="Adam", cadence_days=100)
    interaction_log(workspace=workspace, kind="call", summary="x", participants=[zoe], occurred_at=days_ago(30))
    interaction_log(workspace=workspace, kind="call", summary="x", participants=[adam], occurred_at=days_ago(120))
    names = [i.person_name for i in _today(membership).items if i.kind == "keep_in_touch"]
    assert names == ["Zoe", "Adam"]  # 3x late beats 1.2x late, though Adam waited longer in days


def test_today_never_shows_another_workspace(membership, rita, days_ago):
    interaction_log(workspace=rita.workspace, kind="call", summary="x", participants=[rita], occurred_at=days_ago(30))
    assert rita.id not in {i.person_id for i in _today(membership).items}


def test_ranking_weighs_how_much_the_relationship_matters():
    close = TodayItem(kind="keep_in_touch", person_id=1, person_name="Close", due=dt.date(2026, 1, 1), reason="", urgency=1.5)
    distant = TodayItem(kind="keep_in_touch", person_id=2, person_name="Distant", due=dt.date(2026, 1, 1), reason="", urgency=1.6)
    weights = {1: relationship_importance(interaction_count=40, owned_by_viewer=True),
               2: relationship_importance(interaction_count=0, owned_by_viewer=False)}
    assert [i.person_name for i in rank([distant, close], lambda i: weights[i.person_id])] == ["Close", "Distant"]


def test_cadence_urgency_grows_with_lateness_relative_to_the_cadence_and_saturates():
    assert cadence_urgency(days_since_contact=30, cadence_days=30) == 1.0
    assert cadence_urgency(days_since_contact=47, cadence_days=30) == pytest.approx(1 + math.log(47 / 30))
    assert cadence_urgency(days_since_contact=60, cadence_days=30) < cadence_urgency(days_since_contact=30, cadence_days=14)
    assert cadence_urgency(days_since_contact=400, cadence_days=14) == CADENCE_URGENCY_CAP


def test_a_promise_grows_more_urgent_each_day_late_up_to_a_cap():
    assert [promise_urgency(days_late=d) for d in (0, 2, 100)] == [1.5, 2.0, PROMISE_URGENCY_CAP]


def test_a_year_of_silence_does_not_bury_a_promise_a_few_days_late(membership, alice, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="Long ago", participants=[alice],
                    occurred_at=days_ago(400))
    follow_up_add(person=alice, text="Send the case study", due_on=timezone.localdate() - dt.timedelta(days=3))
    # when
    items = _today(membership).items
    # then
    assert [item.kind for item in items] == ["follow_up", "keep_in_touch"]
