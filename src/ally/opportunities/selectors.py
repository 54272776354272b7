"""Reads of needs, opportunities, the pull board, decisions helped, and the catalogues; all workspace-scoped.

Other apps read from here:

- `decisions_helped(*, workspace, start, end) -> int` and `decisions_helped_by_month(...)` for the
  "customers made" dashboard;
- `alternatives_recommended(*, workspace, person=None)` for the referrals we gave: one row per
  recommendation (`person`, `alternative_name`, `when`, `opportunity`, plus `alternative` and `reason`).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from ally.core.errors import NotFound
from ally.core.filters import day_start
from ally.opportunities.filters import OpportunityFilter
from ally.opportunities.models import (
    OPEN_STAGES,
    Alternative,
    CustomerQuestion,
    DecisionInfo,
    DiscoveryQuestion,
    Need,
    Offering,
    Opportunity,
    OpportunityNeed,
    Stage,
    StageMove,
)
from ally.opportunities.pull import COST_STATED_FACTOR, Card, NeedSignal, rank_by_pull
from ally.people.models import Person

# --- guarded fetches ---------------------------------------------------------------------------------

def _access(queryset, workspace, object_id, what: str):
    try:
        return queryset.get(workspace=workspace, id=int(object_id))
    except (queryset.model.DoesNotExist, TypeError, ValueError):
        raise NotFound(what) from None


def access_need(*, workspace, need_id) -> Need:
    """The need with this id in this workspace; NotFound whether missing or another workspace's."""
    return _access(Need.objects.select_related("person", "said_by", "organization", "workspace"), workspace,
                   need_id, "need")


def access_opportunity(*, workspace, opportunity_id) -> Opportunity:
    return _access(Opportunity.objects.select_related("person", "organization", "alternative", "workspace",
                                                      "purchase", "owner__person"),
                   workspace, opportunity_id, "opportunity")


def access_offering(*, workspace, offering_id) -> Offering:
    return _access(Offering.objects.all(), workspace, offering_id, "offering")


def access_alternative(*, workspace, alternative_id) -> Alternative:
    return _access(Alternative.objects.all(), workspace, alternative_id, "alternative")


def access_discovery_question(*, workspace, question_id) -> DiscoveryQuestion:
    return _access(DiscoveryQuestion.objects.all(), workspace, question_id, "discovery question")


def access_customer_question(*, workspace, question_id) -> CustomerQuestion:
    return _access(CustomerQuestion.objects.select_related("opportunity__person", "opportunity__workspace"),
                   workspace, question_id, "question")


# --- lists -------------------------------------------------------------------------------------------

def need_list(*, workspace, person: Person | None = None, status: str = "") -> QuerySet[Need]:
    """Needs, most urgent first; optionally one person's, or one status."""
    needs = Need.objects.filter(workspace=workspace).select_related("person", "said_by")
    if person is not None:
        needs = needs.filter(person=person)
    if status:
        needs = needs.filter(status=status)
    return needs.order_by("-urgency", "-said_at", "-id")


def person_needs(*, person: Person) -> list[Need]:
    """A person's needs, open ones first (confirmed before suspected), then by urgency."""
    needs = list(Need.objects.filter(workspace_id=person.workspace_id, person=person)
                 .select_related("said_by").order_by("-urgency", "-said_at", "-id"))
    order = {Need.Status.CONFIRMED: 0, Need.Status.SUSPECTED: 1, Need.Status.ADDRESSED: 2, Need.Status.DROPPED: 3}
    return sorted(needs, key=lambda need: order[need.status])


def opportunity_list(*, workspace, filters: OpportunityFilter | None = None) -> QuerySet[Opportunity]:
    """Opportunities, latest move first, narrowed by the list's one filter (see `ally.opportunities.filters`)."""
    filters = filters or OpportunityFilter()
    opportunities = Opportunity.objects.filter(workspace=workspace).select_related("person", "organization")
    if filters.stage == "open":
        opportunities = opportunities.filter(stage__in=OPEN_STAGES)
    elif filters.stage:
        opportunities = opportunities.filter(stage=filters.stage)
    for name in ("person_id", "organization_id", "owner_id"):
        if getattr(filters, name) is not None:
            opportunities = opportunities.filter(**{name: getattr(filters, name)})
    if filters.moved_after:
        opportunities = opportunities.filter(stage_changed_at__gte=day_start(filters.moved_after))
    if filters.moved_before:
        opportunities = opportunities.filter(stage_changed_at__lt=day_start(filters.moved_before + dt.timedelta(days=1)))
    return opportunities.order_by("-stage_changed_at", "-id")


