import datetime as dt

from django.utils import timezone

from ally.opportunities.selectors import (
    alternatives_recommended,
    decisions_helped,
    decisions_helped_breakdown,
    decisions_helped_by_month,
)
from ally.opportunities.services import need_record, opportunity_move, opportunity_open
from ally.people.services import person_create


def _journey(workspace, name, *moves, days_ago=0):
    """A customer's opportunity taken through `moves` ((stage, extra), ...), each `days_ago` days back."""
    person = person_create(workspace=workspace, name=name)
    when = timezone.now() - dt.timedelta(days=days_ago)
    need = need_record(workspace=workspace, person=person, text=f"{name}'s need", said_at=when, status="confirmed")
    opportunity = opportunity_open(workspace=workspace, person=person, needs=[need], occurred_at=when)
    for stage, extra in moves:
        opportunity_move(opportunity=opportunity, stage=stage, reason="In their words", occurred_at=when, **extra)
    return opportunity


def _span(days_back=1, days_ahead=1):
    today = timezone.localdate()
    return today - dt.timedelta(days=days_back), today + dt.timedelta(days=days_ahead)


def test_owning_not_a_fit_and_staying_as_is_all_count_as_decisions_helped_and_open_ones_do_not(workspace, catalogue):
    _journey(workspace, "Owner Olga", ("committed_to_change", {}), ("owning", {"amount": "100"}))
    _journey(workspace, "Fitless Fred", ("not_a_fit", {"alternative": catalogue.shiftboard}))
    _journey(workspace, "Typed Tess", ("not_a_fit", {"alternative_name": "A paper planner"}))
    _journey(workspace, "Staying Sam", ("staying_as_is", {}))
    _journey(workspace, "Deciding Dee", ("committed_to_change", {}), ("deciding", {}))
    _journey(workspace, "Exploring Eve")
    start, end = _span()
    assert decisions_helped(workspace=workspace, start=start, end=end) == 4
    assert decisions_helped_breakdown(workspace=workspace, start=start, end=end) == {
        "owning": 1, "not_a_fit": 2, "staying_as_is": 1}


def test_decisions_are_counted_in_the_period_they_were_made(workspace):
    _journey(workspace, "Last Year Lou", ("staying_as_is", {}), days_ago=400)
    _journey(workspace, "Recent Rae", ("staying_as_is", {}), days_ago=10)
    today = timezone.localdate()
    assert decisions_helped(workspace=workspace, start=today - dt.timedelta(days=30),
                            end=today + dt.timedelta(days=1)) == 1
    assert decisions_helped(workspace=workspace, start=today - dt.timedelta(days=500), end=today) == 2
    assert decisions_helped(workspace=workspace, start=today - dt.timedelta(days=9), end=today) == 0


def test_a_reopened_decision_no_longer_counts_until_it_ends_again(workspace):
    opportunity = _journey(workspace, "Changeable Cam", ("staying_as_is", {}))
    start, end = _span()
    opportunity_move(opportunity=opportunity, stage="exploring", reason="Our budget came back")
    assert decisions_helped(workspace=workspace, start=start, end=end) == 0
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="We need HR, not rotas",
                     alternative_name="PeopleDesk HR")
    assert decisions_helped(workspace=workspace, start=start, end=end) == 1


def test_decisions_helped_per_month_includes_empty_months(workspace):
    _journey(workspace, "Staying Sam", ("staying_as_is", {}))
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    series = decisions_helped_by_month(workspace=workspace, start=last_month, end=next_month)
    assert series == [(last_month, 0), (this_month, 1)]


def test_another_workspaces_decisions_are_not_counted(workspace, other_workspace):
    _journey(other_workspace, "Rival Ron", ("staying_as_is", {}))
    start, end = _span()
    assert decisions_helped(workspace=workspace, start=start, end=end) == 0
    assert decisions_helped(workspace=other_workspace, start=start, end=end) == 1


def test_every_alternative_recommended_is_a_referral_given(workspace, catalogue, alice, olivia):
    need = need_record(workspace=workspace, person=alice, text="A simple rota")
    opportunity = opportunity_open(workspace=workspace, person=alice, needs=[need], title="Simple rota")
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="We're only three",
                     alternative=catalogue.spreadsheet)
    opportunity_move(opportunity=opportunity, stage="exploring", reason="We grew")
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="We need HR", alternative_name="PeopleDesk")
    _journey(workspace, "Other Otto", ("not_a_fit", {"alternative_name": "Paper"}))
    rows = alternatives_recommended(workspace=workspace, person=alice)
    assert [(r.person.id, r.alternative_name, r.opportunity.id, r.reason) for r in rows] == [
        (alice.id, "PeopleDesk", opportunity.id, "We need HR"),
        (alice.id, "Rota spreadsheet template", opportunity.id, "We're only three"),
    ]
    assert rows[1].alternative == catalogue.spreadsheet and rows[0].when >= rows[1].when
    assert len(alternatives_recommended(workspace=workspace)) == 3

