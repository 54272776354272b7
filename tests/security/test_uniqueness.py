"""No duplicates, held by the database: an email address is one person's per workspace, an organization name
(case and spacing ignored) one organization's per workspace. Every writer gets a clear error naming the field,
never an IntegrityError's 500; another workspace may use the same address and name."""

import pytest
from django.db import IntegrityError, transaction

from ally.core.errors import ValidationError
from ally.imports.services import people_import_csv
from ally.people.models import Organization, PersonEmail
from ally.people.services import organization_create, organization_update, person_create, person_update

pytestmark = pytest.mark.django_db


def test_an_address_another_person_has_is_refused_naming_the_field(workspace, alice):
    with pytest.raises(ValidationError) as error:
        person_create(workspace=workspace, name="Other Alice", emails=["ALICE@example.com"])
    assert list(error.value.errors) == ["emails"]
    assert "Alice Ally" in error.value.errors["emails"]


def test_an_update_to_another_persons_address_is_refused(workspace, alice, bob):
    with pytest.raises(ValidationError) as error:
        person_update(person=bob, emails=["bob@example.com", "alice@example.com"])
    assert list(error.value.errors) == ["emails"]
    # A person keeps their own address when their list is written again.
    person_update(person=alice, emails=["alice@example.com", "a.ally@example.com"])
    assert PersonEmail.objects.filter(person=alice).count() == 2


def test_the_api_answers_422_for_a_taken_address(api, alice):
    response = api.post("/people", {"name": "Copy", "emails": ["alice@example.com"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "emails"


def test_the_database_itself_refuses_a_second_row_for_an_address(workspace, alice, bob):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonEmail.objects.create(workspace=workspace, person=bob, address="alice@example.com")


def test_another_workspace_may_have_the_same_address_and_organization(workspace, other_workspace, alice):
    organization_create(workspace=workspace, name="Acme Inc")
    person_create(workspace=other_workspace, name="Alice Elsewhere", emails=["alice@example.com"])
    organization_create(workspace=other_workspace, name="ACME inc")
    assert Organization.objects.filter(name_key="acme inc").count() == 2


def test_an_organization_name_is_one_organization_whatever_its_case_and_spacing(workspace):
    first = organization_create(workspace=workspace, name="Acme Inc")
    with pytest.raises(ValidationError) as error:
        organization_create(workspace=workspace, name="  ACME   inc ")
    assert list(error.value.errors) == ["name"]
    assert f"#{first.id}" in error.value.errors["name"]


def test_renaming_to_another_organizations_name_is_refused(workspace):
    organization_create(workspace=workspace, name="Acme Inc")
    other = organization_create(workspace=workspace, name="Globex")
    with pytest.raises(ValidationError):
        organization_update(organization=other, name="acme inc")
    # Changing only the case of its own name is fine.
    assert organization_update(organization=other, name="GLOBEX").name_key == "globex"


def test_the_api_answers_422_for_a_taken_organization_name(api, workspace):
    organization_create(workspace=workspace, name="Acme Inc")
    response = api.post("/organizations", {"name": "acme INC"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "name"


def test_the_database_itself_refuses_a_second_organization_of_a_name(workspace):
    organization_create(workspace=workspace, name="Acme Inc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.bulk_create([Organization(workspace=workspace, name="ACME INC", name_key="acme inc")])


def test_an_import_uses_the_existing_organization_whatever_the_case(workspace):
    existing = organization_create(workspace=workspace, name="Acme Inc")
    data = b"name,email,organization\nAda One,ada@x.example,ACME INC\nBea Two,bea@x.example,acme  inc\n"
    people_import_csv(workspace=workspace, data=data)
    assert list(Organization.objects.filter(workspace=workspace)) == [existing]
    assert existing.people.count() == 2


def test_a_person_created_with_an_organization_name_finds_it_whatever_the_case(workspace):
    existing = organization_create(workspace=workspace, name="Acme Inc")
    person = person_create(workspace=workspace, name="Cy", organization_name="acme INC")
    assert person.organization_id == existing.id
