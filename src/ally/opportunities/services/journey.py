"""The buyer's decision journey: opening an opportunity, moving it, and its three endings.

The rules, documented in docs/opportunities.md:

- Forward: from an open stage to any later open stage, or to `owning`. Anything past `exploring`
  needs the customer's confirmed need to change: at least one of the opportunity's needs confirmed.
- Backward: from an open stage to any earlier open stage, because customers change their minds.
- Endings: `not_a_fit` (needs the alternative recommended) and `staying_as_is` (optional revisit
  date) from any open stage; `owning` records the purchase (through the `opportunity_owned` hook of
  the app that keeps purchases) and marks the confirmed needs it answers as addressed.
- Reopening: `not_a_fit` and `staying_as_is` can be reopened to `exploring`; `owning` cannot (the
  purchase stands and ownership has begun: a new need is a new opportunity).
- Every move needs the customer's reason in their words; it is kept with when it happened.

`opportunity_move(stage=...)` is the one entry the page, the API and the CLI use; it hands an ending to
its own service (`opportunity_end_not_a_fit`, `opportunity_end_staying_as_is`, `opportunity_end_owning`).
"""

import datetime as dt

from django.utils import timezone

from ally.core.validation import (
    clean_date,
    clean_moment,
    clean_text,
    in_workspace,
    raise_errors,
    unknown_fields,
)
from ally.interactions import events
from ally.opportunities.models import (
    ENDED_STAGES,
    OPEN_STAGES,
    Need,
    Opportunity,
    OpportunityNeed,
    OpportunityOffering,
    Stage,
    StageMove,
)
from ally.opportunities.owning import record_owning_purchase
from ally.workspaces.audit import audit_record, audited, created, diff

REASON_LENGTH = 5000
PURCHASE_FIELDS = ("offering", "amount", "currency", "purchased_on")


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


def _check_offerings(workspace_id: int, offerings, errors: dict) -> list:
    offerings = list({o.id: o for o in offerings}.values())
    for offering in offerings:
        in_workspace(workspace_id, offering, "offerings", errors)
    return offerings


def _author_id(author) -> int | None:
    return getattr(author, "id", None)


@audited
def opportunity_open(*, workspace, person, title: str = "", needs=(), offerings=(), reason: str = "",
                     occurred_at: dt.datetime | None = None, interaction=None, owner=None,
                     author=None) -> Opportunity:
    """Open a customer's decision about some of their needs; it starts where they are: exploring."""
    errors: dict[str, str] = {}
    in_workspace(workspace.id, person, "person", errors)
    needs = _check_needs(person, needs, errors)
    offerings = _check_offerings(workspace.id, offerings, errors)
    title = clean_text(title, "title", errors) or (needs[0].text.split("\n")[0][:200] if needs else "")
    if not title and "title" not in errors:
        errors["title"] = "is required (or choose a need to name it after)"
    reason = clean_text(reason, "reason", errors, max_length=REASON_LENGTH, multiline=True)
    occurred_at = clean_moment(occurred_at, "occurred_at", errors)
    in_workspace(workspace.id, interaction, "interaction", errors)
    in_workspace(workspace.id, owner, "owner", errors)
    raise_errors(errors)
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
    Need.objects.filter(id__in=[n.id for n in needs]).touch()
    events.record(events.opportunity_opened(opportunity, author_id=_author_id(author)))
    audit_record(workspace=workspace, action="opportunity.opened", target=opportunity, person_id=person.id,
                 changes=created({"title": title, "needs": [n.id for n in needs],
                                  "offerings": [o.id for o in offerings], "owner": getattr(owner, "id", None)}))
    return opportunity


@audited
def opportunity_update(*, opportunity: Opportunity, **changes) -> Opportunity:
    """Rename an opportunity, or replace its needs, offerings or owner (lists are replaced whole)."""
    unknown_fields(changes, ("title", "needs", "offerings", "owner"), "an opportunity")
    errors: dict[str, str] = {}
    workspace_id = opportunity.workspace_id
    before = {"title": opportunity.title, "owner": opportunity.owner_id,
              "needs": sorted(opportunity.need_links.values_list("need_id", flat=True)),
              "offerings": sorted(opportunity.offering_links.values_list("offering_id", flat=True))}
    if "title" in changes:
        opportunity.title = clean_text(changes["title"], "title", errors, required=True)
    if "owner" in changes:
        in_workspace(workspace_id, changes["owner"], "owner", errors)
    if "needs" in changes:
        current = set(before["needs"])
        # Needs already linked may have been addressed since; only newly linked ones must be open.
        needs = list({n.id: n for n in changes["needs"]}.values())
        _check_needs(opportunity.person, [n for n in needs if n.id not in current], errors)
        for need in needs:
            in_workspace(workspace_id, need, "needs", errors)
    if "offerings" in changes:
        offerings = _check_offerings(workspace_id, changes["offerings"], errors)
    raise_errors(errors)
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
        Need.objects.filter(id__in=wanted - current).touch()
    if "offerings" in changes:
        wanted = {o.id for o in offerings}
        opportunity.offering_links.exclude(offering_id__in=wanted).delete()
        have = set(opportunity.offering_links.values_list("offering_id", flat=True))
        OpportunityOffering.objects.bulk_create([
            OpportunityOffering(workspace_id=workspace_id, opportunity=opportunity, offering_id=offering_id)
            for offering_id in wanted - have
        ])
    after = {"title": opportunity.title, "owner": opportunity.owner_id,
             "needs": sorted(opportunity.need_links.values_list("need_id", flat=True)),
             "offerings": sorted(opportunity.offering_links.values_list("offering_id", flat=True))}
    audit_record(workspace=workspace_id, action="opportunity.updated", target=opportunity,
                 person_id=opportunity.person_id, changes=diff(before, after))
    return opportunity


