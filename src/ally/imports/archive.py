"""A whole workspace as one JSON archive: which tables belong to it, and how their rows are written.

Tables are discovered, not listed: every installed model with a `workspace` foreign key to
Workspace is part of the archive, so an app added later is included without touching this module.
API tokens are left out: credentials never leave the database they were issued by.

Format, version 1 (one row per line, keys sorted, so archives diff well)::

    {"format": "ally-workspace", "version": 1,
     "workspace": {"name": ..., "time_zone": ..., "default_currency": ..., "phone_region": ..., "created_at": ...},
     "tables": {"people.organization": [{"id": 1, "name": ..., ...}, ...], ...},
     "users": [{"username": ..., "email": ..., "first_name": ..., "last_name": ...}, ...]}

- A row's "id" is its position in its table (1, 2, 3 ... in primary-key order), not its database id,
  and references between tables use these positions. Restoring inserts rows in the same order, so
  exporting a restored workspace gives the same archive again, whatever ids the database handed out.
- References to users (and any other model with a natural key) are natural keys: ["olivia"].
- Date-times are ISO 8601 in UTC, dates ISO, decimals strings, JSON fields plain JSON.
- Tables come in dependency order; a nullable reference to a table restored later (or to the same
  table) is filled in after every table is inserted.
"""

import datetime as dt
import decimal
import json
import uuid
from dataclasses import dataclass, field
from typing import TextIO

from django.apps import apps
from django.db import models
from django.utils.duration import duration_iso_string

FORMAT, VERSION = "ally-workspace", 1
# Tokens and calendar feed addresses are secrets of one installation; the audit trail is this installation's
# record of its own writes (a restore starts a new one, and records itself in it).
EXCLUDED = {"workspaces.apitoken", "workspaces.auditentry", "imports.importlock", "reminders.calendarfeed"}
WORKSPACE_FIELDS = ("name", "time_zone", "default_currency", "phone_region", "created_at")


class ArchiveError(ValueError):
    """The archive cannot be written or read; the message says which table, row or field."""


@dataclass
class Table:
    """One workspace table: its model and the fields an archive row carries, by kind."""

    model: type[models.Model]
    label: str
    plain: list[models.Field] = field(default_factory=list)
    references: list[models.ForeignKey] = field(default_factory=list)  # to other workspace tables
    natural: list[models.ForeignKey] = field(default_factory=list)  # to users and other natural keys

    @property
    def auto_timestamps(self) -> list[models.Field]:
        """Fields Django would stamp with "now" on insert; a restore puts the archived value back."""
        return [f for f in self.plain if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]


def _has_workspace(model) -> bool:
    from django.core.exceptions import FieldDoesNotExist

    from ally.workspaces.models import Workspace

    try:
        workspace = model._meta.get_field("workspace")
    except FieldDoesNotExist:
        return False
    return workspace.is_relation and workspace.related_model is Workspace


def workspace_tables() -> list[Table]:
    """Every table that belongs to a workspace, in an order where required references point backwards."""
    candidates = {
        m._meta.label_lower: m for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed and _has_workspace(m) and m._meta.label_lower not in EXCLUDED
    }
    tables = {label: _describe(model, candidates) for label, model in candidates.items()}
    return [tables[label] for label in _dependency_order(tables)]


def _describe(model, candidates: dict) -> Table:
    table = Table(model=model, label=model._meta.label_lower)
    for m2m in model._meta.local_many_to_many:
        if m2m.remote_field.through._meta.auto_created:
            raise ArchiveError(f"{table.label}.{m2m.name}: a many-to-many without a through model (with a "
                               "workspace) cannot be archived")
    for f in model._meta.concrete_fields:
        if f.name == "workspace" or (f.primary_key and not f.is_relation):
            continue
        if not f.is_relation:
            table.plain.append(f)
        elif f.related_model._meta.label_lower in candidates:
            table.references.append(f)
        elif hasattr(f.related_model, "natural_key") and hasattr(f.related_model._default_manager,
                                                                  "get_by_natural_key"):
            table.natural.append(f)
        else:
            raise ArchiveError(f"{table.label}.{f.name} points to {f.related_model._meta.label}, which is neither "
                               "a workspace table nor has a natural key")
    return table


