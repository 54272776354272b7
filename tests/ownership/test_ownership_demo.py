"""The demo's ownership and support data: what a visitor must find on Today, the person page and the dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ally.agenda.selectors import today
from ally.demo import build_demo
from ally.interactions.models import TimelineEvent
from ally.ownership.models import CheckIn, Feedback, Purchase, Referral
from ally.support.models import Case, CaseEvent
from ally.support.selectors import cases_with_sla
from ally.value.dashboard import dashboard, parse_period
from ally.workspaces.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The demo workspace at 80 people, built as `ally demo` builds it."""
    return build_demo(people=80)


def test_the_demo_has_purchases_due_check_ins_feedback_referrals_and_cases(demo):
    # then
    assert Purchase.objects.filter(workspace=demo).values("person").distinct().count() > 20
    assert CheckIn.objects.filter(workspace=demo, status="done", satisfaction__lte=6).exists()
    assert CheckIn.objects.filter(workspace=demo, status="scheduled", day=3, due_on__lte=timezone.localdate()).exists()
    assert Feedback.objects.filter(workspace=demo).exists()
    assert Referral.objects.filter(workspace=demo, direction="received").exists()
    assert Referral.objects.filter(workspace=demo, direction="given").exists()
    # and its cases agree with their events and the customers' timelines
    open_cases = list(Case.objects.filter(workspace=demo).exclude(status__in=Case.FINISHED))
    states = {clocks.worst for _, clocks in cases_with_sla(workspace=demo, cases=open_cases)}
    assert {"breached", "at_risk", "paused"} <= states
    fixed = Case.objects.filter(workspace=demo, status="confirmed_fixed")
    assert fixed.exists() and not fixed.filter(customer_confirmed_at__isnull=True).exists()
    events = CaseEvent.objects.filter(workspace=demo).count()
    assert TimelineEvent.objects.filter(workspace=demo, kind__startswith="case_").count() == events


def test_the_demo_users_today_and_dashboard_show_ownership_and_support(demo):
    # given
    user = get_user_model().objects.get(username="demo")
    membership = Membership.objects.get(workspace=demo, user=user)
    # when
    items = today(workspace=demo, user=user, membership=membership, limit=10_000).items
    # then
    check_ins = [item for item in items if item.kind == "check_in"]
    cases = [item for item in items if item.kind == "case"]
    assert check_ins and all(item.opener.startswith("Ask: ") for item in check_ins)
    assert any("breached" in item.reason for item in cases)
    assert any("due in" in item.reason for item in cases)
    # and the dashboard has every number
    board = dashboard(workspace=demo, period=parse_period(today=timezone.localdate()))
    totals = board.totals
    assert totals.customers > 0 and totals.repeat_customers > 0 and totals.retention_base > 0
    assert totals.referrals_received > 0 and totals.nps.responses > 0
    assert totals.median_first_response is not None and totals.median_time_to_fix is not None
