"""Customers made, checked against numbers worked out by hand (see docs/customers-made.md for the rules)."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.interactions.services import interaction_log
from ally.opportunities.services import opportunity_move, opportunity_open
from ally.ownership.services import check_in_complete, playbook_save, purchase_record, referral_record
from ally.people.services import organization_create, person_create, person_update
from ally.support.services import case_confirmation_record, case_open, case_reply
from ally.value.dashboard import dashboard, parse_period
from ally.value.stats import customers_made as metrics


def _month(today: dt.date, index: int) -> dt.date:
    """The first day of the month `index` months after the period's first (the period starts six months
    before this month)."""
    total = today.year * 12 + today.month - 1 - 6 + index
    return dt.date(total // 12, total % 12 + 1, 1)


@pytest.fixture
def m(today):
    return lambda index, day: _month(today, index).replace(day=day)


@pytest.fixture
def at(m):
    return lambda index, day, hour: timezone.make_aware(dt.datetime.combine(m(index, day), dt.time(hour)))


@pytest.fixture
def story(workspace, olivia, membership, alice, bob, m, at):
    """Eight customers over a period of six whole months and this one (month 0 is the first):

    - Alice: bought in months -2, 1 and 4; scored 9 at a check-in in month 1; referred Bob (month 2).
    - Bob: first bought in month 2; keeps a 7-day cadence but was last called 20 days ago.
    - Northwind (an organization): Nina bought in month -7, Ned in month 3.
    - Carol: bought in month -4; satisfied check-in (8) in month 0; referred Hal (month 2).
    - Dave: bought in month -3; unhappy check-in (4) in month 1.
    - Erin: bought twice on the same day in month 5.  Frank: bought in month -1 only.
    - Gina: bought in month -5; check-in "going well" without a score in month 2; referred Frank in month -1.
    - Hal: first bought in month 2; scored 10 in month 2.
    Cases: answered in 4 h and confirmed fixed in 48 h (month 1); answered in 10 h (month 2); answered in 2 h
    and fixed in 12 h (month 0). One decision helped (not a fit, month 3).
    """
    # Every purchase in the story gets one check-in, far enough ahead to be scheduled whatever its date.
    playbook_save(workspace=workspace, steps=[(400, "How is it going?")])
    northwind = organization_create(workspace=workspace, name="Northwind")
    people = {name: person_create(workspace=workspace, name=name, **({"organization": northwind}
                                                                     if name in ("Nina", "Ned") else {}))
              for name in ("Nina", "Ned", "Carol", "Dave", "Erin", "Frank", "Gina", "Hal")}
    people |= {"Alice": alice, "Bob": bob}

    def buy(name, index, day):
        return purchase_record(workspace=workspace, person=people[name], amount="100", currency="USD",
                               purchased_on=m(index, day))

    def check_in(purchase, index, day, score, outcome):
        check_in_complete(check_in=purchase.check_ins.get(), outcome=outcome, satisfaction=score,
                          completed_at=at(index, day, 12))

    buy("Alice", -2, 10)
    check_in(buy("Alice", 1, 5), 1, 25, 9, "going_well")
    buy("Alice", 4, 20)
    buy("Bob", 2, 1)
    buy("Nina", -7, 1)
    buy("Ned", 3, 10)
    check_in(buy("Carol", -4, 15), 0, 20, 8, "going_well")
    check_in(buy("Dave", -3, 1), 1, 10, 4, "problem")
    buy("Erin", 5, 28)
    buy("Erin", 5, 28)
    buy("Frank", -1, 28)
    check_in(buy("Gina", -5, 3), 2, 2, None, "going_well")
    check_in(buy("Hal", 2, 3), 2, 20, 10, "going_well")
    for referrer, person, (index, day) in (("Alice", "Bob", (2, 1)), ("Carol", "Hal", (2, 3)),
                                           ("Gina", "Frank", (-1, 28))):
        referral_record(workspace=workspace, direction="received", referrer=people[referrer],
                        person=people[person], referred_on=m(index, day))
    for opened, replied, fixed in ((at(1, 1, 9), at(1, 1, 13), at(1, 3, 9)), (at(2, 1, 9), at(2, 1, 19), None),
                                   (at(0, 1, 9), at(0, 1, 11), at(0, 1, 21))):
        case = case_open(workspace=workspace, person=alice, title="A problem", champion=membership, opened_at=opened)
        case_reply(case=case, text="On it", at=replied)
        if fixed:
            case_confirmation_record(case=case, text="Fixed, thanks", at=fixed)
    person_update(person=bob, cadence_days=7)
    interaction_log(workspace=workspace, kind="call", summary="Catch-up", participants=[bob],
                    occurred_at=timezone.now() - dt.timedelta(days=20))
    opportunity = opportunity_open(workspace=workspace, person=people["Frank"], title="Greenhouse",
                                   occurred_at=at(3, 1, 10), author=olivia)
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="Needs a bigger one",
                     alternative_name="Big Glass Co", occurred_at=at(3, 5, 10), author=olivia)
    return people


def test_the_dashboard_matches_the_hand_computed_story(story, workspace, today):
    # when
    board = dashboard(workspace=workspace, period=metrics.Period(_month(today, 0), today))
    totals = board.totals
    # then: Alice, Bob, Northwind, Erin and Hal bought in the period; Bob, Erin and Hal for the first time
    assert (totals.customers, totals.new_customers) == (5, 3)
    # Alice and Northwind bought after an earlier purchase (Erin's two are the same day)
    assert (totals.repeat_customers, totals.repeat_purchase_rate) == (2, 0.4)
    # of the six earlier customers, Alice and Northwind bought again, Carol (8) and Gina (going well) were satisfied
    assert (totals.retention_base, totals.retained) == (6, 4)
    assert totals.retention_rate == pytest.approx(4 / 6)
    # two referrals in the period (Gina's was before it) over five customers
    assert (totals.referrals_received, totals.referrals_per_customer) == (2, 0.4)
    # scores 8, 4, 9, 10: two promoters, one detractor, four responses
    assert (totals.nps.promoters, totals.nps.passives, totals.nps.detractors, totals.nps.score) == (2, 1, 1, 25.0)
    assert totals.median_first_response == dt.timedelta(hours=4)
    assert totals.median_time_to_fix == dt.timedelta(hours=30)
    # Alice (cadence 30, added today) is on cadence; Bob (7 days, called 20 days ago) is not
    assert (board.on_cadence, board.with_cadence, board.on_cadence_share) == (1, 2, 0.5)
    assert board.decisions_helped == 1


def test_the_months_match_the_story(story, workspace, today):
    board = dashboard(workspace=workspace, period=metrics.Period(_month(today, 0), today))
    rows = [(m.customers, m.new_customers, m.repeat_customers, m.retention_base, m.retained, m.referrals_received,
             m.nps.score, m.median_first_response, m.median_time_to_fix) for m in board.monthly]
    hours = lambda n: dt.timedelta(hours=n)  # noqa: E731
    assert rows == [
        (0, 0, 0, 6, 1, 0, 0.0, hours(2), hours(12)),     # Carol satisfied; a case answered and fixed
        (1, 0, 1, 6, 1, 0, 0.0, hours(4), hours(48)),     # Alice again; Dave 4 and Alice 9
        (2, 2, 0, 6, 1, 2, 100.0, hours(10), None),       # Bob and Hal arrive, referred; Gina satisfied; Hal 10
        (1, 0, 1, 8, 1, 0, None, None, None),             # Northwind again
        (1, 0, 1, 8, 1, 0, None, None, None),             # Alice again
        (1, 1, 0, 8, 0, 0, None, None, None),             # Erin, twice the same day
        (0, 0, 0, 9, 0, 0, None, None, None),             # this month so far: Erin counts among the earlier
    ]
    assert board.decisions_helped_by_month == [0, 0, 0, 1, 0, 0, 0]


def test_the_dashboard_takes_a_constant_number_of_queries(story, workspace, today, record, alice,
                                                          django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = metrics.Period(_month(today, 0), today)
    with CaptureQueriesContext(connection) as few:
        dashboard(workspace=workspace, period=period)
    for days in range(0, 60, 2):
        record(alice, days_ago=days)
    with CaptureQueriesContext(connection) as many:
        dashboard(workspace=workspace, period=period)
    assert len(few) == len(many) <= 8


def test_the_default_period_is_the_last_twelve_months(today):
    period = parse_period(today=dt.date(2025, 3, 14))
    assert (period.start, period.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 14))


def test_a_period_running_backwards_or_with_a_bad_date_is_refused():
    from ally.core.errors import ValidationError

    with pytest.raises(ValidationError) as error:
        parse_period(start="2025-03-01", end="2025-01-01", today=dt.date(2025, 3, 1))
    assert error.value.errors == {"start": "is after the end"}
    with pytest.raises(ValidationError) as error:
        parse_period(start="March", today=dt.date(2025, 3, 1))
    assert error.value.errors == {"start": "'March' is not a date (YYYY-MM-DD)"}


def test_the_snapshot_equals_a_fresh_computation_after_every_kind_of_write(story, workspace, today, alice, bob,
                                                                          membership):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ally.value.dashboard import dashboard_compute

    period = parse_period(today=today)
    assert dashboard(workspace=workspace, period=period) == dashboard_compute(workspace=workspace, period=period)
    # a second view reads the snapshot: one query (the trail's latest entry), no purchase or person scanned
    with CaptureQueriesContext(connection) as seen:
        again = dashboard(workspace=workspace, period=period)
    assert len(seen) == 1 and again == dashboard_compute(workspace=workspace, period=period)
    writes = [
        lambda: purchase_record(workspace=workspace, person=bob, amount="50", currency="USD", purchased_on=today),
        lambda: referral_record(workspace=workspace, direction="received", referrer=story["Gina"],
                                person=story["Dave"], referred_on=today),
        lambda: case_reply(case=case_open(workspace=workspace, person=alice, title="Again", champion=membership),
                           text="On it"),
        lambda: interaction_log(workspace=workspace, kind="call", summary="Back on cadence", participants=[bob]),
    ]
    for write in writes:
        before = dashboard(workspace=workspace, period=period)
        write()
        after = dashboard(workspace=workspace, period=period)
        assert after == dashboard_compute(workspace=workspace, period=period)
        assert after != before
