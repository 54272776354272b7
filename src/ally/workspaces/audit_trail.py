"""Reading the audit trail: owners filter it by person, team member and kind of change, page by page, on
the page (/settings/audit/), in the API (GET /api/v1/audit) and from the CLI (`ally audit`)."""

from ally.core.api import Id, Text
from ally.core.filters import ListFilter
from ally.workspaces.models import AuditEntry, Membership


class AuditFilter(ListFilter):
    """`person`: entries about this person; `member`: writes by this team member (membership id);
    `kind`: an action (`person.updated`) or a kind of object (`person`)."""

    person: Id | None = None
    member: Id | None = None
    kind: Text | None = None


def audit_entries(*, workspace, filters: AuditFilter):
    entries = AuditEntry.objects.filter(workspace=workspace).select_related("actor", "token")
    if filters.person is not None:
        entries = entries.filter(person_id=filters.person)
    if filters.member is not None:
        user_id = Membership.objects.filter(workspace=workspace, id=filters.member).values_list("user_id", flat=True)
        entries = entries.filter(actor_id__in=user_id)
    if filters.kind:
        kind = filters.kind.strip().lower()
        entries = entries.filter(action=kind) if "." in kind else entries.filter(action__startswith=f"{kind}.")
    return entries.order_by("-at", "-id")


def entry_dict(entry: AuditEntry) -> dict:
    """One entry as the API and `ally audit --json` show it."""
    return {
        "id": entry.id, "at": entry.at, "action": entry.action, "via": entry.via,
        "actor": entry.actor.username if entry.actor_id else None,
        "token": entry.token.name if entry.token_id else None,
        "object_type": entry.object_type, "object_id": entry.object_id, "object_label": entry.object_label,
        "person_id": entry.person_id, "changes": entry.changes,
    }
