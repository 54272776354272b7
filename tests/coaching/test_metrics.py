"""Metric definitions at their edges: overlaps, several sellers, equal starts, no times."""

import pytest

from ally.coaching.metrics import conversation_metrics
from ally.coaching.transcripts import Turn


def cue(speaker, start, end, text="Words here.", line=1):
    return Turn(speaker, start, end, text, line)


def test_a_speakers_own_overlapping_cues_count_once_and_overlap_between_speakers_counts_for_both():
    turns = [cue("Ana", 0, 10), cue("Ana", 5, 12), cue("Bo", 8, 20)]
    metrics = conversation_metrics(turns)
    assert (metrics.seller_talk_s, metrics.customer_talk_s) == (12, 12)
    assert metrics.seller_talk_share == 0.5
    assert metrics.interruptions == 0  # Ana was speaking first; Bo started over her, not the other way round


def test_several_speakers_can_be_the_seller_side_named_in_any_case():
    turns = [cue("Bo", 0, 10), cue("Ana", 10, 14, "What now?"), cue("Cy", 14, 16, "And why?"), cue("Bo", 17, 30)]
    metrics = conversation_metrics(turns, sellers=["ana", "CY"])
    assert metrics.sellers == ("Ana", "Cy") and metrics.customers == ("Bo",)
    assert metrics.seller_talk_share == pytest.approx(6 / 29)
    assert metrics.seller_question_count == 2
    assert metrics.longest_seller_monologue_s == 6
    assert metrics.patience_s == 0  # Ana answered the instant Bo stopped


def test_a_seller_who_never_speaks_is_an_error_naming_who_does():
    with pytest.raises(ValueError, match="seller 'Zed' does not speak in this transcript; the speakers are 'Ana', 'Bo'"):
        conversation_metrics([cue("Ana", 0, 1), cue("Bo", 1, 2)], sellers="Zed")
    with pytest.raises(ValueError, match="at least one turn"):
        conversation_metrics([])


def test_starting_together_is_not_an_interruption_and_overlap_is_not_a_pause():
    turns = [cue("Ana", 0, 2), cue("Bo", 3, 10), cue("Ana", 3, 4), cue("Ana", 9, 11)]
    metrics = conversation_metrics(turns)
    assert metrics.interruptions == 1  # the cue at 9 s, inside Bo's 3-10 s; not the one at 3 s
    assert metrics.patience_s is None  # neither seller cue waited for Bo to finish


def test_zero_length_cues_fall_back_to_words():
    metrics = conversation_metrics([cue("Ana", 1, 1, "one two three"), cue("Bo", 2, 2, "four")])
    assert (metrics.talk_basis, metrics.seller_talk_share) == ("words", 0.75)


def test_the_seller_defaults_to_whoever_speaks_first_not_whoever_is_first_in_the_file():
    metrics = conversation_metrics([cue("Bo", 5, 9), cue("Ana", 0, 4)])
    assert metrics.sellers == ("Ana",)
