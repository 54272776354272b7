"""The web's duplicate warning, merge page, CSV import with a mapping, exports and the first-run start page."""

import html
import json
import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ally.imports import views
from ally.interactions.services import interaction_log
from ally.people.models import Person, PersonEmail
from ally.people.services import person_create
from ally.workspaces.models import AuditEntry, Membership
from ally.workspaces.services import membership_add, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_rae(workspace):
    user = user_create(username="rae", password="rae-reader-pw", email="rae@acme.example")
    membership_add(workspace=workspace, user=user, role=Membership.Role.READ_ONLY)
    client = Client()
    client.force_login(user)
    return client


def _page(response) -> str:
    return html.unescape(response.content.decode())


# --- the duplicate warning ---------------------------------------------------------------------------------


def test_adding_a_person_with_anothers_email_warns_naming_them_and_saves_nothing(client_olivia, alice):
    response = client_olivia.post("/people/new/", {"name": "Alice A.", "emails": "ALICE@example.com"})
    page = _page(response)
    assert response.status_code == 200
    assert "Alice Ally" in page and "the email alice@example.com" in page
    assert f'href="/people/{alice.id}/"' in page
    assert f'name="save_and_merge" value="{alice.id}"' in page
    assert not Person.objects.filter(name="Alice A.").exists()


def test_a_shared_phone_written_differently_warns_too(client_olivia, alice):
    page = _page(client_olivia.post("/people/new/", {"name": "Front desk", "phones": "(212) 555-0101"}))
    assert "Alice Ally" in page and "the phone +12125550101" in page


def test_save_anyway_keeps_both_people_who_share_a_phone(client_olivia, alice):
    response = client_olivia.post("/people/new/", {"name": "Front desk", "phones": "+1 212 555 0101",
                                                   "save_anyway": "1"})
    desk = Person.objects.get(name="Front desk")
    assert response.status_code == 302 and response["Location"] == f"/people/{desk.id}/"
    assert desk.phones.get().number == alice.phones.get().number


def test_a_shared_email_offers_no_save_anyway_and_forcing_it_names_the_field(client_olivia, alice):
    page = _page(client_olivia.post("/people/new/", {"name": "Alice A.", "emails": "alice@example.com"}))
    assert 'name="save_anyway"' not in page and "belongs to one person" in page
    response = client_olivia.post("/people/new/", {"name": "Alice A.", "emails": "alice@example.com",
                                                   "save_anyway": "1"})
    assert response.status_code == 200 and "alice@example.com" in _page(response)
    assert not Person.objects.filter(name="Alice A.").exists()
    assert PersonEmail.objects.filter(address="alice@example.com").count() == 1


def test_save_then_merge_opens_the_merge_page_for_the_two(client_olivia, alice):
    response = client_olivia.post("/people/new/", {"name": "Alice A.", "emails": "alice@example.com\nalice@home.example",
                                                   "save_and_merge": str(alice.id)})
    twin = Person.objects.get(name="Alice A.")
    assert response["Location"] == f"/people/{alice.id}/merge/?other={twin.id}"
    # Alice keeps her address; the new record holds the rest until the merge brings it over.
    assert list(twin.emails.values_list("address", flat=True)) == ["alice@home.example"]


def test_save_then_merge_with_someone_who_is_no_duplicate_just_opens_the_new_person(client_olivia, alice, bob):
    response = client_olivia.post("/people/new/", {"name": "Alice A.", "emails": "alice@home.example",
                                                   "save_and_merge": str(bob.id)})
    assert response["Location"] == f"/people/{Person.objects.get(name='Alice A.').id}/"


def test_editing_a_person_to_anothers_email_warns_with_a_merge_link(client_olivia, alice, bob):
    response = client_olivia.post(f"/people/{bob.id}/edit/", {"name": "Bob Builder", "emails": "alice@example.com"})
    page = _page(response)
    assert f'href="/people/{alice.id}/merge/?other={bob.id}"' in page
    assert list(bob.emails.values_list("address", flat=True)) == ["bob@example.com"]


def test_editing_a_person_without_changing_their_own_email_does_not_warn(client_olivia, alice):
    response = client_olivia.post(f"/people/{alice.id}/edit/", {"name": "Alice Ally", "emails": "alice@example.com",
                                                               "phones": "+1 212 555 0101"})
    assert response.status_code == 302


