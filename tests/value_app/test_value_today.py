"""Today's "value at risk": valuable customers who may be drifting away, as a reason to reach out and serve."""

import datetime as dt

from django.utils import timezone

from ally.agenda.selectors import today as today_list
from ally.interactions.services import interaction_log
from ally.value.fits import value_fit
from ally.value.models import CustomerValue
from ally.value.today import value_at_risk_urgency, value_importance


def _at_risk(workspace, olivia, membership, now=None):
    return [item for item in today_list(workspace=workspace, user=olivia, membership=membership, now=now).items
            if item.kind == "value_at_risk"]


def test_a_valuable_customer_who_went_quiet_appears_with_the_reason_and_an_opener(workspace, olivia, membership,
                                                                                   fitted, whale):
    items = _at_risk(workspace, olivia, membership)
    wanda = CustomerValue.objects.get(person=whale)
    [item] = [i for i in items if i.person_id == whale.id]
    assert item.person_name == "Wanda Whale" and item.url == f"/people/{whale.id}/"
    assert item.reason == f"a valuable customer (top 3%), now {round(wanda.p_alive * 100)}% likely still a customer; last bought 8 months ago"
    assert item.opener.startswith("Ask how ") and "has been working for them since" in item.opener
    assert item.urgency == value_at_risk_urgency(p_alive=wanda.p_alive)
    # everyone listed is valuable and below the threshold
    listed = {i.person_id for i in items}
    assert listed == set(CustomerValue.objects.filter(top_percent__lte=10, p_alive__lt=0.5)
                         .values_list("person_id", flat=True))


def test_a_customer_someone_talked_with_recently_is_left_out(workspace, olivia, membership, fitted, whale):
    interaction_log(workspace=workspace, kind="call", summary="Caught up with Wanda", participants=[whale],
                    author=olivia)
    assert whale.id not in {i.person_id for i in _at_risk(workspace, olivia, membership)}
    # a month later she is back on the list
    later = timezone.now() + dt.timedelta(days=31)
    assert whale.id in {i.person_id for i in _at_risk(workspace, olivia, membership, now=later)}


def test_without_a_fit_nothing_is_at_risk(workspace, olivia, membership, customer_base):
    customer_base(30)
    assert _at_risk(workspace, olivia, membership) == []


def test_another_workspaces_customers_never_appear(workspace, olivia, membership, fitted, other_workspace,
                                                   customer_base):
    rivals = customer_base(30, in_workspace=other_workspace, prefix="Rival")
    value_fit(workspace=other_workspace)
    assert not {i.person_id for i in _at_risk(workspace, olivia, membership)} & {p.id for p in rivals}


def test_urgency_and_importance_rise_with_risk_and_value():
    assert value_at_risk_urgency(p_alive=0.5) == 1.0
    assert value_at_risk_urgency(p_alive=0.1) > value_at_risk_urgency(p_alive=0.4)
    assert value_importance(top_percent=1) == 1.5
    assert value_importance(top_percent=1) > value_importance(top_percent=10) > 1.0
