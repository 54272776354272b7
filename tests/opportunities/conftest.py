"""Fixtures for needs and opportunities, built through the real services.

- `catalogue`: Acme's offerings (Rota Planner, Payroll Bridge) and alternatives (ShiftBoard, a
  spreadsheet template) to recommend when we are not the fit.
- `rota_need`: Alice's need, in her words, still our guess (suspected).
- `opportunity`: Alice exploring a new rota, about `rota_need`.
- `api` / `rival_api`: JSON clients carrying Olivia's (Acme) or Rex's (Rival) bearer token.
- `ally_command`: runs `ally` in-process (shared with tests/cli).
"""

from dataclasses import dataclass

import pytest

from ally.opportunities.services import alternative_create, need_record, offering_create, opportunity_open


@dataclass
class Catalogue:
    rota_planner: object
    payroll_bridge: object
    shiftboard: object
    spreadsheet: object


@pytest.fixture
def catalogue(workspace):
    """Acme's small catalogue: two offerings and two alternatives."""
    return Catalogue(
        rota_planner=offering_create(workspace=workspace, name="Rota Planner", price="1200", currency="USD"),
        payroll_bridge=offering_create(workspace=workspace, name="Payroll Bridge"),
        shiftboard=alternative_create(workspace=workspace, name="ShiftBoard", vendor="ShiftBoard Inc",
                                      good_for="Very small teams with one shift pattern"),
        spreadsheet=alternative_create(workspace=workspace, name="Rota spreadsheet template",
                                       good_for="Teams under five people"),
    )


@pytest.fixture
def rota_need(alice, olivia):
    """Alice said her rota takes a day a month; we have not heard her confirm it matters yet."""
    return need_record(workspace=alice.workspace, person=alice, driver="efficiency", urgency=4,
                       text="We lose a whole day every month fixing the rota by hand.", author=olivia)


@pytest.fixture
def opportunity(alice, rota_need, olivia, membership):
    """Alice exploring a new way to plan the rota."""
    return opportunity_open(workspace=alice.workspace, person=alice, title="A rota that fixes itself",
                            needs=[rota_need], reason="We keep talking about it at every team meeting.",
                            owner=membership, author=olivia)
