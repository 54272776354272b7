import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.models import TimelineEvent
from ally.ownership import services
from ally.ownership.models import CheckIn, Purchase, Referral


def _days(purchase):
    return list(purchase.check_ins.order_by("day").values_list("day", flat=True))


# Purchases ---------------------------------------------------------------------------------------


def test_a_purchase_goes_on_the_timeline_and_schedules_the_default_check_ins(alice_purchase, alice, today):
    # then
    assert _days(alice_purchase) == [3, 30, 90, 365]
    first = alice_purchase.check_ins.get(day=3)
    assert first.due_on == today
    assert "Garden plan" in first.question
    event = TimelineEvent.objects.get(person=alice, kind="purchase")
    assert event.summary == "Bought Garden plan for 1200.00 USD"


def test_a_purchase_takes_the_persons_organization_when_none_is_given(workspace, record, olivia):
    from ally.people.services import organization_create, person_create

    acme = organization_create(workspace=workspace, name="Northwind")
    nina = person_create(workspace=workspace, name="Nina North", organization=acme)
    assert record(nina).organization_id == acme.id


def test_an_offerings_own_playbook_overrides_the_default(workspace, record, alice, garden_plan):
    # given
    services.playbook_save(workspace=workspace, steps=[(7, "Default week one?")])
    services.playbook_save(workspace=workspace, offering=garden_plan, steps=[(14, "How are the seedlings?"),
                                                                             (60, "First harvest?")])
    # when
    with_offering = record(alice, offering=garden_plan)
    without = record(alice, description="Seed catalogue")
    # then
    assert _days(with_offering) == [14, 60]
    assert with_offering.check_ins.get(day=14).question == "How are the seedlings?"
    assert _days(without) == [7]


def test_an_offering_without_its_own_playbook_follows_the_workspaces_default(workspace, record, alice, garden_plan):
    services.playbook_save(workspace=workspace, steps=[(10, "Ten days in: how is {what}?")])
    purchase = record(alice, offering=garden_plan)
    assert _days(purchase) == [10]
    assert purchase.check_ins.get().question == "Ten days in: how is Garden plan?"


def test_an_empty_playbook_schedules_no_check_ins(workspace, record, alice, garden_plan):
    services.playbook_save(workspace=workspace, offering=garden_plan, steps=[])
    assert _days(record(alice, offering=garden_plan)) == []


def test_resetting_an_offerings_playbook_brings_back_the_default(workspace, record, alice, garden_plan):
    services.playbook_save(workspace=workspace, offering=garden_plan, steps=[(5, "Five?")])
    services.playbook_reset(workspace=workspace, offering=garden_plan)
    assert _days(record(alice, offering=garden_plan)) == [3, 30, 90, 365]


def test_steps_long_past_when_an_old_purchase_is_recorded_are_not_scheduled(record, alice):
    # a purchase 100 days ago: days 3 and 30 fell due months ago; day 90 only ten days ago
    assert _days(record(alice, days_ago=100)) == [90, 365]
    assert _days(record(alice, days_ago=120)) == [365]


@pytest.mark.parametrize("amount, message", [
    ("-5", "cannot be negative"),
    ("abc", "'abc' is not an amount"),
    ("12.345", "has more than two decimals"),
    ("NaN", "is not a finite amount"),
    ("1e20", "is too large"),
])
def test_a_bad_amount_is_refused_by_name(record, alice, amount, message):
    with pytest.raises(ValidationError) as error:
        record(alice, amount=amount)
    assert error.value.errors == {"amount": message}
    assert not Purchase.objects.exists()


def test_an_unknown_currency_is_refused(record, alice):
    with pytest.raises(ValidationError) as error:
        record(alice, currency="ABC")
    assert error.value.errors == {"currency": "'ABC' is not an ISO 4217 currency code"}


def test_a_currency_code_is_accepted_in_any_case_and_stored_upper_case(record, alice):
    assert record(alice, currency=" eur ").currency == "EUR"


def test_yen_have_no_cents(record, alice):
    with pytest.raises(ValidationError) as error:
        record(alice, amount="100.50", currency="JPY")
    assert error.value.errors == {"amount": "JPY has no cents; give a whole amount"}
    assert record(alice, amount="100", currency="JPY").amount == Decimal("100.00")


def test_a_purchase_in_the_future_is_refused(record, alice):
    with pytest.raises(ValidationError) as error:
        record(alice, days_ago=-5)
    assert error.value.errors == {"purchased_on": "is in the future"}


def test_a_purchase_cannot_use_another_workspaces_offering_or_person(workspace, alice, rita, rival_offering, today):
    with pytest.raises(ValidationError) as error:
        services.purchase_record(workspace=workspace, person=rita, amount="1", currency="USD", purchased_on=today,
                                 offering=rival_offering)
    assert error.value.errors == {"person": "not found in this workspace", "offering": "not found in this workspace"}


