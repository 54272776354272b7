"""Planning people from any source (a spreadsheet row, an address card): validated, matched and reported
alike, so every importer of people dedupes the same way."""

import contextlib
import gc

from ally.core.errors import ValidationError
from ally.imports.matching import ImportReport, PeopleIndex, PersonRecord
from ally.people.importable import IMPORTABLE_FIELDS
from ally.people.validation import clean_person

# Organizations follow organization_create's rule; the person's own fields follow person_create's.
ORGANIZATION_MAX_LENGTH = 200


@contextlib.contextmanager
def without_cyclic_gc():
    """Pause Python's cycle collector for the import, restoring it afterwards.

    An import keeps every person it has seen (for matching) and allocates a few objects per cell;
    the collector then keeps rescanning that growing heap, which cost about a third of a 100,000-row
    import's CPU time. The import makes no reference cycles worth collecting; the collector catches
    up when it is switched back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plan_person(workspace, line: int, data: dict, organization: str, index: PeopleIndex,
                report: ImportReport) -> PersonRecord | None:
    """Validate one source person (a row, a card), match them and record the outcome; the record to write.

    Every importer of people goes through here, so a card and a row are matched and reported alike.
    """
    try:
        clean = clean_person(workspace, data)
    except ValidationError as exc:
        report.invalid.append((line, str(exc)))
        return None
    if len(organization) > ORGANIZATION_MAX_LENGTH:
        report.invalid.append((line, f"organization: is longer than {ORGANIZATION_MAX_LENGTH} characters"))
        return None
    record, _why = index.find(name=clean["name"], organization=organization, emails=clean["emails"],
                              phones=clean["phones"])
    if record is None:
        record = PersonRecord(
            id=None, name=clean["name"], organization=organization,
            **{f.name: clean.get(f.name, f.empty) for f in IMPORTABLE_FIELDS},
            birthday_month=clean.get("birthday_month"), birthday_day=clean.get("birthday_day"),
            birthday_year=clean.get("birthday_year"), emails=clean["emails"], phones=clean["phones"],
            tags=clean["tags"], first_line=line)
        index.add(record)
        report.new.append(line)
        return record
    merge = index.merge(record, clean=clean, organization=organization)
    report.conflicts.extend((line, conflict) for conflict in merge.conflicts)
    if record.first_line is not None:
        report.duplicates.append((line, record.first_line))
    else:
        record.first_line = line
        (report.updated if merge.changes else report.unchanged).append(line)
    return record