def person_opportunities(*, person: Person) -> list[Opportunity]:
    """A person's opportunities, open ones first, each with its open questions count."""
    opportunities = list(
        Opportunity.objects.filter(workspace_id=person.workspace_id, person=person)
        .annotate(open_questions=Count("questions", filter=Q(questions__answered_at__isnull=True)))
        .order_by("-stage_changed_at", "-id")
    )
    return sorted(opportunities, key=lambda o: not o.is_open)


@dataclass
class OpportunityPage:
    """Everything the opportunity page, the API and the CLI show about one opportunity."""

    opportunity: Opportunity
    moves: list[StageMove]
    needs: list[Need]
    offerings: list[Offering]
    decision_info: list[DecisionInfo]
    questions: list[CustomerQuestion]
    pull: float


def opportunity_page(*, opportunity: Opportunity) -> OpportunityPage:
    from ally.opportunities.pull import pull_score

    moves = list(opportunity.moves.select_related("alternative", "author").order_by("occurred_at", "id"))
    needs = list(Need.objects.filter(opportunity_links__opportunity=opportunity).select_related("said_by")
                 .order_by("-urgency", "id"))
    offerings = list(Offering.objects.filter(opportunity_links__opportunity=opportunity).order_by("name"))
    info = list(opportunity.decision_info.order_by("shared_at", "id"))
    questions = list(opportunity.questions.order_by("answered_at", "asked_at", "id"))
    questions.sort(key=lambda q: (not q.is_open, q.asked_at))
    pull = pull_score(_signal(n.status, n.urgency, n.cost_of_doing_nothing, n.cost_amount) for n in needs)
    return OpportunityPage(opportunity, moves, needs, offerings, info, questions, pull)


def _signal(status, urgency, cost_words, cost_amount) -> NeedSignal:
    return NeedSignal(status=status, urgency=urgency, cost_stated=bool((cost_words or "").strip()) or
                      cost_amount is not None)


# --- the pull board ----------------------------------------------------------------------------------

@dataclass
class BoardCard:
    opportunity: Opportunity
    pull: float
    confirmed_needs: int
    needs: int


@dataclass
class BoardColumn:
    stage: str
    label: str
    cards: list[BoardCard] = field(default_factory=list)
    count: int = 0  # every open opportunity at this stage; `cards` holds only the top of them

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


BOARD_COLUMN_LIMIT = 20  # the cards a board column shows; the rest are a link away


def _pull_expression():
    """pull.py's rule in SQL, summed over an opportunity's needs: urgency² of each confirmed need, × 1.5 when
    the customer stated the cost of doing nothing (in words or as an amount)."""
    confirmed = Q(need_links__need__status=Need.Status.CONFIRMED)
    cost = Q(need_links__need__cost_amount__isnull=False) | ~Q(need_links__need__cost_of_doing_nothing="")
    square = F("need_links__need__urgency") * F("need_links__need__urgency")
    return Coalesce(Sum(Case(
        When(confirmed & cost, then=ExpressionWrapper(square * Value(COST_STATED_FACTOR), output_field=FloatField())),
        When(confirmed, then=ExpressionWrapper(square * Value(1.0), output_field=FloatField())),
        default=Value(0.0), output_field=FloatField())), Value(0.0), output_field=FloatField())


