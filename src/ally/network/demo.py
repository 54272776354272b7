"""The network's part of the demo: its snapshots, and one introduction asked for along a warm path."""

import datetime as dt

# The demo's first refresh is as of this long ago, so the one of today finds the strong relationships
# that have faded since, as a real workspace's daily refreshes would.
EARLIER_REFRESH = dt.timedelta(days=45)


def populate(ctx) -> None:
    from ally.network.selectors import person_introductions
    from ally.network.services import introduction_request_create, network_refresh
    from ally.people.models import Person

    network_refresh(workspace=ctx.workspace, now=ctx.now - EARLIER_REFRESH)
    network_refresh(workspace=ctx.workspace, now=ctx.now)
    team = set(ctx.workspace.memberships.exclude(person=None).values_list("person_id", flat=True))
    for person in Person.objects.filter(id__in=ctx.person_ids).exclude(id__in=team).order_by("id"):
        paths = [p for p in person_introductions(workspace=ctx.workspace, person=person) if not p.direct]
        if paths:
            best = paths[0]
            introduction_request_create(workspace=ctx.workspace, member=best.member, introducer=best.first_contact,
                                        target=person, path=[p.id for p in best.people], score=best.score)
            return
