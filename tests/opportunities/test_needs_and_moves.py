import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.models import TimelineEvent
from ally.interactions.services import interaction_log
from ally.opportunities.models import Need, Opportunity, StageMove
from ally.opportunities.services import (
    alternative_create,
    need_record,
    need_set_status,
    need_update,
    opportunity_move,
    opportunity_open,
    opportunity_update,
)
from ally.ownership.models import Purchase


def _move(opportunity, stage, reason="They told us so.", **kwargs):
    return opportunity_move(opportunity=opportunity, stage=stage, reason=reason, **kwargs)


def _committed(opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    _move(opportunity, "committed_to_change", "We can't do another winter like the last one.")


# --- needs -------------------------------------------------------------------------------------------

def test_a_need_keeps_the_customers_words_who_said_it_when_and_in_which_interaction(alice, bob, olivia, days_ago):
    # given a call with Alice where her colleague Bob spoke up
    call = interaction_log(workspace=alice.workspace, kind="call", summary="Rota pains", participants=[alice, bob],
                           occurred_at=days_ago(2))
    # when
    need = need_record(workspace=alice.workspace, person=alice, text="  Nobody knows who is on call at weekends. ",
                       said_by=bob, said_at=days_ago(2), interaction=call, driver="risk", urgency="5",
                       status="confirmed", cost_of_doing_nothing="A missed call-out costs us a client",
                       cost_amount="2500", cost_period="month", author=olivia)
    # then
    need.refresh_from_db()
    assert (need.text, need.said_by_id, need.interaction_id, need.driver, need.urgency, need.status) == (
        "Nobody knows who is on call at weekends.", bob.id, call.id, "risk", 5, "confirmed")
    assert (need.cost_amount, need.cost_currency, need.cost_period) == (Decimal("2500"), "USD", "month")
    assert need.confirmed_at is not None


def test_a_need_said_by_nobody_else_was_said_by_the_person_and_shows_on_their_timeline(rota_need, alice):
    assert rota_need.said_by_id == alice.id
    assert TimelineEvent.objects.filter(person=alice, kind="need").values_list("summary", flat=True).get() == \
        "Need (suspected): “We lose a whole day every month fixing the rota by hand.”"


@pytest.mark.parametrize("urgency, message", [
    (0, "must be from 1 to 5 (as the customer sees it), not 0"),
    (6, "must be from 1 to 5 (as the customer sees it), not 6"),
    ("very", "'very' is not a whole number from 1 to 5"),
    ("3.5", "'3.5' is not a whole number from 1 to 5"),
    (None, "'None' is not a whole number from 1 to 5"),
])
def test_urgency_outside_one_to_five_is_refused_and_nothing_is_written(alice, urgency, message):
    with pytest.raises(ValidationError) as error:
        need_record(workspace=alice.workspace, person=alice, text="Faster payroll", urgency=urgency)
    assert error.value.errors == {"urgency": message}
    assert not Need.objects.exists()


def test_changing_urgency_to_something_outside_one_to_five_is_refused(rota_need):
    with pytest.raises(ValidationError) as error:
        need_update(need=rota_need, urgency=9)
    assert error.value.errors == {"urgency": "must be from 1 to 5 (as the customer sees it), not 9"}
    rota_need.refresh_from_db()
    assert rota_need.urgency == 4


@pytest.mark.parametrize("changes, field, message", [
    ({"text": "  "}, "text", "is required"),
    ({"driver": "greed"}, "driver", "must be one of growth, risk, efficiency, missed_opportunity, personal, other"),
    ({"cost_amount": "300"}, "cost_period", "an amount needs its period (week, month, quarter or year)"),
    ({"cost_amount": "-3", "cost_period": "week"}, "cost_amount", "cannot be negative"),
    ({"cost_amount": "3", "cost_period": "week", "cost_currency": "dollars"}, "cost_currency",
     "'DOLLARS' is not an ISO 4217 currency code"),
])
def test_a_bad_need_names_the_field(alice, changes, field, message):
    data = {"text": "We need fewer late shifts", **changes}
    with pytest.raises(ValidationError) as error:
        need_record(workspace=alice.workspace, person=alice, **data)
    assert error.value.errors[field] == message


def test_a_need_cannot_name_someone_from_another_workspace(alice, rita):
    with pytest.raises(ValidationError) as error:
        need_record(workspace=alice.workspace, person=alice, text="Fewer late shifts", said_by=rita)
    assert error.value.errors == {"said_by": "not found in this workspace"}


def test_a_new_need_is_either_suspected_or_confirmed(alice):
    with pytest.raises(ValidationError) as error:
        need_record(workspace=alice.workspace, person=alice, text="Fewer late shifts", status="addressed")
    assert error.value.errors == {"status": "a new need is suspected (our guess) or confirmed (they said so)"}


def test_confirming_a_need_records_when_and_puts_it_on_the_timeline(rota_need, alice):
    need_set_status(need=rota_need, status="confirmed")
    rota_need.refresh_from_db()
    assert rota_need.status == "confirmed" and rota_need.confirmed_at is not None
    assert TimelineEvent.objects.filter(person=alice, summary__startswith="Need confirmed by the customer").exists()


# --- opening -----------------------------------------------------------------------------------------

def test_an_opportunity_starts_where_the_customer_is_exploring(opportunity, rota_need, alice):
    assert opportunity.stage == "exploring"
    assert list(opportunity.needs.all()) == [rota_need]
    [opening] = opportunity.moves.all()
    assert (opening.from_stage, opening.to_stage, opening.reason) == (
        "", "exploring", "We keep talking about it at every team meeting.")
    assert TimelineEvent.objects.filter(person=alice, kind="opportunity").count() == 1


def test_an_opportunity_without_a_title_is_named_after_its_first_need(alice, rota_need):
    opportunity = opportunity_open(workspace=alice.workspace, person=alice, needs=[rota_need])
    assert opportunity.title == rota_need.text


def test_an_opportunity_cannot_be_about_someone_elses_need(bob, rota_need):
    with pytest.raises(ValidationError) as error:
        opportunity_open(workspace=bob.workspace, person=bob, needs=[rota_need])
    assert error.value.errors == {
        "needs": "“We lose a whole day every month fixing the rota by hand.” is not a need of Bob Builder or their "
                 "organization"}


def test_an_offering_from_another_workspace_is_refused(alice, other_workspace):
    from ally.opportunities.services import offering_create

    theirs = offering_create(workspace=other_workspace, name="Rival Rota")
    with pytest.raises(ValidationError) as error:
        opportunity_open(workspace=alice.workspace, person=alice, title="Rota", offerings=[theirs])
    assert error.value.errors == {"offerings": "not found in this workspace"}


# --- the need to change ------------------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["committed_to_change", "evaluating", "deciding"])
def test_an_opportunity_cannot_move_past_exploring_until_the_customer_confirms_a_need(opportunity, stage):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, stage)
    assert error.value.errors == {"stage": "can't move past exploring until the customer confirms a need to "
                                           "change: none of this opportunity's needs is confirmed yet"}
    opportunity.refresh_from_db()
    assert opportunity.stage == "exploring" and opportunity.moves.count() == 1