def pull_board(*, workspace, person: Person | None = None, limit: int = BOARD_COLUMN_LIMIT) -> list[BoardColumn]:
    """Open opportunities by the customer's stage, each stage ranked by the customer's pull (see pull.py), the
    top `limit` of each stage with every stage's count.

    The ranking is computed by the database (pull.py's rule as a SQL sum), so one query per stage and one for
    the counts, whatever the number of opportunities, and never more than `limit` rows per stage.
    """
    opportunities = Opportunity.objects.filter(workspace=workspace, stage__in=OPEN_STAGES)
    if person is not None:
        opportunities = opportunities.filter(person=person)
    counts = dict(opportunities.order_by().values_list("stage").annotate(n=Count("id")))
    columns = {stage: BoardColumn(stage, Stage(stage).label, count=counts.get(stage, 0)) for stage in OPEN_STAGES}
    for stage, column in columns.items():
        if limit <= 0:
            continue  # (every stage is queried, empty or not, so the page's queries never depend on the rows)
        top = (opportunities.filter(stage=stage).select_related("person", "organization")
               .annotate(pull=_pull_expression(), linked_needs=Count("need_links"),
                         confirmed_needs=Count("need_links", filter=Q(
                             need_links__need__status=Need.Status.CONFIRMED)))
               .order_by("-pull", "-stage_changed_at", "id")[:limit])
        column.cards = [BoardCard(opportunity=o, pull=o.pull, needs=o.linked_needs, confirmed_needs=o.confirmed_needs)
                        for o in top]
    return list(columns.values())


def pull_board_exhaustive(*, workspace) -> dict[str, list[tuple[int, float]]]:
    """Every open opportunity's (id, pull) by stage, ranked in Python by pull.py itself: the reference the
    tests hold the database's ranking to (it reads every open opportunity; never used by a page)."""
    opportunities = {o.id: o for o in Opportunity.objects.filter(workspace=workspace, stage__in=OPEN_STAGES)}
    signals: dict[int, list[NeedSignal]] = defaultdict(list)
    rows = OpportunityNeed.objects.filter(workspace=workspace, opportunity__stage__in=OPEN_STAGES).values_list(
        "opportunity_id", "need__status", "need__urgency", "need__cost_of_doing_nothing", "need__cost_amount")
    for opportunity_id, status, urgency, words, amount in rows:
        signals[opportunity_id].append(_signal(status, urgency, words, amount))
    ranked: dict[str, list[tuple[int, float]]] = {stage: [] for stage in OPEN_STAGES}
    cards = [Card(id=o.id, stage_changed_at=o.stage_changed_at, needs=signals[o.id]) for o in opportunities.values()]
    for card, pull in rank_by_pull(cards):
        ranked[opportunities[card.id].stage].append((card.id, pull))
    return ranked


# --- decisions helped --------------------------------------------------------------------------------

# A decision helped: they own it, or we told them honestly it was not a fit and named an alternative,
# or they chose to stay as they are and told us why. None of these is ever "lost".
HELPED = (
    Q(stage=Stage.OWNING)
    | (Q(stage=Stage.NOT_A_FIT) & ~Q(alternative_name=""))
    | (Q(stage=Stage.STAYING_AS_IS) & ~Q(stage_reason=""))
)