def test_removing_a_purchase_removes_its_check_ins_and_notes_it_on_the_timeline(alice_purchase, alice):
    services.purchase_delete(purchase=alice_purchase)
    assert not CheckIn.objects.exists()
    assert TimelineEvent.objects.filter(person=alice, kind="purchase_removed").exists()


# Playbooks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("steps, message", [
    ([(0, "Too soon")], "step 1: the day must be between 1 and 3650"),
    ([(3, "Hi"), (3, "Again")], "step 2: day 3 appears twice"),
    ([(3, "  ")], "step 1: the question is required"),
    ([("x", "What?")], "step 1: give a whole number of days and a question"),
])
def test_a_bad_playbook_step_is_refused(workspace, steps, message):
    with pytest.raises(ValidationError) as error:
        services.playbook_save(workspace=workspace, steps=steps)
    assert error.value.errors == {"steps": message}


def test_a_playbook_cannot_belong_to_another_workspaces_offering(workspace, rival_offering):
    with pytest.raises(ValidationError) as error:
        services.playbook_save(workspace=workspace, offering=rival_offering, steps=[(3, "Hi")])
    assert error.value.errors == {"offering": "not found in this workspace"}


# Check-ins ---------------------------------------------------------------------------------------


def test_completing_a_check_in_records_outcome_score_and_note_on_the_timeline(alice_purchase, alice, olivia):
    check_in = alice_purchase.check_ins.get(day=3)
    services.check_in_complete(check_in=check_in, outcome="going_well", satisfaction=9, note="Loves it",
                               author=olivia)
    check_in.refresh_from_db()
    assert (check_in.status, check_in.outcome, check_in.satisfaction, check_in.note) == ("done", "going_well", 9,
                                                                                         "Loves it")
    event = TimelineEvent.objects.get(person=alice, kind="check_in")
    assert event.summary == "Day-3 check-in on Garden plan: going well, satisfaction 9/10. Loves it"


def test_the_score_is_optional(alice_purchase):
    check_in = services.check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="no_answer")
    assert check_in.satisfaction is None


@pytest.mark.parametrize("score, message", [
    (11, "must be between 0 and 10"), (-1, "must be between 0 and 10"), ("7.5", "'7.5' is not a whole number from 0 to 10"),
    ("ten", "'ten' is not a whole number from 0 to 10"), (True, "'True' is not a whole number from 0 to 10"),
])
def test_a_score_outside_0_to_10_is_refused(alice_purchase, score, message):
    check_in = alice_purchase.check_ins.get(day=3)
    with pytest.raises(ValidationError) as error:
        services.check_in_complete(check_in=check_in, outcome="mixed", satisfaction=score)
    assert error.value.errors == {"satisfaction": message}
    check_in.refresh_from_db()
    assert check_in.status == "scheduled"


def test_a_check_in_cannot_be_completed_twice(alice_purchase):
    check_in = services.check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="mixed")
    with pytest.raises(ValidationError) as error:
        services.check_in_complete(check_in=check_in, outcome="going_well")
    assert error.value.errors == {"status": "this check-in is already done"}


def test_a_check_in_cannot_be_completed_before_the_purchase(alice_purchase, today):
    before = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=5), dt.time(10)))
    with pytest.raises(ValidationError) as error:
        services.check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="mixed", completed_at=before)
    assert error.value.errors == {"completed_at": f"is before the purchase ({alice_purchase.purchased_on:%Y-%m-%d})"}


def test_a_check_in_cannot_be_moved_before_the_purchase(alice_purchase, today):
    check_in = alice_purchase.check_ins.get(day=30)
    with pytest.raises(ValidationError) as error:
        services.check_in_reschedule(check_in=check_in, due_on=today - dt.timedelta(days=10))
    assert error.value.errors == {"due_on": f"is before the purchase ({alice_purchase.purchased_on:%Y-%m-%d})"}
    assert services.check_in_reschedule(check_in=check_in, due_on=today).due_on == today


def test_an_outcome_must_be_one_of_the_known_ones(alice_purchase):
    with pytest.raises(ValidationError) as error:
        services.check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="great")
    assert "outcome" in error.value.errors


def test_skipping_a_check_in_takes_it_off_the_list(alice_purchase):
    check_in = services.check_in_skip(check_in=alice_purchase.check_ins.get(day=3), note="Talked yesterday")
    assert check_in.status == "skipped"


# Feedback ----------------------------------------------------------------------------------------


def test_feedback_needs_a_score_or_a_comment(workspace, alice):
    with pytest.raises(ValidationError) as error:
        services.feedback_record(workspace=workspace, person=alice)
    assert error.value.errors == {"comment": "give a score or a comment"}


