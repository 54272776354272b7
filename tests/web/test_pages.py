import html

import pytest
from django.test import Client
from django.utils import timezone

from ally.interactions.models import Interaction
from ally.interactions.services import follow_up_add, interaction_log
from ally.people.models import Person
from ally.people.services import fact_add, organization_create, person_create, relationship_add


def test_home_goes_to_today(client_olivia):
    response = client_olivia.get("/")
    assert response.status_code == 302 and response.url == "/today/"


def test_pages_need_a_login(db):
    response = Client().get("/today/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_logging_in_with_the_form_lands_on_today(olivia, workspace):
    client = Client()
    response = client.post("/login/", {"username": "olivia", "password": "olivia-grows-roses"})
    assert response.status_code == 302 and response.url == "/today/"


def test_today_page_shows_the_reason_and_the_opener(client_olivia, alice, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="Talked about sailing", participants=[alice],
                    occurred_at=days_ago(47))
    page = client_olivia.get("/today/").content.decode()
    assert "Alice Ally" in page and "last talked 47 days ago, cadence 30" in page
    assert "Pick up from last time: Talked about sailing" in page


def test_the_quick_log_form_updates_the_timeline_in_place(client_olivia, alice):
    response = client_olivia.post(f"/people/{alice.id}/log/", {"kind": "call", "initiated_by": "they",
                                                               "summary": "Asked about renewals"},
                                  HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Asked about renewals" in response.content.decode()
    assert response["HX-Trigger"] == "interaction-logged"
    assert Interaction.objects.get().initiated_by == "they"


def test_a_log_without_summary_shows_the_error_next_to_the_field(client_olivia, alice):
    response = client_olivia.post(f"/people/{alice.id}/log/", {"kind": "call", "initiated_by": "we", "summary": ""},
                                  HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not Interaction.objects.exists()


def test_adding_a_person_with_bad_fields_shows_each_error_and_writes_nothing(client_olivia):
    response = client_olivia.post("/people/new/", {"name": "Gus", "emails": "gus@", "phones": "12",
                                                   "birthday_month": "2", "birthday_day": "30",
                                                   "cadence_days": "-3", "organization": "Gus Inc"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    for message in ("'gus@' is not a valid email address", "'12' is not a valid phone number",
                    "February 30 does not exist", "must be a positive number of days"):
        assert message in page
    assert not Person.objects.filter(name="Gus").exists()
    from ally.people.models import Organization
    assert not Organization.objects.filter(name="Gus Inc").exists()


def test_adding_a_person_creates_their_organization_and_opens_their_page(client_olivia):
    response = client_olivia.post("/people/new/", {"name": "Hana", "emails": "hana@example.com",
                                                   "organization": "Hana Gardens", "tags": "VIP, garden",
                                                   "cadence_days": "14"})
    person = Person.objects.get(name="Hana")
    assert response.url == f"/people/{person.id}/"
    assert person.organization.name == "Hana Gardens" and person.cadence_days == 14


def test_people_list_searches_name_email_organization_and_tag(client_olivia, workspace, alice, bob):
    from ally.people.services import person_update

    org = organization_create(workspace=workspace, name="Builders Guild")
    person_update(person=bob, organization=org, tags=["vip"])
    assert "Alice Ally" in client_olivia.get("/people/?q=alice@").content.decode()
    for q in ("Guild", "vip", "Builder"):
        page = client_olivia.get(f"/people/?q={q}").content.decode()
        assert "Bob Builder" in page and "Alice Ally" not in page


def test_people_list_filters_overdue(client_olivia, alice, bob, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="x", participants=[alice], occurred_at=days_ago(40))
    page = client_olivia.get("/people/?overdue=1").content.decode()
    assert "Alice Ally" in page and "Bob Builder" not in page


def test_private_notes_and_interactions_are_hidden_from_other_members(workspace, alice, olivia):
    from ally.people.services import person_update
    from ally.workspaces.services import membership_add, user_create

    person_update(person=alice, notes="Going through a divorce", notes_private=True, author=olivia)
    interaction_log(workspace=workspace, kind="note", summary="Confidential pricing talk", participants=[alice],
                    private=True, author=olivia)
    sam = user_create(username="sam", password="sam-supports-all")
    membership_add(workspace=workspace, user=sam)
    client = Client()
    client.force_login(sam)
    page = client.get(f"/people/{alice.id}/").content.decode()
    assert "Going through a divorce" not in page and "Confidential pricing talk" not in page
    client.force_login(olivia)
    page = client.get(f"/people/{alice.id}/").content.decode()
    assert "Going through a divorce" in page and "Confidential pricing talk" in page


def test_global_search_finds_people_and_organizations(client_olivia, workspace, alice):
    organization_create(workspace=workspace, name="Alicorn Labs")
    page = client_olivia.get("/search/?q=ali").content.decode()
    assert "Alice Ally" in page and "Alicorn Labs" in page


def test_losing_touch_lists_the_longest_silence_first(client_olivia, alice, bob, days_ago):
    interaction_log(workspace=alice.workspace, kind="call", summary="x", participants=[alice], occurred_at=days_ago(5))
    interaction_log(workspace=bob.workspace, kind="call", summary="x", participants=[bob], occurred_at=days_ago(90))
    page = client_olivia.get("/today/losing-touch/").content.decode()
    assert page.index("Bob Builder") < page.index("Alice Ally")


def test_a_relationship_added_from_the_page_reads_both_ways(client_olivia, alice, bob):
    client_olivia.post(f"/people/{alice.id}/relationships/new/", {"other": f"Bob Builder (#{bob.id})", "kind": "report"})
    assert "reports to" in client_olivia.get(f"/people/{alice.id}/").content.decode()
    assert "manager of" in client_olivia.get(f"/people/{bob.id}/").content.decode()


@pytest.fixture
def rival_objects(rita, other_workspace):
    """One of every object in the Rival workspace."""
    fact = fact_add(person=rita, text="Secret hobby")
    rival_org = organization_create(workspace=other_workspace, name="Rival Org")
    ron = person_create(workspace=other_workspace, name="Ron")
    relationship = relationship_add(workspace=other_workspace, from_person=rita, to_person=ron, kind="friend")
    interaction = interaction_log(workspace=other_workspace, kind="call", summary="Rival call", participants=[rita])
    follow_up = follow_up_add(person=rita, text="Rival promise", due_on=timezone.localdate())
    return {"person": rita, "fact": fact, "organization": rival_org, "relationship": relationship,
            "interaction": interaction, "follow_up": follow_up}


GET_PAGES = [
    "/people/{person}/", "/people/{person}/edit/", "/people/{person}/facts/new/",
    "/people/{person}/relationships/new/", "/people/{person}/follow-ups/new/", "/people/{person}/log/",
    "/facts/{fact}/edit/", "/organizations/{organization}/", "/organizations/{organization}/edit/",
    "/interactions/{interaction}/edit/",
]
POST_PAGES = [
    "/people/{person}/delete/", "/people/{person}/log/", "/facts/{fact}/delete/",
    "/relationships/{relationship}/delete/", "/interactions/{interaction}/delete/",
    "/follow-ups/{follow_up}/done/", "/people/{person}/facts/new/",
]


def _fill(url, objects):
    return url.format(**{name: obj.id for name, obj in objects.items()})


@pytest.mark.parametrize("url", GET_PAGES)
def test_another_workspaces_objects_are_not_found_on_every_page(client_olivia, rival_objects, url):
    assert client_olivia.get(_fill(url, rival_objects)).status_code == 404


@pytest.mark.parametrize("url", POST_PAGES)
def test_another_workspaces_objects_cannot_be_changed(client_olivia, rival_objects, url):
    response = client_olivia.post(_fill(url, rival_objects), {"kind": "call", "summary": "x", "text": "x"})
    assert response.status_code == 404
    rival_objects["person"].refresh_from_db()
    assert Interaction.objects.filter(workspace=rival_objects["person"].workspace).count() == 1


def test_another_workspace_never_shows_in_lists_or_search(client_olivia, rival_objects):
    for url in ("/people/", "/people/?q=Rita", "/search/?q=Rita", "/today/", "/today/losing-touch/",
                "/organizations/", "/organizations/?q=Rival", "/people/options/?q=Rita"):
        page = client_olivia.get(url).content.decode()
        assert "Rita Rival" not in page and "Rival Org" not in page, url


def test_forms_reject_a_post_without_a_csrf_token(olivia, workspace, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(olivia)
    assert client.post(f"/people/{alice.id}/log/", {"kind": "call", "summary": "x"}).status_code == 403