def test_owning_also_needs_a_confirmed_need(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "owning", amount="100")
    assert "stage" in error.value.errors
    assert not Purchase.objects.exists()


def test_once_a_need_is_confirmed_the_customer_can_commit_to_change(opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    move = _move(opportunity, "committed_to_change", "We can't do another winter like the last one.")
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.stage_reason) == ("committed_to_change",
                                                            "We can't do another winter like the last one.")
    assert (move.from_stage, move.to_stage) == ("exploring", "committed_to_change")


def test_every_move_needs_the_customers_reason(opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "committed_to_change", reason="   ")
    assert error.value.errors == {"reason": "needs the customer's reason, in their words"}


def test_a_move_to_an_unknown_stage_is_refused(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "closed_won")
    assert error.value.errors == {"stage": "'closed_won' is not a stage; stages are exploring, committed_to_change, "
                                           "evaluating, deciding, owning, not_a_fit, staying_as_is"}


def test_moving_to_the_stage_it_is_already_in_is_refused(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "exploring")
    assert error.value.errors == {"stage": "is already exploring"}


def test_a_customer_can_skip_ahead_when_they_are_ready(opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    _move(opportunity, "deciding", "We've already looked at everything; it's you or nothing.")
    opportunity.refresh_from_db()
    assert opportunity.stage == "deciding"


# --- backwards moves ---------------------------------------------------------------------------------

@pytest.mark.parametrize("back_to", ["evaluating", "committed_to_change", "exploring"])
def test_customers_change_their_minds_so_any_earlier_open_stage_is_allowed(opportunity, rota_need, back_to):
    _committed(opportunity, rota_need)
    _move(opportunity, "evaluating", "Show us how it compares.")
    _move(opportunity, "deciding", "It's between you and ShiftBoard.")
    # when
    _move(opportunity, back_to, "The new director wants to look again.")
    # then
    opportunity.refresh_from_db()
    assert opportunity.stage == back_to
    assert [m.to_stage for m in opportunity.moves.order_by("occurred_at", "id")][-2:] == ["deciding", back_to]


def test_a_move_back_also_needs_their_reason(opportunity, rota_need):
    _committed(opportunity, rota_need)
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "exploring", reason="")
    assert error.value.errors == {"reason": "needs the customer's reason, in their words"}


