"""One import writing people into a workspace at a time, across processes and machines.

The lock is a row (`ImportLock`, unique per workspace) created in its own transaction before the import's first
batch and deleted after its last, so it works alike on SQLite and PostgreSQL and whatever runs the import (the
CLI, a web request, the job worker). A second import waits its turn for a while, then is refused with a clear
message; a lock left by a process that died is taken over once it is older than any import can be.
"""

import contextlib
import datetime as dt
import os
import socket
import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.imports.models import ImportLock

STALE_AFTER = dt.timedelta(hours=2)
POLL_SECONDS = 0.2


@contextlib.contextmanager
def import_lock(workspace, *, wait_seconds: float = 60.0):
    lock = _acquire(workspace, wait_seconds)
    try:
        yield
    finally:
        ImportLock.objects.filter(pk=lock.pk).delete()


def _acquire(workspace, wait_seconds: float) -> ImportLock:
    deadline = time.monotonic() + wait_seconds
    holder = f"{socket.gethostname()} process {os.getpid()}"
    while True:
        ImportLock.objects.filter(workspace=workspace, started_at__lt=timezone.now() - STALE_AFTER).delete()
        try:
            with transaction.atomic():
                return ImportLock.objects.create(workspace=workspace, holder=holder, started_at=timezone.now())
        except IntegrityError:
            if time.monotonic() >= deadline:
                raise ValidationError({"file": "another import into this workspace is still running; "
                                               "run this one again when it has finished"}) from None
        time.sleep(POLL_SECONDS)
