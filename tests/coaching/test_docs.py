"""docs/coaching.md says what the code does: every metric, list entry and error is written there."""

import dataclasses
import re
from pathlib import Path

import pytest

from ally.coaching import lexicon, transcripts
from ally.coaching.benchmarks import BENCHMARKS
from ally.coaching.metrics import ConversationMetrics

DOC = (Path(__file__).resolve().parents[2] / "docs" / "coaching.md").read_text(encoding="utf-8")

LISTS = {
    "OPEN_STARTERS": lexicon.OPEN_STARTERS,
    "HOW_FIGURE": lexicon.HOW_FIGURE,
    "CLOSED_STARTERS": lexicon.CLOSED_STARTERS,
    "TAG_ENDINGS": lexicon.TAG_ENDINGS,
    "LEAD_INS": lexicon.LEAD_INS,
    "SUBORDINATORS": lexicon.SUBORDINATORS,
    "HESITATIONS": lexicon.HESITATIONS,
    "NEED_CUES": lexicon.NEED_CUES,
    "name particles": sorted(transcripts._PARTICLES),
    "not fillers before you know": sorted(lexicon._NOT_FILLER_BEFORE_YOU_KNOW),
    "not hedges before kind of": sorted(lexicon._NOT_HEDGE_BEFORE),
}


@pytest.mark.parametrize("name", [field.name for field in dataclasses.fields(ConversationMetrics)])
def test_every_result_field_is_documented(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_entry_of_every_word_list_is_documented(name):
    missing = [entry for entry in LISTS[name] if f"`{entry}`" not in DOC]
    assert not missing, f"{name}: {missing}"


def test_every_pushy_phrase_is_documented_with_its_category_and_why():
    for phrase in lexicon.PUSHY_PHRASES:
        assert f"| `{phrase.phrase}` | {phrase.category} | {phrase.why} |" in DOC, phrase


def test_every_benchmark_source_is_cited():
    for benchmark in BENCHMARKS.values():
        assert f"`{benchmark.metric}`" in DOC
        for source in benchmark.sources:
            assert source.url in DOC, source.url


def test_the_doc_ends_with_the_metric_sections_for_the_integrator_to_follow():
    headings = re.findall(r"^## (.+)$", DOC, flags=re.M)
    assert headings[-8:] == ["Talk share", "Questions", "Longest seller monologue and longest customer story",
                             "Patience", "Interruptions", "Filler words", "Pushy phrases", "Need statements"]
    assert not re.search(r"\bTODO\b|\bTBD\b|placeholder", DOC, flags=re.I)