def _moment(value) -> dt.datetime:
    """A date is the start of that day in the current time zone; a datetime is taken as is."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def helped_decisions(*, workspace, start, end) -> QuerySet[Opportunity]:
    """The opportunities whose decision we helped, decided in [start, end) (dates or aware datetimes).

    An opportunity counts once, by its standing ending: one reopened and not yet decided again drops
    out until it ends again.
    """
    return Opportunity.objects.filter(HELPED, workspace=workspace, decided_at__gte=_moment(start),
                                      decided_at__lt=_moment(end))


def decisions_helped(*, workspace, start, end) -> int:
    """How many customers' decisions we helped in [start, end): owning, not a fit with an alternative,
    or staying as is with their reason."""
    return helped_decisions(workspace=workspace, start=start, end=end).count()


def decisions_helped_by_month(*, workspace, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """(first day of month, decisions helped) for every month from start's to the one before end, zeros
    included; one query."""
    counts = {
        (row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]): row["n"]
        for row in helped_decisions(workspace=workspace, start=start.replace(day=1), end=end)
        .annotate(month=TruncMonth("decided_at", tzinfo=timezone.get_current_timezone()))
        .values("month").annotate(n=Count("id")).order_by()
    }
    series, month = [], start.replace(day=1)
    while month < end:
        series.append((month, counts.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return series


def decisions_helped_breakdown(*, workspace, start, end) -> dict[str, int]:
    """Decisions helped in [start, end) by how they ended (owning, not_a_fit, staying_as_is)."""
    rows = helped_decisions(workspace=workspace, start=start, end=end).values("stage").annotate(n=Count("id"))
    counts = {stage: 0 for stage in (Stage.OWNING, Stage.NOT_A_FIT, Stage.STAYING_AS_IS)}
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


# --- alternatives recommended (read by ownership's referrals) ---------------------------------------

@dataclass(frozen=True)
class AlternativeRecommended:
    """One alternative we recommended to a person when ours was not the right fit: a referral we gave."""

    person: Person
    alternative_name: str
    when: dt.datetime
    opportunity: Opportunity
    alternative: Alternative | None
    reason: str


def alternatives_recommended(*, workspace, person: Person | None = None) -> list[AlternativeRecommended]:
    """Every recommendation given (each move to not_a_fit, even if later reopened), newest first."""
    moves = StageMove.objects.filter(workspace=workspace, to_stage=Stage.NOT_A_FIT).select_related(
        "opportunity__person", "alternative")
    if person is not None:
        moves = moves.filter(opportunity__person=person)
    return [
        AlternativeRecommended(person=m.opportunity.person, alternative_name=m.alternative_name, when=m.occurred_at,
                               opportunity=m.opportunity, alternative=m.alternative, reason=m.reason)
        for m in moves.order_by("-occurred_at", "-id")
    ]


# --- catalogues --------------------------------------------------------------------------------------

def offering_list(*, workspace, active_only: bool = False) -> QuerySet[Offering]:
    offerings = Offering.objects.filter(workspace=workspace)
    return (offerings.filter(active=True) if active_only else offerings).order_by("name", "id")


def alternative_list(*, workspace, active_only: bool = False) -> QuerySet[Alternative]:
    alternatives = Alternative.objects.filter(workspace=workspace).annotate(
        times_recommended=Count("moves", distinct=True))
    return (alternatives.filter(active=True) if active_only else alternatives).order_by("name", "id")


def question_bank(*, workspace, driver: str = "", active_only: bool = False) -> list[DiscoveryQuestion]:
    """The workspace's discovery questions by driver (call bank.ensure_question_bank first)."""
    questions = DiscoveryQuestion.objects.filter(workspace=workspace)
    if driver:
        questions = questions.filter(driver=driver)
    if active_only:
        questions = questions.filter(active=True)
    return list(questions.order_by("driver", "position", "id"))


def person_recent_interactions(*, person: Person, user, limit: int = 10):
    """The person's latest interactions, for "in which interaction" pickers."""
    from ally.interactions.selectors import visible_interactions

    return list(visible_interactions(workspace=person.workspace_id, user=user)
                .filter(participations__person=person).order_by("-occurred_at", "-id")
                .only("id", "kind", "occurred_at", "summary")[:limit])


def needs_for_opportunity_choice(*, person: Person) -> QuerySet[Need]:
    """Open needs an opportunity for this person can be about: theirs, and their organization's."""
    match = Q(person=person)
    if person.organization_id:
        match |= Q(organization_id=person.organization_id)
    return Need.objects.filter(match, workspace_id=person.workspace_id, status__in=Need.OPEN_STATUSES).order_by(
        "-urgency", "-said_at", "id")



def _by_reference(model, workspace, reference: str, what: str):
    """A catalogue entry by id or by its exact name (any case); NotFound otherwise."""
    text = (reference or "").strip()
    if text.isdigit():
        return _access(model.objects.all(), workspace, text, what)
    found = model.objects.filter(workspace=workspace, name__iexact=text).first()
    if found is None:
        raise NotFound(f"{what} '{text}'")
    return found


def offering_by_reference(*, workspace, reference: str) -> Offering:
    return _by_reference(Offering, workspace, reference, "offering")


def alternative_by_reference(*, workspace, reference: str) -> Alternative:
    return _by_reference(Alternative, workspace, reference, "alternative")
