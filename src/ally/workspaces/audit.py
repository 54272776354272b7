"""The audit trail: every service that changes data records one entry, in the same transaction.

    @audited
    def person_update(*, person, **changes):
        before = snapshot(person, fields)
        ...
        audit_record(workspace=person.workspace, action="person.updated", target=person, person_id=person.id,
                     changes=diff(before, snapshot(person, fields)))

`audited` makes the function atomic, registers it in WRITES (the registry of writes a test walks) and
refuses to commit a call that recorded no entry, so no write can slip past the trail. Who wrote is
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

from ally.workspaces.models import AuditEntry

# Never written to the trail, whatever a service passes.
SECRET_FIELDS = frozenset({"password", "token", "token_hash", "secret", "raw", "credentials"})
WRITES: dict[str, object] = {}


@dataclass(frozen=True)
class Actor:
    user: object = None
    token: object = None
    via: str = AuditEntry.Via.SYSTEM


_actor: contextvars.ContextVar[Actor] = contextvars.ContextVar("ally_actor", default=Actor())
_frames: contextvars.ContextVar[tuple] = contextvars.ContextVar("ally_audit_frames", default=())


class AuditMissing(AssertionError):
    """A service returned without recording its audit entry: a programming error, so nothing is committed."""


@contextlib.contextmanager
def acting(*, user=None, token=None, via: str):
    """Attribute the writes inside to this actor (a member on a page, a token, the CLI, an import)."""
    reset = _actor.set(Actor(user=user, token=token, via=via))
    try:
        yield
    finally:
        _actor.reset(reset)


def act_as(*, user=None, token=None, via: str) -> None:
    """Attribute the rest of this request or command to this actor (the edges that have no `with` around it)."""
    _actor.set(Actor(user=user, token=token, via=via))


def current_actor() -> Actor:
    return _actor.get()


class _Frame:
    __slots__ = ("recorded", "inner_recorded")

    def __init__(self):
        self.recorded = self.inner_recorded = False


def audited(function=None, *, dry_run: str | None = None, delegates: bool = False, atomic: bool = True):
    """Mark a service: atomic, registered in WRITES, and required to record an audit entry.

    `dry_run` names a keyword argument that, when true, means the call writes nothing to keep;
    `delegates` is for a service that may hand the whole write to another service, whose entry then counts;
    `atomic=False` is for a long import that commits batch by batch (each batch records its own entry).
    """

    def decorate(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
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