# --- moves -------------------------------------------------------------------------------------------------

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


class _Move:
    """What every move checks first (the journey's rules, the reason, when, where); endings add their own."""

    def __init__(self, opportunity: Opportunity, stage: str, *, reason, occurred_at, interaction):
        self.opportunity = Opportunity.objects.select_for_update().select_related("person", "workspace").get(
            id=opportunity.id)
        self.stage, self.errors = stage, {}
        self.need_ids = list(self.opportunity.need_links.values_list("need_id", flat=True))
        confirmed = Need.objects.filter(id__in=self.need_ids, status=Need.Status.CONFIRMED).count() \
            if self.need_ids else 0
        _check_move(self.opportunity, stage, confirmed, self.errors)
        self.reason = clean_text(reason, "reason", self.errors, max_length=REASON_LENGTH, multiline=True)
        if not self.reason and "reason" not in self.errors:
            self.errors["reason"] = "needs the customer's reason, in their words"
        self.occurred_at = clean_moment(occurred_at, "occurred_at", self.errors)
        if "occurred_at" not in self.errors and self.occurred_at < self.opportunity.stage_changed_at:
            self.errors["occurred_at"] = (f"is before the previous move "
                                          f"({timezone.localtime(self.opportunity.stage_changed_at):%Y-%m-%d %H:%M})")
        in_workspace(self.opportunity.workspace_id, interaction, "interaction", self.errors)
        self.interaction = interaction
        self.decided_on = timezone.localtime(self.occurred_at).date() if "occurred_at" not in self.errors \
            else timezone.localdate()

    def refuse(self, fields: dict, why: str) -> None:
        """Fields given that this move does not take, each named with why."""
        for field, value in fields.items():
            if value not in (None, ""):
                self.errors[field] = why

    def save(self, *, author, **ending) -> StageMove:
        raise_errors(self.errors)
        opportunity = self.opportunity
        reopened = opportunity.stage in ENDED_STAGES
        move = StageMove.objects.create(
            workspace=opportunity.workspace, opportunity=opportunity, from_stage=opportunity.stage,
            to_stage=self.stage, reason=self.reason, occurred_at=self.occurred_at, interaction=self.interaction,
            author=author, alternative=ending.get("alternative"), alternative_name=ending.get("alternative_name", ""),
            revisit_on=ending.get("revisit_on"),
        )
        before = {"stage": opportunity.stage}
        opportunity.stage, opportunity.stage_changed_at, opportunity.stage_reason = \
            self.stage, self.occurred_at, self.reason
        opportunity.decided_at = self.occurred_at if self.stage in ENDED_STAGES else None
        opportunity.alternative, opportunity.alternative_name = move.alternative, move.alternative_name
        opportunity.revisit_on = move.revisit_on
        opportunity.save()
        Need.objects.filter(id__in=self.need_ids).touch()
        events.record(events.opportunity_moved(opportunity, move, to_label=Stage(self.stage).label,
                                               reopened=reopened, author_id=_author_id(author)))
        audit_record(workspace=opportunity.workspace_id, action="opportunity.moved", target=opportunity,
                     person_id=opportunity.person_id,
                     changes={"stage": [before["stage"], self.stage], "reason": [None, self.reason]})
        return move


@audited(delegates=True)
def opportunity_move(*, opportunity: Opportunity, stage: str, reason: str, occurred_at: dt.datetime | None = None,
                     interaction=None, alternative=None, alternative_name: str = "",
                     revisit_on: dt.date | None = None, offering=None, amount=None, currency: str = "",
                     purchased_on: dt.date | None = None, author=None) -> StageMove:
    """Move an opportunity to the stage the customer is in now, with their reason in their words.

    An ending goes to its own service with the fields it takes: `not_a_fit` the alternative recommended (a
    catalogue `alternative` or a typed `alternative_name`), `staying_as_is` an optional `revisit_on`,
    `owning` the purchase (`amount`, `currency`, `purchased_on`, optional `offering`).
    """
    common = {"opportunity": opportunity, "reason": reason, "occurred_at": occurred_at, "interaction": interaction,
              "author": author}
    ending_fields = {"alternative": alternative, "alternative_name": alternative_name, "revisit_on": revisit_on,
                     "offering": offering, "amount": amount, "currency": currency, "purchased_on": purchased_on}
    if stage == Stage.NOT_A_FIT:
        return opportunity_end_not_a_fit(alternative=alternative, alternative_name=alternative_name, **common,
                                         **_others(ending_fields, "alternative", "alternative_name"))
    if stage == Stage.STAYING_AS_IS:
        return opportunity_end_staying_as_is(revisit_on=revisit_on, **common, **_others(ending_fields, "revisit_on"))
    if stage == Stage.OWNING:
        return opportunity_end_owning(offering=offering, amount=amount, currency=currency, purchased_on=purchased_on,
                                      **common, **_others(ending_fields, *PURCHASE_FIELDS))
    move = _Move(opportunity, stage, reason=reason, occurred_at=occurred_at, interaction=interaction)
    _refuse_endings(move, ending_fields)
    return move.save(author=author)


