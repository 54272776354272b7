"""Who spoke when, laid out for drawing: one lane per speaker, segments scaled to a width.

Pure data: the page draws each segment as a rectangle at ``x`` of ``width`` in its lane. A two-hour
call has thousands of cues, most a few pixels apart, so segments of one speaker closer than
``min_gap`` units are merged: the picture is the same and the SVG a fraction of the size. Without
times, words stand in for seconds (``unit`` "words"): the lanes still show who held the floor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ally.coaching.metrics import resolve_sellers, speaking_spans, word_count
from ally.coaching.transcripts import Transcript, Turn, timing_of


@dataclass(frozen=True, slots=True)
class Segment:
    start: float  # seconds (or words) from the start of the call
    end: float
    x: float  # start scaled to the width
    width: float


@dataclass(frozen=True, slots=True)
class Lane:
    speaker: str
    seller: bool
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Lanes, seller side first, then the customers in the order they first speak."""

    unit: str  # "seconds" or "words"
    length: float  # of the call, in that unit
    width: float
    lanes: tuple[Lane, ...]


def speaking_timeline(
    turns: Transcript | Iterable[Turn],
    *,
    sellers: str | Iterable[str] | None = None,
    width: float = 1000.0,
    min_gap: float = 0.5,
) -> Timeline:
    """Segments per speaker, scaled so the call spans ``width``; sellers as in conversation_metrics."""
    turns = list(turns.turns if isinstance(turns, Transcript) else turns)
    if not turns:
        raise ValueError("a timeline needs at least one turn")
    timing = timing_of(turns)
    order = sorted(turns, key=lambda turn: turn.start_s) if timing != "none" else turns
    spans, unit = _spans(order, timing)
    origin = spans[0][0]
    length = max(end for _, end in spans) - origin
    scale = width / length if length > 0 else 0.0
    seller_names = resolve_sellers(order, sellers)
    pieces: dict[str, list[tuple[float, float]]] = {}
    for turn, span in zip(order, spans, strict=True):
        pieces.setdefault(turn.speaker, []).append(span)
    lanes = [
        Lane(speaker, speaker in seller_names, _segments(pieces[speaker], origin, scale, min_gap))
        for speaker in sorted(pieces, key=lambda name: name not in seller_names)  # stable: first-speaking order
    ]
    return Timeline(unit, length, width, tuple(lanes))


def _spans(order, timing):
    if timing != "none":
        return speaking_spans(order, timing), "seconds"
    spans, position = [], 0.0
    for turn in order:
        spans.append((position, position + word_count(turn)))
        position += word_count(turn)
    return spans, "words"


def _segments(spans, origin, scale, min_gap) -> tuple[Segment, ...]:
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and (start - merged[-1][1]) * scale < min_gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(
        Segment(start - origin, end - origin, (start - origin) * scale, (end - start) * scale) for start, end in merged
    )
