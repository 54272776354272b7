"""The audit trail: every service that changes data records one entry, in the same transaction.

    @audited
    def person_update(*, person, **changes):
        before = snapshot(person, fields)
        ...
        audit_record(workspace=person.workspace, action="person.updated", target=person, person_id=person.id,
                     changes=diff(before, snapshot(person, fields)))

`audited` makes the function atomic, registers it in WRITES (the registry of writes a test walks),
refuses a read-only member's call before it runs (a dry run excepted: it keeps nothing) and refuses to
commit a call that recorded no entry, so no write can slip past the trail or past the roles. Who wrote is
taken from the edge that called: `acting(...)` is set by the page middleware (the member), the API's
token check (the token and its user), the command line and the importers.
"""

import contextlib
import contextvars
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from ally.core.errors import Forbidden
from ally.workspaces.models import AuditEntry, Membership

# Never written to the trail, whatever a service passes.
SECRET_FIELDS = frozenset({"password", "token", "token_hash", "secret", "raw", "credentials"})
WRITES: dict[str, object] = {}


@dataclass(frozen=True)
class Actor:
    """Who is writing; `role` is the member's role in the workspace the edge resolved (None: the installation,
    e.g. the command line without --member)."""

    user: object = None
    token: object = None
    via: str = AuditEntry.Via.SYSTEM
    role: str | None = None

    @property
    def read_only(self) -> bool:
        return self.role == Membership.Role.READ_ONLY


_actor: contextvars.ContextVar[Actor] = contextvars.ContextVar("ally_actor", default=Actor())
_frames: contextvars.ContextVar[tuple] = contextvars.ContextVar("ally_audit_frames", default=())


class AuditMissing(AssertionError):
    """A service returned without recording its audit entry: a programming error, so nothing is committed."""


_SAME_ROLE = object()


@contextlib.contextmanager
def acting(*, user=None, token=None, via: str, role=_SAME_ROLE):
    """Attribute the writes inside to this actor (a member on a page, a token, the CLI, an import).

    Without `role` the current actor's role carries over, so an import started by a read-only member is
    still refused."""
    role = _actor.get().role if role is _SAME_ROLE else role
    reset = _actor.set(Actor(user=user, token=token, via=via, role=role))
    try:
        yield
    finally:
        _actor.reset(reset)


def act_as(*, user=None, token=None, via: str, role: str | None = None) -> None:
    """Attribute the rest of this request or command to this actor (the edges that have no `with` around it)."""
    _actor.set(Actor(user=user, token=token, via=via, role=role))


def refuse_read_only() -> None:
    """A read-only member reads everything and writes nothing: every service checks this before it runs."""
    if _actor.get().read_only:
        raise Forbidden("read-only members cannot change anything in this workspace")


def refuse_unless_owner() -> None:
    """The team, the workspace's settings, other members' tokens and deleting the workspace are the owners':
    a member or read-only member acting (on a page, with a token, as --member) is refused. The installation
    itself (the command line without --member, migrations, the demo) acts with no role and may."""
    role = _actor.get().role
    if role is not None and role != Membership.Role.OWNER:
        raise Forbidden("only the workspace's owners can do this")


def current_actor() -> Actor:
    return _actor.get()


class _Frame:
    __slots__ = ("recorded", "inner_recorded")

    def __init__(self):
        self.recorded = self.inner_recorded = False


def audited(function=None, *, dry_run: str | None = None, delegates: bool = False, atomic: bool = True,
            own_account: bool = False):
    """Mark a service: atomic, registered in WRITES, and required to record an audit entry.

    `dry_run` names a keyword argument that, when true, means the call writes nothing to keep;
    `delegates` is for a service that may hand the whole write to another service, whose entry then counts;
    `atomic=False` is for a long import that commits batch by batch (each batch records its own entry);
    `own_account` is for a service that changes only the actor's own account (their password, their tokens, their
    reminders), which a read-only member may use: reading everything includes keeping one's own keys.
    """

    def decorate(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            if not own_account and not (dry_run and kwargs.get(dry_run)):
                refuse_read_only()
            frame = _Frame()
            outer = _frames.get()
            reset = _frames.set(outer + (frame,))
            try:
                with transaction.atomic() if atomic else contextlib.nullcontext():
                    result = service(*args, **kwargs)
                    done = frame.recorded or (delegates and frame.inner_recorded)
                    if not done and not (dry_run and kwargs.get(dry_run)):
                        raise AuditMissing(f"{service.__module__}.{service.__name__} recorded no audit entry")
            finally:
                _frames.reset(reset)
            if outer:
                outer[-1].inner_recorded = True
            return result

        wrapper.own_account = own_account
        WRITES[f"{service.__module__}.{service.__name__}"] = wrapper
        return wrapper

    return decorate(function) if function is not None else decorate


def audit_record(*, workspace, action: str, target=None, object_type: str = "", label: str = "",
                 person_id: int | None = None, changes: dict | None = None) -> AuditEntry:
    """Write the current service's audit entry (the trail of `action` on `target`) as the current actor."""
    actor = _actor.get()
    if target is not None:
        object_type = object_type or target._meta.model_name
        label = label or str(target)[:200]
    entry = AuditEntry.objects.create(
        workspace_id=getattr(workspace, "id", workspace), at=timezone.now(), action=action,
        actor=actor.user if getattr(actor.user, "is_authenticated", False) else None, token=actor.token,
        via=actor.via, object_type=object_type, object_id=getattr(target, "id", None), object_label=label[:200],
        person_id=person_id, changes=_public(changes or {}),
    )
    frames = _frames.get()
    if frames:
        frames[-1].recorded = True
    return entry


def snapshot(instance, fields) -> dict:
    """The fields' values as JSON can hold them (foreign keys as ids), to compare before and after a change."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname) if isinstance(field, models.ForeignKey) else getattr(instance, name)
        values[name] = _jsonable(value)
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def created(values: dict) -> dict:
    """A new object's fields as changes from nothing (empty values left out)."""
    return {name: [None, _jsonable(value)] for name, value in values.items() if value not in (None, "", [], {})}


def _jsonable(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_jsonable(item) for item in value) if isinstance(value, set | frozenset) else \
            [_jsonable(item) for item in value]
    if isinstance(value, models.Model):
        return value.pk
    return value


def _public(changes: dict) -> dict:
    return {name: _jsonable(change) for name, change in changes.items() if name not in SECRET_FIELDS}
