"""Property-based run against the live OpenAPI document, every app's router included: generated requests,
valid and invalid, never get a 5xx, and every response matches the schema the document declares for its
status code.

About REQUEST_BUDGET requests in all, shared out over the operations, in-process through Django's WSGI
handler, with Olivia's bearer token for a seeded Acme workspace.
"""

import datetime as dt

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ally.interactions.services import follow_up_add, interaction_log
from ally.people.services import fact_add, organization_create, person_create, relationship_add

# Requests for the whole run, shared out over the operations (at least 3 each), so it stays well under a minute.
REQUEST_BUDGET = 320


@pytest.fixture
def seeded_ids(workspace, alice, bob, olivia, days_ago) -> dict[str, list[int]]:
    """Acme with one or two of everything; the ids by path parameter name, for cases to aim at real objects."""
    org = organization_create(workspace=workspace, name="Globex")
    carla = person_create(workspace=workspace, name="Carla Client", organization=org, tags=["vip"])
    fact = fact_add(person=alice, text="loves dahlias", date=dt.date(1990, 4, 12), recurs_yearly=True)
    relationship = relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
    interaction = interaction_log(workspace=workspace, kind="call", summary="spring planting",
                                  participants=[alice, carla], occurred_at=days_ago(40), author=olivia)
    follow_up = follow_up_add(person=bob, text="send the catalogue", due_on=timezone.localdate())
    return {"person_id": [alice.id, bob.id, carla.id], "organization_id": [org.id], "fact_id": [fact.id],
            "relationship_id": [relationship.id], "interaction_id": [interaction.id], "follow_up_id": [follow_up.id]}


@pytest.fixture
def live_app():
    """Django's WSGI application as a server runs it, but keeping the test's database connection open.

    A server closes the connection after each request; inside a test that would end the test's transaction
    (PostgreSQL then answers "the connection is closed"). Django's own test client does the same.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_generated_requests_get_no_server_error_and_answers_that_match_the_schema(seeded_ids, olivia_token, live_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", live_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    examples = max(3, REQUEST_BUDGET // len(operations))
    headers = {"Authorization": f"Bearer {olivia_token[1]}"}
    failures, requests = {}, []
    # Hypothesis is driven directly (schemathesis' pytest plugin does not run on pytest 9); each operation gets
    # valid and invalid cases, and every failing operation is reported, not just the first.
    for operation in operations:
        cases = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                          operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @hypothesis.given(case=cases, data=st.data())
        @hypothesis.settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                             suppress_health_check=list(hypothesis.HealthCheck))
        def check(case, data):
            # Random ids almost never exist; half the time, aim at a seeded object instead.
            for name in list(case.path_parameters or {}):
                if name in seeded_ids and data.draw(st.booleans()):
                    case.path_parameters[name] = data.draw(st.sampled_from(seeded_ids[name]))
            requests.append(operation.label)
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # every failing operation is collected and reported
            failures[operation.label] = error
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())
    # The run really was a few hundred requests, and reached every operation.
    assert len(requests) >= REQUEST_BUDGET // 2 and set(requests) == {operation.label for operation in operations}
    print(f"{len(requests)} generated requests over {len(operations)} operations")
