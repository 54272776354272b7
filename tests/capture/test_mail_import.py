"""`ally import mail`: mailboxes become email interactions (metadata only), and unknown correspondents
become suggested people."""

import datetime as dt
import json

import pytest

from ally.capture.models import CapturedInteraction
from ally.capture.selectors import suggestions
from ally.capture.services.mail import mail_import
from ally.interactions.models import Interaction
from ally.people.models import Person
from ally.people.services import person_create
from tests.capture import samples

pytestmark = pytest.mark.django_db


def _mbox(*messages: bytes) -> bytes:
    return b"".join(b"From sender@example.com Mon Jan  6 10:00:00 2025\r\n" + m + b"\r\n" for m in messages)


@pytest.fixture
def renee(workspace):
    return person_create(workspace=workspace, name="Renée Dupont", emails=["renee@creme.example"], cadence_days=30)


@pytest.fixture
def takeout(tmp_path):
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(samples.takeout_mbox())
    return path


def _emails(workspace):
    return list(Interaction.objects.filter(workspace=workspace, kind="email").order_by("occurred_at"))


def test_a_takeout_mbox_becomes_email_interactions_in_one_thread(workspace, membership, renee, takeout):
    report = mail_import(workspace=workspace, path=str(takeout), member=membership)
    assert report.as_dict()["counts"] == {"imported": 2, "already_imported": 0, "bulk": 1, "team_only": 0,
                                          "no_known_person": 0, "undated": 0}
    first, reply = _emails(workspace)
    assert first.summary == "Quote for the crème order" and first.initiated_by == "they"
    assert first.occurred_at == dt.datetime(2024, 9, 12, 10, 2, 3, tzinfo=dt.timezone.utc)
    assert reply.initiated_by == "we" and reply.author == membership.user
    assert list(first.participants.all()) == [renee] == list(reply.participants.all())
    assert first.capture.thread == reply.capture.thread == "CAF=abc123@mail.gmail.com"
    assert first.capture.source == "mail" and not first.transcript  # the body is not stored
    renee.refresh_from_db()
    assert renee.last_contact_at == reply.occurred_at and renee.interaction_count == 2  # the clock was reset


def test_a_second_import_of_the_same_mailbox_adds_nothing(workspace, renee, takeout):
    mail_import(workspace=workspace, path=str(takeout))
    again = mail_import(workspace=workspace, path=str(takeout))
    assert again.imported == 0 and again.already_imported == 2
    assert len(_emails(workspace)) == 2 and CapturedInteraction.objects.filter(workspace=workspace).count() == 2


def test_team_only_and_unknown_and_robot_mail_is_skipped_and_counted(workspace, membership, tmp_path):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox(
        samples.message(From="olivia@acme.example", To="olivia@acme.example", Subject="note to self",
                        Date="Mon, 6 Jan 2025 10:00:00 +0000", Message_ID="<self@acme>"),
        samples.message(From="stranger@else.example", To="olivia@acme.example", Subject="hi",
                        Date="Mon, 6 Jan 2025 11:00:00 +0000", Message_ID="<s1@else>"),
        samples.message(From="no-reply@shop.example", To="olivia@acme.example", Subject="receipt",
                        Date="Mon, 6 Jan 2025 12:00:00 +0000", Message_ID="<r1@shop>"),
    ))
    report = mail_import(workspace=workspace, path=str(path))
    counts = report.as_dict()["counts"]
    assert (counts["team_only"], counts["no_known_person"], counts["bulk"], counts["imported"]) == (1, 1, 1, 0)
    assert _emails(workspace) == []


def test_an_address_written_to_twice_becomes_a_suggestion_to_add_or_ignore(workspace, membership, tmp_path,
                                                                            ally_command):
    path = tmp_path / "sent.mbox"
    path.write_bytes(_mbox(*[
        samples.message(From="Olivia Owner <olivia@acme.example>", To="Priya Raman <priya@initech.example>",
                        Subject=f"Hello {n}", Date=f"Mon, {6 + n} Jan 2025 10:00:00 +0000",
                        Message_ID=f"<p{n}@acme>") for n in range(2)]))
    mail_import(workspace=workspace, path=str(path))
    mail_import(workspace=workspace, path=str(path))  # counted once per message, however often imported
    [suggestion] = suggestions(workspace=workspace)
    assert (suggestion["address"], suggestion["name"], suggestion["messages"]) == (
        "priya@initech.example", "Priya Raman", 2)
    listed = ally_command("people", "suggestions", "-w", "acme", "--json")
    assert json.loads(listed.stdout)[0]["address"] == "priya@initech.example"
    added = ally_command("people", "suggestions", "--add", "priya@initech.example", "-w", "acme")
    assert added.exit_code == 0, added.output
    assert Person.objects.get(workspace=workspace, name="Priya Raman").emails.get().address == "priya@initech.example"
    assert suggestions(workspace=workspace) == []
    # Now she is known, the same mailbox gives her the interactions.
    assert mail_import(workspace=workspace, path=str(path)).imported == 2


