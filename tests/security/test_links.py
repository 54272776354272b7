"""Only http(s) addresses are stored where a URL is kept, and only those become links on a page."""

import pytest
from django.urls import reverse

from ally.people.models import Organization
from ally.web.templatetags.links import link

SCRIPT_ADDRESSES = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(document.domain)",
    " javascript:alert(document.domain)",
    "java\tscript:alert(document.domain)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_the_organization_form_refuses_a_script_address_next_to_the_field(client_olivia, address):
    response = client_olivia.post(reverse("people:organization_create"), {"name": "Evil", "website": address})

    assert response.context["form"].errors["website"]
    assert not Organization.objects.filter(name="Evil").exists()


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_the_api_refuses_a_script_address_with_a_422_naming_the_field(api, address):
    response = api.post("/organizations", {"name": "Evil", "website": address})

    assert response.status_code == 422
    assert "website" in response.content.decode()
    assert not Organization.objects.filter(name="Evil").exists()


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_the_api_refuses_a_script_address_for_an_alternative(api, address):
    response = api.post("/alternatives", {"name": "Evil", "website": address})

    assert response.status_code == 422
    assert "website" in response.content.decode()


def test_a_web_address_is_stored_and_rendered_as_a_link(client_olivia, api):
    organization_id = api.post("/organizations", {"name": "Initech", "website": "https://initech.example/about"}).json()["id"]

    page = client_olivia.get(reverse("people:organization", args=[organization_id])).content.decode()

    assert '<a href="https://initech.example/about" rel="noopener noreferrer nofollow">' in page


def test_a_script_address_already_stored_is_shown_as_text_not_a_link(client_olivia, workspace):
    # Rows from before the rule (or an old archive) bypass the service; the page must still not link them.
    organization = Organization.objects.create(workspace=workspace, name="Old", website="javascript:alert(1)")

    page = client_olivia.get(reverse("people:organization", args=[organization.id])).content.decode()

    assert 'href="javascript' not in page
    assert "javascript:alert(1)" in page


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES + ["", "https://", "//evil.example"])
def test_the_link_filter_links_only_web_addresses(address):
    assert "<a " not in str(link(address))