@pytest.mark.parametrize("ending, extra", [
    ("not_a_fit", {"alternative_name": "A shared calendar"}),
    ("staying_as_is", {}),
])
def test_an_ended_opportunity_can_be_reopened_to_exploring_only(opportunity, rota_need, ending, extra):
    _committed(opportunity, rota_need)
    _move(opportunity, ending, "Not now.", **extra)
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "evaluating", "Changed our minds")
    assert error.value.errors["stage"].endswith("can only be reopened to exploring")
    # when
    _move(opportunity, "exploring", "Our new site opens in spring; we need to look again.")
    # then
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.decided_at, opportunity.alternative_name) == ("exploring", None, "")


def test_an_opportunity_they_own_cannot_be_reopened(opportunity, rota_need):
    _committed(opportunity, rota_need)
    _move(opportunity, "owning", "Signed.", amount="1200")
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "exploring", "Want more")
    assert error.value.errors == {"stage": "they own it: the purchase stands and ownership has begun; open a new "
                                           "opportunity for what they need next"}


def test_a_move_dated_before_the_previous_one_is_refused(opportunity, rota_need, days_ago):
    need_set_status(need=rota_need, status="confirmed")
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "committed_to_change", occurred_at=days_ago(3))
    assert error.value.errors["occurred_at"].startswith("is before the previous move")


# --- not a fit ---------------------------------------------------------------------------------------

def test_not_a_fit_requires_the_alternative_recommended(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "not_a_fit", "We only have three staff.")
    assert error.value.errors == {"alternative": "not a fit needs the alternative you recommended: choose one from "
                                                 "the catalogue or type it in"}
    opportunity.refresh_from_db()
    assert opportunity.stage == "exploring"


def test_not_a_fit_records_the_catalogue_alternative_and_their_reason(opportunity, catalogue, alice):
    _move(opportunity, "not_a_fit", "We only have three staff.", alternative=catalogue.spreadsheet)
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.alternative_id, opportunity.alternative_name) == (
        "not_a_fit", catalogue.spreadsheet.id, "Rota spreadsheet template")
    assert opportunity.decided_at is not None
    assert TimelineEvent.objects.filter(person=alice, kind="opportunity").latest("id").summary == (
        "“A rota that fixes itself” is not a fit; recommended Rota spreadsheet template. "
        "Their words: “We only have three staff.”")


def test_not_a_fit_takes_an_alternative_typed_in(opportunity):
    move = _move(opportunity, "not_a_fit", "We want paper.", alternative_name="  The paper planner from Muji ")
    assert (move.alternative_id, move.alternative_name) == (None, "The paper planner from Muji")


def test_not_a_fit_takes_one_alternative_not_both(opportunity, catalogue):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "not_a_fit", alternative=catalogue.shiftboard, alternative_name="Something else")
    assert error.value.errors == {"alternative_name": "choose an alternative from the catalogue or type one in, "
                                                      "not both"}


def test_an_alternative_from_another_workspace_is_refused(opportunity, other_workspace):
    theirs = alternative_create(workspace=other_workspace, name="Rival's pick")
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "not_a_fit", alternative=theirs)
    assert error.value.errors == {"alternative": "not found in this workspace"}
    assert not StageMove.objects.filter(to_stage="not_a_fit").exists()


