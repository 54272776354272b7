"""Writes for imports: people from a spreadsheet, and a whole workspace restored from an archive.

The spreadsheet import reads, validates, matches and plans here; its people are written by the people
app's bulk upsert (`ally.people.bulk.PeopleBulkWriter`), batch after batch, under the import lock.
"""

import contextlib
import datetime as dt
from collections.abc import Callable

from ally.core.errors import ValidationError
from ally.core.plugins import hook_functions
from ally.core.validation import raise_errors
from ally.imports.csv_reader import CsvError, read_people_csv
from ally.imports.fields import MONTH_FIRST_REGIONS, RowError, contact_extras, person_fields
from ally.imports.locks import import_lock
from ally.imports.matching import ImportReport, PeopleIndex, PersonRecord
from ally.imports.planning import plan_person, without_cyclic_gc
from ally.people.bulk import PeopleBulkWriter, people_records
from ally.people.search import search_refresh_workspace
from ally.workspaces.audit import acting, audit_record, audited, current_actor

BATCH_SIZE = 2000


@audited(atomic=False, dry_run="dry_run")
def people_import_csv(*, workspace, data: bytes, mapping: dict[str, str] | None = None, dry_run: bool = False,
                      batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
                      on_start: Callable[[int], None] | None = None) -> ImportReport:
    """Import people from a CSV file's bytes, matching people Ally already knows instead of duplicating them.

    Rows are validated with person_create's rules; a bad row is reported and skipped. Work is
    committed every `batch_size` rows, so an interrupted import can simply be run again: what was
    written matches and is left alone. A dry run plans everything and writes nothing.
    """
    actor = current_actor()
    lock = contextlib.nullcontext() if dry_run else import_lock(workspace)
    with lock, without_cyclic_gc(), acting(user=actor.user, token=actor.token, via="import"):
        return _import_people(workspace, data, mapping, dry_run, batch_size, progress, on_start)


def _import_people(workspace, data, mapping, dry_run, batch_size, progress, on_start) -> ImportReport:
    try:
        parsed = read_people_csv(data, mapping)
    except CsvError as exc:
        raise ValidationError({"file": str(exc)}) from None
    report = ImportReport(dry_run=dry_run, rows=len(parsed.rows), warnings=list(parsed.warnings))
    if parsed.ignored:
        report.warnings.append(f"columns ignored: {', '.join(parsed.ignored)} (use --map COLUMN=FIELD)")
    if on_start:
        on_start(len(parsed.rows))
    index = PeopleIndex(people_records(workspace=workspace))
    writer = PeopleBulkWriter(workspace)
    month_first = workspace.phone_region.upper() in MONTH_FIRST_REGIONS
    pending: dict[int, PersonRecord] = {}  # by identity: a person touched twice in a batch is written once
    extras: list[tuple[PersonRecord, dict]] = []  # nickname, department, addresses, websites: the address card's
    for count, row in enumerate(parsed.rows, start=1):
        record = _plan_row(workspace, row, index, report, month_first=month_first, linkedin=parsed.linkedin)
        if record is not None and record.dirty:
            pending[id(record)] = record
        if record is not None and (more := contact_extras(row)):
            extras.append((record, more))
        if count % batch_size == 0 or count == len(parsed.rows):
            if not dry_run:
                writer.write(list(pending.values()))
                _keep_contact_details(workspace, extras)
            pending.clear()
            extras.clear()
            if progress:
                progress((count - 1) % batch_size + 1)
    return report


def _keep_contact_details(workspace, extras: list[tuple[PersonRecord, dict]]) -> None:
    """Hand what a person has no field for to the apps that keep it (capture's address card), through the
    `person_contact_details` hook: [(person id, {"nickname", "department", "addresses", "urls"})]."""
    details = [(record.id, more) for record, more in extras if record.id is not None]
    if details:
        for keep in hook_functions("person_contact_details"):
            keep(workspace=workspace, details=details)


