"""Reads of purchases, check-ins, playbooks, feedback and referrals, each scoped to one workspace."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from ally.core.errors import NotFound
from ally.ownership.filters import CheckInFilter, PurchaseFilter
from ally.ownership.models import CheckIn, CheckInPlaybook, Feedback, Purchase, Referral


def _get(queryset, object_id, what: str):
    try:
        return queryset.get(id=int(object_id))
    except (queryset.model.DoesNotExist, TypeError, ValueError):
        raise NotFound(what) from None


def access_purchase(*, workspace, purchase_id) -> Purchase:
    return _get(Purchase.objects.filter(workspace=workspace).select_related("person", "offering", "organization"),
                purchase_id, "purchase")


def access_check_in(*, workspace, check_in_id) -> CheckIn:
    return _get(CheckIn.objects.filter(workspace=workspace).select_related(
        "person", "purchase__offering", "completed_by"), check_in_id, "check-in")


def access_feedback(*, workspace, feedback_id) -> Feedback:
    return _get(Feedback.objects.filter(workspace=workspace).select_related("person", "purchase"), feedback_id,
                "feedback")


def access_referral(*, workspace, referral_id) -> Referral:
    return _get(Referral.objects.filter(workspace=workspace).select_related("person", "referrer", "introduced_to"),
                referral_id, "referral")


def access_offering(*, workspace, offering_id):
    """An offering of this workspace's catalogue (the opportunities app owns the catalogue)."""
    from ally.opportunities.models import Offering

    return _get(Offering.objects.filter(workspace=workspace), offering_id, "offering")


def offering_by_reference(*, workspace, reference: str):
    """An offering from what a user typed: its id or its exact name (any case)."""
    from ally.opportunities.models import Offering

    text = (reference or "").strip()
    if text.isdigit():
        return access_offering(workspace=workspace, offering_id=text)
    offering = Offering.objects.filter(workspace=workspace, name__iexact=text).first()
    if offering is None:
        raise NotFound(f"offering '{text}'")
    return offering


def offerings(*, workspace) -> list:
    from ally.opportunities.models import Offering

    return list(Offering.objects.filter(workspace=workspace).order_by("name"))


def purchase_list(*, workspace, filters: PurchaseFilter | None = None) -> QuerySet[Purchase]:
    """Purchases, newest first, narrowed by the list's one filter (`ally.ownership.filters`)."""
    filters = filters or PurchaseFilter()
    purchases = Purchase.objects.filter(workspace=workspace).select_related("person", "offering", "organization")
    for name in ("person_id", "organization_id", "offering_id"):
        if getattr(filters, name) is not None:
            purchases = purchases.filter(**{name: getattr(filters, name)})
    if filters.start:
        purchases = purchases.filter(purchased_on__gte=filters.start)
    if filters.end:
        purchases = purchases.filter(purchased_on__lte=filters.end)
    return purchases.order_by("-purchased_on", "-id")


def check_in_list(*, workspace, filters: CheckInFilter | None = None) -> QuerySet[CheckIn]:
    """Check-ins, soonest first (done ones: latest done first), narrowed by the list's one filter."""
    filters = filters or CheckInFilter()
    today = timezone.localdate()  # the member's day: the page, the API and the CLI activate their zone
    check_ins = CheckIn.objects.filter(workspace=workspace).select_related("person", "purchase__offering")
    if filters.status:
        check_ins = check_ins.filter(status=filters.status)
    if filters.due or filters.overdue:
        check_ins = check_ins.filter(status=CheckIn.Status.SCHEDULED)
    if filters.due:
        check_ins = check_ins.filter(due_on__lte=today)
    if filters.overdue:
        check_ins = check_ins.filter(due_on__lt=today)
    if filters.due_after:
        check_ins = check_ins.filter(due_on__gte=filters.due_after)
    if filters.due_by:
        check_ins = check_ins.filter(due_on__lte=filters.due_by)
    if filters.organization_id is not None:
        check_ins = check_ins.filter(purchase__organization_id=filters.organization_id)
    for name in ("person_id", "purchase_id"):
        if getattr(filters, name) is not None:
            check_ins = check_ins.filter(**{name: getattr(filters, name)})
    if filters.status == CheckIn.Status.DONE:
        return check_ins.order_by("-completed_at", "-id")
    return check_ins.order_by("due_on", "id")


def feedback_list(*, workspace, person_id=None) -> QuerySet[Feedback]:
    feedback = Feedback.objects.filter(workspace=workspace).select_related("person", "purchase__offering")
    if person_id:
        feedback = feedback.filter(person_id=person_id)
    return feedback.order_by("-received_on", "-id")


def referral_list(*, workspace, person_id=None, direction: str | None = None) -> QuerySet[Referral]:
    """Referrals, newest first; with a person, every referral they take part in (either side)."""
    referrals = Referral.objects.filter(workspace=workspace).select_related("person", "referrer", "introduced_to")
    if person_id:
        referrals = referrals.filter(Q(person_id=person_id) | Q(referrer_id=person_id) | Q(introduced_to_id=person_id))
    if direction:
        referrals = referrals.filter(direction=direction)
    return referrals.order_by("-referred_on", "-id")


