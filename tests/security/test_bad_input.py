"""Bad input is a clear 4xx naming the field on every edge: never a 500, a traceback or half a write."""

import pytest

from ally.core.validation import LIST_LENGTH
from ally.imports.services import people_import_csv
from ally.people.models import Person

BAD_TEXTS = {"NUL": "Mallory\x00", "escape sequence": "Mallory\x1b[31m", "backspace": "Mall\x08ory"}


def _raw_post(api, path: str, body: str):
    return api.client.post(f"/api/v1{path}", body, content_type="application/json", **api.headers)


# ---- the API ----------------------------------------------------------------------------------

def test_a_lone_surrogate_in_a_json_string_is_a_422_naming_the_field(api):
    response = _raw_post(api, "/people", '{"name": "a\\ud800"}')

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["detail"]] == ["name"]
    assert not Person.objects.filter(name__startswith="a").exists()


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_control_characters_are_a_422_naming_the_field(api, text):
    response = api.post("/people", {"name": "Mallory", "emails": ["m@example.com"], "title": text})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "title"


def test_a_list_field_over_its_maximum_is_refused_at_once(api):
    response = api.post("/people", {"name": "Many", "emails": [f"p{n}@example.com" for n in range(100_000)]})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith("emails")
    assert not Person.objects.filter(name="Many").exists()


def test_a_list_field_at_its_maximum_is_accepted(api):
    response = api.post("/people", {"name": "Many", "tags": [f"tag-{n}" for n in range(LIST_LENGTH)]})

    assert response.status_code == 201, response.content


def test_an_oversized_body_is_a_json_413(api):
    response = _raw_post(api, "/people", '{"name": "' + "x" * 10_000_000 + '"}')

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json") and "larger than" in response.json()["detail"]


@pytest.mark.parametrize("method, path", [("get", "/api/v1/no-such-thing"), ("put", "/api/v1/people"),
                                          ("get", "/api/v1/people/abc")])
def test_every_api_4xx_is_json(api, method, path):
    response = getattr(api.client, method)(path, **api.headers)

    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def test_a_bad_owner_filter_is_a_4xx_on_the_api(api):
    response = api.get("/people", {"owner_id": "'"})

    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "owner_id"


# ---- pages --------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["owner_id='", "owner_id=abc", "owner_id=99999999999999999999999"])
def test_a_bad_owner_filter_on_the_people_page_is_a_400(client_olivia, query):
    assert client_olivia.get(f"/people/?{query}").status_code == 400


def test_a_query_parameter_the_page_does_not_know_is_a_400_too(client_olivia):
    assert client_olivia.get("/people/?owner='").status_code == 400


def test_switching_to_workspace_abc_is_a_400(client_olivia):
    assert client_olivia.post("/workspace/switch/", {"workspace": "abc"}).status_code == 400


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_the_person_form_shows_the_problem_next_to_the_field(client_olivia, text):
    response = client_olivia.post("/people/new/", {"name": text})

    assert response.context["form"].errors["name"]
    assert not Person.objects.filter(name__startswith="Mall").exists()


# ---- CSV import ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_a_csv_row_with_control_characters_is_refused_naming_row_and_field(workspace, text):
    data = f"name,email\nAlice Ally,alice@example.com\n{text},m@example.com\n".encode()

    report = people_import_csv(workspace=workspace, data=data)

    assert Person.objects.filter(name="Alice Ally").exists() and not Person.objects.filter(name__contains="ory")
    [(line, reason)] = report.invalid
    assert line == 3 and "name" in reason


def test_an_oversized_csv_cell_is_one_error_line_naming_the_row(ally_command, workspace, tmp_path):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name,notes\nAlice Ally,fine\nBob,\"" + "x" * 200_000 + "\"\n")

    result = ally_command("import", "csv", str(csv_file), "--workspace", "acme")

    assert result.exit_code != 0 and "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.endswith("row starting on line 3: a cell is longer than 131,072 characters")
    assert not Person.objects.filter(name__in=["Alice Ally", "Bob"]).exists()