def _plan_row(workspace, row, index: PeopleIndex, report: ImportReport, *, month_first: bool,
              linkedin: bool) -> PersonRecord | None:
    """Validate one row, find who it is about, and record the outcome; the record to write, if any."""
    try:
        data, organization = person_fields(row, month_first=month_first, linkedin=linkedin)
    except RowError as exc:
        report.invalid.append((row.line, str(exc)))
        return None
    return plan_person(workspace, row.line, data, organization, index, report)


@audited
def workspace_restore(*, archive: dict, slug: str, name: str = "", user_map: dict[str, str] | None = None):
    """Restore an archive (see ally.imports.archive) into a new workspace; all of it or nothing.

    An archive's account never becomes an existing login by a matching username or email: `user_map`
    ({archive username: local username or email}) says which ones do; every other is a new login without a
    usable password (its archived username, or that name with "-restored" when taken here), so it logs in only
    after someone sets one. The accounts created and seated are on the returned workspace's `restored_accounts`
    ([{"archive": ..., "local": ..., "how": "created" | "mapped"}]) and in the audit entry.
    """
    from ally.imports.archive import FORMAT, VERSION, workspace_tables
    from ally.workspaces.services import workspace_create

    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise ValidationError({"file": "is not an Ally workspace archive"})
    if archive.get("version") != VERSION:
        raise ValidationError({"file": f"archive version {archive.get('version')} is not supported (expected {VERSION})"})
    tables = workspace_tables()
    unknown = set(archive.get("tables", {})) - {t.label for t in tables}
    if unknown:
        raise ValidationError({"file": f"unknown tables {', '.join(sorted(unknown))} (an archive from a newer Ally?)"})
    info = archive.get("workspace", {})
    workspace = workspace_create(name=name or info.get("name", slug), slug=slug, time_zone=info.get("time_zone", "UTC"))
    for attribute in ("default_currency", "phone_region"):
        if info.get(attribute):
            setattr(workspace, attribute, info[attribute])
    if info.get("created_at"):
        workspace.created_at = dt.datetime.fromisoformat(info["created_at"])
    workspace.save()
    users, accounts = _restore_users(archive.get("users", []), user_map or {})
    restore = _Restore(workspace, users)
    restore.run(tables, archive.get("tables", {}))
    search_refresh_workspace(workspace=workspace)
    audit_record(workspace=workspace, action="workspace.restored", target=workspace,
                 changes={**{label: [None, len(pks)] for label, pks in restore.pks.items() if pks},
                          "accounts": [None, [f"{a['archive']} -> {a['local']} ({a['how']})" for a in accounts]]})
    workspace.restored_accounts = accounts
    return workspace


def _local_user(reference: str):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return (User._default_manager.filter(username=reference).first()
            or User._default_manager.filter(email__iexact=reference).order_by("id").first() if reference else None)


def _free_username(username: str) -> str:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    candidate, n = username, 1
    while User._default_manager.filter(username=candidate).exists():
        candidate = f"{username}-restored" if n == 1 else f"{username}-restored-{n}"
        n += 1
    return candidate