def test_only_not_a_fit_recommends_an_alternative(opportunity, catalogue):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "staying_as_is", alternative=catalogue.shiftboard)
    assert error.value.errors == {"alternative": "only a move to not_a_fit recommends an alternative"}


# --- staying as is -----------------------------------------------------------------------------------

def test_staying_as_is_respects_their_choice_and_keeps_a_revisit_date(opportunity):
    revisit = timezone.localdate() + dt.timedelta(days=90)
    _move(opportunity, "staying_as_is", "The budget is frozen until the merger closes.", revisit_on=revisit)
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.revisit_on, opportunity.stage_reason) == (
        "staying_as_is", revisit, "The budget is frozen until the merger closes.")


def test_staying_as_is_needs_no_revisit_date(opportunity):
    _move(opportunity, "staying_as_is", "It works well enough for us.")
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.revisit_on) == ("staying_as_is", None)


@pytest.mark.parametrize("days", [0, -10])
def test_a_revisit_date_must_be_after_the_decision(opportunity, days):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "staying_as_is", revisit_on=timezone.localdate() + dt.timedelta(days=days))
    assert error.value.errors == {"revisit_on": "must be after the day they decided to stay as is"}


def test_only_staying_as_is_takes_a_revisit_date(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "not_a_fit", alternative_name="Paper", revisit_on=timezone.localdate() + dt.timedelta(30))
    assert error.value.errors == {"revisit_on": "only staying_as_is takes a revisit date"}


# --- owning ------------------------------------------------------------------------------------------

def test_owning_records_the_purchase_and_addresses_their_confirmed_needs(opportunity, rota_need, catalogue, alice):
    opportunity_update(opportunity=opportunity, offerings=[catalogue.rota_planner])
    _committed(opportunity, rota_need)
    # when
    _move(opportunity, "owning", "Let's do it before the summer rota.", amount="1200.50", currency="eur")
    # then
    opportunity.refresh_from_db()
    purchase = Purchase.objects.get()
    assert opportunity.purchase_id == purchase.id
    assert (purchase.person_id, purchase.offering_id, purchase.amount, purchase.currency, purchase.purchased_on) == (
        alice.id, catalogue.rota_planner.id, Decimal("1200.50"), "EUR", timezone.localdate())
    rota_need.refresh_from_db()
    assert rota_need.status == "addressed"


def test_owning_without_an_amount_is_refused(opportunity, rota_need):
    _committed(opportunity, rota_need)
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "owning", "Signed")
    assert error.value.errors == {"amount": "is required to record the purchase"}


def test_a_purchase_the_ownership_app_refuses_leaves_nothing_half_written(opportunity, rota_need):
    _committed(opportunity, rota_need)
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "owning", "Signed", amount="100", currency="euros")
    assert set(error.value.errors) == {"currency"}
    opportunity.refresh_from_db()
    assert opportunity.stage == "committed_to_change"
    assert not StageMove.objects.filter(to_stage="owning").exists() and not Purchase.objects.exists()


def test_only_owning_records_a_purchase(opportunity):
    with pytest.raises(ValidationError) as error:
        _move(opportunity, "staying_as_is", amount="100")
    assert error.value.errors == {"amount": "only a move to owning records a purchase"}


# --- the history -------------------------------------------------------------------------------------

def test_the_history_keeps_every_move_with_their_words_and_when(opportunity, rota_need):
    _committed(opportunity, rota_need)
    _move(opportunity, "evaluating", "Show us the comparison.")
    _move(opportunity, "staying_as_is", "Our finance lead says not this year.",
          revisit_on=timezone.localdate() + dt.timedelta(days=180))
    history = list(Opportunity.objects.get(id=opportunity.id).moves.order_by("occurred_at", "id")
                   .values_list("from_stage", "to_stage", "reason"))
    assert history == [
        ("", "exploring", "We keep talking about it at every team meeting."),
        ("exploring", "committed_to_change", "We can't do another winter like the last one."),
        ("committed_to_change", "evaluating", "Show us the comparison."),
        ("evaluating", "staying_as_is", "Our finance lead says not this year."),
    ]
