"""Enqueue a refresh of a workspace's network when its inputs change, without the apps below knowing.

Interactions, their participants, relationships and people are saved by many services (logs, captures,
merges, imports); listening to their saves and deletes here keeps those apps free of the network app.
The refresh is enqueued once the transaction commits, once per transaction and workspace (a rolled-back
transaction enqueues nothing). Bulk inserts (imports, the demo) send no signal: the periodic refresh
finds those by their fingerprint.
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save


class _Refresh:
    """The commit callback, recognisable in the connection's queue so one transaction enqueues one refresh."""

    def __init__(self, workspace_id: int):
        self.workspace_id = workspace_id

    def __call__(self) -> None:
        from ally.network.tasks import refresh_network

        refresh_network.enqueue(self.workspace_id)


def connect() -> None:
    from ally.interactions.models import Interaction, InteractionParticipant
    from ally.people.models import Person, Relationship

    for model in (Interaction, InteractionParticipant, Relationship, Person):
        post_save.connect(_changed, sender=model, dispatch_uid=f"network-{model.__name__}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"network-{model.__name__}-deleted")


def _changed(sender, instance, **kwargs) -> None:
    workspace_id = getattr(instance, "workspace_id", None)
    if workspace_id is None or _queued(workspace_id):
        return
    transaction.on_commit(_Refresh(workspace_id))


def _queued(workspace_id: int) -> bool:
    return any(isinstance(callback, _Refresh) and callback.workspace_id == workspace_id
               for _, callback, *_ in connection.run_on_commit)