def _restore_users(rows: list[dict], user_map: dict[str, str]) -> tuple[dict[str, object], list[dict]]:
    """Username in the archive → user here: the local login `user_map` names for it, else a new login."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    archived = {row.get("username", "") for row in rows if isinstance(row, dict)}
    errors = {}
    unknown = sorted(set(user_map) - archived)
    if unknown:
        errors["map_user"] = f"'{unknown[0]}' is not an account in the archive (it has: {', '.join(sorted(archived))})"
    mapped = {}
    for archive_name, reference in user_map.items():
        local = _local_user(reference)
        if local is None:
            errors["map_user"] = f"'{reference}' is not a login on this installation"
        mapped[archive_name] = local
    raise_errors(errors)
    users, accounts = {}, []
    for row in rows:
        username = row.get("username", "")
        if username in mapped:
            users[username] = mapped[username]
            accounts.append({"archive": username, "local": mapped[username].username, "how": "mapped"})
            continue
        email = (row.get("email") or "").lower()
        if email and User._default_manager.filter(email__iexact=email).exists():
            email = ""  # that address is another login's here: the new one gets none rather than a second
        user = User._default_manager.create_user(username=_free_username(username), email=email, password=None,
                                                 first_name=row.get("first_name", ""),
                                                 last_name=row.get("last_name", ""))
        users[username] = user
        accounts.append({"archive": username, "local": user.username, "how": "created"})
    return users, accounts


class _Restore:
    """Inserts an archive's tables in order, then fills references that had to wait and archived timestamps."""

    def __init__(self, workspace, users: dict):
        self.workspace, self.users = workspace, users
        self.pks: dict[str, dict[int, int]] = {}  # table → archive position → new primary key
        self.natural_cache: dict = {}

    def run(self, tables, data: dict) -> None:
        from django.contrib.auth import get_user_model

        self.user_model = get_user_model()
        later = []
        for table in tables:
            rows = data.get(table.label, [])
            objects, waiting = [], []
            for row in rows:
                obj, deferred = self._build(table, row)
                objects.append(obj)
                waiting.append(deferred)
            created = table.model._default_manager.bulk_create(objects, batch_size=1000)
            self.pks[table.label] = {row["id"]: obj.pk for row, obj in zip(rows, created)}
            later.append((table, rows, created, waiting))
        for table, rows, created, waiting in later:
            self._finish(table, rows, created, waiting)

    def _build(self, table, row: dict):
        from ally.imports.archive import decode

        known = {"id"} | {f.name for f in table.plain + table.references + table.natural}
        if set(row) - known:
            raise ValidationError({"file": f"{table.label} row {row.get('id')}: unknown fields "
                                           f"{', '.join(sorted(set(row) - known))}"})
        obj = table.model(workspace=self.workspace)
        for f in table.plain:
            if f.name in row:
                setattr(obj, f.attname, decode(f, row[f.name]))
        if hasattr(obj, "derive_keys"):
            obj.derive_keys()  # computed columns (an organization's name key), whatever an older archive holds
        deferred = {}
        for f in table.references:
            position, target = row.get(f.name), f.related_model._meta.label_lower
            if position is None:
                continue
            if target in self.pks and target != table.label:
                setattr(obj, f.attname, self._pk(table, row, f, target, position))
            else:
                deferred[f] = position  # restored later, or a reference within the same table
        for f in table.natural:
            if row.get(f.name) is not None:
                setattr(obj, f.attname, self._natural(f, row[f.name]).pk)
        return obj, deferred

    def _pk(self, table, row, f, target: str, position: int) -> int:
        try:
            return self.pks[target][position]
        except KeyError:
            raise ValidationError({"file": f"{table.label} row {row['id']}: {f.name} refers to missing "
                                           f"{target} row {position}"}) from None

    def _natural(self, f, key: list):
        cache_key = (f.related_model, tuple(key))
        if cache_key not in self.natural_cache:
            if f.related_model is self.user_model:
                # Only the archive's own accounts, as _restore_users resolved them: never a local login that
                # happens to have the same username.
                if key[0] not in self.users:
                    raise ValidationError({"file": f"{f.model._meta.label_lower}.{f.name}: user {key} is not in "
                                                   "the archive's users"})
                found = self.users[key[0]]
            else:
                try:
                    found = f.related_model._default_manager.get_by_natural_key(*key)
                except f.related_model.DoesNotExist:
                    raise ValidationError({"file": f"{f.model._meta.label_lower}.{f.name}: no "
                                                   f"{f.related_model._meta.verbose_name} {key}"}) from None
            self.natural_cache[cache_key] = found
        return self.natural_cache[cache_key]

    def _finish(self, table, rows, created, waiting) -> None:
        """Fill waiting references and put back the archived values of fields Django stamps on insert."""
        from ally.imports.archive import decode

        stamps = table.auto_timestamps
        changed, fields = [], set()
        for row, obj, deferred in zip(rows, created, waiting):
            touched = False
            for f, position in deferred.items():
                setattr(obj, f.attname, self._pk(table, row, f, f.related_model._meta.label_lower, position))
                fields.add(f.name)
                touched = True
            for f in stamps:
                if row.get(f.name) is not None:
                    setattr(obj, f.attname, decode(f, row[f.name]))
                    fields.add(f.name)
                    touched = True
            if touched:
                changed.append(obj)
        if changed:
            table.model._default_manager.bulk_update(changed, sorted(fields), batch_size=500)