def test_another_workspaces_people_are_never_named_as_duplicates(client_olivia, rita):
    response = client_olivia.post("/people/new/", {"name": "Rita R.", "emails": "rita@rival.example"})
    assert response.status_code == 302
    assert "Rita Rival" not in _page(client_olivia.get(response["Location"]))


# --- the merge page -----------------------------------------------------------------------------------------


def test_the_merge_page_shows_both_people_and_the_dry_run_and_writes_nothing(client_olivia, workspace, alice):
    twin = person_create(workspace=workspace, name="Alice A.", emails=["alice@work.example"], title="Buyer")
    interaction_log(workspace=workspace, kind="call", summary="Called the twin", participants=[twin])
    entries = AuditEntry.objects.count()
    response = client_olivia.get(f"/people/{alice.id}/merge/?other={twin.id}")
    page = _page(response)
    assert response.status_code == 200
    assert "alice@work.example" in page and "alice@example.com" in page
    assert "title:" in page and "Buyer" in page  # Alice's empty title is filled from the twin
    assert "What the merge will do" in page
    assert Person.objects.filter(id=twin.id).exists()
    assert AuditEntry.objects.count() == entries


def test_merging_on_the_page_folds_the_other_in_and_opens_the_kept_person(client_olivia, workspace, alice):
    twin = person_create(workspace=workspace, name="Alice A.", emails=["alice@work.example"])
    response = client_olivia.post(f"/people/{alice.id}/merge/", {"other": str(twin.id)})
    assert response.status_code == 302 and response["Location"] == f"/people/{alice.id}/"
    assert not Person.objects.filter(id=twin.id).exists()
    assert set(alice.emails.values_list("address", flat=True)) == {"alice@example.com", "alice@work.example"}
    assert AuditEntry.objects.filter(action="person.merged", person_id=alice.id).count() == 1


def test_a_merge_with_oneself_or_nobody_names_the_problem(client_olivia, alice):
    assert "cannot merge a person into themselves" in _page(client_olivia.post(f"/people/{alice.id}/merge/",
                                                                               {"other": str(alice.id)}))
    response = client_olivia.get(f"/people/{alice.id}/merge/?other=Nobody+Here")
    assert response.status_code == 200 and "No person called 'Nobody Here'" in _page(response)


def test_another_workspaces_person_cannot_be_merged_either_way(client_olivia, alice, rita):
    response = client_olivia.post(f"/people/{alice.id}/merge/", {"other": str(rita.id)})
    assert response.status_code == 422
    assert Person.objects.filter(id=rita.id).exists()
    assert client_olivia.get(f"/people/{rita.id}/merge/?other={alice.id}").status_code == 404


def test_a_read_only_member_sees_the_dry_run_but_cannot_merge(client_rae, workspace, alice):
    twin = person_create(workspace=workspace, name="Alice A.")
    assert client_rae.get(f"/people/{alice.id}/merge/?other={twin.id}").status_code == 200
    assert client_rae.post(f"/people/{alice.id}/merge/", {"other": str(twin.id)}).status_code == 403
    assert Person.objects.filter(id=twin.id).exists()


# --- importing a CSV on the page --------------------------------------------------------------------------------

FRENCH = ("Nom complet,Courriel,Société\n"
          "Carla Client,carla@example.com,Globex\n"
          "Dan Dealer,dan@example.com,Initech\n").encode()


def _upload(client, data: bytes, name: str = "people.csv"):
    return client.post("/settings/import/", {"action": "upload", "file": SimpleUploadedFile(name, data, "text/csv")})


def test_an_unrecognised_header_is_offered_for_mapping_and_imports_as_mapped(client_olivia, workspace):
    assert _upload(client_olivia, FRENCH).status_code == 302
    page = _page(client_olivia.get("/settings/import/"))
    assert 'data-column="Nom complet"' in page and 'data-column="Courriel"' in page
    assert not Person.objects.filter(workspace=workspace, name="Carla Client").exists()
    # the user says which column is which and checks again
    mapping = {"map-0": "name", "map-1": "email", "map-2": "organization"}
    page = _page(client_olivia.post("/settings/import/", {"action": "check", **mapping}))
    assert 'id="count-new">2<' in page and "What the import would do" in page
    assert not Person.objects.filter(workspace=workspace, name="Carla Client").exists()
    # then imports
    page = _page(client_olivia.post("/settings/import/", {"action": "import", **mapping}))
    carla = Person.objects.get(workspace=workspace, name="Carla Client")
    assert carla.organization.name == "Globex" and carla.emails.get().address == "carla@example.com"
    assert "What the import did" in page
    assert AuditEntry.objects.filter(workspace=workspace, action="people.imported").exists()
    # the upload is gone once imported
    assert "data-column" not in _page(client_olivia.get("/settings/import/"))


