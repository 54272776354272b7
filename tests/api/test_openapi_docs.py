"""The API describes itself: the OpenAPI document and the interactive docs, both served by Ally alone."""

from django.test import Client

RESOURCES = ["/people", "/organizations", "/relationships", "/facts", "/interactions", "/follow-ups"]


def test_the_openapi_document_lists_every_resource_with_bearer_auth_and_error_bodies(db):
    spec = Client().get("/api/v1/openapi.json").json()
    paths = {path.removeprefix("/api/v1") for path in spec["paths"]}
    for resource in RESOURCES:
        item = next(path for path in paths if path.startswith(resource + "/{") and path.count("/") == 2)
        assert set(spec["paths"][f"/api/v1{resource}"]) == {"get", "post"}
        assert set(spec["paths"][f"/api/v1{item}"]) == {"get", "patch", "delete"}
        assert {"q", "limit", "offset"} <= {p["name"] for p in spec["paths"][f"/api/v1{resource}"]["get"]["parameters"]}
    assert "/today" in paths and "/people/{person_id}/merge" in paths
    assert spec["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert set(spec["paths"]["/api/v1/people"]["post"]["responses"]) >= {"201", "401", "404", "422"}


def test_the_interactive_docs_load_nothing_from_outside(db):
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/openapi.json" in html and "/static/ninja/" in html
    assert "cdn" not in html.lower() and "validator.swagger.io" not in html