def test_ignoring_a_suggestion_is_for_good(workspace, membership, tmp_path, client_olivia):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox(*[
        samples.message(From="Sam Seller <sam@vendor.example>", To="olivia@acme.example", Subject=f"Offer {n}",
                        Date=f"Mon, {6 + n} Jan 2025 10:00:00 +0000", Message_ID=f"<o{n}@vendor>")
        for n in range(3)]))
    mail_import(workspace=workspace, path=str(path))
    page = client_olivia.get("/people/suggestions/")
    assert "sam@vendor.example" in page.content.decode() and "csrfmiddlewaretoken" in page.content.decode()
    response = client_olivia.post("/people/suggestions/decide/", {"address": "sam@vendor.example",
                                                                  "decision": "ignore"})
    assert response.status_code == 302
    assert suggestions(workspace=workspace) == []
    again = client_olivia.get("/people/suggestions/").content.decode()
    assert 'value="sam@vendor.example"' not in again


def test_adding_a_suggestion_from_the_page_opens_the_new_person(workspace, membership, tmp_path, client_olivia):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox(*[
        samples.message(From="Sam Seller <sam@vendor.example>", To="olivia@acme.example", Subject=f"Offer {n}",
                        Date=f"Mon, {6 + n} Jan 2025 10:00:00 +0000", Message_ID=f"<o{n}@vendor>")
        for n in range(2)]))
    mail_import(workspace=workspace, path=str(path))
    response = client_olivia.post("/people/suggestions/decide/", {"address": "sam@vendor.example",
                                                                  "decision": "add", "name": "Sam S."})
    sam = Person.objects.get(workspace=workspace, name="Sam S.")
    assert response["Location"] == f"/people/{sam.id}/"


def test_a_dry_run_writes_nothing(workspace, renee, takeout):
    report = mail_import(workspace=workspace, path=str(takeout), dry_run=True)
    assert report.imported == 2 and _emails(workspace) == []
    assert not CapturedInteraction.objects.exists()


def test_maildir_and_eml_files_import_too(workspace, renee, tmp_path):
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1700000000.M1P1.host:2,S").write_bytes(samples.message(
        From="renee@creme.example", To="olivia@acme.example", Subject="From the Maildir",
        Date="Tue, 14 Nov 2023 22:13:20 +0000", Message_ID="<md1@creme>"))
    eml = tmp_path / "one.eml"
    eml.write_bytes(samples.message(From="olivia@acme.example", To="renee@creme.example", Subject="An eml",
                                    Date="Wed, 15 Nov 2023 09:00:00 +0000", Message_ID="<eml1@acme>"))
    assert mail_import(workspace=workspace, path=str(maildir)).imported == 1
    assert mail_import(workspace=workspace, path=str(eml)).imported == 1
    assert [e.summary for e in _emails(workspace)] == ["From the Maildir", "An eml"]


def test_a_missing_mailbox_is_one_clear_error(workspace, ally_command, tmp_path):
    result = ally_command("import", "mail", tmp_path / "nope.mbox", "-w", "acme")
    assert result.exit_code != 0 and "path:" in result.output and "Traceback" not in result.output


def test_the_cli_reports_counts(workspace, renee, takeout, ally_command):
    result = ally_command("import", "mail", takeout, "--member", "olivia", "-w", "acme", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["imported"] == 2


def test_the_api_imports_an_mbox_and_lists_suggestions(api, workspace, renee, membership):
    response = api.post("/imports/mail", {"content": samples.takeout_mbox().decode(), "member_id": membership.id})
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["imported"] == 2
    assert api.get("/suggestions").json() == []
    unknown = api.post("/suggestions/add", {"address": "nobody@example.com"})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["field"] == "address"


def test_another_workspace_never_sees_the_mail_or_its_people(workspace, membership, rival_api, rita, other_workspace,
                                                              tmp_path, ally_command):
    path = tmp_path / "sent.mbox"
    path.write_bytes(_mbox(*[
        samples.message(From="olivia@acme.example", To="rita@rival.example, Priya <priya@initech.example>",
                        Subject=f"Hi {n}", Date=f"Mon, {6 + n} Jan 2025 10:00:00 +0000", Message_ID=f"<x{n}@acme>")
        for n in range(2)]))
    report = mail_import(workspace=workspace, path=str(path))
    assert report.imported == 0 and report.no_known_person == 2  # Rita is Rival's, not Acme's
    assert rival_api.get("/suggestions").json() == []
    result = ally_command("people", "suggestions", "-w", "rival", "--json")
    assert json.loads(result.stdout) == []
    assert Interaction.objects.filter(workspace=other_workspace).count() == 0
