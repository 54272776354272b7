"""Reads of capture, always scoped to one workspace: address cards for export, photos, captured interactions."""

from collections import defaultdict
from collections.abc import Iterator

from ally.capture.models import ContactDetails
from ally.capture.vcards import Birthday, ContactCard, ContactPoint, Photo, PostalAddress
from ally.core.errors import NotFound
from ally.people.models import Organization, Person, PersonEmail, PersonPhone, PersonTag

ADDRESS_FIELDS = ("text", "street", "locality", "region", "postal_code", "country", "po_box", "extended", "label")


def contact_details_of(*, workspace, person_ids) -> dict[int, ContactDetails]:
    details = ContactDetails.objects.filter(workspace=workspace, person_id__in=list(person_ids))
    return {d.person_id: d for d in details}


def access_photo(*, workspace, person_id: int) -> tuple[bytes, str]:
    """The person's photo and its MIME type; NotFound when they have none or are another workspace's."""
    row = ContactDetails.objects.filter(workspace=workspace, person_id=person_id).exclude(photo=b"") \
        .values_list("photo", "photo_type").first()
    if row is None:
        raise NotFound("photo")
    return bytes(row[0]), row[1]


def people_with_photo(*, workspace, person_ids) -> set[int]:
    return set(ContactDetails.objects.filter(workspace=workspace, person_id__in=list(person_ids))
               .exclude(photo=b"").values_list("person_id", flat=True))


def people_cards(*, workspace, person_ids=None) -> Iterator[ContactCard]:
    """Every person (or those of `person_ids`) as an address card, sorted by name, in six queries.

    Private notes are left out, as in the spreadsheet export: an export has no author to show them to.
    """
    people = Person.objects.filter(workspace=workspace)
    if person_ids is not None:
        people = people.filter(id__in=list(person_ids))
    emails, phones, tags = defaultdict(list), defaultdict(list), defaultdict(list)
    for model, column, into in ((PersonEmail, "address", emails), (PersonPhone, "number", phones)):
        rows = model.objects.filter(workspace=workspace, person__in=people).order_by("position", "id")
        for pid, value in rows.values_list("person_id", column).iterator(chunk_size=5000):
            into[pid].append(value)
    for pid, tag in PersonTag.objects.filter(workspace=workspace, person__in=people).order_by("tag__name") \
            .values_list("person_id", "tag__name").iterator(chunk_size=5000):
        tags[pid].append(tag)
    organizations = dict(Organization.objects.filter(workspace=workspace).values_list("id", "name"))
    details = {d.person_id: d for d in ContactDetails.objects.filter(workspace=workspace, person__in=people)}
    for person in people.order_by("name", "id").iterator(chunk_size=2000):
        yield _card(person, organizations.get(person.organization_id, ""), emails[person.id], phones[person.id],
                    tags[person.id], details.get(person.id))


def _card(person, organization, emails, phones, tags, details) -> ContactCard:
    birthday = None
    if person.birthday_month and person.birthday_day:
        birthday = Birthday(month=person.birthday_month, day=person.birthday_day, year=person.birthday_year)
    card = ContactCard(
        name=person.name, emails=[ContactPoint(value=e) for e in emails],
        phones=[ContactPoint(value=p) for p in phones], organization=organization, title=person.title,
        birthday=birthday, notes="" if person.notes_private else person.notes, tags=tags,
        uid=f"urn:ally:person:{person.workspace_id}:{person.id}")
    if details:
        card.nickname, card.department = details.nickname, details.department
        card.addresses = [PostalAddress(**{k: a.get(k, "") for k in ADDRESS_FIELDS}, types=tuple(a.get("types", ())))
                          for a in details.addresses]
        card.urls = [ContactPoint(value=u["value"], types=tuple(u.get("types", ())), label=u.get("label", ""))
                     for u in details.urls]
        if details.photo:
            card.photo = Photo(data=bytes(details.photo), mime_type=details.photo_type)
    return card


def team_addresses(*, workspace) -> set[str]:
    """The team's addresses: each member's login email and the emails of the person they are."""
    from ally.workspaces.models import Membership

    members = Membership.objects.filter(workspace=workspace)
    addresses = {e.lower() for e in members.values_list("user__email", flat=True) if e}
    addresses |= set(PersonEmail.objects.filter(workspace=workspace, person__membership__in=members)
                     .values_list("address", flat=True))
    return addresses


