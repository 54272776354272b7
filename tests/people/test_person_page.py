"""The person page reads top-down: avatar, contact, Ally's suggestion and the brief, folds, a danger zone."""

import html

import pytest

from ally.capture.models import ContactDetails
from ally.interactions.services import follow_up_add, interaction_log
from ally.people.views import initials

pytestmark = pytest.mark.django_db


def _page(client, person) -> str:
    return html.unescape(client.get(f"/people/{person.id}/").content.decode())


def test_contact_comes_before_the_timeline_and_delete_sits_in_the_danger_zone_at_the_bottom(client_olivia, alice):
    page = _page(client_olivia, alice)
    assert page.index('id="contact"') < page.index('id="keep-in-touch"') < page.index('id="facts"') \
        < page.index('id="fold-log_and_timeline"') < page.index('id="danger-zone"')
    assert page.index("Delete person") > page.index('id="danger-zone"')
    assert f'href="/people/{alice.id}/merge/"' in page and f'href="/people/{alice.id}/brief/"' in page


def test_sections_are_folds_the_page_remembers(client_olivia, alice):
    page = _page(client_olivia, alice)
    assert '<details class="section" id="fold-needs" data-remember="person-section-needs" open>' in page
    assert 'id="section-log_and_timeline"' in page  # the log form's htmx target is inside its fold


def test_the_avatar_is_their_initials_or_their_card_photo(client_olivia, workspace, alice):
    assert '<span class="avatar initials" id="avatar" aria-hidden="true">AA</span>' in _page(client_olivia, alice)
    ContactDetails.objects.create(workspace=workspace, person=alice, photo=b"\x89PNG", photo_type="image/png")
    assert f'src="/people/{alice.id}/photo"' in _page(client_olivia, alice)


@pytest.mark.parametrize("name, expected", [("Alice van Ally", "AA"), ("Cher", "C"), ("  ", "?"),
                                            ("(Temp) Bob", "TB"), ("élodie durand", "ÉD")])
def test_initials(name, expected):
    assert initials(name) == expected


def test_allys_suggestion_names_the_open_promise(client_olivia, alice, today):
    follow_up_add(person=alice, text="send the spring catalogue", due_on=today)
    page = _page(client_olivia, alice)
    assert "Ally suggests" in page and "You promised: send the spring catalogue" in page


def test_the_keep_in_touch_card_refreshes_after_a_log(client_olivia, workspace, alice):
    card = client_olivia.get(f"/people/{alice.id}/keep-in-touch/").content.decode()
    assert "No contact logged yet" in card and 'hx-trigger="interaction-logged from:body"' in card
    interaction_log(workspace=workspace, kind="call", summary="Caught up", participants=[alice])
    card = client_olivia.get(f"/people/{alice.id}/keep-in-touch/").content.decode()
    assert "Last contact" in card and "No contact logged yet" not in card


def test_another_workspaces_keep_in_touch_card_is_not_found(client_olivia, rita):
    assert client_olivia.get(f"/people/{rita.id}/keep-in-touch/").status_code == 404
