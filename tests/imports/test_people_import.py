"""Importing people from spreadsheets into a workspace, through the service."""

import datetime as dt
import gc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.core.errors import ValidationError
from ally.imports.services import people_import_csv
from ally.people.models import Organization, Person, PersonEmail, PersonPhone, PersonTag, Tag
from ally.people.services import person_create


def _counts(workspace):
    return {model.__name__: model.objects.filter(workspace=workspace).count()
            for model in (Person, Organization, PersonEmail, PersonPhone, PersonTag, Tag)}


def test_a_messy_file_imports_the_good_rows_and_reports_the_rest(workspace, bob, messy_csv):
    # when
    report = people_import_csv(workspace=workspace, data=messy_csv)
    # then
    assert report.rows == 9
    assert report.new == [2, 8]
    assert report.updated == [10]
    assert report.duplicates == [(5, 2), (9, 8)]
    assert report.invalid == [
        (3, "emails: 'not-an-email' is not a valid email address"),
        (4, "name: is required"),
        (6, "phones: '12' is not a valid phone number"),
        (7, "birthday: February 30 does not exist"),
    ]
    assert (5, "kept title 'CTO' (file: 'Chief Technology Officer')") in report.conflicts
    carla = Person.objects.get(workspace=workspace, name="Carla Client")
    assert [e.address for e in carla.emails.all()] == ["carla@example.com"]
    assert [p.number for p in carla.phones.all()] == ["+12125550199"]
    assert (carla.organization.name, carla.title, carla.notes) == ("Globex", "CTO", "Met at the fair")
    assert (carla.birthday_month, carla.birthday_day, carla.birthday_year) == (3, 14, 1980)
    assert sorted(pt.tag.name for pt in carla.person_tags.all()) == ["board", "golf", "vip"]
    assert Person.objects.filter(workspace=workspace, name__startswith="Gus").count() == 1
    bob.refresh_from_db()
    assert bob.organization.name == "Builders Ltd"
    assert [p.number for p in bob.phones.all()] == ["+12125550111"]


def test_a_dry_run_reports_the_same_and_writes_nothing(workspace, bob, messy_csv):
    before = _counts(workspace)
    dry = people_import_csv(workspace=workspace, data=messy_csv, dry_run=True)
    assert _counts(workspace) == before
    real = people_import_csv(workspace=workspace, data=messy_csv)
    assert dry.dry_run and not real.dry_run
    assert dry.as_dict() | {"dry_run": None} == real.as_dict() | {"dry_run": None}


def test_importing_the_same_file_twice_creates_nothing_the_second_time(workspace, bob, messy_csv):
    people_import_csv(workspace=workspace, data=messy_csv)
    after_first = _counts(workspace)
    second = people_import_csv(workspace=workspace, data=messy_csv)
    assert _counts(workspace) == after_first
    assert (second.new, second.updated) == ([], [])
    assert second.unchanged == [2, 8, 10]


def test_an_interrupted_import_can_be_run_again(workspace, messy_csv):
    # given: the import dies after its first batch of two rows was committed
    def crash(_rows):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        people_import_csv(workspace=workspace, data=messy_csv, batch_size=2, progress=crash)
    assert list(Person.objects.filter(workspace=workspace).exclude(membership__isnull=False)
                .values_list("name", flat=True)) == ["Carla Client"]
    # when
    report = people_import_csv(workspace=workspace, data=messy_csv, batch_size=2)
    # then
    assert report.unchanged == [2] and report.new == [8, 10]
    assert Person.objects.filter(workspace=workspace, name="Carla Client").count() == 1
    assert Person.objects.filter(workspace=workspace).count() == 4  # Olivia, Carla, Gus, Bob


def test_small_batches_write_the_same_as_one_batch(workspace, olivia, bob, messy_csv):
    from ally.workspaces.services import workspace_create

    people_import_csv(workspace=workspace, data=messy_csv, batch_size=1)
    beta = workspace_create(name="Beta", slug="beta", owner=olivia)
    person_create(workspace=beta, name="Bob Builder", emails=["bob@example.com"])
    people_import_csv(workspace=beta, data=messy_csv)
    assert _counts(workspace) == _counts(beta)


def test_matching_never_reaches_into_another_workspace(workspace, rita):
    data = b"Name,Email\nRita Rival,rita@rival.example\n"
    report = people_import_csv(workspace=workspace, data=data)
    assert report.new == [2]
    assert Person.objects.filter(name="Rita Rival").values_list("workspace__slug", flat=True).count() == 2
    assert list(rita.emails.values_list("address", flat=True)) == ["rita@rival.example"]


def test_an_update_never_overwrites_what_ally_has(workspace, alice):
    data = b"Name,Email,Phone,Company,Title,Notes\nAlice Ally,alice@example.com,+1 212 555 0177,Globex,CTO,Hi\n"
    people_import_csv(workspace=workspace, data=data)
    alice.refresh_from_db()
    assert (alice.organization.name, alice.title, alice.notes) == ("Globex", "CTO", "Hi")
    changed = b"Name,Email,Company,Title,Notes\nAlice Ally,alice@example.com,Initech,CEO,Bye\n"
    report = people_import_csv(workspace=workspace, data=changed)
    alice.refresh_from_db()
    assert (alice.organization.name, alice.title, alice.notes) == ("Globex", "CTO", "Hi")
    assert report.unchanged == [2] and len(report.conflicts) == 3
    assert [p.number for p in alice.phones.all()] == ["+12125550101", "+12125550177"]


def test_a_cadence_from_the_file_starts_the_clock_from_the_last_contact(workspace, bob, days_ago):
    bob.last_contact_at = days_ago(10)
    bob.save()
    people_import_csv(workspace=workspace, data=b"Name,Email,Cadence\nBob Builder,bob@example.com,7\n")
    bob.refresh_from_db()
    assert bob.cadence_days == 7
    assert bob.touch_due_at == bob.last_contact_at + dt.timedelta(days=7)


def test_the_lookup_indexes_are_built_in_a_fixed_number_of_queries(workspace, messy_csv):
    def queries_for(people: int) -> int:
        for n in range(people):
            person_create(workspace=workspace, name=f"Person {n}", emails=[f"p{people}-{n}@example.com"], tags=["x"])
        with CaptureQueriesContext(connection) as captured:
            people_import_csv(workspace=workspace, data=messy_csv, dry_run=True)
        return len(captured)

    assert queries_for(2) == queries_for(40)


def test_a_file_without_a_header_is_refused_naming_the_file(workspace):
    with pytest.raises(ValidationError) as error:
        people_import_csv(workspace=workspace, data=b"1,2,3\n4,5,6\n")
    assert list(error.value.errors) == ["file"]


def test_the_cycle_collector_is_back_on_after_an_import_whether_it_worked_or_not(workspace, messy_csv):
    # given the import pauses Python's cycle collector while it runs
    assert gc.isenabled()
    # when one import succeeds and another is refused
    people_import_csv(workspace=workspace, data=messy_csv)
    with pytest.raises(ValidationError):
        people_import_csv(workspace=workspace, data=b"\x00\x01 nothing like a header\n")
    # then the collector runs again
    assert gc.isenabled()
