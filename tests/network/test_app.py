"""The network app: the snapshot the job queue builds, and what the person page, API and CLI read from it."""


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
