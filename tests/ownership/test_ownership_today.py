import datetime as dt

from django.utils import timezone

from ally.agenda.selectors import today as today_list
from ally.ownership.services import check_in_complete, check_in_skip
from ally.ownership.today import check_in_urgency


def _check_ins(workspace, olivia, membership, now=None):
    return [item for item in today_list(workspace=workspace, user=olivia, membership=membership, now=now).items
            if item.kind == "check_in"]


def test_a_check_in_appears_in_today_on_its_day_with_its_question(workspace, olivia, membership, record, alice,
                                                                   garden_plan):
    # given Alice bought today: nothing is due yet
    purchase = record(alice, offering=garden_plan)
    assert _check_ins(workspace, olivia, membership) == []
    # when the clock moves three days on
    [item] = _check_ins(workspace, olivia, membership, now=timezone.now() + dt.timedelta(days=3))
    # then the day-3 check-in is there, asking about the garden plan
    assert item.person_id == alice.id and item.url == f"/check-ins/{purchase.check_ins.get(day=3).id}/"
    assert item.reason.startswith("day-3 check-in on Garden plan") and item.reason.endswith("due today")
    assert item.opener.startswith("Ask: Is Garden plan set up and working")


def test_a_done_or_skipped_check_in_leaves_today(workspace, olivia, membership, alice_purchase):
    assert len(_check_ins(workspace, olivia, membership)) == 1
    check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="going_well")
    assert _check_ins(workspace, olivia, membership) == []
    later = timezone.now() + dt.timedelta(days=30)
    check_in_skip(check_in=alice_purchase.check_ins.get(day=30))
    assert _check_ins(workspace, olivia, membership, now=later) == []


def test_a_late_check_in_says_how_late_and_rises_in_urgency(workspace, olivia, membership, alice_purchase):
    [item] = _check_ins(workspace, olivia, membership, now=timezone.now() + dt.timedelta(days=4))
    assert item.reason.endswith("4 days late")
    assert check_in_urgency(days_late=0) == 1.2
    assert check_in_urgency(days_late=4) == 1.2 + 0.4
    assert check_in_urgency(days_late=100) == check_in_urgency(days_late=20)


def test_another_workspaces_check_ins_never_appear(workspace, olivia, membership, rita_purchase):
    assert _check_ins(workspace, olivia, membership) == []
