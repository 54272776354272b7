"""The coach's rules one by one: open and closed questions, fillers, pushy phrases, needs and costs."""

import pytest

from ally.coaching import lexicon
from ally.coaching.metrics import conversation_metrics
from ally.coaching.transcripts import Turn

OPEN = [
    "What does a good week look like?",
    "How did you choose your current supplier?",
    "Why now?",
    "Who else cares about this?",
    "Where does the process get stuck?",
    "Tell me about the last time that happened?",
    "Describe your ideal setup?",
    "Walk me through a typical order?",
    "Looking back at last year, what would you change?",
    "If budget were no issue, what would you do first?",
    "When you look back, how did that decision get made?",
    "So, um, what happened next?",
    "Okay. And how did the team react?",
    "Could you walk me through the approval steps?",
    "Can you tell me more about that?",
    "Would you mind describing the handover?",
    "What’s the hardest part?",
    "Help me understand how it works today?",
]
CLOSED = [
    "Do you use Salesforce?",
    "Does that make sense?",
    "Is the budget approved?",
    "Are you the decision maker?",
    "Can we meet Friday?",
    "Will you be at the conference?",
    "Would Tuesday work?",
    "Don’t you think that's a lot?",
    "You want approvals in one place, right?",
    "What you need is speed, correct?",
    "It's a great fit, isn't it?",
    "How many seats do you need?",
    "How much are you spending today?",
    "How long have you had it?",
    "When does the contract end?",
    "Which plan are you on?",
    "Just to confirm, is the budget approved?",
    "If I could get you a discount, would you sign today?",
    "You use Excel?",
    "Friday?",
    "Any questions?",
]


@pytest.mark.parametrize("sentence", OPEN)
def test_questions_that_invite_a_story_are_open(sentence):
    assert lexicon.question_kind(sentence) == "open"


@pytest.mark.parametrize("sentence", CLOSED)
def test_questions_that_ask_for_yes_no_a_figure_a_date_or_a_pick_are_closed(sentence):
    assert lexicon.question_kind(sentence) == "closed"


def test_sentences_split_at_end_punctuation_followed_by_space_only():
    assert lexicon.sentences("Version 3.5 is out. Is it? “Yes!” Great") == ["Version 3.5 is out.", "Is it?", "“Yes!”", "Great"]
    assert lexicon.is_question("(Really?)") and not lexicon.is_question("Really.")


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("Um, uh, erm, well.", 3),
        ("It's, you know, hard. I mean, really hard, you know.", 3),
        ("Do you know? If you know, tell me. What I mean is simple.", 0),
        ("It was, like, huge. Like, we tried. I'd like a demo. Like the old one.", 2),
        ("It's kind of slow and sort of expensive.", 2),
        ("What kind of tool? That sort of thing. A kind of magic.", 0),
        ("Mm-hmm. Yeah. Right.", 0),
    ],
)
def test_filler_words_count_only_when_they_fill(text, fillers):
    assert lexicon.count_fillers(text) == fillers


def test_pushy_phrases_match_whatever_the_case_punctuation_or_apostrophes():
    matcher = lexicon.pushy_matcher()
    sentence = "I’LL be honest — with you: it's a No-Brainer, only until Friday; SIGN TODAY."
    assert [p.phrase for p in matcher.find(sentence)] == ["i'll be honest with you", "no-brainer", "only until", "sign today"]
    assert matcher.find("We could sign when you're ready, no rush.") == []
    assert matcher.find("Is the timeline limited? Only you can say.") == []  # words, not fragments


def test_a_phrase_found_twice_in_a_sentence_is_one_hit():
    assert len(lexicon.pushy_matcher().find("Trust me, trust me.")) == 1


def test_a_workspace_extends_the_lexicon_with_its_own_phrases():
    # given
    turns = [Turn("Sam", 0, 5, "Our price doubles tomorrow! Trust me.", 1), Turn("Bo", 5, 9, "Hm.", 2)]
    extra = ["our price doubles tomorrow", lexicon.PushyPhrase("hm", "custom", "not for the seller")]
    # when
    hits = conversation_metrics(turns, extra_pushy_phrases=extra).pushy_phrases
    # then
    assert [(h.phrase, h.category, h.quote) for h in hits] == [
        ("our price doubles tomorrow", "workspace", "Our price doubles tomorrow!"),
        ("trust me", "trust me", "Trust me."),
    ]
    assert conversation_metrics(turns).pushy_phrases[0].phrase == "trust me"  # nothing leaks between calls


def test_every_default_phrase_matches_itself_and_has_a_category():
    matcher = lexicon.pushy_matcher()
    for phrase in lexicon.PUSHY_PHRASES:
        assert phrase.category and phrase.why
        assert phrase in matcher.find(f"Well, {phrase.phrase.upper()}!")


@pytest.mark.parametrize(
    ("sentence", "cue", "cost"),
    [
        ("We lose about $12,000 a month.", "we lose", "$12,000 a month"),
        ("It costs us £4.5k per quarter in fees.", "it costs us", "£4.5k per quarter"),
        ("We’re spending 10 hours a week on it.", "we're spending", "10 hours a week"),
        ("The issue is that 20% of orders are late.", "the issue is", "20%"),
        ("We can't see stock, it takes us an hour a day.", "we can't", "an hour a day"),
        ("The problem is people.", "the problem is", None),
        ("We need 500 dollars and two days.", "we need", "500 dollars"),
        ("We meet once a day.", None, None),
        ("We don't need anything else.", None, None),
    ],
)
def test_need_cues_and_what_the_problem_costs(sentence, cue, cost):
    assert lexicon.need_cue(sentence) == cue
    if cue:
        assert lexicon.cost_in(sentence) == cost
