"""Private notes and private interactions are their author's alone, on every edge: the person page, the
API, the CLI, the timeline, search, Today and the CSV export. Olivia writes them; Max, a member of the
same workspace, must never see them (the command line, which acts for no member, never shows them)."""

import pytest
from django.urls import reverse

from ally.interactions.selectors import person_timeline
from ally.interactions.services import interaction_log
from ally.people.services import person_update

pytestmark = pytest.mark.django_db

SECRET_CALL = "Talked about her divorce zebra"
SECRET_NOTE = "Prefers not to discuss the merger quokka"


@pytest.fixture
def secrets(alice, olivia, workspace):
    """Olivia's private call with Alice, and her private note on Alice."""
    from ally.workspaces.audit import acting

    with acting(user=olivia, via="web"):
        call = interaction_log(workspace=workspace, kind="call", summary=SECRET_CALL, participants=[alice],
                               private=True, author=olivia)
        person_update(person=alice, notes=SECRET_NOTE, notes_private=True, author=olivia)
    alice.refresh_from_db()
    return call


def test_the_person_page_hides_them_from_another_member(client_max, client_olivia, alice, secrets):
    page = client_max.get(reverse("people:detail", args=[alice.id])).content.decode()
    assert SECRET_CALL not in page and SECRET_NOTE not in page
    own = client_olivia.get(reverse("people:detail", args=[alice.id])).content.decode()
    assert SECRET_CALL in own and SECRET_NOTE in own


def test_the_api_hides_them_from_another_member(max_api, api, alice, secrets):
    assert max_api.get(f"/interactions/{secrets.id}").status_code == 404
    assert secrets.id not in [i["id"] for i in max_api.get("/interactions").json()["items"]]
    assert max_api.get(f"/people/{alice.id}").json()["notes"] is None
    assert api.get(f"/interactions/{secrets.id}").status_code == 200
    assert api.get(f"/people/{alice.id}").json()["notes"] == SECRET_NOTE


def test_another_member_cannot_overwrite_a_private_note_through_the_api(max_api, alice, secrets):
    assert max_api.patch(f"/people/{alice.id}", {"notes": "mine now"}).status_code == 422
    assert max_api.patch(f"/interactions/{secrets.id}", {"summary": "mine now"}).status_code == 404
    alice.refresh_from_db()
    assert alice.notes == SECRET_NOTE


def test_the_cli_never_prints_them(ally_command, alice, secrets):
    for args in (("people", "show", str(alice.id)), ("people", "show", str(alice.id), "--json"),
                 ("timeline", str(alice.id))):
        result = ally_command(*args, "-w", "acme")
        assert result.exit_code == 0, result.output
        assert SECRET_CALL not in result.stdout and SECRET_NOTE not in result.stdout


def test_the_timeline_shows_them_to_their_author_only(alice, olivia, max_member, secrets):
    def texts(user):
        return " ".join(str(vars(entry)) for entry in person_timeline(person=alice, user=user))

    assert SECRET_CALL not in texts(max_member)
    assert SECRET_CALL in texts(olivia)


def test_search_does_not_find_a_person_by_a_private_word(client_max, max_api, alice, secrets):
    assert b"Alice" not in client_max.get(reverse("web:search"), {"q": "quokka"}).content
    assert max_api.get("/people", {"q": "quokka"}).json()["count"] == 0


def test_today_never_quotes_them(client_max, alice, secrets):
    page = client_max.get(reverse("agenda:today")).content.decode()
    assert SECRET_CALL not in page and SECRET_NOTE not in page


def test_the_csv_export_leaves_private_notes_out(ally_command, alice, secrets, tmp_path):
    target = tmp_path / "people.csv"
    result = ally_command("export", "csv", "--out", str(target), "-w", "acme")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8-sig")
    assert "Alice Ally" in text and SECRET_NOTE not in text