def _others(fields: dict, *taken: str) -> dict:
    """The ending fields a service does not take, passed on so it can refuse them by name."""
    return {"not_taken": {name: value for name, value in fields.items() if name not in taken}}


def _refuse_endings(move: _Move, fields: dict) -> None:
    move.refuse({name: fields[name] for name in ("alternative", "alternative_name") if name in fields},
                "only a move to not_a_fit recommends an alternative")
    move.refuse({name: fields[name] for name in ("revisit_on",) if name in fields},
                "only staying_as_is takes a revisit date")
    move.refuse({name: fields[name] for name in PURCHASE_FIELDS if name in fields},
                "only a move to owning records a purchase")


@audited
def opportunity_end_not_a_fit(*, opportunity: Opportunity, reason: str, alternative=None, alternative_name: str = "",
                              occurred_at=None, interaction=None, author=None, not_taken: dict | None = None):
    """Not a fit: a good ending when we say so and recommend who can help them instead."""
    move = _Move(opportunity, Stage.NOT_A_FIT, reason=reason, occurred_at=occurred_at, interaction=interaction)
    _refuse_endings(move, not_taken or {})
    alternative_name = clean_text(alternative_name, "alternative_name", move.errors)
    in_workspace(move.opportunity.workspace_id, alternative, "alternative", move.errors)
    if alternative is not None and alternative_name:
        move.errors["alternative_name"] = "choose an alternative from the catalogue or type one in, not both"
    elif alternative is None and not alternative_name and "alternative" not in move.errors:
        move.errors["alternative"] = ("not a fit needs the alternative you recommended: choose one from the "
                                      "catalogue or type it in")
    # The name is kept as said, so the history reads the same if the catalogue entry is renamed later.
    return move.save(author=author, alternative=alternative,
                     alternative_name=alternative.name if alternative is not None else alternative_name)


@audited
def opportunity_end_staying_as_is(*, opportunity: Opportunity, reason: str, revisit_on=None, occurred_at=None,
                                  interaction=None, author=None, not_taken: dict | None = None):
    """Staying as is: their choice, respected; `revisit_on` brings it back to Today on that day."""
    move = _Move(opportunity, Stage.STAYING_AS_IS, reason=reason, occurred_at=occurred_at, interaction=interaction)
    _refuse_endings(move, not_taken or {})
    if revisit_on is not None:
        revisit_on = clean_date(revisit_on, "revisit_on", move.errors)
        if "revisit_on" not in move.errors and revisit_on <= move.decided_on:
            move.errors["revisit_on"] = "must be after the day they decided to stay as is"
    return move.save(author=author, revisit_on=revisit_on)


@audited
def opportunity_end_owning(*, opportunity: Opportunity, reason: str, amount=None, currency: str = "", offering=None,
                           purchased_on=None, occurred_at=None, interaction=None, author=None,
                           not_taken: dict | None = None):
    """Owning: they bought. The purchase is recorded (ownership then takes over with its check-ins) and the
    confirmed needs it answers are addressed."""
    move = _Move(opportunity, Stage.OWNING, reason=reason, occurred_at=occurred_at, interaction=interaction)
    _refuse_endings(move, not_taken or {})
    in_workspace(move.opportunity.workspace_id, offering, "offering", move.errors)
    if amount in (None, ""):
        move.errors["amount"] = "is required to record the purchase"
    raise_errors(move.errors)
    opportunity = move.opportunity
    if offering is None:
        # With a single offering under consideration, that is what they bought.
        links = list(opportunity.offering_links.select_related("offering")[:2])
        offering = links[0].offering if len(links) == 1 else None
    opportunity.purchase = record_owning_purchase(
        opportunity=opportunity, amount=amount, currency=currency or opportunity.workspace.default_currency,
        purchased_on=purchased_on or move.decided_on, offering=offering, author=author)
    if offering is not None and not opportunity.offering_links.filter(offering=offering).exists():
        OpportunityOffering.objects.create(workspace=opportunity.workspace, opportunity=opportunity, offering=offering)
    Need.objects.filter(id__in=move.need_ids, status=Need.Status.CONFIRMED).update(status=Need.Status.ADDRESSED)
    return move.save(author=author)