def test_the_dry_run_uses_the_detected_columns_and_a_changed_one_is_ignored(client_olivia, workspace, messy_csv):
    _upload(client_olivia, messy_csv)
    page = _page(client_olivia.get("/settings/import/"))
    assert 'id="count-invalid">4<' in page and "Line 3:" in page
    # ignoring the phone column: Erin's bad phone no longer makes her row invalid
    columns = views.read_columns(messy_csv)
    mapping = {f"map-{n}": ("ignore" if header == "Phone" else field) for n, (header, field) in enumerate(columns)}
    page = _page(client_olivia.post("/settings/import/", {"action": "check", **mapping}))
    assert 'id="count-invalid">3<' in page


def test_the_upload_is_kept_in_a_private_file(client_olivia, workspace):
    _upload(client_olivia, FRENCH)
    token = client_olivia.session[views.SESSION_KEY]["token"]
    path = views._upload_dir() / f"{token}.csv"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    client_olivia.post("/settings/import/", {"action": "cancel"})
    assert not path.exists()


def test_a_too_large_or_missing_or_empty_file_is_refused_by_name(client_olivia, monkeypatch):
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 10)
    response = _upload(client_olivia, FRENCH)
    assert response.status_code == 422 and "File: is 0.0 MB; the page takes files up to 0 MB" in _page(response)
    response = client_olivia.post("/settings/import/", {"action": "upload"})
    assert response.status_code == 422 and "File: choose a CSV file" in _page(response)
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 1000)
    assert "File: is empty" in _page(_upload(client_olivia, b""))


def test_a_bad_mapping_value_or_a_vanished_upload_is_a_clear_error(client_olivia):
    response = client_olivia.post("/settings/import/", {"action": "import", "map-0": "name"})
    assert response.status_code == 422 and "no longer here" in _page(response)
    _upload(client_olivia, FRENCH)
    response = client_olivia.post("/settings/import/", {"action": "check", "map-0": "shoe_size"})
    assert response.status_code == 422 and "'shoe_size' is not a field" in _page(response)


def test_a_file_with_no_readable_columns_says_so(client_olivia):
    _upload(client_olivia, b"\x00\x01\x02,zzz\n1,2\n")
    response = client_olivia.get("/settings/import/")
    assert response.status_code == 422 and "no header row recognised" in _page(response)


def test_a_read_only_member_exports_but_cannot_import(client_rae, alice):
    page = _page(client_rae.get("/settings/import/"))
    assert "read-only member" in page and 'type="file"' not in page
    assert _upload(client_rae, FRENCH).status_code == 403
    assert client_rae.get("/settings/export/people.csv").status_code == 200


# --- exports ---------------------------------------------------------------------------------------------------


def test_the_people_csv_download_reads_back_into_the_importer(client_olivia, alice, rita):
    response = client_olivia.get("/settings/export/people.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="acme-people-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffName,Email,Phone")
    assert "Alice Ally,alice@example.com" in body and "Rita" not in body


def test_the_workspace_archive_download_is_the_cli_archive(client_olivia, alice, rita):
    response = client_olivia.get("/settings/export/archive.json")
    archive = json.loads(response.content)
    assert archive["format"] == "ally-workspace"
    names = json.dumps(archive["tables"])
    assert "Alice Ally" in names and "Rita Rival" not in names


# --- first run --------------------------------------------------------------------------------------------------


def test_an_empty_workspace_opens_onto_the_start_page_until_someone_is_added(client_olivia, workspace):
    page = _page(client_olivia.get("/today/"))
    assert 'id="start"' in page and 'href="/settings/import/"' in page and 'href="/people/new/"' in page
    assert "ally demo" in page
    person_create(workspace=workspace, name="First Friend")
    assert 'id="start"' not in _page(client_olivia.get("/today/"))


def test_the_dry_run_names_the_organization_rather_than_its_id(client_olivia, workspace, alice):
    twin = person_create(workspace=workspace, name="Alice A.", organization_name="Globex")
    page = _page(client_olivia.get(f"/people/{alice.id}/merge/?other={twin.id}"))
    assert "organization: — → Globex" in page
