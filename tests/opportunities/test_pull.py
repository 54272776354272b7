import datetime as dt

from ally.opportunities.pull import Card, NeedSignal, pull_score, rank_by_pull
from ally.opportunities.selectors import pull_board
from ally.opportunities.services import need_record, need_set_status, opportunity_move, opportunity_open
from ally.people.services import person_create

NOON = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)


def _need(status="confirmed", urgency=3, cost=False):
    return NeedSignal(status=status, urgency=urgency, cost_stated=cost)


def test_only_confirmed_needs_pull():
    assert pull_score([_need("suspected", 5), _need("addressed", 5), _need("dropped", 5)]) == 0


def test_urgency_counts_squared_so_one_urgent_need_outweighs_several_mild_ones():
    assert pull_score([_need(urgency=5)]) == 25
    assert pull_score([_need(urgency=2)] * 3) == 12


def test_naming_the_cost_of_doing_nothing_pulls_half_again_as_hard():
    assert pull_score([_need(urgency=4, cost=True)]) == 24


def test_ranking_puts_the_strongest_pull_first_then_the_latest_move_then_the_lower_id():
    cards = [Card(1, NOON, [_need(urgency=2)]), Card(2, NOON, [_need(urgency=5)]),
             Card(3, NOON + dt.timedelta(hours=1), [_need(urgency=2)]), Card(4, NOON, [_need(urgency=2)])]
    assert [card.id for card, _ in rank_by_pull(cards)] == [2, 3, 1, 4]


def test_the_board_ranks_each_stage_by_pull_not_by_order_of_arrival(workspace):
    def customer(name, urgency, status="confirmed", cost=""):
        person = person_create(workspace=workspace, name=name)
        need = need_record(workspace=workspace, person=person, text=f"{name}'s need", urgency=urgency, status=status,
                           cost_of_doing_nothing=cost)
        return opportunity_open(workspace=workspace, person=person, needs=[need]), need

    quiet, _ = customer("Quiet Quinn", 2)
    guess, _ = customer("Guessed Gina", 5, status="suspected")
    pulling, _ = customer("Pulling Pat", 4, cost="We lose a client a quarter")
    urgent, urgent_need = customer("Urgent Uma", 5)
    opportunity_move(opportunity=urgent, stage="evaluating", reason="Show us")
    columns = {c.stage: [(card.opportunity.person.name, card.pull) for card in c.cards]
               for c in pull_board(workspace=workspace)}
    assert columns["exploring"] == [("Pulling Pat", 24.0), ("Quiet Quinn", 4.0), ("Guessed Gina", 0.0)]
    assert columns["evaluating"] == [("Urgent Uma", 25.0)]
    # a need the customer drops stops pulling
    need_set_status(need=urgent_need, status="dropped")
    [evaluating] = [c for c in pull_board(workspace=workspace) if c.stage == "evaluating"]
    assert [card.pull for card in evaluating.cards] == [0.0]
