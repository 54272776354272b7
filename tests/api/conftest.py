"""API fixtures: bearer tokens for Olivia (Acme) and Rex (Rival), and a JSON client that sends them."""

import json

import pytest
from django.test import Client

from ally.workspaces.services import api_token_create


class ApiClient:
    """A Django test client speaking JSON to /api/v1/ with one bearer token (or none)."""

    def __init__(self, raw_token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, **self.headers)

    def post(self, path: str, body=None):
        return self.client.post(f"/api/v1{path}", json.dumps(body or {}), content_type="application/json",
                                **self.headers)

    def patch(self, path: str, body=None):
        return self.client.patch(f"/api/v1{path}", json.dumps(body or {}), content_type="application/json",
                                 **self.headers)

    def put(self, path: str, body=None):
        return self.client.put(f"/api/v1{path}", json.dumps(body or {}), content_type="application/json",
                               **self.headers)

    def delete(self, path: str):
        return self.client.delete(f"/api/v1{path}", **self.headers)


@pytest.fixture
def olivia_token(olivia, workspace):
    """Olivia's token for Acme, as (ApiToken, raw string)."""
    return api_token_create(user=olivia, workspace=workspace, name="olivia's script")


@pytest.fixture
def api(olivia_token) -> ApiClient:
    """Olivia calling the API for Acme."""
    return ApiClient(olivia_token[1])


@pytest.fixture
def rival_api(rex, other_workspace) -> ApiClient:
    """Rex calling the API for Rival."""
    return ApiClient(api_token_create(user=rex, workspace=other_workspace, name="rex's script")[1])


@pytest.fixture
def anonymous_api(db) -> ApiClient:
    return ApiClient(None)


def field_errors(response) -> dict[str, str]:
    """A 422 body as {field: message}."""
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["detail"]}
