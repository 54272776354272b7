"""The bulk upsert of people, owned by the people app: what every importer (CSV, vCard, mail capture) writes through.

Importers plan (validate with `clean_person`, match, merge) and hand over `PersonRecord`s; this module
reads the workspace's people as records and writes planned records back in a handful of statements
per batch: organizations and tags first, then new people, the fields known people gained, then
emails, phones and tags. Which Person columns it reads and writes comes from
`ally.people.importable.IMPORTABLE_FIELDS`, so a new importable field needs no edit here.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ally.core.bulk import insert_rows
from ally.people.importable import IMPORTABLE_NAMES, PersonRecord, org_key
from ally.people.models import Organization, Person, PersonEmail, PersonPhone, PersonTag, Tag
from ally.people.search import search_refresh
from ally.workspaces.audit import audit_record


def people_records(*, workspace) -> list[PersonRecord]:
    """Every person of the workspace as a record, with emails, phones and tags (five queries, whatever the size)."""
    organizations = dict(Organization.objects.filter(workspace=workspace).values_list("id", "name"))
    records = {}
    columns = ("id", "name", "organization_id", "birthday_month", "birthday_day", "birthday_year",
               *IMPORTABLE_NAMES, "last_contact_at", "created_at")
    for values in Person.objects.filter(workspace=workspace).order_by("id").values_list(*columns) \
            .iterator(chunk_size=5000):
        pid, name, org_id, month, day, year, *importable, last_contact, created = values
        records[pid] = PersonRecord(
            pid, name, organizations.get(org_id, ""), month, day, year, *importable,
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
    """Organization name key (case and spacing ignored; unique per workspace) → id."""
    return dict(Organization.objects.filter(workspace=workspace).values_list("name_key", "id"))


def tag_ids(*, workspace, names=None) -> dict[str, int]:
    tags = Tag.objects.filter(workspace=workspace)
    if names is not None:
        tags = tags.filter(name__in=list(names))
    return dict(tags.values_list("name", "id"))


class PeopleBulkWriter:
    """Writes planned people in bulk, batch after batch of one import; one audit entry per batch written.

    A new record (id None) is inserted with everything it carries and gets its id; a known one gets only
    the fields in its `changed` and the emails, phones and tags it gained. The keep-in-touch clock starts
    when a person is added, as `person_create` starts it.
    """

    def __init__(self, workspace):
        self.workspace = workspace
        self.organizations = organization_ids(workspace=workspace)
        self.tags = tag_ids(workspace=workspace)

    @transaction.atomic
    def write(self, records: list[PersonRecord]) -> None:
        now = timezone.now()
        new = [r for r in records if r.id is None]
        known = [r for r in records if r.id is not None]
        self._create_organizations(records)
        self._create_tags(new, known)
        for record, person_id in zip(new, self._create_people(new, now)):
            record.id, record.clock_start = person_id, now
        self._update_people([r for r in known if r.changed], now)
        # New people get every email, phone and tag; people already in Ally only what this import added.
        self._add_details([(r, r.emails, r.phones, r.tags) for r in new] +
                          [(r, r.added_emails, r.added_phones, r.added_tags) for r in known])
        search_refresh(person_ids=[r.id for r in records])
        for record in records:
            record.written()
        audit_record(workspace=self.workspace, action="people.imported", object_type="import",
                     label=f"{len(new)} new, {len(known)} updated",
                     changes={"new": [None, len(new)], "updated": [None, len(known)]})

    def _create_organizations(self, records) -> None:
        missing = {}
        for record in records:
            if record.organization and org_key(record.organization) not in self.organizations:
                missing.setdefault(org_key(record.organization), record.organization)
        if not missing:
            return
        # The key is the database's unique (workspace, name_key): a name another writer just added is skipped
        # here and its id read back, never a second organization.
        Organization.objects.bulk_create(
            [Organization(workspace=self.workspace, name=name, name_key=key) for key, name in missing.items()],
            ignore_conflicts=True)
        self.organizations.update(Organization.objects.filter(workspace=self.workspace, name_key__in=list(missing))
                                  .values_list("name_key", "id"))

    def _create_tags(self, new, known) -> None:
        wanted = {tag for r in new for tag in r.tags} | {tag for r in known for tag in r.added_tags}
        missing = wanted - set(self.tags)
        if missing:
            Tag.objects.bulk_create([Tag(workspace=self.workspace, name=n) for n in sorted(missing)],
                                    ignore_conflicts=True)
            self.tags.update(tag_ids(workspace=self.workspace, names=missing))

    def _person(self, record: PersonRecord) -> Person:
        """The person as an unsaved instance for bulk_update (updates are few; new people skip the ORM)."""
        return Person(
            id=record.id, workspace=self.workspace, name=record.name,
            organization_id=self.organizations.get(org_key(record.organization)),
            birthday_month=record.birthday_month, birthday_day=record.birthday_day,
            birthday_year=record.birthday_year, **{name: getattr(record, name) for name in IMPORTABLE_NAMES},
        )

    def _create_people(self, records, now: dt.datetime) -> list[int]:
        ws = self.workspace.id
        return insert_rows(Person, [
            "workspace_id", "name", "organization_id", "birthday_month", "birthday_day", "birthday_year",
            *IMPORTABLE_NAMES, "created_at", "touch_due_at",
        ], [(ws, r.name, self.organizations.get(org_key(r.organization)), r.birthday_month, r.birthday_day,
             r.birthday_year, *(getattr(r, name) for name in IMPORTABLE_NAMES), now,
             now + dt.timedelta(days=r.cadence_days) if r.cadence_days else None) for r in records], returning=True)

    def _update_people(self, records, now: dt.datetime) -> None:
        """Write only the fields each person gained, grouped so every UPDATE names exactly those columns."""
        groups: dict[frozenset, list[Person]] = {}
        for record in records:
            person = self._person(record)
            person.updated_at = now
            fields = set(record.changed) | {"updated_at"}
            if "birthday" in fields:
                fields = (fields - {"birthday"}) | {"birthday_month", "birthday_day", "birthday_year"}
            if "cadence_days" in fields:
                person.touch_due_at = record.clock_start + dt.timedelta(days=record.cadence_days)
                fields.add("touch_due_at")
            groups.setdefault(frozenset(fields), []).append(person)
        for fields, people in groups.items():
            Person.objects.bulk_update(people, sorted(fields), batch_size=500)

    def _add_details(self, rows) -> None:
        ws, tag_ids_, emails, phones, person_tags = self.workspace.id, self.tags, [], [], []
        for record, new_emails, new_phones, new_tags in rows:
            # Added addresses and numbers go after the ones the person already had.
            if new_emails:
                first = len(record.emails) - len(new_emails)
                emails.extend((ws, record.id, a, first + i) for i, a in enumerate(new_emails))
            if new_phones:
                first = len(record.phones) - len(new_phones)
                phones.extend((ws, record.id, n, first + i) for i, n in enumerate(new_phones))
            if new_tags:
                person_tags.extend((ws, record.id, tag_ids_[t]) for t in new_tags)
        insert_rows(PersonEmail, ["workspace_id", "person_id", "address", "position"], emails)
        insert_rows(PersonPhone, ["workspace_id", "person_id", "number", "position"], phones)
        insert_rows(PersonTag, ["workspace_id", "person_id", "tag_id"], person_tags)
