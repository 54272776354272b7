"""Reads of people and organizations, each scoped to one workspace."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from ally.core.errors import NotFound
from ally.core.plugins import hook_functions
from ally.people import search
from ally.people.filters import PersonFilter
from ally.people.importable import org_key
from ally.people.models import (
    Fact,
    Organization,
    Person,
    PersonEmail,
    PersonPhone,
    PersonTag,
    Relationship,
    Tag,
)

PERSON_ORDER = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "last_contact": (F("last_contact_at").asc(nulls_first=True), "id"),
    "-last_contact": (F("last_contact_at").desc(nulls_last=True), "id"),
    "due": (F("touch_due_at").asc(nulls_last=True), "id"),
    "organization": (F("organization__name").asc(nulls_last=True), "name", "id"),
    "strength": (F("team_strength").desc(nulls_last=True), "name", "id"),
}


def access_person(*, workspace, person_id) -> Person:
    """The person with this id in this workspace; NotFound whether missing or another workspace's."""
    try:
        return Person.objects.select_related("organization", "owner__person", "introduced_by").get(
            workspace=workspace, id=int(person_id)
        )
    except (Person.DoesNotExist, TypeError, ValueError):
        raise NotFound("person") from None


def access_organization(*, workspace, organization_id) -> Organization:
    try:
        return Organization.objects.get(workspace=workspace, id=int(organization_id))
    except (Organization.DoesNotExist, TypeError, ValueError):
        raise NotFound("organization") from None


def access_fact(*, workspace, fact_id) -> Fact:
    try:
        return Fact.objects.select_related("person").get(workspace=workspace, id=int(fact_id))
    except (Fact.DoesNotExist, TypeError, ValueError):
        raise NotFound("fact") from None


def access_relationship(*, workspace, relationship_id) -> Relationship:
    try:
        return Relationship.objects.select_related("from_person", "to_person").get(
            workspace=workspace, id=int(relationship_id)
        )
    except (Relationship.DoesNotExist, TypeError, ValueError):
        raise NotFound("relationship") from None


def person_list(*, workspace, filters=None) -> QuerySet[Person]:
    """The people list: searched through the text index (best match first), filtered and sorted (a `PersonFilter`,
    or everyone by name), with what a row shows prefetched."""
    filters = filters or PersonFilter()
    people = Person.objects.filter(workspace=workspace).select_related("organization", "owner__person")
    order = PERSON_ORDER[filters.sort]
    if filters.q.strip():
        people = people.filter(search.matching(filters.q)).annotate(search_rank=search.rank(filters.q))
        order = ("search_rank", *order)
    if filters.owner_id:
        people = people.filter(owner_id=filters.owner_id)
    if filters.tag:
        people = people.filter(Exists(PersonTag.objects.filter(person=OuterRef("pk"), tag__name=filters.tag.lower())))
    if filters.organization_id:
        people = people.filter(organization_id=filters.organization_id)
    if filters.overdue:
        people = people.filter(touch_due_at__lte=timezone.now())
    people = _by_strength(people, filters)
    return people.order_by(*order).prefetch_related(
        Prefetch("emails", queryset=PersonEmail.objects.order_by("position", "id")),
        Prefetch("person_tags", queryset=PersonTag.objects.select_related("tag").order_by("tag__name")),
    )


def _by_strength(people, filters):
    """The team's best strength with each person comes from the app that computes it (the `person_strength`
    hook annotates `team_strength`), so sorting and filtering by it need no import of that app."""
    if filters.sort != "strength" and filters.min_strength is None:
        return people
    for annotate in hook_functions("person_strength"):
        people = annotate(people)
    return people.filter(team_strength__gte=filters.min_strength) if filters.min_strength is not None else people


def with_details(people):
    """A people list with what `person_json` shows (emails and tags are prefetched by person_list; phones here)."""
    return people.prefetch_related(Prefetch("phones", queryset=PersonPhone.objects.order_by("position", "id")))


def person_with_details(*, workspace, person_id) -> Person:
    """A person of this workspace with everything `person_json` shows, in a fixed number of queries."""
    person = access_person(workspace=workspace, person_id=person_id)
    return with_details(person_list(workspace=workspace)).get(id=person.id)


def losing_touch(*, workspace) -> QuerySet[Person]:
    """Everyone, longest without contact first (never contacted first of all); team members excluded."""
    return (
        Person.objects.filter(workspace=workspace, membership__isnull=True)
        .select_related("organization")
        .order_by(F("last_contact_at").asc(nulls_first=True), "id")
    )


