"""Every write about needs, opportunities and their catalogues (offerings, alternatives, discovery questions).

The buyer's journey rules live in `opportunity_move` and are documented in docs/opportunities.md:

- Forward: from an open stage to any later open stage, or to `owning`. Anything past `exploring`
  needs the customer's confirmed need to change: at least one of the opportunity's needs confirmed.
- Backward: from an open stage to any earlier open stage, because customers change their minds.
- Endings: `not_a_fit` (needs the alternative recommended) and `staying_as_is` (optional revisit
  date) from any open stage; `owning` records the purchase through ownership's purchase_record and
  marks the confirmed needs it answers as addressed.
- Reopening: `not_a_fit` and `staying_as_is` can be reopened to `exploring`; `owning` cannot (the
  purchase stands and ownership has begun: a new need is a new opportunity).
- Every move needs the customer's reason in their words; it is kept with when it happened.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.core.plugins import hook_functions
from ally.interactions.services import timeline_event_record
from ally.opportunities.models import (
    ENDED_STAGES,
    OPEN_STAGES,
    Alternative,
    CustomerQuestion,
    DecisionInfo,
    DiscoveryQuestion,
    Driver,
    Need,
    Offering,
    Opportunity,
    OpportunityNeed,
    OpportunityOffering,
    QuestionBankSeed,
    Stage,
    StageMove,
)
from ally.opportunities.question_bank import DEFAULT_QUESTIONS

# A meeting logged a little ahead (later today, another time zone) is normal; further ahead is a typo.
FUTURE_SLACK = dt.timedelta(hours=24)
STAGE_ORDER = {stage: index for index, stage in enumerate(OPEN_STAGES)}


# --- small checks shared by the services -------------------------------------------------------------

def _text(value, field: str, errors: dict, *, required=False, max_length=2000) -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"is longer than {max_length} characters"
    return text


def _in_workspace(workspace_id: int, obj, field: str, errors: dict) -> None:
    if obj is not None and obj.workspace_id != workspace_id:
        errors[field] = "not found in this workspace"


def _choice(value, choices, field: str, errors: dict) -> str:
    if value not in choices:
        errors[field] = f"'{value}' is not one of {', '.join(choices)}"
    return value


def _urgency(value, errors: dict) -> int | None:
    try:
        urgency = int(value)
        if str(value).strip() != str(urgency):
            raise ValueError
    except (TypeError, ValueError):
        errors["urgency"] = f"'{value}' is not a whole number from 1 to 5"
        return None
    if not 1 <= urgency <= 5:
        errors["urgency"] = f"must be from 1 to 5 (as the customer sees it), not {urgency}"
    return urgency


def _moment(value, field: str, errors: dict) -> dt.datetime:
    if value is None:
        return timezone.now()
    if not isinstance(value, dt.datetime):
        errors[field] = "is not a date and time"
    elif timezone.is_naive(value):
        errors[field] = "needs a time zone"
    elif value > timezone.now() + FUTURE_SLACK:
        errors[field] = "is in the future"
    return value


def _amount(value, field: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = f"'{value}' is not an amount"
        return None
    if not amount.is_finite():
        errors[field] = "is not a finite amount"
    elif amount < 0:
        errors[field] = "cannot be negative"
    elif amount.as_tuple().exponent < -2:
        errors[field] = "has more than two decimals"
    elif amount >= Decimal("1e12"):
        errors[field] = "is too large"
    else:
        # Stored with two decimals; return it as stored, so what a caller gets back equals what is read later.
        return amount.quantize(Decimal("0.01"))
    return amount


def _currency(value, field: str, errors: dict, default: str = "") -> str:
    currency = (value or default or "").strip().upper()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors[field] = f"'{currency}' is not a three-letter currency code"
    return currency


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- needs -------------------------------------------------------------------------------------------

NEED_FIELDS = {"text", "driver", "urgency", "said_by", "said_at", "interaction", "organization",
               "cost_of_doing_nothing", "cost_amount", "cost_currency", "cost_period"}


def _clean_need(workspace, data: dict, errors: dict) -> dict:
    clean = dict(data)
    if "text" in data:
        clean["text"] = _text(data["text"], "text", errors, required=True, max_length=5000)
    if "driver" in data:
        _choice(data["driver"], Driver.values, "driver", errors)
    if "urgency" in data:
        clean["urgency"] = _urgency(data["urgency"], errors)
    if "said_at" in data:
        clean["said_at"] = _moment(data["said_at"], "said_at", errors)
    if "cost_of_doing_nothing" in data:
        clean["cost_of_doing_nothing"] = _text(data["cost_of_doing_nothing"], "cost_of_doing_nothing", errors,
                                               max_length=5000)
    if "cost_amount" in data:
        clean["cost_amount"] = _amount(data["cost_amount"], "cost_amount", errors)
    if "cost_currency" in data:
        clean["cost_currency"] = _currency(data["cost_currency"], "cost_currency", errors)
    if "cost_period" in data:
        clean["cost_period"] = data["cost_period"] or ""
        if clean["cost_period"]:
            _choice(clean["cost_period"], Need.Period.values, "cost_period", errors)
    for field in ("said_by", "interaction", "organization"):
        if field in data:
            _in_workspace(workspace.id, data[field], field, errors)
    return clean


def _check_cost(need: Need, errors: dict) -> None:
    if need.cost_amount is None:
        need.cost_currency, need.cost_period = "", ""
        return
    if not need.cost_currency:
        need.cost_currency = need.workspace.default_currency
    if not need.cost_period:
        errors["cost_period"] = "an amount needs its period (week, month, quarter or year)"


def _need_event(need: Need, summary: str, author) -> None:
    timeline_event_record(workspace=need.workspace, person=need.person, kind="need", author=author,
                          summary=summary, params={"need_id": need.id})


@transaction.atomic
def need_record(*, workspace, person, text: str, driver: str = Driver.OTHER, urgency=3,
                status: str = Need.Status.SUSPECTED, said_by=None, said_at: dt.datetime | None = None,
                interaction=None, organization=None, cost_of_doing_nothing: str = "", cost_amount=None,
                cost_currency: str = "", cost_period: str = "", author=None) -> Need:
    """Record a need in the customer's own words: who said it, when, in which interaction, why it matters."""
    errors: dict[str, str] = {}
    _in_workspace(workspace.id, person, "person", errors)
    if status not in Need.OPEN_STATUSES:
        errors["status"] = "a new need is suspected (our guess) or confirmed (they said so)"
    clean = _clean_need(workspace, {
        "text": text, "driver": driver, "urgency": urgency, "said_by": said_by, "said_at": said_at,
        "interaction": interaction, "organization": organization, "cost_of_doing_nothing": cost_of_doing_nothing,
        "cost_amount": cost_amount, "cost_currency": cost_currency, "cost_period": cost_period,
    }, errors)
    need = Need(workspace=workspace, person=person, status=status, author=author, **clean)
    need.said_by = clean["said_by"] or person
    need.touched_at = timezone.now()
    need.confirmed_at = need.touched_at if status == Need.Status.CONFIRMED else None
    _check_cost(need, errors)
    _raise(errors)
    need.save()
    _need_event(need, f"Need ({need.status}): “{need.text}”", author)
    return need


