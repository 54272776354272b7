"""Conversation metrics from the seller's side: is the seller asking or telling?

Input is the turns of one call (``transcripts.parse_transcript(...).turns``, or any ``Turn``s) and
which speakers are the seller's side (default: whoever speaks first). Everyone else is the
customer's side. Definitions, exactly as computed (docs/coaching.md says the same in prose):

- **seller_talk_share** = the seller side's speaking time / both sides' speaking time. A speaker's
  time is the union of their cues (a speaker's own overlapping cues count once), so pauses count
  for no one and overlapping speech counts for each speaker who spoke. Without times, words
  replace seconds. With start times only (timestamped text), a turn lasts until the next turn
  starts; the last one lasts its words at 150 words a minute.
- **questions**: every seller sentence ending in "?", with the start of its cue (``at_s``) and
  "open"/"closed" from ``lexicon.question_kind``; ``seller_question_count``,
  ``open_question_count``, ``closed_question_count``.
- **longest_seller_monologue_s**, **longest_customer_story_s**: turns in start order are grouped
  into runs of one side; a run lasts from the start of its first cue to the latest end among its
  cues, across pauses; a cue of the other side starts a new run. The longest run of each side.
- **patience_s**: the mean pause between the end of a customer run and the start of the seller
  cue that follows it, over the pauses that are not negative (overlaps are interruptions, not
  pauses). None when no seller cue follows a customer one after a pause.
- **interruptions**: seller cues that start while a customer cue is under way (strictly after
  that cue's start, strictly before its end).
- **filler_words**, **filler_words_per_minute**: the seller's filler words
  (``lexicon.count_fillers``) and their number per minute of the seller's speaking time.
- **pushy_phrases**: each pushy phrase (``lexicon.PUSHY_PHRASES`` plus the workspace's own) in a
  seller sentence: ``{phrase, category, quote, at_s, speaker, line}``, once per sentence.
- **need_statements**: customer sentences with a need cue (``lexicon.NEED_CUES``), in their words:
  ``{quote, at_s, speaker, cost, cue, line}``, cost being the amount the sentence names if any.

Times need cue ends for patience and interruptions, and any times for the stretches and the
filler rate: without them those are None, never a guess presented as a measurement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ally.coaching import lexicon
from ally.coaching.transcripts import Transcript, Turn, timing_of

WORDS_PER_MINUTE = 150  # assumed speaking rate, only for the last turn of timestamped text
_SECONDS_PER_WORD = 60 / WORDS_PER_MINUTE


@dataclass(frozen=True, slots=True)
class Question:
    """A seller sentence ending in "?"; ``kind`` is "open" or "closed"."""

    text: str
    at_s: float | None
    kind: str
    speaker: str
    line: int


@dataclass(frozen=True, slots=True)
class PushyHit:
    """A pushy phrase found in a seller sentence (``quote``)."""

    phrase: str
    category: str
    quote: str
    at_s: float | None
    speaker: str
    line: int


@dataclass(frozen=True, slots=True)
class NeedStatement:
    """A customer sentence that states a need or a problem, a suggestion for a Need in their words."""

    quote: str
    at_s: float | None
    speaker: str
    cost: str | None
    cue: str
    line: int


@dataclass(frozen=True)
class ConversationMetrics:
    """What ``conversation_metrics`` measured; ``as_json()`` gives the same as plain JSON types."""

    sellers: tuple[str, ...]
    customers: tuple[str, ...]
    timing: str  # "cues", "starts" or "none" (see transcripts.timing_of)
    talk_basis: str  # "seconds" or "words": what seller_talk_share divides
    duration_s: float | None
    seller_talk_s: float | None
    customer_talk_s: float | None
    seller_words: int
    customer_words: int
    seller_talk_share: float
    questions: tuple[Question, ...]
    seller_question_count: int
    open_question_count: int
    closed_question_count: int
    longest_seller_monologue_s: float | None
    longest_customer_story_s: float | None
    patience_s: float | None
    interruptions: int | None
    filler_words: int
    filler_words_per_minute: float | None
    pushy_phrases: tuple[PushyHit, ...]
    need_statements: tuple[NeedStatement, ...]

    def as_json(self) -> dict:
        return {
            "sellers": list(self.sellers),
            "customers": list(self.customers),
            "timing": self.timing,
            "talk_basis": self.talk_basis,
            "duration_s": _round(self.duration_s),
            "seller_talk_s": _round(self.seller_talk_s),
            "customer_talk_s": _round(self.customer_talk_s),
            "seller_words": self.seller_words,
            "customer_words": self.customer_words,
            "seller_talk_share": _round(self.seller_talk_share, 4),
            "questions": [
                {"text": q.text, "at_s": _round(q.at_s), "kind": q.kind, "speaker": q.speaker, "line": q.line}
                for q in self.questions
            ],
            "seller_question_count": self.seller_question_count,
            "open_question_count": self.open_question_count,
            "closed_question_count": self.closed_question_count,
            "longest_seller_monologue_s": _round(self.longest_seller_monologue_s),
            "longest_customer_story_s": _round(self.longest_customer_story_s),
            "patience_s": _round(self.patience_s),
            "interruptions": self.interruptions,
            "filler_words": self.filler_words,
            "filler_words_per_minute": _round(self.filler_words_per_minute, 2),
            "pushy_phrases": [
                {"phrase": h.phrase, "category": h.category, "quote": h.quote, "at_s": _round(h.at_s),
                 "speaker": h.speaker, "line": h.line}
                for h in self.pushy_phrases
            ],
            "need_statements": [
                {"quote": n.quote, "at_s": _round(n.at_s), "speaker": n.speaker, "cost": n.cost, "cue": n.cue,
                 "line": n.line}
                for n in self.need_statements
            ],
        }


def conversation_metrics(
    turns: Transcript | Iterable[Turn],
    *,
    sellers: str | Iterable[str] | None = None,
    extra_pushy_phrases: Iterable[str | lexicon.PushyPhrase] = (),
) -> ConversationMetrics:
    """Measure one call. ``sellers``: the seller side's speaker names as in the transcript (any
    case); None means the first to speak. ``extra_pushy_phrases``: a workspace's own phrases, added
    to the default lexicon. Raises ValueError for no turns or a seller who never speaks."""
    turns = list(turns.turns if isinstance(turns, Transcript) else turns)
    if not turns:
        raise ValueError("a conversation needs at least one turn")
    timing = timing_of(turns)
    order = sorted(turns, key=lambda turn: turn.start_s) if timing != "none" else turns
    seller_names = resolve_sellers(order, sellers)
    side = [turn.speaker in seller_names for turn in order]
    spans = speaking_spans(order, timing)
    talk = _talk(order, side, spans)
    said = _listen(order, side, lexicon.pushy_matcher(tuple(extra_pushy_phrases)))
    seller_s, customer_s, basis, share = talk
    stretches = _longest_runs(side, spans) if spans else (None, None)
    pauses = _patience(side, spans) if timing == "cues" else (None, None)
    return ConversationMetrics(
        sellers=tuple(name for name in dict.fromkeys(t.speaker for t in order) if name in seller_names),
        customers=tuple(name for name in dict.fromkeys(t.speaker for t in order) if name not in seller_names),
        timing=timing,
        talk_basis=basis,
        duration_s=(max(end for _, end in spans) - spans[0][0]) if spans else None,
        seller_talk_s=seller_s,
        customer_talk_s=customer_s,
        seller_words=said.seller_words,
        customer_words=said.customer_words,
        seller_talk_share=share,
        questions=tuple(said.questions),
        seller_question_count=len(said.questions),
        open_question_count=sum(q.kind == "open" for q in said.questions),
        closed_question_count=sum(q.kind == "closed" for q in said.questions),
        longest_seller_monologue_s=stretches[0],
        longest_customer_story_s=stretches[1],
        patience_s=pauses[0],
        interruptions=pauses[1],
        filler_words=said.fillers,
        filler_words_per_minute=(said.fillers / (seller_s / 60)) if seller_s else None,
        pushy_phrases=tuple(said.pushy),
        need_statements=tuple(said.needs),
    )


def resolve_sellers(turns: Sequence[Turn], sellers: str | Iterable[str] | None) -> frozenset[str]:
    """The seller side's names as spelled in the transcript; None means the first speaker."""
    if sellers is None:
        return frozenset({turns[0].speaker})
    wanted = [sellers] if isinstance(sellers, str) else list(sellers)
    spoken = {turn.speaker.casefold(): turn.speaker for turn in turns}
    missing = [name for name in wanted if name.casefold() not in spoken]
    if missing or not wanted:
        raise ValueError(
            f"seller {', '.join(map(repr, missing)) or '(none given)'} does not speak in this transcript; "
            f"the speakers are {', '.join(map(repr, dict.fromkeys(t.speaker for t in turns)))}"
        )
    return frozenset(spoken[name.casefold()] for name in wanted)


