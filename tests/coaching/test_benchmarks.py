"""Published benchmarks: each names a real metric and where it was published."""

import dataclasses

from ally.coaching.benchmarks import BENCHMARKS, benchmarks_as_json
from ally.coaching.metrics import ConversationMetrics

FIELDS = {field.name for field in dataclasses.fields(ConversationMetrics)}


def test_every_benchmark_is_for_a_metric_the_core_computes_and_cites_a_source():
    assert set(BENCHMARKS) <= FIELDS
    for benchmark in BENCHMARKS.values():
        assert benchmark.summary and benchmark.sources
        assert all(source.url.startswith("https://") and source.publisher for source in benchmark.sources)


def test_gongs_talk_ratio_and_question_range():
    talk, questions = BENCHMARKS["seller_talk_share"], BENCHMARKS["seller_question_count"]
    assert (talk.target, talk.high, talk.sources[0].publisher, talk.sources[0].year) == (0.43, 0.65, "Gong Labs", 2016)
    assert (questions.low, questions.high) == (11, 14)


def test_secondhand_figures_say_so():
    assert "Secondhand" in BENCHMARKS["patience_s"].caveat


def test_benchmarks_as_json_is_plain_data():
    data = benchmarks_as_json()
    assert data["seller_talk_share"]["sources"][0]["year"] == 2016