def organization_list(*, workspace, q: str = "") -> QuerySet[Organization]:
    organizations = Organization.objects.filter(workspace=workspace).annotate(people_count=Count("people"))
    if q.strip():
        organizations = organizations.filter(name__icontains=q.strip())
    return organizations.order_by("name", "id")


def tags_in_use(*, workspace) -> list[str]:
    return list(Tag.objects.filter(workspace=workspace, person_tags__isnull=False).distinct().values_list("name", flat=True))


def person_relationships(*, person: Person) -> list[Relationship]:
    """Both directions of a person's ties, with the other person loaded."""
    return list(
        Relationship.objects.filter(workspace_id=person.workspace_id)
        .filter(Q(from_person=person) | Q(to_person=person))
        .select_related("from_person", "to_person")
        .order_by("kind", "id")
    )


def person_tag_names(*, person: Person) -> list[str]:
    return list(PersonTag.objects.filter(person=person).order_by("tag__name").values_list("tag__name", flat=True))


def people_by_ids(*, workspace, ids) -> dict[int, Person]:
    return {p.id: p for p in Person.objects.filter(workspace=workspace, id__in=list(ids)).select_related("organization")}


def resolve_person_reference(*, workspace, reference: str) -> Person:
    """A person from what a user typed: an id (`#12`, `12`, `Name (#12)`), an email, or a whole name.

    Raises NotFound when nothing matches and ValidationError listing the candidates when several do.
    """
    import re

    from ally.core.errors import ValidationError

    text = (reference or "").strip()
    match = re.search(r"#(\d+)\)?$", text) or re.fullmatch(r"(\d+)", text)
    if match:
        return access_person(workspace=workspace, person_id=match.group(1))
    people = Person.objects.filter(workspace=workspace)
    if "@" in text:
        candidates = list(people.filter(emails__address=text.lower()).distinct()[:6])
    else:
        candidates = list(people.filter(name__iexact=text)[:6]) or list(people.filter(name__icontains=text)[:6])
    if not candidates or not text:
        raise NotFound(f"person '{text}'")
    if len(candidates) > 1:
        names = ", ".join(f"{p.name} (#{p.id})" for p in candidates[:5])
        raise ValidationError(f"'{text}' matches several people: {names}")
    return candidates[0]


def organization_by_name(*, workspace, name: str) -> Organization | None:
    return Organization.objects.filter(workspace=workspace, name_key=org_key(name)).first()


def person_options(*, workspace, q: str, limit: int = 10) -> list[Person]:
    """The people a typed reference may mean, for the pickers: the people search's best matches."""
    people = Person.objects.filter(workspace=workspace).filter(search.matching(q))
    return list(people.annotate(search_rank=search.rank(q)).order_by("search_rank", "name", "id")[:limit])


def people_sharing_contact(*, workspace, emails, phones, exclude_id: int | None = None, limit: int = 5) -> list[dict]:
    """Other people of the workspace who have one of these emails or phone numbers: the likely duplicates.

    The values are normalised as the services store them (lower-cased addresses, E.164 numbers), so
    "Ana@X.com" finds "ana@x.com"; values that are not valid are skipped (the form reports them). Each
    answer is {"person": Person, "emails": [...], "phones": [...]}, what they share, by person id.
    """
    from ally.people.contact import normalise_emails, normalise_phones

    ignored: dict = {}
    addresses = normalise_emails(emails, ignored)
    numbers = normalise_phones(phones, workspace.phone_region, ignored)
    shared: dict[int, dict] = {}
    if addresses:
        for person_id, address in PersonEmail.objects.filter(workspace=workspace, address__in=addresses) \
                .exclude(person_id=exclude_id).values_list("person_id", "address"):
            shared.setdefault(person_id, {"emails": [], "phones": []})["emails"].append(address)
    if numbers:
        for person_id, number in PersonPhone.objects.filter(workspace=workspace, number__in=numbers) \
                .exclude(person_id=exclude_id).values_list("person_id", "number"):
            shared.setdefault(person_id, {"emails": [], "phones": []})["phones"].append(number)
    people = people_by_ids(workspace=workspace, ids=sorted(shared)[:limit])
    return [{"person": people[pid], **shared[pid]} for pid in sorted(people)]


def has_people(*, workspace) -> bool:
    """Whether the workspace knows anyone beyond its own team (an empty one opens onto the start page)."""
    return Person.objects.filter(workspace=workspace, membership__isnull=True).exists()
