"""Merging two records of one person: the service (what moves, what is dropped) and POST /people/{id}/merge."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.imports.merge import person_merge
from ally.interactions import events
from ally.interactions.models import FollowUp, InteractionParticipant, TimelineEvent
from ally.interactions.services import follow_up_add, interaction_log
from ally.ownership.models import Purchase
from ally.ownership.services import purchase_record
from ally.people.models import Fact, Person, PersonEmail, PersonTag, Relationship
from ally.people.services import fact_add, person_create, relationship_add
from tests.api.conftest import field_errors


@pytest.fixture
def duplicate(workspace, alice, bob, olivia, days_ago):
    """"A. Ally": a second record of Alice, imported from her business card, with a life of its own.

    It shares a phone number and a tag with Alice (an email address cannot be shared: it is one person's), has a tie to Bob that Alice also has, a tie to Alice herself,
    a meeting Alice was also in, a call of its own, a promise, a fact, a purchase, and introduced Carla.
    """
    dup = person_create(workspace=workspace, name="A. Ally", emails=["alice@home.example"],
                        phones=["+1 212 555 0101", "+1 212 555 0199"], tags=["gardening", "vip"], title="Head gardener",
                        birthday_month=4, birthday_day=12, how_we_met="Chelsea flower show",
                        notes="prefers mornings", author=olivia)
    person_create(workspace=workspace, name="Carla Client", introduced_by=dup)
    from ally.people.services import person_update

    person_update(person=alice, tags=["vip"])
    relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
    relationship_add(workspace=workspace, from_person=dup, to_person=bob, kind="friend")  # the same tie again
    relationship_add(workspace=workspace, from_person=bob, to_person=dup, kind="manager")  # a new one
    relationship_add(workspace=workspace, from_person=dup, to_person=alice, kind="colleague")  # to herself
    interaction_log(workspace=workspace, kind="meeting", summary="both records were there", participants=[alice, dup],
                    occurred_at=days_ago(20))
    interaction_log(workspace=workspace, kind="call", summary="called the other record", participants=[dup],
                    occurred_at=days_ago(3))
    follow_up_add(person=dup, text="send seeds", due_on=timezone.localdate())
    fact_add(person=dup, text="grows dahlias", kind="interest")
    events.record(events.event(workspace_id=workspace.id, person_id=dup.id, kind="feedback",
                               params={"name": dup.name, "score": 9, "comment": "met at the show"}))
    purchase_record(workspace=workspace, person=dup, amount=Decimal("120.00"), currency="USD",
                    purchased_on=timezone.localdate() - dt.timedelta(days=5))
    return dup


def _snapshot(workspace):
    """Every row a merge could touch, to prove a dry run changes none of them."""
    return {
        model.__name__: sorted(model.objects.filter(workspace=workspace).values_list("id", flat=False))
        for model in (Person, PersonEmail, PersonTag, Fact, Relationship, InteractionParticipant, FollowUp,
                      TimelineEvent, Purchase)
    } | {"people": sorted(Person.objects.filter(workspace=workspace).values_list(
        "id", "name", "title", "introduced_by_id", "interaction_count", "last_contact_at", "notes"))}


def test_a_dry_run_shows_the_plan_and_writes_nothing(alice, duplicate):
    before = _snapshot(alice.workspace)
    # when
    plan = person_merge(keep=alice, merge=duplicate, dry_run=True)
    # then
    assert plan.dry_run is True
    assert _snapshot(alice.workspace) == before
    assert plan.field_changes["title"] == ("", "Head gardener")
    assert plan.field_changes["interaction_count"] == (1, 2)
    assert plan.moved["people.personphone.person"] == 1 and plan.dropped["people.personphone.person"] == 1
    assert plan.moved["people.personemail.person"] == 1
    assert Person.objects.filter(id=duplicate.id).exists()
    alice.refresh_from_db()
    assert alice.title == ""


def test_a_real_merge_moves_everything_to_the_kept_person_and_deletes_the_other(alice, bob, duplicate, days_ago):
    dry = person_merge(keep=alice, merge=duplicate, dry_run=True)
    # when
    plan = person_merge(keep=alice, merge=duplicate)
    # then: the plan is what the dry run said
    assert (plan.field_changes, plan.moved, plan.dropped) == (dry.field_changes, dry.moved, dry.dropped)
    assert not Person.objects.filter(id=duplicate.id).exists()
    alice.refresh_from_db()
    assert [e.address for e in alice.emails.all()] == ["alice@example.com", "alice@home.example"]
    assert [p.number for p in alice.phones.all()] == ["+12125550101", "+12125550199"]
    assert sorted(PersonTag.objects.filter(person=alice).values_list("tag__name", flat=True)) == ["gardening", "vip"]
    assert (alice.title, alice.how_we_met, alice.notes) == ("Head gardener", "Chelsea flower show", "prefers mornings")
    assert (alice.birthday_month, alice.birthday_day) == (4, 12)
    assert sorted(Relationship.objects.filter(workspace=alice.workspace).values_list(
        "from_person_id", "to_person_id", "kind")) == sorted([(alice.id, bob.id, "friend"), (bob.id, alice.id, "manager")])
    assert InteractionParticipant.objects.filter(person=alice).count() == 2
    assert (alice.interaction_count, alice.last_contact_at.date()) == (2, days_ago(3).date())
    assert FollowUp.objects.get(text="send seeds").person_id == alice.id
    assert Fact.objects.get(text="grows dahlias").person_id == alice.id
    assert Person.objects.get(name="Carla Client").introduced_by_id == alice.id
    assert Purchase.objects.get().person_id == alice.id  # another app's rows move too
    assert TimelineEvent.objects.filter(person=alice, kind="person_merged").exists()
    assert plan.dropped == {"people.personphone.person": 1, "people.persontag.person": 1,
                            "people.relationship.from_person": 2, "interactions.interactionparticipant.person": 1}
    assert plan.moved["ownership.purchase.person"] == 1


def test_merging_keeps_the_kept_persons_own_values_when_both_have_one(alice, duplicate):
    person_merge(keep=duplicate, merge=alice)
    duplicate.refresh_from_db()
    assert (duplicate.name, duplicate.cadence_days, duplicate.title) == ("A. Ally", 30, "Head gardener")


def test_a_person_cannot_be_merged_into_themselves_or_across_workspaces(alice, rita):
    with pytest.raises(ValidationError) as error:
        person_merge(keep=alice, merge=alice)
    assert error.value.errors == {"merge": "cannot merge a person into themselves"}
    with pytest.raises(ValidationError) as error:
        person_merge(keep=alice, merge=rita)
    assert error.value.errors == {"merge": "not found in this workspace"}
    assert Person.objects.filter(id=rita.id).exists()


def test_two_team_members_cannot_be_merged_into_one(workspace, membership, rex):
    from ally.workspaces.services import membership_add

    rex_in_acme = membership_add(workspace=workspace, user=rex)
    with pytest.raises(ValidationError) as error:
        person_merge(keep=membership.person, merge=rex_in_acme.person)
    assert error.value.errors == {"merge": "both people have a membership, and a person can have only one"}
    assert Person.objects.filter(id=rex_in_acme.person_id).exists()


def test_a_person_introduced_by_their_duplicate_is_no_longer_introduced_by_themselves(workspace, bob):
    dup = person_create(workspace=workspace, name="Bobby B.", introduced_by=bob)
    keep = person_create(workspace=workspace, name="Robert Builder", introduced_by=dup)
    plan = person_merge(keep=keep, merge=dup)
    keep.refresh_from_db()
    assert keep.introduced_by_id == bob.id
    assert plan.field_changes["introduced_by_id"] == (dup.id, bob.id)


def test_the_api_dry_run_answers_the_plan_and_changes_nothing(api, alice, duplicate):
    before = _snapshot(alice.workspace)
    # when
    response = api.post(f"/people/{alice.id}/merge", {"other_id": duplicate.id, "dry_run": True})
    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["keep_id"], body["merge_id"], body["dry_run"]) == (alice.id, duplicate.id, True)
    assert {"field": "title", "before": "", "after": "Head gardener"} in body["field_changes"]
    assert body["moved"]["interactions.followup.person"] == 1
    assert _snapshot(alice.workspace) == before


def test_the_api_merge_moves_everything_and_the_other_record_is_gone(api, alice, duplicate):
    response = api.post(f"/people/{alice.id}/merge", {"other_id": duplicate.id})
    assert response.status_code == 200 and response.json()["dry_run"] is False
    assert api.get(f"/people/{duplicate.id}").status_code == 404
    assert api.get(f"/people/{alice.id}").json()["emails"] == ["alice@example.com", "alice@home.example"]


def test_the_api_refuses_to_merge_a_person_into_themselves_or_with_another_workspace(api, alice, rita):
    assert field_errors(api.post(f"/people/{alice.id}/merge", {"other_id": alice.id})) == {
        "other_id": "cannot merge a person into themselves"}
    assert field_errors(api.post(f"/people/{alice.id}/merge", {"other_id": rita.id})) == {
        "other_id": "not found in this workspace"}
    assert Person.objects.filter(id=rita.id).exists()
