"""Properties over generated calls and generated garbage."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ally.coaching.errors import TranscriptError
from ally.coaching.metrics import conversation_metrics
from ally.coaching.timeline import speaking_timeline
from ally.coaching.transcripts import Turn, parse_transcript

SPEAKERS = ["Ana", "Bo", "Cy"]
WORDS = ["what", "how", "do", "you", "is", "it", "we", "need", "right", "um", "like", "sign", "today", "trust", "me"]
sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.sampled_from([".", "?", "!", ", right?", ""]),
)
text = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


TIMINGS = st.sampled_from(["cues", "starts", "none"])


@st.composite
def calls(draw):
    timing = draw(TIMINGS)
    turns, clock = [], 0.0
    for line in range(1, draw(st.integers(1, 25)) + 1):
        clock += draw(st.floats(0, 5))
        duration = draw(st.floats(0, 30))
        start = None if timing == "none" else round(clock, 3)
        end = round(clock + duration, 3) if timing == "cues" else None
        turns.append(Turn(draw(st.sampled_from(SPEAKERS)), start, end, draw(text), line))
    return turns


@settings(max_examples=150, deadline=None)
@given(calls())
def test_talk_share_is_between_zero_and_one_and_questions_add_up(turns):
    metrics = conversation_metrics(turns)
    assert 0.0 <= metrics.seller_talk_share <= 1.0
    assert metrics.open_question_count + metrics.closed_question_count == metrics.seller_question_count
    assert all(q.speaker in metrics.sellers for q in metrics.questions)
    assert all(n.speaker not in metrics.sellers for n in metrics.need_statements)
    if metrics.patience_s is not None:
        assert metrics.patience_s >= 0
    for stretch in (metrics.longest_seller_monologue_s, metrics.longest_customer_story_s):
        assert stretch is None or 0 <= stretch <= metrics.duration_s + 1e-9


@settings(max_examples=150, deadline=None)
@given(calls(), st.sampled_from(["What happened next?", "Do you agree?", "So, how, right?"]))
def test_adding_a_seller_question_never_lowers_the_count(turns, question):
    before = conversation_metrics(turns)
    seller = turns[0].speaker
    last = turns[-1]
    start = None if last.start_s is None else last.start_s + 1
    end = None if last.end_s is None else max(last.end_s, start) + 1
    longer = [*turns, Turn(seller, start, end, question, last.line + 1)]
    assert conversation_metrics(longer).seller_question_count == before.seller_question_count + 1
    # also inside an existing seller turn
    index = next(i for i, turn in enumerate(turns) if turn.speaker == seller)
    edited = list(turns)
    edited[index] = Turn(seller, turns[index].start_s, turns[index].end_s, f"{turns[index].text} {question}", turns[index].line)
    assert conversation_metrics(edited).seller_question_count >= before.seller_question_count + 1


@settings(max_examples=100, deadline=None)
@given(calls())
def test_timeline_segments_stay_inside_the_width(turns):
    timeline = speaking_timeline(turns, width=500)
    for lane in timeline.lanes:
        for segment in lane.segments:
            assert -1e-6 <= segment.x and segment.x + segment.width <= 500 + 1e-6


FRAGMENTS = [
    "WEBVTT", "", "1", "2", "00:00:01.000 --> 00:00:02.000", "00:00:03,000 --> 00:00:02,000", "-->",
    "00:00:0x.000 --> 00:01.000", "<v Ana>Hi</v>", "<v>", "Ana: hi", "Bo: hey?", "[00:00:05] Ana: ok", "[99:99] Bo:",
    "NOTE x", "STYLE", "REGION", "::cue { color: red }", "&amp;", "text without a name", "\ufeff", "\x00", "\r",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(string.printable, max_size=20), max_size=15).map("\n".join))
def test_the_parser_raises_nothing_but_transcript_error_on_near_transcripts(content):
    try:
        parse_transcript(content)
    except TranscriptError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text() | st.binary())
def test_the_parser_raises_nothing_but_transcript_error_on_random_input(content):
    try:
        transcript = parse_transcript(content)
    except TranscriptError:
        return
    assert transcript.turns and all(turn.text for turn in transcript.turns)
