"""Ally reads cue files itself (line numbers, one error per bad file, speed), so webvtt-py, the
usual Python reader, is the reference it must agree with: same times, same voices, same text, on
every labelled caption file and on generated two-hour calls in both the Teams and the Zoom shape."""

import io
import sys
from pathlib import Path

import pytest
import webvtt

from ally.coaching.transcripts import _split_label, decode, parse_transcript

TRANSCRIPTS = Path(__file__).parent / "transcripts"
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_coaching import generate_vtt  # noqa: E402


def webvtt_turns(text: str, fmt: str):
    """(start, end, speaker, text) per caption as webvtt-py reads it: the voice span, or else the
    'Name:' label, or else the previous caption's speaker."""
    if fmt == "vtt":
        captions = webvtt.from_string(text).captions
    else:
        captions = webvtt.from_buffer(io.StringIO(text), format="srt").captions
    turns, speaker = [], None
    for caption in captions:
        said = " ".join(caption.text.split())
        voice = caption.voice
        if voice is None and (label := _split_label(said)):
            voice, said = label
        speaker = voice or speaker
        if said:
            turns.append((caption.start_time.in_milliseconds() / 1000, caption.end_time.in_milliseconds() / 1000,
                          speaker, said))
    return turns


CASES = [(path.name, path.read_bytes()) for path in sorted(TRANSCRIPTS.glob("*.vtt")) + sorted(TRANSCRIPTS.glob("*.srt"))]
CASES += [(f"generated-{style}", generate_vtt(2000, 14, style)) for style in ("teams", "zoom")]


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name, _ in CASES])
def test_ally_reads_the_same_turns_as_webvtt_py(name, data):
    transcript = parse_transcript(data)
    ours = [(t.start_s, t.end_s, t.speaker, t.text) for t in transcript.turns]
    assert ours == webvtt_turns(decode(data), transcript.format)
