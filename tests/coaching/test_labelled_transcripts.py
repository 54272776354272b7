"""Truth: hand-labelled transcripts under transcripts/, one of each format, every metric checked.

Each ``<name>.labels.json`` was worked out by hand from the times and words in ``<name>.<ext>``
(its "about" says how); the code was then run against it. Tolerances: talk share 0.01, stretches
0.5 s, patience and rates 0.01; counts, question marks, pushy phrases and needs exactly.
"""

import json
from pathlib import Path

import pytest

from ally.coaching.metrics import conversation_metrics
from ally.coaching.transcripts import parse_transcript

TRANSCRIPTS = Path(__file__).parent / "transcripts"
CASES = sorted(path.name.removesuffix(".labels.json") for path in TRANSCRIPTS.glob("*.labels.json"))


def load(name):
    label = json.loads((TRANSCRIPTS / f"{name}.labels.json").read_text(encoding="utf-8"))
    source = next(p for p in TRANSCRIPTS.iterdir() if p.name.startswith(f"{name}.") and p.suffix != ".json")
    return source, label


def approx_or_none(value, tolerance):
    return None if value is None else pytest.approx(value, abs=tolerance)


def test_the_truth_covers_every_format_a_pushy_call_and_a_listening_one():
    formats = {load(name)[1]["format"] for name in CASES}
    timings = {load(name)[1]["expected"]["timing"] for name in CASES}
    assert formats == {"vtt", "srt", "text"} and timings == {"cues", "starts", "none"}
    assert len(CASES) >= 5
    shares = [load(name)[1]["expected"]["seller_talk_share"] for name in CASES]
    assert min(shares) < 0.3 and max(shares) > 0.75


@pytest.mark.parametrize("name", CASES)
def test_the_transcript_parses_into_its_labelled_speakers_and_turns(name):
    source, label = load(name)
    # when
    transcript = parse_transcript(source.read_bytes(), filename=source.name)
    # then
    assert transcript.format == label["format"]
    assert transcript.speakers == tuple(label["speakers"])
    assert len(transcript.turns) == label["turns"]
    assert transcript.timing == label["expected"]["timing"]


@pytest.mark.parametrize("name", CASES)
def test_every_metric_equals_its_hand_label(name):
    # given
    source, label = load(name)
    expected = label["expected"]
    transcript = parse_transcript(source.read_bytes(), filename=source.name)
    # when
    got = conversation_metrics(transcript, sellers=label["sellers"])
    # then
    assert list(got.sellers) == expected["sellers"]
    assert got.seller_talk_share == pytest.approx(expected["seller_talk_share"], abs=0.01)
    assert got.seller_talk_s == approx_or_none(expected["seller_talk_s"], 0.5)
    assert got.customer_talk_s == approx_or_none(expected["customer_talk_s"], 0.5)
    assert got.seller_question_count == expected["seller_question_count"]
    assert got.open_question_count == expected["open_question_count"]
    assert got.closed_question_count == expected["seller_question_count"] - expected["open_question_count"]
    assert [(q.text, q.kind) for q in got.questions] == [(q["text"], q["kind"]) for q in expected["questions"]]
    assert [q.at_s for q in got.questions] == [approx_or_none(q["at_s"], 0.01) for q in expected["questions"]]
    assert got.longest_seller_monologue_s == approx_or_none(expected["longest_seller_monologue_s"], 0.5)
    assert got.longest_customer_story_s == approx_or_none(expected["longest_customer_story_s"], 0.5)
    assert got.patience_s == approx_or_none(expected["patience_s"], 0.01)
    assert got.interruptions == expected["interruptions"]
    assert got.filler_words == expected["filler_words"]
    assert got.filler_words_per_minute == approx_or_none(expected["filler_words_per_minute"], 0.01)
    assert [(h.phrase, h.quote) for h in got.pushy_phrases] == [(h["phrase"], h["quote"]) for h in expected["pushy_phrases"]]
    assert [h.at_s for h in got.pushy_phrases] == [approx_or_none(h["at_s"], 0.01) for h in expected["pushy_phrases"]]
    assert [(n.quote, n.speaker, n.cost) for n in got.need_statements] == [
        (n["quote"], n["speaker"], n["cost"]) for n in expected["need_statements"]
    ]
    assert [n.at_s for n in got.need_statements] == [approx_or_none(n["at_s"], 0.01) for n in expected["need_statements"]]


@pytest.mark.parametrize("name", CASES)
def test_as_json_carries_the_same_numbers_under_the_published_names(name):
    source, label = load(name)
    got = conversation_metrics(parse_transcript(source.read_bytes()), sellers=label["sellers"])
    data = json.loads(json.dumps(got.as_json()))
    for key in ("seller_talk_share", "seller_question_count", "open_question_count", "longest_seller_monologue_s",
                "longest_customer_story_s", "patience_s", "interruptions", "filler_words_per_minute"):
        expected = label["expected"][key]
        assert data[key] == (expected if expected is None or isinstance(expected, int) and key.endswith("count")
                             else pytest.approx(expected, abs=0.01))
    assert [set(q) for q in data["questions"]] == [{"text", "at_s", "kind", "speaker", "line"}] * len(data["questions"])
    assert all({"phrase", "quote", "at_s"} <= set(hit) for hit in data["pushy_phrases"])
    assert all({"quote", "at_s", "speaker", "cost"} <= set(need) for need in data["need_statements"])