def speaking_spans(order: Sequence[Turn], timing: str) -> list[tuple[float, float]]:
    """(start, end) per turn in start order. Timestamped text has no ends: a turn ends when the
    next later turn starts, the last after its words at WORDS_PER_MINUTE. Empty without times."""
    if timing == "cues":
        return [(turn.start_s, turn.end_s) for turn in order]
    if timing != "starts":
        return []
    spans: list[tuple[float, float]] = [(0.0, 0.0)] * len(order)
    next_start = None
    for index in range(len(order) - 1, -1, -1):
        start = order[index].start_s
        if index + 1 < len(order) and order[index + 1].start_s > start:
            next_start = order[index + 1].start_s
        end = next_start if next_start is not None else start + word_count(order[index]) * _SECONDS_PER_WORD
        spans[index] = (start, end)
    return spans


def _talk(order, side, spans):
    """(seller seconds, customer seconds, basis, share)."""
    if spans:
        by_speaker: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for turn, span in zip(order, spans, strict=True):
            by_speaker[turn.speaker].append(span)
        seconds = {speaker: _union_length(pieces) for speaker, pieces in by_speaker.items()}
        seller_names = {turn.speaker for turn, is_seller in zip(order, side, strict=True) if is_seller}
        seller_s = sum(s for speaker, s in seconds.items() if speaker in seller_names)
        customer_s = sum(s for speaker, s in seconds.items() if speaker not in seller_names)
        if seller_s + customer_s > 0:
            return seller_s, customer_s, "seconds", seller_s / (seller_s + customer_s)
    else:
        seller_s = customer_s = None
    seller_words = sum(word_count(turn) for turn, is_seller in zip(order, side, strict=True) if is_seller)
    all_words = sum(word_count(turn) for turn in order)
    return seller_s, customer_s, "words", seller_words / all_words if all_words else 0.0


