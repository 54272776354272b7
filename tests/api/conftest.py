"""API test helpers; the `api`, `rival_api` and `anonymous_api` clients live in the root conftest."""


def field_errors(response) -> dict[str, str]:
    """A 422 body as {field: message}."""
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["detail"]}
