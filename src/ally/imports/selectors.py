"""Reads for imports: the workspace's people as match records, built in a fixed handful of queries."""

from ally.imports.matching import PersonRecord, org_key
from ally.people.models import Organization, Person, PersonEmail, PersonPhone, PersonTag, Tag


def existing_people(*, workspace) -> list[PersonRecord]:
    """Every person of the workspace with their emails, phones and tags (five queries, whatever the size)."""
    organizations = dict(Organization.objects.filter(workspace=workspace).values_list("id", "name"))
    records = {}
    for (pid, name, org_id, title, month, day, year, notes, how_we_met, cadence, last_contact,
         created) in Person.objects.filter(workspace=workspace).order_by("id").values_list(
            "id", "name", "organization_id", "title", "birthday_month", "birthday_day", "birthday_year", "notes",
            "how_we_met", "cadence_days", "last_contact_at", "created_at").iterator(chunk_size=5000):
        records[pid] = PersonRecord(
            id=pid, name=name, organization=organizations.get(org_id, ""), title=title, birthday_month=month,
            birthday_day=day, birthday_year=year, notes=notes, how_we_met=how_we_met, cadence_days=cadence,
            clock_start=last_contact or created)
    for model, attribute, column in ((PersonEmail, "emails", "address"), (PersonPhone, "phones", "number")):
        for pid, value in model.objects.filter(workspace=workspace).order_by("person_id", "position", "id") \
                .values_list("person_id", column).iterator(chunk_size=5000):
            getattr(records[pid], attribute).append(value)
    for pid, tag in PersonTag.objects.filter(workspace=workspace).values_list("person_id", "tag__name") \
            .iterator(chunk_size=5000):
        records[pid].tags.append(tag)
    return list(records.values())


def organization_ids(*, workspace) -> dict[str, int]:
    """Organization name (case-insensitive) → id; the oldest wins when two share a name."""
    ids: dict[str, int] = {}
    for org_id, name in Organization.objects.filter(workspace=workspace).order_by("id").values_list("id", "name"):
        ids.setdefault(org_key(name), org_id)
    return ids


def tag_ids(*, workspace, names=None) -> dict[str, int]:
    tags = Tag.objects.filter(workspace=workspace)
    if names is not None:
        tags = tags.filter(name__in=list(names))
    return dict(tags.values_list("name", "id"))


# Headers the CSV import recognises, so an exported spreadsheet imports back without --map.
PEOPLE_CSV_COLUMNS = ["Name", "Email", "Phone", "Organization", "Title", "Birthday", "Tags", "Cadence days",
                      "How we met", "Notes", "Last contact"]


def people_for_export(*, workspace):
    """Every person as the spreadsheet export shows them, sorted by name (six queries, whatever the size).

    Private notes are left out: an export has no author to show them to.
    """
    from collections import defaultdict

    from ally.people.contact import display_phone

    organizations = dict(Organization.objects.filter(workspace=workspace).values_list("id", "name"))
    emails, phones, tags = defaultdict(list), defaultdict(list), defaultdict(list)
    for pid, address in PersonEmail.objects.filter(workspace=workspace).order_by("position", "id") \
            .values_list("person_id", "address").iterator(chunk_size=5000):
        emails[pid].append(address)
    for pid, number in PersonPhone.objects.filter(workspace=workspace).order_by("position", "id") \
            .values_list("person_id", "number").iterator(chunk_size=5000):
        phones[pid].append(display_phone(number))
    for pid, tag in PersonTag.objects.filter(workspace=workspace).order_by("tag__name") \
            .values_list("person_id", "tag__name").iterator(chunk_size=5000):
        tags[pid].append(tag)
    people = Person.objects.filter(workspace=workspace).order_by("name", "id").values_list(
        "id", "name", "organization_id", "title", "birthday_month", "birthday_day", "birthday_year", "cadence_days",
        "how_we_met", "notes", "notes_private", "last_contact_at")
    for pid, name, org_id, title, month, day, year, cadence, how_we_met, notes, private, last in \
            people.iterator(chunk_size=5000):
        birthday = ""
        if month and day:
            birthday = (f"{year:04d}-" if year else "") + f"{month:02d}-{day:02d}"
        yield {
            "Name": name, "Email": "; ".join(emails[pid]), "Phone": "; ".join(phones[pid]),
            "Organization": organizations.get(org_id, ""), "Title": title, "Birthday": birthday,
            "Tags": "; ".join(tags[pid]), "Cadence days": cadence or "", "How we met": how_we_met,
            "Notes": "" if private else notes, "Last contact": last.date().isoformat() if last else "",
        }
