"""The board shows the top of each column, ranked by the database exactly as pull.py ranks, with every
column's count and a link to the rest; its size and its queries do not grow with the opportunities."""

import random
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.opportunities.selectors import BOARD_COLUMN_LIMIT, pull_board, pull_board_exhaustive
from ally.opportunities.services import need_record, opportunity_move, opportunity_open
from ally.people.services import person_create


def _opportunities(workspace, count: int, *, seed: int = 7, stages=("exploring",)):
    """`count` opportunities, each about one to three needs of random status, urgency and stated cost."""
    rng = random.Random(seed)
    for i in range(count):
        person = person_create(workspace=workspace, name=f"Customer {seed}-{i}")
        needs = [need_record(workspace=workspace, person=person, text=f"need {i}.{n}", urgency=rng.randint(1, 5),
                             status=rng.choice(["confirmed", "confirmed", "suspected"]),
                             cost_of_doing_nothing=rng.choice(["", "", "A day a month"]),
                             **rng.choice([{}, {}, {"cost_amount": "500", "cost_currency": "USD",
                                                    "cost_period": "month"}]))
                 for n in range(rng.randint(1, 3))]
        opportunity = opportunity_open(workspace=workspace, person=person, needs=needs, title=f"Decision {i}")
        stage = rng.choice(stages)
        if stage != "exploring" and any(n.status == "confirmed" for n in needs):
            opportunity_move(opportunity=opportunity, stage=stage, reason="They asked")


def _ranked(columns):
    return {c.stage: [(card.opportunity.id, card.pull) for card in c.cards] for c in columns}


def test_the_database_ranks_every_column_exactly_as_pull_py_does(workspace):
    _opportunities(workspace, 40, stages=("exploring", "committed_to_change", "evaluating", "deciding"))
    reference = pull_board_exhaustive(workspace=workspace)
    assert _ranked(pull_board(workspace=workspace, limit=500)) == reference
    top = pull_board(workspace=workspace, limit=3)
    assert _ranked(top) == {stage: ranked[:3] for stage, ranked in reference.items()}
    assert {c.stage: c.count for c in top} == {stage: len(ranked) for stage, ranked in reference.items()}


def test_cards_count_their_needs_and_the_confirmed_ones(workspace):
    person = person_create(workspace=workspace, name="Nadia Needs")
    needs = [need_record(workspace=workspace, person=person, text=t, urgency=4, status=s)
             for t, s in (("a", "confirmed"), ("b", "suspected"), ("c", "confirmed"))]
    opportunity_open(workspace=workspace, person=person, needs=needs)
    [card] = [c for c in pull_board(workspace=workspace) if c.stage == "exploring"][0].cards
    assert (card.needs, card.confirmed_needs, card.pull) == (3, 2, 32.0)


def _board(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/opportunities/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_board_page_shows_the_top_of_a_long_column_its_count_and_a_link_to_the_rest(client_olivia, workspace):
    _opportunities(workspace, 3)
    small_html, small_queries = _board(client_olivia)
    _opportunities(workspace, BOARD_COLUMN_LIMIT + 12, seed=8)
    html, queries = _board(client_olivia)
    total = BOARD_COLUMN_LIMIT + 15
    exploring = html.split('data-stage="exploring"', 1)[1].split("</section>", 1)[0]
    assert exploring.count('class="opp-card"') == BOARD_COLUMN_LIMIT
    assert re.search(rf'data-testid="column-count">{total}<', exploring)
    assert f"{total - BOARD_COLUMN_LIMIT} more exploring: see all {total}" in exploring
    assert 'href="/opportunities/all/?stage=exploring"' in exploring
    # bounded: more rows add no query, and the page holds at most the limit's cards
    assert queries == small_queries
    assert html.count('class="opp-card"') == BOARD_COLUMN_LIMIT
    # the rest is a paged list that holds every one of them
    rest = client_olivia.get("/opportunities/all/?stage=exploring")
    assert rest.status_code == 200 and rest.content.decode().count('<tr><td><a href="/opportunities/') == total


def test_the_api_board_is_bounded_by_limit_and_counts_each_stage(api, workspace):
    _opportunities(workspace, 8)
    response = api.get("/opportunities/board?limit=5")
    assert response.status_code == 200
    [exploring] = [c for c in response.json() if c["stage"] == "exploring"]
    assert (exploring["count"], len(exploring["cards"])) == (8, 5)
    bad = api.get("/opportunities/board?limit=0")
    assert bad.status_code == 422 and "limit" in bad.content.decode()
