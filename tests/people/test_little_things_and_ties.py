"""Facts (the little things), relationships read both ways, and organizations."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.core.errors import NotFound, ValidationError
from ally.people.models import Fact, Organization, Relationship
from ally.people.selectors import access_fact, access_person, person_relationships, resolve_person_reference
from ally.people.services import (
    fact_add,
    fact_update,
    organization_create,
    organization_update,
    person_create,
    relationship_add,
    relationship_update,
)


def test_a_little_thing_with_an_anniversary_keeps_its_date_and_kind(alice):
    # when
    fact = fact_add(person=alice, kind="family", text="Daughter Mia starts school", date=dt.date(2019, 9, 2),
                    recurs_yearly=True)
    # then
    assert (fact.kind, fact.date, fact.recurs_yearly) == ("family", dt.date(2019, 9, 2), True)
    assert list(alice.facts.values_list("text", flat=True)) == ["Daughter Mia starts school"]


@pytest.mark.parametrize("changes, field, message", [
    ({"kind": "gossip"}, "kind", "must be one of family, interest, preference, milestone, dislike, other"),
    ({"text": "   "}, "text", "is required"),
    ({"recurs_yearly": True}, "recurs_yearly", "needs a date to recur"),
    ({"date": "next spring"}, "date", "'next spring' is not a date (YYYY-MM-DD)"),
])
def test_a_bad_little_thing_names_the_field_and_writes_nothing(alice, changes, field, message):
    data = {"text": "Loves sailing", "kind": "interest"} | changes
    with pytest.raises(ValidationError) as error:
        fact_add(person=alice, **data)
    assert error.value.errors[field] == message
    assert not Fact.objects.exists()


def test_correcting_a_little_thing_keeps_what_was_not_changed(alice):
    fact = fact_add(person=alice, kind="interest", text="Sailing")
    # when
    fact_update(fact=fact, text="Sailing, races a Laser on weekends")
    # then
    fact.refresh_from_db()
    assert (fact.kind, fact.text) == ("interest", "Sailing, races a Laser on weekends")
    with pytest.raises(ValidationError) as error:
        fact_update(fact=fact, colour="blue")
    assert error.value.errors == {"colour": "is not a field of a fact"}


def test_a_relationship_reads_one_way_from_each_side(workspace, alice, bob):
    # when
    tie = relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="manager",
                           since=dt.date(2021, 3, 1), note="Bob joined her team")
    # then
    assert tie.label_from(alice.id) == "manager of" and tie.other(alice.id) == bob
    assert tie.label_from(bob.id) == "reports to" and tie.other(bob.id) == alice
    assert person_relationships(person=alice) == [tie] == person_relationships(person=bob)


@pytest.mark.parametrize("kind, forward, backward", [
    ("colleague", "colleague", "colleague"), ("friend", "friend", "friend"), ("family", "family", "family"),
    ("introduced", "introduced", "was introduced by"),
])
def test_every_kind_of_tie_has_its_reverse(workspace, alice, bob, kind, forward, backward):
    tie = relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind=kind)
    assert (tie.label_from(alice.id), tie.label_from(bob.id)) == (forward, backward)


def test_bad_relationships_are_refused_with_the_field_named(workspace, alice, bob, rita):
    cases = [
        ({"to_person": alice}, "to_person", "a relationship needs two different people"),
        ({"kind": "rival"}, "kind", "must be one of colleague, manager, friend, family, introduced"),
        ({"to_person": rita}, "to_person", "not found in this workspace"),
        ({"since": timezone.localdate() + dt.timedelta(days=30)}, "since", "is in the future"),
    ]
    for changes, field, message in cases:
        data = {"from_person": alice, "to_person": bob, "kind": "friend"} | changes
        with pytest.raises(ValidationError) as error:
            relationship_add(workspace=workspace, **data)
        assert error.value.errors[field] == message
    assert not Relationship.objects.exists()


def test_the_same_tie_twice_is_refused_but_a_correction_is_not(workspace, alice, bob):
    tie = relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
    with pytest.raises(ValidationError, match="already has this relationship"):
        relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
    # when
    relationship_update(relationship=tie, kind="colleague", note="Same team since spring")
    # then
    tie.refresh_from_db()
    assert (tie.kind, tie.note) == ("colleague", "Same team since spring")


def test_an_organization_needs_a_name_and_holds_its_people(workspace):
    with pytest.raises(ValidationError) as error:
        organization_create(workspace=workspace, name="  ")
    assert error.value.errors == {"name": "is required"}
    # when
    acme = organization_create(workspace=workspace, name="Northwind", website="https://northwind.example")
    carla = person_create(workspace=workspace, name="Carla Client", organization=acme)
    organization_update(organization=acme, notes="Family business, third generation")
    # then
    assert list(acme.people.all()) == [carla]
    assert Organization.objects.get(id=acme.id).notes == "Family business, third generation"


def test_an_unknown_or_foreign_person_is_not_found(workspace, alice, rita):
    for person_id in (rita.id, 999_999, "abc"):
        with pytest.raises(NotFound):
            access_person(workspace=workspace, person_id=person_id)
    fact = fact_add(person=rita, text="Rival's secret")
    with pytest.raises(NotFound):
        access_fact(workspace=workspace, fact_id=fact.id)


def test_a_person_is_found_by_id_email_or_name_and_an_ambiguous_name_lists_candidates(workspace, alice, bob):
    assert resolve_person_reference(workspace=workspace, reference=str(alice.id)) == alice
    assert resolve_person_reference(workspace=workspace, reference="ALICE@example.com") == alice
    assert resolve_person_reference(workspace=workspace, reference="bob build") == bob
    person_create(workspace=workspace, name="Alice Another")
    with pytest.raises(ValidationError, match="matches several people: Alice"):
        resolve_person_reference(workspace=workspace, reference="alice")
    with pytest.raises(NotFound):
        resolve_person_reference(workspace=workspace, reference="Rita Rival")
