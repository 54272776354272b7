"""Workspace isolation for every endpoint the OpenAPI document lists, read from the document itself.

The hand-written cases in test_isolation.py look closely at people and interactions; this file makes
sure no endpoint of any app is forgotten, including ones added later. The other workspace is the demo
workspace (every app's demo fills it with one or more of everything). With Olivia's Acme token:

- every operation with an object in its path, aimed at a demo object, answers 404 with the very body
  an id that never existed gets, and changes no row of the demo workspace;
- every list, unfiltered and filtered by the demo's ids, shows none of the demo's people or organizations.

A path parameter is tied to a model by the path segment before it (`/check-ins/{check_in_id}` →
CheckIn); an endpoint whose object cannot be told, or which the demo has none of, fails the test by name.
"""

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from ally.imports.archive import workspace_tables
from ally.people.models import Organization, Person
from ally.workspaces.models import Membership

NEVER_EXISTED = 987654321
IRREGULAR_SEGMENTS = {"people": "person", "feedback": "feedback"}
# Body fields naming a team member rather than the object their name suggests.
MEMBER_FIELDS = {"to_id", "champion_id", "owner_id"}
PERSON_FIELDS = {"other_id", "said_by_id", "referrer_id", "referred_id"}


def _model_for(segment: str):
    """The workspace model a collection segment names: `discovery-questions` → DiscoveryQuestion."""
    singular = IRREGULAR_SEGMENTS.get(segment) or (segment[:-3] + "y" if segment.endswith("ies") else
                                                   segment.removesuffix("s"))
    class_name = "".join(part.capitalize() for part in singular.split("-"))
    labels = {table.model.__name__: table.model for table in workspace_tables()}
    return labels.get(class_name)


def _path_objects(path: str) -> list[tuple[str, str]]:
    """(parameter, the segment before it) for each `{parameter}` in a path."""
    parts = path.strip("/").split("/")
    return [(part[1:-1], parts[n - 1]) for n, part in enumerate(parts) if part.startswith("{")]


class _Example:
    """The smallest valid request body for a schema: required fields only, ids pointing at Acme's own objects."""

    def __init__(self, components: dict, acme_ids: dict[str, int]):
        self.components, self.acme_ids = components, acme_ids

    def body(self, schema: dict, name: str = ""):
        if "$ref" in schema:
            return self.body(self.components[schema["$ref"].rsplit("/", 1)[1]], name)
        if "anyOf" in schema:
            return self.body(next(s for s in schema["anyOf"] if s.get("type") != "null"), name)
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object":
            return {key: self.body(schema["properties"][key], key) for key in schema.get("required", [])}
        if kind == "array":
            return [self.body(schema["items"], name) for _ in range(schema.get("minItems", 0))]
        if kind == "integer":
            return self._integer(schema, name)
        if kind == "number":
            return 1
        if kind == "boolean":
            return False
        return {"date": timezone.localdate().isoformat(), "date-time": dt.datetime.now(dt.timezone.utc).isoformat()}.get(
            schema.get("format"), "x" * max(1, schema.get("minLength", 1)))

    def _integer(self, schema: dict, name: str) -> int:
        if name in MEMBER_FIELDS:
            return self.acme_ids["membership"]
        if name in PERSON_FIELDS or name == "person_id":
            return self.acme_ids["person"]
        return max(schema.get("minimum", 1), 1)


def _every_operation():
    spec = Client().get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield method, path.removeprefix("/api/v1"), operation, spec["components"]["schemas"]


def _demo_rows(workspace) -> dict[str, list]:
    return {table.label: list(table.model._default_manager.filter(workspace=workspace).order_by("pk").values())
            for table in workspace_tables()}


def _call(api, method: str, path: str, body):
    call = getattr(api, method)
    return call(path) if method in ("get", "delete") else call(path, body)


def test_every_operation_on_another_workspaces_object_is_not_found(api, alice, membership, demo_workspace):
    examples = None
    before = _demo_rows(demo_workspace)
    failures, checked = [], 0
    for method, path, operation, components in _every_operation():
        objects = _path_objects(path)
        if not objects:
            continue
        examples = examples or _Example(components, {"person": alice.id, "membership": membership.id})
        demo_ids, missing_ids = {}, {}
        for parameter, segment in objects:
            model = _model_for(segment)
            if model is None:
                failures.append(f"{method.upper()} {path}: no workspace model for '{segment}' ({{{parameter}}})")
                break
            row = model._default_manager.filter(workspace=demo_workspace).order_by("pk").first()
            if row is None:
                failures.append(f"{method.upper()} {path}: the demo workspace has no {model.__name__}")
                break
            demo_ids[parameter], missing_ids[parameter] = row.pk, NEVER_EXISTED
        else:
            body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            body = examples.body(body_schema) if body_schema else None
            # when
            response = _call(api, method, path.format(**demo_ids), body)
            missing = _call(api, method, path.format(**missing_ids), body)
            # then
            checked += 1
            if response.status_code != 404 or response.content != missing.content:
                failures.append(f"{method.upper()} {path} with {body}: {response.status_code} {response.content[:200]!r}"
                                f" (an id that never existed: {missing.status_code} {missing.content[:200]!r})")
    assert not failures, "\n".join(failures)
    assert checked >= 40  # the document really was read: every app's item endpoints
    assert _demo_rows(demo_workspace) == before


def _list_queries(operation, demo_ids: dict[str, int]) -> list[dict]:
    """No filter, then each id filter the list accepts set to one of the demo's objects."""
    queries = [{}]
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "query" and name in demo_ids:
            queries.append({name: demo_ids[name]})
    return queries


def test_no_list_shows_another_workspaces_people_or_organizations(api, alice, demo_workspace):
    demo_names = set(Person.objects.filter(workspace=demo_workspace).values_list("name", flat=True))
    demo_names |= set(Organization.objects.filter(workspace=demo_workspace).values_list("name", flat=True))
    demo_ids = {f"{table.model.__name__}_id": table.model._default_manager.filter(workspace=demo_workspace)
                .values_list("pk", flat=True).first() for table in workspace_tables()}
    demo_ids = {re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower(): pk for name, pk in demo_ids.items() if pk}
    demo_ids |= {"champion_id": Membership.objects.filter(workspace=demo_workspace).values_list("pk", flat=True)[0]}
    failures, lists = [], 0
    for method, path, operation, _ in _every_operation():
        if method != "get" or _path_objects(path):
            continue
        lists += 1
        for query in _list_queries(operation, demo_ids):
            response = api.get(path, query)
            shown = [name for name in demo_names if name in response.content.decode()]
            if response.status_code >= 500 or shown:
                failures.append(f"GET {path} {query}: {response.status_code}, shows {shown[:3]}")
    assert not failures, "\n".join(failures)
    assert lists >= 10 and demo_names