def _union_length(pieces: list[tuple[float, float]]) -> float:
    total, reach = 0.0, None
    for start, end in sorted(pieces):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def _longest_runs(side, spans) -> tuple[float, float]:
    """(longest seller run, longest customer run) in seconds; 0.0 for a side that never speaks."""
    best = {True: 0.0, False: 0.0}
    current, run_start, run_end = None, 0.0, 0.0
    for is_seller, (start, end) in zip(side, spans, strict=True):
        if is_seller != current:
            if current is not None:
                best[current] = max(best[current], run_end - run_start)
            current, run_start, run_end = is_seller, start, end
        else:
            run_end = max(run_end, end)
    best[current] = max(best[current], run_end - run_start)
    return best[True], best[False]


def _patience(side, spans) -> tuple[float | None, int]:
    """(mean pause before the seller answers a customer run, seller cues started over a customer
    cue). Spans are in start order; at equal starts a seller cue is not over the customer's."""
    pauses, interruptions = [], 0
    customer_reach = None  # latest end of the customer cues that started strictly earlier
    pending_reach, pending_start = None, None  # customer cues at the current start time
    run_end, previous_side = None, None
    for is_seller, (start, end) in zip(side, spans, strict=True):
        if pending_start is not None and start > pending_start:
            customer_reach = pending_reach if customer_reach is None else max(customer_reach, pending_reach)
            pending_reach = pending_start = None
        if is_seller:
            if customer_reach is not None and start < customer_reach:
                interruptions += 1
            if previous_side is False and start >= run_end:
                pauses.append(start - run_end)
        else:
            run_end = end if previous_side is not False else max(run_end, end)
            pending_start = start
            pending_reach = end if pending_reach is None else max(pending_reach, end)
        previous_side = is_seller
    return (sum(pauses) / len(pauses) if pauses else None), interruptions


@dataclass
class _Said:
    questions: list[Question]
    pushy: list[PushyHit]
    needs: list[NeedStatement]
    fillers: int = 0
    seller_words: int = 0
    customer_words: int = 0


def _listen(order, side, matcher: lexicon.PushyMatcher) -> _Said:
    """One pass over the words: the seller's questions, pushy phrases and fillers, the customer's needs."""
    said = _Said([], [], [])
    for turn, is_seller in zip(order, side, strict=True):
        words = word_count(turn)
        # Whole-turn checks first: most turns hold no question, pushy phrase or need, and then
        # need no sentence-by-sentence look (the sentence checks alone decide what is reported).
        if is_seller:
            said.seller_words += words
            said.fillers += lexicon.count_fillers(turn.text)
            if "?" in turn.text or matcher.find_any(turn.text):
                for sentence in lexicon.sentences(turn.text):
                    _seller_sentence(said, turn, sentence, matcher)
        else:
            said.customer_words += words
            if not lexicon.need_cue(turn.text):
                continue
            for sentence in lexicon.sentences(turn.text):
                cue = lexicon.need_cue(sentence)
                if cue:
                    said.needs.append(
                        NeedStatement(sentence, turn.start_s, turn.speaker, lexicon.cost_in(sentence), cue, turn.line)
                    )
    return said


def _seller_sentence(said: _Said, turn: Turn, sentence: str, matcher: lexicon.PushyMatcher) -> None:
    if lexicon.is_question(sentence):
        kind = lexicon.question_kind(sentence)
        said.questions.append(Question(sentence, turn.start_s, kind, turn.speaker, turn.line))
    for phrase in matcher.find(sentence):
        said.pushy.append(PushyHit(phrase.phrase, phrase.category, sentence, turn.start_s, turn.speaker, turn.line))


def word_count(turn: Turn) -> int:
    """Words in a turn: runs of non-space characters."""
    return len(turn.text.split())


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
