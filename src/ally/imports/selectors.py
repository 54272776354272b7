"""Reads for imports: the people spreadsheet export. (The people as match records: `ally.people.bulk`.)"""

from ally.people.importable import IMPORTABLE_FIELDS, IMPORTABLE_NAMES
from ally.people.models import Organization, Person, PersonEmail, PersonPhone, PersonTag

# Headers the CSV import recognises, so an exported spreadsheet imports back without --map; the people
# app's importable fields are exported under their labels.
PEOPLE_CSV_COLUMNS = ["Name", "Email", "Phone", "Organization", *(f.label for f in IMPORTABLE_FIELDS), "Birthday",
                      "Tags", "Last contact"]


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
        "id", "name", "organization_id", "birthday_month", "birthday_day", "birthday_year", "notes_private",
        "last_contact_at", *IMPORTABLE_NAMES)
    for pid, name, org_id, month, day, year, private, last, *importable in people.iterator(chunk_size=5000):
        birthday = ""
        if month and day:
            birthday = (f"{year:04d}-" if year else "") + f"{month:02d}-{day:02d}"
        row = {f.label: "" if value is None else value for f, value in zip(IMPORTABLE_FIELDS, importable)}
        if private:
            row["Notes"] = ""
        yield {
            "Name": name, "Email": "; ".join(emails[pid]), "Phone": "; ".join(phones[pid]),
            "Organization": organizations.get(org_id, ""), **row, "Birthday": birthday,
            "Tags": "; ".join(tags[pid]), "Last contact": last.date().isoformat() if last else "",
        }
