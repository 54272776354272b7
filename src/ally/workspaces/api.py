"""The workspaces API: the audit trail, for owners."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from ally.core.api import ERRORS, Limit, Offset, page, require_owner
from ally.workspaces.audit_trail import AuditFilter, audit_entries, entry_dict

router = Router()


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    action: str
    via: str
    actor: str | None
    token: str | None
    object_type: str
    object_id: int | None
    object_label: str
    person_id: int | None
    changes: dict[str, Any]


class AuditPageOut(Schema):
    count: int
    items: list[AuditEntryOut]


@router.get("/audit", response={200: AuditPageOut, **ERRORS}, summary="The audit trail (owners)")
def list_audit(request: HttpRequest, filters: Query[AuditFilter], limit: Limit = 50, offset: Offset = 0):
    """Every write to the workspace's data, newest first: who (user, token, command line, import), when, what
    changed (old -> new). Filter by `person`, `member` (membership id) and `kind` (`person` or `person.updated`)."""
    require_owner(request)
    found = page(audit_entries(workspace=request.workspace, filters=filters), limit=limit, offset=offset)
    return {"count": found["count"], "items": [entry_dict(entry) for entry in found["items"]]}
