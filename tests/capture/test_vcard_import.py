"""`ally import vcard` / `ally export vcard`, the API and the pages: people from address books and back."""

import json

import pytest
import vobject

from ally.capture.models import ContactDetails
from ally.capture.services.cards import people_import_vcard
from ally.people.models import Person
from ally.workspaces.models import AuditEntry
from tests.capture import samples

pytestmark = pytest.mark.django_db


def _names(workspace):
    """The workspace's people, without the team members (who are people too)."""
    return sorted(Person.objects.filter(workspace=workspace, membership=None).values_list("name", flat=True))


def test_a_google_export_becomes_people_and_a_second_import_changes_nothing(workspace, membership):
    report = people_import_vcard(workspace=workspace, data=samples.google_contacts())
    assert report.as_dict()["counts"]["new"] == 2
    carla = Person.objects.get(workspace=workspace, name="Carla Client")
    assert carla.title == "Chief Technology Officer" and carla.organization.name == "Globex Corporation"
    assert (carla.birthday_year, carla.birthday_month, carla.birthday_day) == (1980, 3, 14)
    assert sorted(carla.emails.values_list("address", flat=True)) == ["carla.c@gmail.example", "carla@globex.example"]
    assert list(carla.person_tags.values_list("tag__name", flat=True)) == ["vip"]  # not Google's myContacts
    details = ContactDetails.objects.get(person=carla)
    assert details.nickname == "Carly" and details.urls[0]["value"] == "https://globex.example/carla"
    assert "200 Park Ave" in details.addresses[0]["text"]
    again = people_import_vcard(workspace=workspace, data=samples.google_contacts())
    assert again.as_dict()["counts"] == {"new": 0, "updated": 0, "unchanged": 2, "duplicate_in_file": 0,
                                         "invalid": 0, "conflicts": 0}
    assert ContactDetails.objects.filter(workspace=workspace).count() == 1


def test_a_card_matches_a_known_person_by_email_instead_of_duplicating_them(workspace, alice):
    card = samples.crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Alice A. Ally", "EMAIL:ALICE@example.com",
                        "TITLE:Head gardener", "END:VCARD").encode()
    report = people_import_vcard(workspace=workspace, data=card)
    assert report.updated == [1]
    alice.refresh_from_db()
    assert alice.name == "Alice Ally" and alice.title == "Head gardener"
    assert _names(workspace) == ["Alice Ally"]


def test_the_photo_is_kept_and_shown_on_the_person_page(workspace, client_olivia):
    people_import_vcard(workspace=workspace, data=samples.apple_contacts())
    renee = Person.objects.get(workspace=workspace, name="Renée Dupont")
    page = client_olivia.get(f"/people/{renee.id}/")
    assert f'src="/people/{renee.id}/photo"' in page.content.decode()
    photo = client_olivia.get(f"/people/{renee.id}/photo")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo.content == samples.TINY_JPEG


def test_a_bad_email_among_several_is_left_out_and_reported(workspace):
    card = samples.crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Pat Typo", "EMAIL:pat@@example.com",
                        "EMAIL:pat@example.com", "END:VCARD").encode()
    report = people_import_vcard(workspace=workspace, data=card)
    pat = Person.objects.get(workspace=workspace, name="Pat Typo")
    assert list(pat.emails.values_list("address", flat=True)) == ["pat@example.com"]
    assert any("line 1: email: 'pat@@example.com'" in w for w in report.warnings)


def test_a_broken_photo_keeps_the_person_and_says_why(workspace):
    card = samples.crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Broken Photo", "EMAIL:bp@example.com",
                        "PHOTO;ENCODING=b;TYPE=JPEG:!!!not-base64!!!", "END:VCARD").encode()
    report = people_import_vcard(workspace=workspace, data=card)
    assert _names(workspace) == ["Broken Photo"]
    assert any("photo" in w for w in report.warnings)
    assert not ContactDetails.objects.filter(workspace=workspace).exists()


def test_a_dry_run_writes_nothing(workspace):
    report = people_import_vcard(workspace=workspace, data=samples.google_contacts(), dry_run=True)
    assert report.dry_run and len(report.new) == 2
    assert _names(workspace) == []


