"""Pages of imports: merging two records of one person, importing a people CSV, downloading exports."""

import csv
import datetime as dt
import io
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format

from ally.core.errors import NotFound, ValidationError
from ally.core.files import open_private
from ally.core.pages import READ_ONLY_ROLE, workspace_view
from ally.core.spreadsheet import safe_row
from ally.imports.archive import ArchiveError, write_archive
from ally.imports.csv_reader import FIELDS, CsvError, header_key, read_columns
from ally.imports.merge import person_merge
from ally.imports.selectors import PEOPLE_CSV_COLUMNS, people_for_export
from ally.imports.services import people_import_csv
from ally.people import selectors as people_selectors
from ally.people.contact import display_phone
from ally.people.importable import IMPORTABLE_FIELDS
from ally.workspaces.selectors import team_members

# --- merging -------------------------------------------------------------------------------------------

# The person fields a merge may fill or change, in words.
FIELD_WORDS = {
    "organization_id": "organization", "title": "title", "how_we_met": "how we met", "introduced_by_id": "introduced by",
    "owner_id": "owner", "cadence_days": "keep in touch every (days)", "birthday_month": "birthday month",
    "birthday_day": "birthday day", "birthday_year": "birthday year", "notes": "notes", "notes_private": "private notes",
    "notes_author_id": "notes' author", "created_at": "known since", "last_contact_at": "last contact",
    "interaction_count": "interactions", "touch_due_at": "next touch due",
}


def _rows_in_words(counts: dict[str, int]) -> list[tuple[str, int]]:
    """{"interactions.participant.person": 3} as [("interaction participants", 3)]: what moves, as a user says it."""
    words = []
    for key, count in sorted(counts.items()):
        app_label, model_name, _field = key.split(".", 2)
        try:
            model = apps.get_model(app_label, model_name)
            label = str(model._meta.verbose_name_plural)
        except LookupError:
            label = model_name
        words.append((label, count))
    return words


def _in_words(workspace, name: str, value):
    """A field's value as the page shows it: names instead of ids, dates instead of instants."""
    if value is None or value == "":
        return "—"
    if name == "organization_id":
        organization = people_selectors.organization_list(workspace=workspace).filter(id=value).first()
        return organization.name if organization else "—"
    if name == "introduced_by_id":
        person = people_selectors.people_by_ids(workspace=workspace, ids=[value]).get(value)
        return person.name if person else "—"
    if name == "owner_id":
        return next((m.display_name for m in team_members(workspace=workspace) if m.id == value), "—")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j M Y")
    return value


def _changes(workspace, plan) -> list[tuple[str, object, object]]:
    return [(FIELD_WORDS.get(name, name), _in_words(workspace, name, before), _in_words(workspace, name, after))
            for name, (before, after) in plan.field_changes.items() if name != "notes_author_id"]


def _side(person) -> dict:
    return {"person": person, "emails": [e.address for e in person.emails.all()],
            "phones": [display_phone(p.number) for p in person.phones.all()],
            "tags": people_selectors.person_tag_names(person=person)}


@workspace_view
def merge(request, person_id):
    """Fold another record of this person into them: both side by side with the dry run, then merge on POST."""
    keep = people_selectors.access_person(workspace=request.workspace, person_id=person_id)
    reference = (request.POST.get("other") if request.method == "POST" else request.GET.get("other", "")) or ""
    other, error, plan = None, "", None
    if reference.strip():
        try:
            other = people_selectors.resolve_person_reference(workspace=request.workspace, reference=reference)
        except NotFound:
            error = f"No person called '{reference.strip()[:80]}' in this workspace."
        except ValidationError as exc:
            error = str(exc)
    if other is not None and request.method == "POST":
        try:
            person_merge(keep=keep, merge=other, author=request.user)
        except ValidationError as exc:
            error = "; ".join(str(message) for message in exc.errors.values())
        else:
            messages.success(request, f"Merged {other.name} into {keep.name}.")
            return redirect("people:detail", keep.id)
    if other is not None and not error:
        try:
            plan = person_merge(keep=keep, merge=other, dry_run=True, author=request.user)
        except ValidationError as exc:
            error = "; ".join(str(message) for message in exc.errors.values())
    context = {"keep": _side(keep), "other": _side(other) if other else None, "error": error, "reference": reference,
               "plan": plan,
               "changes": _changes(request.workspace, plan) if plan else [],
               "moved": _rows_in_words(plan.moved) if plan else [],
               "dropped": _rows_in_words(plan.dropped) if plan else []}
    return render(request, "imports/merge.html", context, status=422 if error and request.method == "POST" else 200)


# --- importing a people CSV -------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # about 50,000 rows; larger files go through `ally import csv`
UPLOAD_MAX_AGE_SECONDS = 24 * 3600  # uploads nobody imported are removed after a day
SESSION_KEY = "imports.upload"
LISTED = 20  # rows listed per section of a report
TOKEN = re.compile(r"[0-9a-f]{32}")
FIELD_LABELS = {
    "name": "Name", "first_name": "First name", "middle_name": "Middle name", "last_name": "Last name",
    "email": "Email", "phone": "Phone", "organization": "Organization", "birthday": "Birthday", "tags": "Tags",
    **{f.name: f.label for f in IMPORTABLE_FIELDS}, "cadence_days": "Keep in touch every (days)",
    "profile_url": "Profile address", "connected_on": "Connected on", "nickname": "Nickname",
    "department": "Department", "address": "Address", "website": "Website", "ignore": "Ignore this column",
}


