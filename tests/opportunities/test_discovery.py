from ally.opportunities.discovery import BankQuestion, KnownNeed, choose_questions
from ally.opportunities.models import DiscoveryQuestion
from ally.opportunities.question_bank import DEFAULT_QUESTIONS
from ally.opportunities.services import discovery_question_delete, question_bank_seed

BANK = [BankQuestion(i, driver, purpose, text) for i, (driver, purpose, text) in enumerate(DEFAULT_QUESTIONS)]


def _need(driver="risk", status="suspected", urgency=3, cost=False):
    return KnownNeed(text=f"A {driver} need", driver=driver, status=status, urgency=urgency, cost_stated=cost)


def test_the_default_bank_has_at_least_thirty_open_questions_for_every_driver():
    assert len(DEFAULT_QUESTIONS) >= 30
    assert len({text for _, _, text in DEFAULT_QUESTIONS}) == len(DEFAULT_QUESTIONS)
    assert {driver for driver, _, _ in DEFAULT_QUESTIONS} == {"growth", "risk", "efficiency", "missed_opportunity",
                                                              "personal", "other"}
    # open questions: they ask rather than tell, so none can be answered with a bare yes or no
    closed_openings = ("do ", "does ", "is ", "are ", "can ", "will ", "would you like", "have you")
    assert not [text for _, _, text in DEFAULT_QUESTIONS if text.lower().startswith(closed_openings)]
    assert all(text.endswith("?") for _, _, text in DEFAULT_QUESTIONS)


def test_with_nothing_known_it_asks_about_needs_across_drivers():
    chosen = choose_questions(needs=[], bank=BANK)
    assert [(s.question.purpose, s.question.driver) for s in chosen] == [
        ("need", "growth"), ("need", "risk"), ("need", "efficiency")]
    assert chosen[0].why == "Nothing known yet about what they need"


def test_with_no_confirmed_need_it_asks_about_the_driver_we_suspect_and_the_cost():
    chosen = choose_questions(needs=[_need("risk", urgency=4)], bank=BANK)
    assert [(s.question.driver, s.question.purpose) for s in chosen][:2] == [("risk", "need"), ("risk", "cost")]
    assert chosen[0].why == "No confirmed need yet; we suspect risk: let them say it in their own words"
    assert chosen[1].why == "No cost of doing nothing yet for “A risk need”"


def test_with_a_confirmed_need_and_its_cost_known_it_asks_why_now_and_widens_discovery():
    chosen = choose_questions(needs=[_need("efficiency", "confirmed", cost=True)], bank=BANK)
    assert [(s.question.purpose, s.question.driver) for s in chosen] == [
        ("timing", "other"), ("need", "growth"), ("need", "risk")]


def test_while_they_weigh_options_it_asks_how_they_will_decide():
    chosen = choose_questions(needs=[_need("growth", "confirmed", cost=True)], bank=BANK, open_stages=["deciding"])
    assert chosen[0].question.purpose == "decision"


def test_the_rotation_varies_the_words_but_never_repeats_a_question():
    first = choose_questions(needs=[], bank=BANK, rotation=0)
    second = choose_questions(needs=[], bank=BANK, rotation=1)
    assert [s.question.text for s in first] != [s.question.text for s in second]
    for rotation in range(10):
        ids = [s.question.id for s in choose_questions(needs=[_need()], bank=BANK, rotation=rotation)]
        assert len(ids) == len(set(ids)) == 3


def test_a_small_bank_gives_what_it_has():
    bank = [BankQuestion(1, "risk", "need", "What worries you?")]
    assert [s.question.id for s in choose_questions(needs=[_need("growth")], bank=bank)] == [1]
    assert choose_questions(needs=[], bank=[]) == []


def test_the_bank_is_seeded_once_per_workspace_and_deletions_stay_deleted(workspace, other_workspace):
    assert question_bank_seed(workspace=workspace) == len(DEFAULT_QUESTIONS)
    discovery_question_delete(question=DiscoveryQuestion.objects.filter(workspace=workspace).first())
    assert question_bank_seed(workspace=workspace) == 0
    assert DiscoveryQuestion.objects.filter(workspace=workspace).count() == len(DEFAULT_QUESTIONS) - 1
    assert question_bank_seed(workspace=other_workspace) == len(DEFAULT_QUESTIONS)
