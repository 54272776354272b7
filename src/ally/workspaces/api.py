"""The workspaces API: the team (everyone reads it, owners change it) and the audit trail, for owners."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from ally.core.api import ERRORS, Id, InputSchema, Limit, Offset, Text, page, require_owner, resolve
from ally.workspaces import selectors, services
from ally.workspaces.audit_trail import AuditFilter, audit_entries, entry_dict
from ally.workspaces.serialize import MemberOut, member_json

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


Role = Literal["owner", "member", "read_only"]


class MemberIn(InputSchema):
    user: Text
    role: Role = "member"


class MemberChange(InputSchema):
    role: Role


@router.get("/memberships", response={200: list[MemberOut], **ERRORS}, summary="The team")
def list_members(request: HttpRequest):
    """Everyone with a seat in the workspace and their role (`owner`, `member` or `read_only`)."""
    return [member_json(m) for m in selectors.team_members(workspace=request.workspace)]


@router.post("/memberships", response={201: MemberOut, **ERRORS}, summary="Add a team member (owners)")
def add_member(request: HttpRequest, payload: MemberIn):
    """Seat an existing login (`user`: username or email) in the workspace with a role."""
    require_owner(request)
    user = resolve(selectors.user_by_reference, "user", reference=payload.user)
    membership = services.membership_add(workspace=request.workspace, user=user, role=payload.role)
    return 201, member_json(selectors.access_membership(workspace=request.workspace, membership_id=membership.id))


@router.patch("/memberships/{membership_id}", response={200: MemberOut, **ERRORS},
              summary="Change a team member's role (owners)")
def change_member(request: HttpRequest, membership_id: Id, payload: MemberChange):
    require_owner(request)
    membership = selectors.access_membership(workspace=request.workspace, membership_id=membership_id)
    services.membership_role_change(membership=membership, role=payload.role)
    return member_json(membership)


@router.delete("/memberships/{membership_id}", response={204: None, **ERRORS},
               summary="Remove a team member (owners)")
def remove_member(request: HttpRequest, membership_id: Id):
    """Take the seat away: the member's API tokens for this workspace are revoked and their sessions ended."""
    require_owner(request)
    membership = selectors.access_membership(workspace=request.workspace, membership_id=membership_id)
    services.membership_remove(membership=membership)
    return 204, None