def _upload_dir() -> Path:
    directory = Path(tempfile.gettempdir()) / "ally-uploads"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def _forget_old_uploads(directory: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.glob("*.csv"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def _store_upload(request, uploaded) -> None:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": f"is {uploaded.size / 1024 / 1024:.1f} MB; the page takes files up to "
                                       f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB (use `ally import csv` for larger ones)"})
    if uploaded.size == 0:
        raise ValidationError({"file": "is empty"})
    directory = _upload_dir()
    _forget_old_uploads(directory)
    token = secrets.token_hex(16)
    with open_private(directory / f"{token}.csv", "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    _discard_upload(request)
    request.session[SESSION_KEY] = {"token": token, "name": uploaded.name[:200], "workspace": request.workspace.id}


def _stored_upload(request) -> tuple[dict, bytes] | None:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("workspace") != request.workspace.id or not TOKEN.fullmatch(stored.get("token", "")):
        return None
    try:
        return stored, (_upload_dir() / f"{stored['token']}.csv").read_bytes()
    except OSError:
        return None


def _discard_upload(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored and TOKEN.fullmatch(stored.get("token", "")):
        (_upload_dir() / f"{stored['token']}.csv").unlink(missing_ok=True)


def _posted_mapping(request, columns: list[tuple[str, str]]) -> dict[str, str]:
    """The user's choice of field per column (`map-<n>` selects), as the importer's {header key: field}."""
    mapping, errors = {}, {}
    for number, (header, detected) in enumerate(columns):
        chosen = request.POST.get(f"map-{number}", detected)
        if chosen not in FIELDS:
            errors[f"map-{number}"] = f"column '{header[:40]}': '{chosen[:40]}' is not a field Ally knows"
            continue
        mapping[header_key(header)] = chosen
    if errors:
        raise ValidationError(errors)
    return mapping


def _web_warning(warning: str) -> str:
    """The importer's warnings speak of the command line's --map; on the page the mapping is the selects."""
    warning = re.sub(r" \(use --map COLUMN=FIELD\)", "", warning)
    return warning.replace("map one with --map COLUMN=name", "choose the column that holds the name below")


def _report_context(report) -> dict:
    return {
        "report": report, "counts": report.as_dict()["counts"],
        "warnings": [_web_warning(w) for w in report.warnings if not w.startswith("columns ignored")],
        "invalid": report.invalid[:LISTED], "conflicts": report.conflicts[:LISTED],
        "duplicates": report.duplicates[:LISTED], "listed": LISTED,
    }


@workspace_view
def import_page(request):
    """Upload a CSV, see the dry run with a mapping the user may change, then import; and the downloads."""
    can_import = request.membership.role != READ_ONLY_ROLE
    context = {"can_import": can_import, "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024, "errors": {}}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "upload":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ValidationError({"file": "choose a CSV file to upload"})
            _store_upload(request, uploaded)
        except ValidationError as exc:
            context["errors"] = exc.errors
            return render(request, "imports/import.html", context, status=422)
        return redirect("imports:import")
    if action == "cancel":
        _discard_upload(request)
        return redirect("imports:import")
    found = _stored_upload(request)
    if found is None:
        if action in ("check", "import"):
            context["errors"] = {"file": "the uploaded file is no longer here; upload it again"}
            return render(request, "imports/import.html", context, status=422)
        return render(request, "imports/import.html", context)
    stored, data = found
    status, columns = 200, []
    try:
        columns = read_columns(data)
        mapping = _posted_mapping(request, columns) if action in ("check", "import") else {}
        if mapping:
            columns = [(header, mapping[header_key(header)]) for header, _ in columns]
        report = people_import_csv(workspace=request.workspace, data=data, mapping=mapping,
                                   dry_run=action != "import")
    except (ValidationError, CsvError) as exc:
        context["errors"] = exc.errors if isinstance(exc, ValidationError) else {"file": str(exc)}
        report, status = None, 422
    if report is not None and not report.dry_run:
        _discard_upload(request)
        messages.success(request, f"Imported {stored['name']}: {len(report.new)} new, {len(report.updated)} updated.")
    context.update({
        "upload": stored, "columns": [(number, header, chosen) for number, (header, chosen) in enumerate(columns)],
        "fields": [(name, FIELD_LABELS[name]) for name in FIELDS], **(_report_context(report) if report else {}),
    })
    return render(request, "imports/import.html", context, status=status)


# --- exports ---------------------------------------------------------------------------------------------------


class _Line:
    """A file-like object whose write returns the text, so csv.writer rows can be streamed."""

    def write(self, text):
        return text


def _download_name(request, kind: str, extension: str) -> str:
    return f"{request.workspace.slug}-{kind}-{timezone.localdate().isoformat()}.{extension}"


@workspace_view
def export_people_csv(request):
    """Every person as a spreadsheet (the columns the import reads back), streamed as it is written."""
    writer = csv.DictWriter(_Line(), fieldnames=PEOPLE_CSV_COLUMNS)

    def lines():
        yield "\ufeff" + writer.writeheader()
        for row in people_for_export(workspace=request.workspace):
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(request, "people", "csv")}"'
    return response


@workspace_view
def export_archive(request):
    """The whole workspace as the JSON archive `ally export json` writes (and `ally import json` restores)."""
    out = io.StringIO()
    try:
        write_archive(workspace=request.workspace, out=out)
    except ArchiveError as exc:
        messages.error(request, f"The archive could not be written: {exc}")
        return redirect("imports:import")
    response = HttpResponse(out.getvalue(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(request, "archive", "json")}"'
    return response