def _dependency_order(tables: dict[str, Table]) -> list[str]:
    """Tables sorted so required (non-null) references are restored first; ties by name for stability."""
    needs = {label: {f.related_model._meta.label_lower for f in t.references if not f.null} - {label}
             for label, t in tables.items()}
    order: list[str] = []
    while needs:
        ready = sorted(label for label, deps in needs.items() if not deps - set(order))
        if not ready:
            raise ArchiveError(f"required references form a cycle between {', '.join(sorted(needs))}")
        order += ready
        for label in ready:
            del needs[label]
    return order


def encode(value):
    """A database value as JSON."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        import base64

        return base64.b64encode(bytes(value)).decode()
    return value


def decode(f: models.Field, value):
    """A JSON value back as what the field stores (JSON fields keep their structure as is)."""
    if value is None or isinstance(f, models.JSONField):
        return value
    return f.to_python(value)


def write_archive(*, workspace, out: TextIO) -> dict[str, int]:
    """Write the workspace as an archive to `out`; returns the number of rows per table."""
    from django.contrib.auth import get_user_model

    tables = workspace_tables()
    positions = {
        t.label: {pk: n for n, pk in enumerate(
            t.model._default_manager.filter(workspace=workspace).order_by("pk").values_list("pk", flat=True), 1)}
        for t in tables
    }
    natural_keys = _natural_keys(workspace, tables)
    info = {name: encode(getattr(workspace, name)) for name in WORKSPACE_FIELDS}
    out.write(f'{{"format": "{FORMAT}", "version": {VERSION},\n"workspace": {json.dumps(info, sort_keys=True)},\n'
              '"tables": {')
    counts = {}
    for number, table in enumerate(tables):
        out.write(f'{"," if number else ""}\n{json.dumps(table.label)}: [')
        counts[table.label] = _write_rows(workspace, table, positions, natural_keys, out)
        out.write("\n]")
    user_model = get_user_model()
    users = sorted(
        ({"username": u.get_username(), "email": u.email, "first_name": u.first_name, "last_name": u.last_name}
         for u in user_model._default_manager.filter(pk__in=natural_keys.get(user_model, {}))),
        key=lambda u: u["username"])
    out.write('\n},\n"users": [' + ",".join("\n" + json.dumps(u, sort_keys=True) for u in users) + "\n]}\n")
    return counts


def _natural_keys(workspace, tables: list[Table]) -> dict[type, dict]:
    """For every model referenced by natural key: its pk → natural key, for the rows this workspace uses."""
    used: dict[type, set] = {}
    for table in tables:
        for f in table.natural:
            ids = table.model._default_manager.filter(workspace=workspace).exclude(**{f.attname: None})
            used.setdefault(f.related_model, set()).update(ids.values_list(f.attname, flat=True).distinct())
    return {model: {obj.pk: list(obj.natural_key()) for obj in model._default_manager.filter(pk__in=ids)}
            for model, ids in used.items()}


def _write_rows(workspace, table: Table, positions: dict, natural_keys: dict, out: TextIO) -> int:
    attnames = [f.attname for f in table.plain + table.references + table.natural]
    rows = table.model._default_manager.filter(workspace=workspace).order_by("pk").values_list("pk", *attnames)
    count = 0
    for count, (pk, *values) in enumerate(rows.iterator(chunk_size=2000), 1):
        row = {"id": positions[table.label][pk]}
        plain, refs = values[:len(table.plain)], values[len(table.plain):len(table.plain) + len(table.references)]
        for f, value in zip(table.plain, plain):
            row[f.name] = encode(value)
        for f, value in zip(table.references, refs):
            target = positions[f.related_model._meta.label_lower]
            if value is not None and value not in target:
                raise ArchiveError(f"{table.label} row {row['id']}: {f.name} points outside the workspace")
            row[f.name] = target.get(value)
        for f, value in zip(table.natural, values[len(table.plain) + len(table.references):]):
            row[f.name] = None if value is None else natural_keys[f.related_model][value]
        out.write(("\n" if count == 1 else ",\n") + json.dumps(row, sort_keys=True, ensure_ascii=False))
    return count
