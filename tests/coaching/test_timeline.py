"""The speaking timeline: lanes of segments scaled to a width, ready to draw."""

import pytest

from ally.coaching.timeline import speaking_timeline
from ally.coaching.transcripts import Turn, parse_transcript


def test_segments_are_scaled_to_the_width_and_sellers_come_first():
    turns = [Turn("Bo", 0, 10, "Hi.", 1), Turn("Ana", 10, 15, "Hello?", 2), Turn("Bo", 15, 20, "Yes.", 3)]
    timeline = speaking_timeline(turns, sellers="Ana", width=200)
    assert (timeline.unit, timeline.length, timeline.width) == ("seconds", 20, 200)
    assert [(lane.speaker, lane.seller) for lane in timeline.lanes] == [("Ana", True), ("Bo", False)]
    ana, bo = timeline.lanes
    assert [(s.start, s.end, s.x, s.width) for s in ana.segments] == [(10, 15, 100, 50)]
    assert [(s.x, s.width) for s in bo.segments] == [(0, 100), (150, 50)]


def test_segments_closer_than_the_minimum_gap_are_drawn_as_one():
    turns = [Turn("Ana", t, t + 0.9, "Go.", 1) for t in range(100)] + [Turn("Bo", 100, 200, "Ok.", 2)]
    lanes = speaking_timeline(turns, width=100, min_gap=0.5).lanes
    assert len(lanes[0].segments) == 1 and lanes[0].segments[0].end == pytest.approx(99.9)


def test_without_times_words_stand_in_for_seconds():
    timeline = speaking_timeline(parse_transcript("Ana: one two three.\nBo: four.\n"), width=40)
    assert timeline.unit == "words" and timeline.length == 4
    assert [(lane.speaker, [(s.x, s.width) for s in lane.segments]) for lane in timeline.lanes] == [
        ("Ana", [(0, 30)]),
        ("Bo", [(30, 10)]),
    ]
