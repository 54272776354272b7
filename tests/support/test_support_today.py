import datetime as dt

from django.utils import timezone

from ally.agenda.selectors import today as today_list
from ally.support.services import case_reply, case_status_change
from ally.support.today import case_urgency


def _cases(workspace, user, membership, now=None):
    return [item for item in today_list(workspace=workspace, user=user, membership=membership, now=now).items
            if item.kind == "case"]


def test_a_case_about_to_breach_shows_in_its_champions_today(workspace, olivia, membership, open_case):
    # an urgent case: 1 h to respond; at 0.85 h only 9 minutes are left
    case = open_case(hours_ago=0.85, severity="urgent", title="Checkout fails")
    [item] = _cases(workspace, olivia, membership)
    assert item.url == f"/cases/{case.id}/" and item.importance == 2.0
    assert item.reason.startswith("urgent case “Checkout fails”: first response due in ")


def test_a_breached_case_says_by_how_much(workspace, olivia, membership, open_case):
    open_case(hours_ago=3, severity="urgent", title="Site down")
    [item] = _cases(workspace, olivia, membership)
    assert "first response breached 2 h ago" in item.reason


def test_moving_the_clock_brings_a_case_into_today(workspace, olivia, membership, open_case):
    open_case(severity="normal")
    assert _cases(workspace, olivia, membership) == []
    assert len(_cases(workspace, olivia, membership, now=timezone.now() + dt.timedelta(hours=7))) == 1


def test_a_case_waiting_on_the_customer_waits_outside_today_until_it_is_breached(workspace, olivia, membership,
                                                                               open_case, hours_ago):
    case = open_case(hours_ago=0.5, severity="urgent")
    case_status_change(case=case, status="waiting_on_customer", at=hours_ago(0.2))
    # 0.3 h of 1 h used for the reply (met), 0.3 h of 8 h for the fix, and the clock is paused
    assert _cases(workspace, olivia, membership, now=timezone.now() + dt.timedelta(hours=20)) == []


def test_only_the_champion_sees_the_case(workspace, sam, open_case):
    open_case(hours_ago=3, severity="urgent", champion=sam)
    assert len(_cases(workspace, sam.user, sam)) == 1


def test_a_case_with_the_reply_on_time_and_plenty_of_time_left_is_not_in_today(workspace, olivia, membership,
                                                                              open_case, hours_ago):
    case = open_case(hours_ago=2, severity="high")
    case_reply(case=case, text="Looking into it", at=hours_ago(1))
    assert _cases(workspace, olivia, membership) == []


def test_case_urgency_rises_past_the_breach():
    assert case_urgency(share_used=0.9, breached=False) == 1.9
    assert case_urgency(share_used=1.5, breached=True) == 2.5
    assert case_urgency(share_used=9, breached=True) == 4.0