def test_feedback_about_a_purchase_cannot_predate_it(workspace, alice, alice_purchase, today):
    with pytest.raises(ValidationError) as error:
        services.feedback_record(workspace=workspace, person=alice, score=8, purchase=alice_purchase,
                                 received_on=today - dt.timedelta(days=10))
    assert error.value.errors == {"received_on": f"is before the purchase ({alice_purchase.purchased_on:%Y-%m-%d})"}


def test_feedback_about_someone_elses_purchase_is_refused(workspace, bob, alice_purchase):
    with pytest.raises(ValidationError) as error:
        services.feedback_record(workspace=workspace, person=bob, score=8, purchase=alice_purchase)
    assert error.value.errors == {"purchase": "is not one of Bob Builder's purchases"}


def test_feedback_goes_on_the_timeline(workspace, alice):
    services.feedback_record(workspace=workspace, person=alice, score=10, comment="Told her neighbours")
    assert TimelineEvent.objects.get(person=alice, kind="feedback").summary == \
        "Alice Ally scored 10/10: Told her neighbours"


# Referrals ---------------------------------------------------------------------------------------


def test_a_received_referral_is_seen_from_both_sides_and_makes_the_referrer_an_advocate(workspace, alice, bob):
    from ally.ownership.selectors import person_referrals

    # when Alice introduces Bob to us
    services.referral_record(workspace=workspace, direction="received", referrer=alice, person=bob)
    # then
    from_alice, from_bob = person_referrals(person=alice), person_referrals(person=bob)
    assert from_alice.is_advocate and not from_bob.is_advocate
    assert [r.person_id for r in from_alice.introduced_to_us] == [bob.id]
    assert [r.referrer_id for r in from_bob.introduced_by] == [alice.id]
    bob.refresh_from_db()
    assert bob.introduced_by_id == alice.id
    assert set(TimelineEvent.objects.values_list("person_id", "kind")) == {(bob.id, "referral_received"),
                                                                          (alice.id, "referral_made")}


def test_a_given_referral_names_whom_we_introduced_them_to(workspace, alice, bob):
    from ally.ownership.selectors import person_referrals

    services.referral_record(workspace=workspace, direction="given", person=alice,
                             introduced_to_name="Green Thumb Landscaping", note="They do hardscaping; we do not")
    services.referral_record(workspace=workspace, direction="given", person=alice, introduced_to=bob)
    given = person_referrals(person=alice).introductions
    assert sorted(i.to_name for i in given) == ["Bob Builder", "Green Thumb Landscaping"]
    assert not person_referrals(person=alice).is_advocate


def test_the_given_side_includes_alternatives_recommended_when_not_a_fit(workspace, alice, olivia):
    from ally.opportunities.services import opportunity_move, opportunity_open
    from ally.ownership.selectors import person_referrals

    opportunity = opportunity_open(workspace=workspace, person=alice, title="A greenhouse", author=olivia)
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="Too small a space for our kits",
                     alternative_name="Balcony Gardens Co", author=olivia)
    given = person_referrals(person=alice).introductions
    assert [(i.to_name, i.opportunity.id) for i in given] == [("Balcony Gardens Co", opportunity.id)]


@pytest.mark.parametrize("arguments, errors", [
    ({"direction": "received"}, {"referrer": "say who introduced them to us"}),
    ({"direction": "given"}, {"introduced_to": "say whom they were introduced to"}),
    ({"direction": "sideways"}, {"direction": "must be 'received' or 'given'"}),
])
def test_a_referral_must_say_who_or_whom(workspace, alice, arguments, errors):
    with pytest.raises(ValidationError) as error:
        services.referral_record(workspace=workspace, person=alice, **arguments)
    assert error.value.errors == errors


def test_a_person_cannot_refer_themselves_or_be_introduced_twice_by_the_same_person(workspace, alice, bob):
    with pytest.raises(ValidationError) as error:
        services.referral_record(workspace=workspace, direction="received", referrer=alice, person=alice)
    assert error.value.errors == {"referrer": "a person cannot refer themselves"}
    services.referral_record(workspace=workspace, direction="received", referrer=alice, person=bob)
    with pytest.raises(ValidationError) as error:
        services.referral_record(workspace=workspace, direction="received", referrer=alice, person=bob)
    assert error.value.errors == {"person": "Alice Ally is already recorded as introducing Bob Builder"}
    assert Referral.objects.count() == 1


def test_a_referral_cannot_reach_into_another_workspace(workspace, alice, rita):
    with pytest.raises(ValidationError) as error:
        services.referral_record(workspace=workspace, direction="received", referrer=rita, person=alice)
    assert error.value.errors == {"referrer": "not found in this workspace"}
