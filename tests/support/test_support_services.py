import datetime as dt

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.models import TimelineEvent
from ally.support import services
from ally.support.models import Case, CaseEvent
from ally.support.selectors import case_sla, status_changes, support_settings


def _clocks(case, now=None):
    case.refresh_from_db()
    return case_sla(case=case, settings=support_settings(workspace=case.workspace), status_events=status_changes(case=case),
                    now=now)


def test_opening_a_case_puts_it_on_the_customers_timeline(open_case, alice):
    case = open_case()
    assert case.status == "open" and case.organization_id == alice.organization_id
    assert TimelineEvent.objects.get(person=alice).summary == \
        "Case “The invoice is wrong”: opened (normal), championed by Olivia Owner"


def test_a_champion_from_another_workspace_is_refused(open_case, rex_membership):
    with pytest.raises(ValidationError) as error:
        open_case(champion=rex_membership)
    assert error.value.errors == {"champion": "is not a team member of this workspace"}
    assert not Case.objects.exists()


def test_a_case_needs_a_title_a_champion_and_a_known_severity(workspace, alice):
    with pytest.raises(ValidationError) as error:
        services.case_open(workspace=workspace, person=alice, title=" ", champion=None, severity="critical")
    assert set(error.value.errors) == {"title", "champion", "severity"}


