"""The network app: the snapshot the job queue builds, and what the person page, API and CLI read from it."""


import json

import pytest

from ally.network.models import NetworkSnapshot, TeamStrength
from ally.network.selectors import person_introductions, person_known_by

pytestmark = pytest.mark.django_db


def test_the_snapshot_holds_every_pair_and_the_teams_strength_rows(workspace, team, fjord, refreshed):
    assert NetworkSnapshot.objects.filter(workspace=workspace).count() == 1
    assert refreshed.people == 5 and refreshed.relationships >= 5
    olivia_priya = TeamStrength.objects.get(member=team["olivia"], person=fjord["priya"])
    assert olivia_priya.strength > 0.6 and olivia_priya.recent == {"meeting": 4}
    assert not TeamStrength.objects.filter(person=fjord["jonas"]).exists()


def test_the_person_page_says_who_knows_them_in_words(workspace, team, fjord, refreshed):
    known = person_known_by(workspace=workspace, person=fjord["priya"])
    assert [k.words for k in known][0] == "strong with Olivia Owner: met 4 times in the last 90 days"
    assert known[1].words.startswith("weak with Sam Seller: last email in ")


def test_introductions_go_through_priya_with_every_hops_basis(workspace, team, fjord, refreshed):
    intros = person_introductions(workspace=workspace, person=fjord["jonas"])
    best = intros[0]
    assert best.member == team["olivia"] and best.first_contact == fjord["priya"]
    assert [h.words for h in best.hops][1] == "Priya Patel -> Jonas Berg: weak, colleagues at Fjord"
    assert best.hops[0].words.startswith("Olivia Owner -> Priya Patel: strong, 4 contacts")


def test_the_people_list_sorts_and_filters_by_strength_on_page_api_and_cli(api, client_olivia, ally_command, fjord,
                                                                           refreshed):
    names = [p["name"] for p in api.get("/people", {"sort": "strength"}).json()["items"]]
    assert names[0] == "Priya Patel"
    strong = [p["name"] for p in api.get("/people", {"min_strength": 0.6}).json()["items"]]
    assert strong == ["Priya Patel"]
    page = client_olivia.get("/people/", {"min_strength": "0.6"}).content.decode()
    assert "Priya Patel" in page and "Jonas Berg" not in page
    assert client_olivia.get("/people/", {"min_strength": "2"}).status_code == 400
    assert api.get("/people", {"min_strength": "lots"}).status_code == 422
    cli = ally_command("people", "search", "--min-strength", "0.6", "--json", "-w", "acme")
    assert [p["name"] for p in json.loads(cli.stdout)] == ["Priya Patel"]
    bad = ally_command("people", "search", "--min-strength", "3", "-w", "acme")
    assert bad.exit_code == 1 and "min_strength" in bad.output


def test_a_strong_relationship_that_fades_is_on_today_with_the_reason(workspace, team, fjord, refreshed, olivia):
    import datetime as dt

    from django.utils import timezone

    from ally.core.today import TodayContext
    from ally.network.services import network_refresh
    from ally.network.today import fading_relationships

    later = timezone.now() + dt.timedelta(days=150)
    network_refresh(workspace=workspace, now=later)
    row = TeamStrength.objects.get(member=team["olivia"], person=fjord["priya"])
    assert row.strength < 0.6 and row.previous > 0.6 and row.fading_since is not None
    ctx = TodayContext(workspace=workspace, user=olivia, membership=team["olivia"], now=later,
                       today=timezone.localdate(later))
    items = fading_relationships(ctx)
    assert [i.person_name for i in items] == ["Priya Patel"]
    assert items[0].reason.startswith("a strong relationship is fading: ") and "last meeting in " in items[0].reason


def test_a_transactions_changes_enqueue_one_refresh_on_commit_and_the_job_refreshes_only_what_changed(
        workspace, team, fjord, olivia):
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from ally.interactions.services import interaction_log
    from ally.network.signals import _Refresh
    from ally.network.tasks import refresh_if_stale

    interaction_log(workspace=workspace, kind="call", summary="Quick call",
                    participants=[fjord["jonas"], fjord["greta"]], author=olivia)
    # The test's own transaction never commits: its callbacks wait in the queue, one for all the fixture's writes.
    queued = [callback for _, callback, *_ in connection.run_on_commit if isinstance(callback, _Refresh)]
    assert [callback.workspace_id for callback in queued] == [workspace.id]
    queued[0]()
    assert DBTaskResult.objects.filter(task_path="ally.network.tasks.refresh_network").count() == 1
    assert refresh_if_stale(workspace) is not None
    assert refresh_if_stale(workspace) is None  # nothing changed since