def test_export_reads_back_into_the_same_people(workspace, ally_command, tmp_path):
    people_import_vcard(workspace=workspace, data=samples.apple_contacts() + samples.google_contacts())
    out = tmp_path / "people.vcf"
    result = ally_command("export", "vcard", "--out", out, "-w", "acme")
    assert result.exit_code == 0, result.output
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert sorted(card.fn.value for card in cards) == sorted(_names(workspace) + ["Olivia Owner"])
    assert all(card.version.value == "4.0" for card in cards)
    before = Person.objects.filter(workspace=workspace).count()
    again = people_import_vcard(workspace=workspace, data=out.read_bytes())
    assert not again.new and Person.objects.filter(workspace=workspace).count() == before


def test_the_cli_imports_with_a_report_and_fails_clearly_on_a_file_that_is_not_an_address_book(
        workspace, ally_command, tmp_path):
    good, bad = tmp_path / "contacts.vcf", tmp_path / "notes.vcf"
    good.write_bytes(samples.google_contacts())
    bad.write_text("just some notes\n")
    result = ally_command("import", "vcard", good, "-w", "acme", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["new"] == 2
    failed = ally_command("import", "vcard", bad, "-w", "acme")
    assert failed.exit_code != 0 and "file: is not a vCard address book" in failed.output
    assert "Traceback" not in failed.output
    dry = ally_command("import", "vcard", good, "--dry-run", "-w", "acme")
    assert dry.exit_code == 0 and "Dry run" in dry.output


def test_the_api_imports_and_exports_and_refuses_a_bad_file_with_422(api, workspace):
    response = api.post("/imports/vcard", {"content": samples.google_contacts().decode()})
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["new"] == 2
    bad = api.post("/imports/vcard", {"content": "nothing here"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "file"
    export = api.get("/exports/vcard")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/vcard")
    assert export.content.decode().count("BEGIN:VCARD") == 3  # and Olivia, who is a person too


def test_another_workspace_is_unreachable_through_page_api_and_cli(
        workspace, alice, rita, client_olivia, api, ally_command, other_workspace):
    people_import_vcard(workspace=other_workspace, data=samples.apple_contacts())
    renee = Person.objects.get(workspace=other_workspace, name="Renée Dupont")
    assert "Rita" not in client_olivia.get("/people/export.vcf").getvalue().decode()
    assert client_olivia.get(f"/people/{rita.id}/vcard.vcf").status_code == 404
    assert client_olivia.get(f"/people/{renee.id}/photo").status_code == 404
    assert "Rita" not in api.get("/exports/vcard", {"person_id": rita.id}).content.decode()
    result = ally_command("export", "vcard", "-w", "acme")
    assert "Alice Ally" in result.stdout and "Rita" not in result.stdout and "Renée" not in result.stdout


def test_the_people_list_and_person_page_offer_the_download(client_olivia, alice):
    assert 'href="/people/export.vcf"' in client_olivia.get("/people/").content.decode()
    assert f'href="/people/{alice.id}/vcard.vcf"' in client_olivia.get(f"/people/{alice.id}/").content.decode()
    download = client_olivia.get(f"/people/{alice.id}/vcard.vcf")
    assert download["Content-Disposition"] == f'attachment; filename="person-{alice.id}.vcf"'
    assert "FN:Alice Ally" in download.getvalue().decode()


def test_the_download_costs_the_same_queries_for_many_people(client_olivia, workspace, django_assert_max_num_queries):
    cards = "".join(samples.crlf("BEGIN:VCARD", "VERSION:4.0", f"FN:Person {n}", f"EMAIL:p{n}@example.com",
                                 "NICKNAME:P", "END:VCARD") for n in range(30))
    people_import_vcard(workspace=workspace, data=cards.encode())
    with django_assert_max_num_queries(12):
        client_olivia.get("/people/export.vcf").getvalue()


def test_the_import_records_its_audit_entry(workspace):
    people_import_vcard(workspace=workspace, data=samples.google_contacts())
    assert AuditEntry.objects.filter(workspace=workspace, action="people.imported").exists()