def people_by_address(*, workspace, excluding: set[str]) -> dict[str, int]:
    """Email address -> person id for the workspace's people, without the team's own addresses."""
    rows = PersonEmail.objects.filter(workspace=workspace).order_by("position", "id").values_list("address", "person_id")
    found: dict[str, int] = {}
    for address, person_id in rows.iterator(chunk_size=5000):
        if address not in excluding:
            found.setdefault(address, person_id)
    return found


def mail_threads(*, workspace) -> dict[str, str]:
    """Message-ID -> thread key of every message already captured."""
    from ally.capture.models import CapturedInteraction

    rows = CapturedInteraction.objects.filter(workspace=workspace, source=CapturedInteraction.Source.MAIL)
    return dict(rows.values_list("key", "thread").iterator(chunk_size=5000))


SUGGESTION_THRESHOLD = 2  # messages with an unknown address before it is suggested


def suggestions(*, workspace, address: str | None = None) -> list[dict]:
    """Unknown addresses the team exchanged at least two messages with, most messages first.

    Addresses that became someone's, and addresses ignored, are left out.
    """
    from django.db.models import Count, Max

    from ally.capture.models import AddressSighting, IgnoredAddress

    known = PersonEmail.objects.filter(workspace=workspace).values("address")
    ignored = IgnoredAddress.objects.filter(workspace=workspace).values("address")
    sightings = AddressSighting.objects.filter(workspace=workspace)
    if address is not None:
        sightings = sightings.filter(address=address)
    rows = (sightings.exclude(address__in=known)
            .exclude(address__in=ignored).values("address")
            .annotate(messages=Count("id"), name=Max("name"), last_seen=Max("seen_at"))
            .filter(messages__gte=SUGGESTION_THRESHOLD).order_by("-messages", "address"))
    return list(rows)


def access_suggestion(*, workspace, address: str) -> dict:
    """One suggestion by its address; NotFound when it is not (or no longer) suggested in this workspace."""
    found = suggestions(workspace=workspace, address=(address or "").strip().lower())
    if not found:
        raise NotFound("suggestion")
    return found[0]


def mail_accounts(*, workspace):
    from ally.capture.models import MailAccount

    return MailAccount.objects.filter(workspace=workspace).select_related("member__user").order_by("id")


def access_mail_account(*, workspace, account_id: int):
    account = mail_accounts(workspace=workspace).filter(id=account_id).first()
    if account is None:
        raise NotFound("mail account")
    return account


def interaction_sources(*, workspace, interaction_ids) -> dict[int, str]:
    """Interaction id -> where it came from ("mail", "calendar", "social") for the captured ones among them.

    The interactions app's timeline asks this through its `interaction_sources` hook."""
    from ally.capture.models import CapturedInteraction

    rows = CapturedInteraction.objects.filter(workspace=workspace, interaction_id__in=list(interaction_ids))
    return dict(rows.values_list("interaction_id", "source"))


def calendar_subscriptions(*, workspace):
    from ally.capture.models import CalendarSubscription

    return CalendarSubscription.objects.filter(workspace=workspace).select_related("member__user").order_by("id")


def access_calendar_subscription(*, workspace, subscription_id: int):
    try:
        subscription = calendar_subscriptions(workspace=workspace).filter(id=int(subscription_id)).first()
    except (TypeError, ValueError):
        subscription = None
    if subscription is None:
        raise NotFound("calendar subscription")
    return subscription


def upcoming_meetings(*, workspace, start, end=None, person=None, member=None, viewer=None):
    """Upcoming meetings starting from `start` (and before `end`), soonest first, with their people.

    With `member`, only that member's meetings and those imported without one; with `viewer` (a membership),
    other members' private meetings are left out."""
    from django.db.models import Prefetch, Q

    from ally.capture.models import UpcomingMeeting

    meetings = UpcomingMeeting.objects.filter(workspace=workspace, starts_at__gte=start)
    if end is not None:
        meetings = meetings.filter(starts_at__lt=end)
    if person is not None:
        meetings = meetings.filter(attendances__person=person)
    if member is not None:
        meetings = meetings.filter(Q(member=member) | Q(member__isnull=True))
    if viewer is not None:
        meetings = meetings.filter(Q(private=False) | Q(member=viewer))
    people = Person.objects.filter(workspace=workspace).only("id", "name").order_by("name")
    return meetings.prefetch_related(Prefetch("people", queryset=people)).order_by("starts_at", "id")


def person_photo_url(*, person) -> str | None:
    """The address of the person's address-card photo for their avatar, or None when no card gave one."""
    from django.urls import reverse

    if not people_with_photo(workspace=person.workspace_id, person_ids=[person.id]):
        return None
    return reverse("capture:person_photo", args=[person.id])