@transaction.atomic
def need_update(*, need: Need, author=None, **changes) -> Need:
    """Correct or complete a need (their words, driver, urgency, cost of doing nothing, who said it)."""
    unknown = set(changes) - NEED_FIELDS
    if unknown:
        raise ValidationError({name: "is not a field of a need" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    clean = _clean_need(need.workspace, changes, errors)
    for field, value in clean.items():
        setattr(need, field, value)
    _check_cost(need, errors)
    _raise(errors)
    need.touched_at = timezone.now()
    need.save()
    return need


@transaction.atomic
def need_set_status(*, need: Need, status: str, author=None) -> Need:
    """Mark a need suspected, confirmed by the customer, addressed, or dropped."""
    errors: dict[str, str] = {}
    _choice(status, Need.Status.values, "status", errors)
    _raise(errors)
    if status == need.status:
        need.touched_at = timezone.now()
        need.save(update_fields=["touched_at"])
        return need
    need.status = status
    need.touched_at = timezone.now()
    if status == Need.Status.CONFIRMED:
        need.confirmed_at = need.touched_at
    need.save(update_fields=["status", "touched_at", "confirmed_at"])
    words = {"suspected": "back to suspected", "confirmed": "confirmed by the customer",
             "addressed": "addressed", "dropped": "dropped"}[status]
    _need_event(need, f"Need {words}: “{need.text}”", author)
    return need


def _touch_needs(need_ids) -> None:
    Need.objects.filter(id__in=list(need_ids)).update(touched_at=timezone.now())


# --- catalogues --------------------------------------------------------------------------------------

def _clean_catalogue(model, workspace_id: int, data: dict, errors: dict, *, instance=None) -> dict:
    clean = dict(data)
    if "name" in data:
        clean["name"] = _text(data["name"], "name", errors, required=True, max_length=200)
        duplicate = model.objects.filter(workspace_id=workspace_id, name__iexact=clean["name"])
        if instance is not None:
            duplicate = duplicate.exclude(id=instance.id)
        if clean["name"] and duplicate.exists():
            errors["name"] = f"'{clean['name']}' is already in the catalogue"
    for field in ("description", "good_for"):
        if field in data:
            clean[field] = _text(data[field], field, errors, max_length=5000)
    for field in ("vendor", "website"):
        if field in data:
            clean[field] = _text(data[field], field, errors, max_length=200)
    if "price" in data:
        clean["price"] = _amount(data["price"], "price", errors)
    if "currency" in data:
        clean["currency"] = _currency(data["currency"], "currency", errors)
    if "active" in data:
        clean["active"] = bool(data["active"])
    return clean


OFFERING_FIELDS = {"name", "description", "price", "currency", "active"}
ALTERNATIVE_FIELDS = {"name", "vendor", "good_for", "website", "active"}


@transaction.atomic
def offering_create(*, workspace, name: str, description: str = "", price=None, currency: str = "",
                    active: bool = True) -> Offering:
    """Add something the workspace offers to its catalogue."""
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Offering, workspace.id, {"name": name, "description": description, "price": price,
                                                      "currency": currency, "active": active}, errors)
    if clean["price"] is not None and not clean["currency"]:
        clean["currency"] = workspace.default_currency
    _raise(errors)
    return Offering.objects.create(workspace=workspace, **clean)


@transaction.atomic
def offering_update(*, offering: Offering, **changes) -> Offering:
    unknown = set(changes) - OFFERING_FIELDS
    if unknown:
        raise ValidationError({name: "is not a field of an offering" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Offering, offering.workspace_id, changes, errors, instance=offering)
    _raise(errors)
    for field, value in clean.items():
        setattr(offering, field, value)
    if offering.price is not None and not offering.currency:
        offering.currency = offering.workspace.default_currency
    offering.save()
    return offering


@transaction.atomic
def alternative_create(*, workspace, name: str, vendor: str = "", good_for: str = "", website: str = "",
                       active: bool = True) -> Alternative:
    """Add another vendor's product or service to the catalogue of alternatives we recommend."""
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Alternative, workspace.id, {"name": name, "vendor": vendor, "good_for": good_for,
                                                         "website": website, "active": active}, errors)
    _raise(errors)
    return Alternative.objects.create(workspace=workspace, **clean)


@transaction.atomic
def alternative_update(*, alternative: Alternative, **changes) -> Alternative:
    unknown = set(changes) - ALTERNATIVE_FIELDS
    if unknown:
        raise ValidationError({name: "is not a field of an alternative" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Alternative, alternative.workspace_id, changes, errors, instance=alternative)
    _raise(errors)
    for field, value in clean.items():
        setattr(alternative, field, value)
    alternative.save()
    return alternative


# --- the question bank -------------------------------------------------------------------------------

@transaction.atomic
def question_bank_seed(*, workspace) -> int:
    """Give a workspace its own copy of the default discovery questions, once; returns how many were added.

    Called lazily wherever the bank is read. After the first time it does nothing, so questions a
    team edited or deleted stay as the team left them.
    """
    marker, created = QuestionBankSeed.objects.get_or_create(workspace=workspace)
    if not created:
        return 0
    rows = [DiscoveryQuestion(workspace=workspace, driver=driver, purpose=purpose, text=text, position=index)
            for index, (driver, purpose, text) in enumerate(DEFAULT_QUESTIONS)]
    return len(DiscoveryQuestion.objects.bulk_create(rows, ignore_conflicts=True))


def _clean_question(workspace_id: int, data: dict, errors: dict, *, instance=None) -> dict:
    clean = dict(data)
    if "driver" in data:
        _choice(data["driver"], Driver.values, "driver", errors)
    if "purpose" in data:
        _choice(data["purpose"], DiscoveryQuestion.Purpose.values, "purpose", errors)
    if "text" in data:
        clean["text"] = _text(data["text"], "text", errors, required=True, max_length=500)
        duplicate = DiscoveryQuestion.objects.filter(workspace_id=workspace_id, text=clean["text"])
        if instance is not None:
            duplicate = duplicate.exclude(id=instance.id)
        if clean["text"] and duplicate.exists():
            errors["text"] = "is already in the question bank"
    if "position" in data:
        try:
            clean["position"] = int(data["position"])
            if clean["position"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors["position"] = f"'{data['position']}' is not a position (0 or more)"
    if "active" in data:
        clean["active"] = bool(data["active"])
    return clean


@transaction.atomic
def discovery_question_create(*, workspace, text: str, driver: str, purpose: str = DiscoveryQuestion.Purpose.NEED,
                              position: int | None = None, active: bool = True) -> DiscoveryQuestion:
    """Add an open question to the workspace's bank."""
    question_bank_seed(workspace=workspace)
    errors: dict[str, str] = {}
    clean = _clean_question(workspace.id, {"text": text, "driver": driver, "purpose": purpose, "active": active},
                            errors)
    if position is not None:
        clean.update(_clean_question(workspace.id, {"position": position}, errors))
    _raise(errors)
    if position is None:
        last = DiscoveryQuestion.objects.filter(workspace=workspace, driver=driver).order_by("-position").first()
        clean["position"] = last.position + 1 if last else 0
    return DiscoveryQuestion.objects.create(workspace=workspace, **clean)


@transaction.atomic
def discovery_question_update(*, question: DiscoveryQuestion, **changes) -> DiscoveryQuestion:
    unknown = set(changes) - {"text", "driver", "purpose", "position", "active"}
    if unknown:
        raise ValidationError({name: "is not a field of a discovery question" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    clean = _clean_question(question.workspace_id, changes, errors, instance=question)
    _raise(errors)
    for field, value in clean.items():
        setattr(question, field, value)
    question.save()
    return question


@transaction.atomic
def discovery_question_delete(*, question: DiscoveryQuestion) -> None:
    question.delete()


# --- opportunities -----------------------------------------------------------------------------------

def _check_needs(person, needs, errors: dict) -> list[Need]:
    needs = list({n.id: n for n in needs}.values())
    for need in needs:
        if need.workspace_id != person.workspace_id:
            errors["needs"] = "not found in this workspace"
        elif need.person_id != person.id and not (need.organization_id and
                                                  need.organization_id == person.organization_id):
            errors["needs"] = f"“{need.text[:60]}” is not a need of {person.name} or their organization"
        elif not need.is_open:
            errors["needs"] = f"“{need.text[:60]}” is already {need.status}"
    return needs


def _check_offerings(workspace_id: int, offerings, errors: dict) -> list[Offering]:
    offerings = list({o.id: o for o in offerings}.values())
    for offering in offerings:
        _in_workspace(workspace_id, offering, "offerings", errors)
    return offerings


def _opportunity_event(opportunity: Opportunity, summary: str, author, occurred_at=None, **params) -> None:
    timeline_event_record(workspace=opportunity.workspace, person=opportunity.person, kind="opportunity",
                          author=author, summary=summary, occurred_at=occurred_at,
                          params={"opportunity_id": opportunity.id, **params})


@transaction.atomic
def opportunity_open(*, workspace, person, title: str = "", needs=(), offerings=(), reason: str = "",
                     occurred_at: dt.datetime | None = None, interaction=None, owner=None,
                     author=None) -> Opportunity:
    """Open a customer's decision about some of their needs; it starts where they are: exploring."""
    errors: dict[str, str] = {}
    _in_workspace(workspace.id, person, "person", errors)
    needs = _check_needs(person, needs, errors)
    offerings = _check_offerings(workspace.id, offerings, errors)
    title = _text(title, "title", errors, max_length=200) or (needs[0].text.split("\n")[0][:200] if needs else "")
    if not title and "title" not in errors:
        errors["title"] = "is required (or choose a need to name it after)"
    reason = _text(reason, "reason", errors, max_length=5000)
    occurred_at = _moment(occurred_at, "occurred_at", errors)
    _in_workspace(workspace.id, interaction, "interaction", errors)
    _in_workspace(workspace.id, owner, "owner", errors)
    _raise(errors)
    opportunity = Opportunity.objects.create(
        workspace=workspace, person=person, organization=person.organization, title=title,
        stage=Stage.EXPLORING, stage_changed_at=occurred_at, stage_reason=reason, owner=owner, author=author,
    )
    OpportunityNeed.objects.bulk_create([OpportunityNeed(workspace=workspace, opportunity=opportunity, need=n)
                                         for n in needs])
    OpportunityOffering.objects.bulk_create([OpportunityOffering(workspace=workspace, opportunity=opportunity,
                                                                 offering=o) for o in offerings])
    StageMove.objects.create(workspace=workspace, opportunity=opportunity, from_stage="", to_stage=Stage.EXPLORING,
                             reason=reason, occurred_at=occurred_at, interaction=interaction, author=author)
    _touch_needs(n.id for n in needs)
    _opportunity_event(opportunity, f"Started exploring “{title}”", author, occurred_at)
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, **changes) -> Opportunity:
    """Rename an opportunity, or replace its needs, offerings or owner (lists are replaced whole)."""
    unknown = set(changes) - {"title", "needs", "offerings", "owner"}
    if unknown:
        raise ValidationError({name: "is not a field of an opportunity" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    workspace_id = opportunity.workspace_id
    if "title" in changes:
        opportunity.title = _text(changes["title"], "title", errors, required=True, max_length=200)
    if "owner" in changes:
        _in_workspace(workspace_id, changes["owner"], "owner", errors)
    if "needs" in changes:
        current = set(opportunity.need_links.values_list("need_id", flat=True))
        # Needs already linked may have been addressed since; only newly linked ones must be open.
        needs = list({n.id: n for n in changes["needs"]}.values())
        _check_needs(opportunity.person, [n for n in needs if n.id not in current], errors)
        for need in needs:
            _in_workspace(workspace_id, need, "needs", errors)
    if "offerings" in changes:
        offerings = _check_offerings(workspace_id, changes["offerings"], errors)
    _raise(errors)
    if "owner" in changes:
        opportunity.owner = changes["owner"]
    opportunity.save()
    if "needs" in changes:
        wanted = {n.id for n in needs}
        opportunity.need_links.exclude(need_id__in=wanted).delete()
        OpportunityNeed.objects.bulk_create([
            OpportunityNeed(workspace_id=workspace_id, opportunity=opportunity, need_id=need_id)
            for need_id in wanted - current
        ])
        _touch_needs(wanted - current)
    if "offerings" in changes:
        wanted = {o.id for o in offerings}
        opportunity.offering_links.exclude(offering_id__in=wanted).delete()
        have = set(opportunity.offering_links.values_list("offering_id", flat=True))
        OpportunityOffering.objects.bulk_create([
            OpportunityOffering(workspace_id=workspace_id, opportunity=opportunity, offering_id=offering_id)
            for offering_id in wanted - have
        ])
    return opportunity


def _check_move(opportunity: Opportunity, to_stage: str, confirmed_needs: int, errors: dict) -> None:
    """The journey's rules: which moves a customer can make from where they are (see the module docstring)."""
    current = opportunity.stage
    label = Stage(current).label.lower() if current in Stage.values else current
    if to_stage not in Stage.values:
        errors["stage"] = f"'{to_stage}' is not a stage; stages are {', '.join(Stage.values)}"
    elif to_stage == current:
        errors["stage"] = f"is already {label}"
    elif current == Stage.OWNING:
        errors["stage"] = ("they own it: the purchase stands and ownership has begun; open a new opportunity "
                           "for what they need next")
    elif current in ENDED_STAGES and to_stage != Stage.EXPLORING:
        errors["stage"] = f"an opportunity that ended as {label} can only be reopened to exploring"
    elif current in OPEN_STAGES and to_stage not in (Stage.EXPLORING, Stage.NOT_A_FIT, Stage.STAYING_AS_IS) \
            and confirmed_needs == 0:
        errors["stage"] = ("can't move past exploring until the customer confirms a need to change: none of "
                           "this opportunity's needs is confirmed yet")


@transaction.atomic
def opportunity_move(*, opportunity: Opportunity, stage: str, reason: str, occurred_at: dt.datetime | None = None,
                     interaction=None, alternative=None, alternative_name: str = "",
                     revisit_on: dt.date | None = None, offering=None, amount=None, currency: str = "",
                     purchased_on: dt.date | None = None, author=None) -> StageMove:
    """Move an opportunity to the stage the customer is in now, with their reason in their words.

    `not_a_fit` needs the alternative recommended (a catalogue `alternative` or a typed
    `alternative_name`); `staying_as_is` takes an optional `revisit_on`; `owning` records the purchase
    (`amount`, `currency`, `purchased_on`, optional `offering`) through ownership's purchase_record.
    """
    opportunity = Opportunity.objects.select_for_update().select_related("person", "workspace").get(id=opportunity.id)
    workspace = opportunity.workspace
    errors: dict[str, str] = {}
    need_ids = list(opportunity.need_links.values_list("need_id", flat=True))
    confirmed = Need.objects.filter(id__in=need_ids, status=Need.Status.CONFIRMED).count() if need_ids else 0
    _check_move(opportunity, stage, confirmed, errors)
    reason = _text(reason, "reason", errors, max_length=5000)
    if not reason and "reason" not in errors:
        errors["reason"] = "needs the customer's reason, in their words"
    occurred_at = _moment(occurred_at, "occurred_at", errors)
    if "occurred_at" not in errors and occurred_at < opportunity.stage_changed_at:
        errors["occurred_at"] = (f"is before the previous move "
                                 f"({timezone.localtime(opportunity.stage_changed_at):%Y-%m-%d %H:%M})")
    _in_workspace(workspace.id, interaction, "interaction", errors)
    alternative_name = _text(alternative_name, "alternative_name", errors, max_length=200)
    _in_workspace(workspace.id, alternative, "alternative", errors)
    _in_workspace(workspace.id, offering, "offering", errors)
    if stage == Stage.NOT_A_FIT:
        if alternative is not None and alternative_name:
            errors["alternative_name"] = "choose an alternative from the catalogue or type one in, not both"
        elif alternative is None and not alternative_name and "alternative" not in errors:
            errors["alternative"] = ("not a fit needs the alternative you recommended: choose one from the "
                                     "catalogue or type it in")
    elif alternative is not None or alternative_name:
        errors["alternative"] = "only a move to not_a_fit recommends an alternative"
    decided_on = timezone.localtime(occurred_at).date() if "occurred_at" not in errors else timezone.localdate()
    if revisit_on is not None:
        if stage != Stage.STAYING_AS_IS:
            errors["revisit_on"] = "only staying_as_is takes a revisit date"
        elif not isinstance(revisit_on, dt.date):
            errors["revisit_on"] = "is not a date"
        elif revisit_on <= decided_on:
            errors["revisit_on"] = "must be after the day they decided to stay as is"
    if stage == Stage.OWNING and amount in (None, ""):
        errors["amount"] = "is required to record the purchase"
    elif stage != Stage.OWNING:
        for field, value in (("offering", offering), ("amount", amount), ("currency", currency),
                             ("purchased_on", purchased_on)):
            if value not in (None, ""):
                errors[field] = "only a move to owning records a purchase"
    _raise(errors)

    move = StageMove.objects.create(
        workspace=workspace, opportunity=opportunity, from_stage=opportunity.stage, to_stage=stage, reason=reason,
        occurred_at=occurred_at, interaction=interaction, author=author,
        alternative=alternative if stage == Stage.NOT_A_FIT else None,
        # The name is kept as said, so the history reads the same if the catalogue entry is renamed later.
        alternative_name=(alternative.name if alternative is not None else alternative_name)
        if stage == Stage.NOT_A_FIT else "",
        revisit_on=revisit_on if stage == Stage.STAYING_AS_IS else None,
    )
    if stage == Stage.OWNING:
        _own(opportunity, offering=offering, amount=amount, currency=currency, author=author,
             purchased_on=purchased_on or decided_on, need_ids=need_ids)
    opportunity.stage, opportunity.stage_changed_at, opportunity.stage_reason = stage, occurred_at, reason
    opportunity.decided_at = occurred_at if stage in ENDED_STAGES else None
    opportunity.alternative, opportunity.alternative_name = move.alternative, move.alternative_name
    opportunity.revisit_on = move.revisit_on
    opportunity.save()
    _touch_needs(need_ids)
    _opportunity_event(opportunity, _move_summary(opportunity, move), author, occurred_at, move_id=move.id)
    return move


def _own(opportunity: Opportunity, *, offering, amount, currency, purchased_on, author, need_ids) -> None:
    """Owning: the purchase is recorded (ownership then takes over) and the confirmed needs are addressed."""
    if offering is None:
        # With a single offering under consideration, that is what they bought.
        links = list(opportunity.offering_links.select_related("offering")[:2])
        offering = links[0].offering if len(links) == 1 else None
    opportunity.purchase = record_owning_purchase(
        opportunity=opportunity, amount=amount, currency=currency or opportunity.workspace.default_currency,
        purchased_on=purchased_on, offering=offering, author=author)
    if offering is not None and not opportunity.offering_links.filter(offering=offering).exists():
        OpportunityOffering.objects.create(workspace=opportunity.workspace, opportunity=opportunity, offering=offering)
    Need.objects.filter(id__in=need_ids, status=Need.Status.CONFIRMED).update(status=Need.Status.ADDRESSED)


def record_owning_purchase(*, opportunity: Opportunity, **purchase):
    """The purchase behind a move to owning, recorded by the app that keeps purchases (the ownership app's
    `opportunity_owned` hook: it sits above this app, so this app only knows it through the hook)."""
    recorders = hook_functions("opportunity_owned")
    if len(recorders) != 1:
        raise ValidationError({"stage": "owning needs exactly one app that records purchases"})
    return recorders[0](opportunity=opportunity, **purchase)


def _move_summary(opportunity: Opportunity, move: StageMove) -> str:
    to = Stage(move.to_stage).label.lower()
    if move.to_stage == Stage.NOT_A_FIT:
        head = f"“{opportunity.title}” is not a fit; recommended {move.alternative_name}"
    elif move.to_stage == Stage.STAYING_AS_IS:
        head = f"Staying as is on “{opportunity.title}”" + (f", revisit {move.revisit_on:%d %b %Y}"
                                                              if move.revisit_on else "")
    elif move.to_stage == Stage.OWNING:
        head = f"Now owns “{opportunity.title}”"
    elif move.from_stage in ENDED_STAGES:
        head = f"Reopened “{opportunity.title}”: exploring again"
    else:
        head = f"“{opportunity.title}”: {to}"
    return f"{head}. Their words: “{move.reason}”"


# --- decision information and the customer's questions -----------------------------------------------

@transaction.atomic
def decision_info_share(*, opportunity: Opportunity, what: str, shared_at: dt.datetime | None = None,
                        interaction=None, author=None) -> DecisionInfo:
    """Keep what we shared to help the customer decide (a comparison, pricing, a reference), when and where."""
    errors: dict[str, str] = {}
    what = _text(what, "what", errors, required=True, max_length=5000)
    shared_at = _moment(shared_at, "shared_at", errors)
    _in_workspace(opportunity.workspace_id, interaction, "interaction", errors)
    _raise(errors)
    info = DecisionInfo.objects.create(workspace_id=opportunity.workspace_id, opportunity=opportunity, what=what,
                                       shared_at=shared_at, interaction=interaction, author=author)
    _opportunity_event(opportunity, f"Shared for “{opportunity.title}”: {what}", author, shared_at,
                       decision_info_id=info.id)
    return info


@transaction.atomic
def customer_question_ask(*, opportunity: Opportunity, text: str, asked_at: dt.datetime | None = None,
                          interaction=None, author=None) -> CustomerQuestion:
    """Note a question the customer asked while deciding; it stays open until we answer it."""
    errors: dict[str, str] = {}
    text = _text(text, "text", errors, required=True, max_length=5000)
    asked_at = _moment(asked_at, "asked_at", errors)
    _in_workspace(opportunity.workspace_id, interaction, "interaction", errors)
    _raise(errors)
    return CustomerQuestion.objects.create(workspace_id=opportunity.workspace_id, opportunity=opportunity, text=text,
                                           asked_at=asked_at, interaction=interaction, author=author)


@transaction.atomic
def customer_question_answer(*, question: CustomerQuestion, answer: str, answered_at: dt.datetime | None = None,
                             author=None) -> CustomerQuestion:
    """Record our answer to the customer's question (answering again replaces the answer)."""
    errors: dict[str, str] = {}
    answer = _text(answer, "answer", errors, required=True, max_length=5000)
    answered_at = _moment(answered_at, "answered_at", errors)
    if "answered_at" not in errors and answered_at < question.asked_at:
        errors["answered_at"] = "is before the question was asked"
    _raise(errors)
    question.answer, question.answered_at = answer, answered_at
    question.save(update_fields=["answer", "answered_at"])
    opportunity = question.opportunity
    _opportunity_event(opportunity, f"Answered their question “{question.text[:120]}”", author, answered_at,
                       question_id=question.id)
    return question
