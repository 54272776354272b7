"""Today: gather every source's items, rank them, and suggest how to open each conversation."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from ally.agenda.models import Snooze
from ally.core.errors import NotFound
from ally.core.ranking import rank, relationship_importance
from ally.core.today import TodayContext, TodayItem, kind_labels, registered_sources
from ally.interactions.models import FollowUp
from ally.interactions.selectors import last_interaction_summaries
from ally.people.models import Fact, Person

# Facts people enjoy being asked about come first when choosing an opener.
OPENER_FACT_KINDS = ("family", "interest", "milestone", "preference", "other")


DEFAULT_LIMIT = 50


@dataclass
class Today:
    """One page of the ranked list. `total` counts the items the filter keeps (every page), `counts` every
    kind's items before the kind filter (so a page can offer the others), `due_today` the dated items due
    today; `offset` is where this page starts."""

    items: list[TodayItem]
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    due_today: int = 0
    offset: int = 0
    snoozed: int = 0

    @property
    def all_count(self) -> int:
        return sum(self.counts.values())


def today_context(*, workspace, user, membership, now=None, horizon_days: int = 14) -> TodayContext:
    now = now or timezone.now()
    return TodayContext(workspace=workspace, user=user, membership=membership, now=now,
                        today=timezone.localtime(now).date(), horizon_days=horizon_days)


def today(*, workspace, user, membership, now=None, limit: int | None = DEFAULT_LIMIT, offset: int = 0, kinds=None,
          horizon_days: int = 14, snoozes: bool = True) -> Today:
    """The ranked Today list: every registered source, `limit` items from `offset` (None: all), each with
    an opener.

    Dated items due today (a birthday, an anniversary, a promise, a check-in, a revisit) come first
    whatever their rank, ranked among themselves; then the rest by rank. Items the member snoozed are
    left out until their day (`snoozes=False` keeps them).
    `horizon_days` is how far ahead dated things (birthdays, little things) are looked for; a calendar
    feed looks a whole year ahead so every yearly date appears once."""
    ctx = today_context(workspace=workspace, user=user, membership=membership, now=now, horizon_days=horizon_days)
    items: list[TodayItem] = []
    for source in registered_sources().values():
        items.extend(source(ctx))
    snoozed = _snoozed_keys(ctx) if snoozes else set()
    if snoozed:
        kept = [item for item in items if item.key not in snoozed]
        snoozed_count, items = len(items) - len(kept), kept
    else:
        snoozed_count = 0
    counts = Counter(item.kind for item in items)
    if kinds is not None:
        items = [item for item in items if item.kind in kinds]
    for item in items:
        item.due_today = item.dated and item.due == ctx.today
    weights = _importance(workspace, {item.person_id for item in items}, membership)
    ranked = rank(items, lambda item: weights.get(item.person_id, 1.0))
    ranked.sort(key=lambda item: not item.due_today)  # stable: each group keeps its rank
    page = ranked[offset:] if limit is None else ranked[offset:offset + limit]
    _suggest_openers(ctx, page)
    return Today(items=page, total=len(ranked), counts={kind: counts[kind] for kind in kind_labels() if counts[kind]},
                 due_today=sum(item.due_today for item in ranked), offset=offset, snoozed=snoozed_count)


def today_item(*, workspace, user, membership, key: str) -> TodayItem:
    """One item on the member's Today by its key; NotFound if it is not there (done, snoozed, another
    workspace's, or never was). Acting on Today goes through this, so only what is on it can be acted on."""
    agenda = today(workspace=workspace, user=user, membership=membership, limit=None)
    for item in agenda.items:
        if item.key == key:
            return item
    raise NotFound("item not on Today")


def _snoozed_keys(ctx: TodayContext) -> set[str]:
    if ctx.membership is None:
        return set()
    return set(Snooze.objects.filter(workspace=ctx.workspace, membership=ctx.membership, until__gt=ctx.today)
               .values_list("item", flat=True))


def _importance(workspace, person_ids, membership) -> dict[int, float]:
    rows = Person.objects.filter(workspace=workspace, id__in=list(person_ids)).values_list(
        "id", "interaction_count", "owner_id"
    )
    mine = membership.id if membership is not None else None
    return {
        pid: relationship_importance(interaction_count=count, owned_by_viewer=mine is not None and owner == mine)
        for pid, count, owner in rows
    }


def _suggest_openers(ctx: TodayContext, items: list[TodayItem]) -> None:
    """Fill each item's opener from what Ally knows: an open promise, a little thing, the last topic."""
    person_ids = {item.person_id for item in items if not item.opener}
    if not person_ids:
        return
    promises: dict[int, str] = {}
    for person_id, text in (
        FollowUp.objects.filter(workspace=ctx.workspace, person_id__in=person_ids, done_at__isnull=True)
        .order_by("due_on").values_list("person_id", "text")
    ):
        promises.setdefault(person_id, text)
    facts: dict[int, tuple[int, str]] = {}
    for person_id, kind, text in (
        Fact.objects.filter(workspace=ctx.workspace, person_id__in=person_ids)
        .exclude(kind="dislike").order_by("-created_at").values_list("person_id", "kind", "text")
    ):
        rank_of_kind = OPENER_FACT_KINDS.index(kind)
        if person_id not in facts or rank_of_kind < facts[person_id][0]:
            facts[person_id] = (rank_of_kind, text)
    topics = last_interaction_summaries(workspace=ctx.workspace, person_ids=person_ids, user=ctx.user)
    for item in items:
        if item.opener:
            continue
        pid = item.person_id
        if item.kind != "follow_up" and pid in promises:
            item.opener = f"You promised: {promises[pid]}"
        elif pid in facts:
            item.opener = f"Ask about: {facts[pid][1]}"
        elif pid in topics:
            item.opener = f"Pick up from last time: {topics[pid]}"
        else:
            item.opener = "Ask how things are going and what is on their mind."


def person_suggestion(*, person, user, membership=None) -> dict:
    """Ally's suggestion for the next contact with one person, as Today would word it: by when, and how to open.

    The date is their keep-in-touch date (today when it has passed or none is set); the opener is chosen as
    Today chooses it (an open promise, a little thing, the last topic)."""
    now = timezone.now()
    ctx = today_context(workspace=person.workspace, user=user, membership=membership, now=now)
    due = timezone.localtime(person.touch_due_at).date() if person.touch_due_at else None
    item = TodayItem(kind="keep_in_touch", person_id=person.id, person_name=person.name,
                     due=max(due, ctx.today) if due else ctx.today, reason="", urgency=0.0)
    _suggest_openers(ctx, [item])
    return {"due": item.due, "overdue": due is not None and due <= ctx.today, "scheduled": due is not None,
            "opener": item.opener}
