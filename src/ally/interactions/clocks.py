"""Each person's keep-in-touch clock (last contact, how many contacts, when the next touch is due), kept by
the services that write interactions and recomputed after imports, merges and restores."""

import datetime as dt

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ally.interactions.models import InteractionParticipant
from ally.people.models import Person


def contact_clocks_refresh(*, workspace, person_ids=None) -> None:
    """Recompute last contact, interaction count and next touch from the interactions themselves.

    Set-based (a few UPDATEs, one per distinct cadence), so it serves one person after a log as
    well as a whole workspace after an import or a restore.
    """
    people = Person.objects.filter(workspace=workspace)
    if person_ids is not None:
        people = people.filter(id__in=list(person_ids))
    participations = InteractionParticipant.objects.filter(person=OuterRef("pk")).order_by().values("person")
    people.update(
        last_contact_at=Subquery(participations.annotate(last=Max("interaction__occurred_at")).values("last")),
        interaction_count=Coalesce(Subquery(participations.annotate(n=Count("id")).values("n")), 0),
        touch_due_at=None,
    )
    for cadence in people.exclude(cadence_days=None).order_by().values_list("cadence_days", flat=True).distinct():
        people.filter(cadence_days=cadence).update(
            touch_due_at=Coalesce("last_contact_at", "created_at") + dt.timedelta(days=cadence)
        )
