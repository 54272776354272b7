import datetime as dt

import pytest
from django.utils import timezone

from ally.agenda.selectors import today
from ally.opportunities.services import (
    customer_question_answer,
    customer_question_ask,
    need_record,
    need_set_status,
    need_update,
    opportunity_move,
)
from ally.opportunities.today import URGENT_NEED_URGENCY_CAP


def _items(membership, kind, days_later=0):
    now = timezone.now() + dt.timedelta(days=days_later)
    return [i for i in today(workspace=membership.workspace, user=membership.user, membership=membership,
                             now=now).items if i.kind == kind]


def test_a_revisit_date_reached_brings_the_customer_back_on_today(membership, opportunity):
    revisit = timezone.localdate() + dt.timedelta(days=30)
    opportunity_move(opportunity=opportunity, stage="staying_as_is", reason="Budget frozen until the merger.",
                     revisit_on=revisit)
    assert _items(membership, "revisit", days_later=29) == []
    [item] = _items(membership, "revisit", days_later=30)
    assert (item.person_name, item.due) == ("Alice Ally", revisit)
    assert item.reason == "chose to stay as is on “A rota that fixes itself” and asked to revisit today"
    assert item.opener == "Ask whether anything has changed since they said: “Budget frozen until the merger.”"
    [later] = _items(membership, "revisit", days_later=33)
    assert later.reason.endswith("asked to revisit 3 days ago") and later.urgency > item.urgency


def test_staying_as_is_without_a_revisit_date_or_reopened_is_not_on_today(membership, opportunity):
    opportunity_move(opportunity=opportunity, stage="staying_as_is", reason="Not now",
                     revisit_on=timezone.localdate() + dt.timedelta(days=5))
    opportunity_move(opportunity=opportunity, stage="exploring", reason="Changed our minds")
    assert _items(membership, "revisit", days_later=10) == []


def test_an_urgent_need_untouched_for_fourteen_days_is_on_today(membership, alice):
    urgent = need_record(workspace=alice.workspace, person=alice, text="On-call chaos at weekends", urgency=5)
    need_record(workspace=alice.workspace, person=alice, text="Nicer reports", urgency=3)
    assert _items(membership, "urgent_need", days_later=13) == []
    [item] = _items(membership, "urgent_need", days_later=15)
    assert item.details == {"need_id": urgent.id}
    assert item.reason == "said “On-call chaos at weekends” is urgent (5/5); untouched for 15 days"
    assert item.urgency == pytest.approx(15 / 14)
    [forgotten] = _items(membership, "urgent_need", days_later=200)
    assert forgotten.urgency == URGENT_NEED_URGENCY_CAP


def test_touching_an_urgent_need_or_closing_it_takes_it_off_today(membership, alice, days_ago):
    need = need_record(workspace=alice.workspace, person=alice, text="On-call chaos", urgency=4)
    dropped = need_record(workspace=alice.workspace, person=alice, text="Old worry", urgency=5)
    need_set_status(need=dropped, status="dropped")
    assert [i.details["need_id"] for i in _items(membership, "urgent_need", days_later=15)] == [need.id]
    need_update(need=need, cost_of_doing_nothing="A lost client")
    assert _items(membership, "urgent_need", days_later=10) == []


def test_a_customers_question_unanswered_for_three_days_is_on_today(membership, opportunity, days_ago):
    question = customer_question_ask(opportunity=opportunity, text="Can it do split shifts?", asked_at=days_ago(4))
    customer_question_ask(opportunity=opportunity, text="What about holidays?", asked_at=days_ago(1))
    [item] = _items(membership, "open_question")
    assert item.reason == "asked “Can it do split shifts?” 4 days ago; still unanswered"
    assert item.opener == "Answer their question: Can it do split shifts?"
    customer_question_answer(question=question, answer="Yes, any pattern.")
    assert _items(membership, "open_question") == []


def test_today_never_shows_another_workspaces_revisits_needs_or_questions(membership, other_workspace, rita,
                                                                        days_ago):
    from ally.opportunities.services import opportunity_open

    need = need_record(workspace=other_workspace, person=rita, text="Rival need", urgency=5)
    opportunity = opportunity_open(workspace=other_workspace, person=rita, needs=[need])
    customer_question_ask(opportunity=opportunity, text="Rival?", asked_at=days_ago(5))
    opportunity_move(opportunity=opportunity, stage="staying_as_is", reason="x",
                     revisit_on=timezone.localdate() + dt.timedelta(days=1))
    for kind in ("revisit", "urgent_need", "open_question"):
        assert _items(membership, kind, days_later=20) == []