def test_a_case_about_a_purchase_cannot_be_opened_before_it(workspace, alice, membership):
    from ally.ownership.services import purchase_record

    purchase = purchase_record(workspace=workspace, person=alice, amount="10", currency="USD",
                               purchased_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.case_open(workspace=workspace, person=alice, title="Broken", champion=membership, purchase=purchase,
                           opened_at=timezone.now() - dt.timedelta(days=3))
    assert error.value.errors == {"opened_at": f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"}


def test_a_case_from_a_check_in_is_about_its_purchase(workspace, alice, membership):
    from ally.ownership.services import check_in_complete, purchase_record

    purchase = purchase_record(workspace=workspace, person=alice, amount="10", currency="USD",
                               purchased_on=timezone.localdate() - dt.timedelta(days=3))
    check_in = check_in_complete(check_in=purchase.check_ins.get(day=3), outcome="problem", satisfaction=3)
    case = services.case_open(workspace=workspace, person=alice, title="Unhappy", champion=membership,
                              check_in=check_in)
    assert (case.check_in_id, case.purchase_id) == (check_in.id, purchase.id)


def test_waiting_on_the_customer_pauses_the_resolution_clock(open_case, hours_ago):
    # given a normal case (resolution target 72 h) opened 100 hours ago
    case = open_case(hours_ago=100)
    # when it waited on the customer for 60 of those hours
    services.case_status_change(case=case, status="waiting_on_customer", at=hours_ago(90))
    services.case_status_change(case=case, status="waiting_on_us", at=hours_ago(30))
    # then 40 hours of the 72 are used
    clocks = _clocks(case)
    assert round(clocks.resolution.used.total_seconds() / 3600) == 40
    assert clocks.resolution.state == "on_track"
    # and asking the customer something was the first response, ten hours in
    assert clocks.first_response.used == dt.timedelta(hours=10) and clocks.first_response.state == "breached"


def test_a_reply_or_an_apology_is_a_first_response_but_a_note_is_not(open_case, hours_ago):
    case = open_case(hours_ago=5)
    services.case_note(case=case, text="Checking the billing run", at=hours_ago(4))
    assert Case.objects.get(id=case.id).first_responded_at is None
    services.case_apologise(case=case, text="Sorry for the trouble", at=hours_ago(3))
    services.case_reply(case=case, text="We are on it", at=hours_ago(2))
    assert Case.objects.get(id=case.id).first_responded_at == hours_ago(3)


def test_breach_detection_for_the_champions_today(open_case, membership, sam, hours_ago):
    from ally.support.selectors import cases_needing_attention

    # given: urgent targets are 1 h to respond and 8 h to resolve
    breached = open_case(hours_ago=2, severity="urgent", title="Site down")
    at_risk = open_case(hours_ago=0.85, severity="urgent", title="Slow pages")
    open_case(hours_ago=0.1, severity="urgent", title="Fine for now")
    answered = open_case(hours_ago=0.9, severity="urgent", title="Answered")
    services.case_reply(case=answered, text="Looking", at=hours_ago(0.8))
    paused = open_case(hours_ago=0.9, severity="urgent", title="Waiting on them")
    services.case_status_change(case=paused, status="waiting_on_customer", at=hours_ago(0.5))
    open_case(hours_ago=5, severity="urgent", title="Sam's", champion=sam)
    # when
    found = {case.title: clocks.worst for case, clocks in
             cases_needing_attention(workspace=membership.workspace, champion=membership, now=timezone.now())}
    # then
    assert found == {breached.title: "breached", at_risk.title: "at_risk"}


def test_a_case_cannot_be_confirmed_fixed_without_the_customers_confirmation(open_case):
    case = open_case()
    services.case_status_change(case=case, status="resolved")
    with pytest.raises(ValidationError) as error:
        services.case_status_change(case=case, status="confirmed_fixed")
    assert error.value.errors == {"status": "needs the customer's confirmation recorded first: "
                                            "a case is confirmed fixed only when the customer says so"}
    assert Case.objects.get(id=case.id).status == "resolved"


def test_recording_the_customers_confirmation_marks_the_case_confirmed_fixed(open_case, alice):
    case = open_case()
    services.case_status_change(case=case, status="resolved")
    services.case_confirmation_record(case=case, text="Alice wrote: the invoice is right now, thanks")
    case.refresh_from_db()
    assert case.status == "confirmed_fixed" and case.customer_confirmed_at and case.closed_at
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == \
        ["opened", "status", "confirmation", "status"]


def test_reopening_asks_for_a_fresh_confirmation(open_case):
    case = open_case()
    services.case_confirmation_record(case=case, text="Works", mark_fixed=False)
    services.case_status_change(case=case, status="in_progress")
    with pytest.raises(ValidationError):
        services.case_status_change(case=case, status="confirmed_fixed")


def test_an_apology_is_an_event_whatever_the_fault(open_case, alice):
    case = open_case()
    event = services.case_apologise(case=case, text="We are sorry the courier lost it")
    assert event.kind == "apology"
    assert TimelineEvent.objects.filter(person=alice, kind="case_apology").exists()


def test_an_escalation_records_to_whom_when_and_why(open_case, sam, hours_ago):
    case = open_case(hours_ago=3)
    event = services.case_escalate(case=case, to=sam, reason="Needs a refund only billing can give", at=hours_ago(1))
    assert (event.member_id, event.occurred_at, event.text) == (sam.id, hours_ago(1),
                                                                "Needs a refund only billing can give")


def test_escalating_to_someone_outside_the_workspace_or_without_a_reason_is_refused(open_case, rex_membership):
    with pytest.raises(ValidationError) as error:
        services.case_escalate(case=open_case(), to=rex_membership, reason="")
    assert error.value.errors == {"to": "is not a team member of this workspace", "reason": "is required"}


def test_events_cannot_go_back_in_time_or_into_the_future(open_case, hours_ago):
    case = open_case(hours_ago=5)
    services.case_note(case=case, text="Later", at=hours_ago(2))
    with pytest.raises(ValidationError) as error:
        services.case_reply(case=case, text="Earlier", at=hours_ago(3))
    assert "is before the case's latest event" in error.value.errors["at"]
    with pytest.raises(ValidationError) as error:
        services.case_reply(case=case, text="The day after tomorrow", at=timezone.now() + dt.timedelta(days=2))
    assert error.value.errors == {"at": "is in the future"}


def test_every_case_event_is_on_the_customers_timeline(open_case, alice, sam):
    case = open_case()
    services.case_reply(case=case, text="On it")
    services.case_escalate(case=case, to=sam, reason="Billing")
    services.case_champion_change(case=case, champion=sam)
    services.case_update(case=case, severity="high")
    services.case_status_change(case=case, status="resolved")
    kinds = list(TimelineEvent.objects.filter(person=alice).order_by("id").values_list("kind", flat=True))
    assert kinds == ["case_opened", "case_reply", "case_escalated", "case_champion", "case_severity", "case_status"]
    assert CaseEvent.objects.filter(case=case).count() == len(kinds)


def test_sla_targets_have_defaults_and_can_be_changed(workspace):
    assert support_settings(workspace=workspace).urgent_first_response_hours == 1
    services.support_settings_update(workspace=workspace, urgent_first_response_hours=2)
    assert support_settings(workspace=workspace).first_response_target("urgent") == dt.timedelta(hours=2)


@pytest.mark.parametrize("targets, errors", [
    ({"urgent_first_response_hours": 0}, {"urgent_first_response_hours": "must be between 1 and 8760 hours"}),
    ({"normal_resolution_hours": "soon"}, {"normal_resolution_hours": "'soon' is not a whole number of hours"}),
    ({"critical_hours": 1}, {"critical_hours": "is not an SLA target"}),
])
def test_bad_sla_targets_are_refused(workspace, targets, errors):
    with pytest.raises(ValidationError) as error:
        services.support_settings_update(workspace=workspace, **targets)
    assert error.value.errors == errors
