import pytest

from ally.core.errors import ValidationError
from ally.people.models import Person
from ally.people.services import person_create, person_update


def test_creating_a_person_normalises_emails_and_phones(workspace):
    # when
    person = person_create(workspace=workspace, name="  Carla Client ", emails=["Carla@Example.COM", "carla@example.com"],
                           phones=["(212) 555-0199"])
    # then
    assert person.name == "Carla Client"
    assert [e.address for e in person.emails.all()] == ["carla@example.com"]
    assert [p.number for p in person.phones.all()] == ["+12125550199"]


@pytest.mark.parametrize("field, value, message", [
    ("emails", ["not-an-email"], "'not-an-email' is not a valid email address"),
    ("phones", ["12"], "'12' is not a valid phone number"),
    ("phones", ["call me"], "'call me' is not a phone number"),
    ("cadence_days", 0, "must be a positive number of days"),
    ("cadence_days", -5, "must be a positive number of days"),
])
def test_bad_contact_details_name_the_field_and_write_nothing(workspace, field, value, message):
    with pytest.raises(ValidationError) as error:
        person_create(workspace=workspace, name="Dora", **{field: value})
    assert error.value.errors[field] == message
    assert not Person.objects.filter(name="Dora").exists()


@pytest.mark.parametrize("month, day, year, message", [
    (2, 30, None, "February 30 does not exist"),
    (2, 29, 2023, "February 29, 2023 does not exist"),
    (13, 1, None, "month 13 does not exist"),
    (4, None, None, "needs both a month and a day"),
])
def test_a_birthday_that_does_not_exist_is_refused(workspace, month, day, year, message):
    with pytest.raises(ValidationError) as error:
        person_create(workspace=workspace, name="Eve", birthday_month=month, birthday_day=day, birthday_year=year)
    assert error.value.errors["birthday"] == message


def test_29_february_is_a_fine_birthday_without_a_year(workspace):
    person = person_create(workspace=workspace, name="Leap Lee", birthday_month=2, birthday_day=29)
    assert (person.birthday_month, person.birthday_day) == (2, 29)


def test_an_organization_from_another_workspace_is_refused(workspace, other_workspace):
    from ally.people.services import organization_create

    rival_org = organization_create(workspace=other_workspace, name="Rival Inc")
    with pytest.raises(ValidationError) as error:
        person_create(workspace=workspace, name="Frank", organization=rival_org)
    assert error.value.errors == {"organization": "not found in this workspace"}


def test_setting_a_cadence_schedules_the_next_touch_from_the_last_contact(alice, days_ago):
    alice.last_contact_at = days_ago(10)
    person_update(person=alice, cadence_days=7)
    alice.refresh_from_db()
    assert (alice.touch_due_at - alice.last_contact_at).days == 7


def test_tags_are_replaced_whole_and_lower_cased(alice):
    from ally.people.selectors import person_tag_names

    person_update(person=alice, tags=["VIP", "Board"])
    person_update(person=alice, tags=["vip", "gardening"])
    assert person_tag_names(person=alice) == ["gardening", "vip"]