# The default playbook: a quick "did it arrive and work?", then the first month, the first quarter, the year.
# `{what}` becomes what was bought when the check-in is scheduled.
DEFAULT_STEPS = (
    (3, "Is {what} set up and working the way you expected? Anything confusing in the first days?"),
    (30, "A month in: how does {what} fit into your days? Is there anything you expected that isn't there?"),
    (90, "Is {what} doing what you bought it for? What would make it more useful to you?"),
    (365, "A year with {what}: what has changed for you, and what do you need next?"),
)


def playbook_for(*, workspace, offering=None) -> CheckInPlaybook | None:
    """The playbook a purchase of `offering` follows: the offering's own, else the workspace's default
    (None when the workspace still uses Ally's default)."""
    scope = Q(offering__isnull=True) | Q(offering=offering) if offering is not None else Q(offering__isnull=True)
    found = list(CheckInPlaybook.objects.filter(scope, workspace=workspace))
    own = [p for p in found if offering is not None and p.offering_id == offering.id]
    return (own or [p for p in found if p.offering_id is None] or [None])[0]


def playbook_steps(*, workspace, offering=None) -> list[tuple[int, str]]:
    """The (day, question) steps a purchase of `offering` schedules: the offering's own playbook if it has
    one, else the workspace's default, else Ally's default (days 3, 30, 90, 365)."""
    playbook = playbook_for(workspace=workspace, offering=offering)
    if playbook is None:
        return list(DEFAULT_STEPS)
    return list(playbook.steps.order_by("day").values_list("day", "question"))


def playbooks(*, workspace) -> list[CheckInPlaybook]:
    """The workspace's playbooks with their steps: the default (if edited) first, then per offering."""
    return sorted(CheckInPlaybook.objects.filter(workspace=workspace).select_related("offering")
                  .prefetch_related("steps"), key=lambda p: (p.offering_id is not None, str(p.offering or "")))


@dataclass(frozen=True)
class Introduction:
    """One line of the "given" side of a person's referrals: a referral we made, or an alternative
    recommended when what we offer was not a fit (from the opportunities app)."""

    when: dt.date
    to_name: str
    to_person_id: int | None
    note: str
    referral: Referral | None = None
    opportunity: object = None


@dataclass(frozen=True)
class PersonReferrals:
    introduced_by: list[Referral]
    introduced_to_us: list[Referral]
    introductions: list[Introduction]

    @property
    def is_advocate(self) -> bool:
        return bool(self.introduced_to_us)


def alternatives_recommended(*, workspace, person=None) -> list:
    """Alternatives the opportunities app recorded as recommended when something was not a fit."""
    from ally.opportunities.selectors import alternatives_recommended as recommended

    return recommended(workspace=workspace, person=person)


def person_referrals(*, person) -> PersonReferrals:
    """Both directions of a person's referrals in a constant number of queries."""
    received_by_person, made, given = [], [], []
    for referral in referral_list(workspace=person.workspace_id, person_id=person.id):
        if referral.direction == Referral.Direction.RECEIVED:
            (made if referral.referrer_id == person.id else received_by_person).append(referral)
        elif referral.person_id == person.id:
            given.append(Introduction(when=referral.referred_on, note=referral.note, referral=referral,
                                      to_name=referral.introduced_to.name if referral.introduced_to else referral.introduced_to_name,
                                      to_person_id=referral.introduced_to_id))
    for row in alternatives_recommended(workspace=person.workspace, person=person):
        given.append(Introduction(when=_as_date(row.when), to_name=row.alternative_name, to_person_id=None,
                                  note=row.reason, opportunity=row.opportunity))
    given.sort(key=lambda i: i.when, reverse=True)
    return PersonReferrals(introduced_by=received_by_person, introduced_to_us=made, introductions=given)


def _as_date(value) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True)
class PersonOwnership:
    purchases: list[Purchase]
    purchase_count: int
    totals: list[tuple[str, object]]
    check_ins: list[CheckIn]
    scores: list[tuple[dt.date, int, str]]


def person_ownership(*, person, limit: int = 8) -> PersonOwnership:
    """What a person owns, their next and recent check-ins, and their satisfaction scores over time."""
    purchases = list(purchase_list(workspace=person.workspace_id, filters=PurchaseFilter(person_id=person.id))[:limit])
    totals = list(Purchase.objects.filter(workspace_id=person.workspace_id, person=person).values("currency")
                  .annotate(total=Sum("amount"), n=Count("id")).order_by("currency").values_list("currency", "total", "n"))
    check_ins = list(
        CheckIn.objects.filter(workspace_id=person.workspace_id, person=person)
        .filter(Q(status=CheckIn.Status.SCHEDULED) | Q(status=CheckIn.Status.DONE))
        .select_related("purchase__offering").order_by("status", "-due_on")[: limit * 2]
    )
    scheduled = sorted([c for c in check_ins if c.status == CheckIn.Status.SCHEDULED], key=lambda c: c.due_on)
    done = [c for c in check_ins if c.status == CheckIn.Status.DONE]
    scores = [(_as_date(c.completed_at), c.satisfaction, "check-in") for c in done if c.satisfaction is not None]
    scores += [(f.received_on, f.score, "feedback") for f in
               Feedback.objects.filter(workspace_id=person.workspace_id, person=person, score__isnull=False)
               .order_by("-received_on")[:limit]]
    scores.sort(reverse=True)
    return PersonOwnership(purchases=purchases, purchase_count=sum(n for _, _, n in totals),
                           totals=[(currency, total) for currency, total, _ in totals],
                           check_ins=scheduled[:limit] + done[:limit], scores=scores[:limit])
