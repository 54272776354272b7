"""The settings page where a user creates, sees and revokes their API tokens."""

from ally.workspaces.models import ApiToken
from ally.workspaces.services import api_token_create
from tests.conftest import ApiClient


def test_creating_a_token_shows_the_raw_token_once_and_stores_only_its_hash(client_olivia, olivia):
    # when
    response = client_olivia.post("/settings/tokens/", {"name": "nightly export"})
    # then
    assert response.status_code == 200
    raw = response.context["new_token"]["raw"]
    assert raw in response.content.decode()
    assert response["Cache-Control"] == "no-store, private"
    token = ApiToken.objects.get(user=olivia)
    assert token.name == "nightly export" and raw not in token.token_hash and token.prefix == raw[:12]
    again = client_olivia.get("/settings/tokens/").content.decode()
    assert raw not in again and "nightly export" in again and token.prefix in again
    assert ApiClient(raw).get("/people").status_code == 200


def test_the_page_lists_only_the_users_own_tokens_in_this_workspace(client_olivia, olivia, workspace, rex,
                                                                    other_workspace):
    from ally.workspaces.services import membership_add

    membership_add(workspace=workspace, user=rex)
    api_token_create(user=rex, workspace=workspace, name="rex in acme")
    api_token_create(user=olivia, workspace=workspace, name="olivia's laptop")
    page = client_olivia.get("/settings/tokens/").content.decode()
    assert "olivia&#x27;s laptop" in page and "rex in acme" not in page


def test_a_token_name_that_is_too_long_is_shown_next_to_the_field(client_olivia, olivia):
    response = client_olivia.post("/settings/tokens/", {"name": "x" * 101})
    assert response.status_code == 422
    assert response.context["form"].errors == {"name": ["Ensure this value has at most 100 characters (it has 101)."]}
    assert not ApiToken.objects.filter(user=olivia).exists()


def test_revoking_a_token_locks_it_out_of_the_api_at_once(client_olivia, olivia, workspace):
    token, raw = api_token_create(user=olivia, workspace=workspace, name="old script")
    # when
    response = client_olivia.post(f"/settings/tokens/{token.id}/revoke/")
    # then
    assert response.status_code == 302
    assert ApiClient(raw).get("/people").status_code == 401
    assert "revoked" in client_olivia.get("/settings/tokens/").content.decode()


def test_nobody_can_revoke_someone_elses_token(client_olivia, rex, other_workspace):
    token, raw = api_token_create(user=rex, workspace=other_workspace, name="rex's")
    assert client_olivia.post(f"/settings/tokens/{token.id}/revoke/").status_code == 404
    assert ApiClient(raw).get("/people").status_code == 200


def test_the_settings_link_is_in_the_account_area(client_olivia):
    assert 'href="/settings/">Settings</a>' in client_olivia.get("/people/").content.decode()


def test_signed_out_visitors_are_sent_to_log_in(client):
    assert client.get("/settings/tokens/").status_code == 302
