"""Read call transcripts into speaking turns.

A turn is who spoke, when (start and end in seconds, each None when the file does not say), what
they said, and the line of the file it came from. Four shapes of file are read:

- **WebVTT** (``.vtt``) as Microsoft Teams writes it, the speaker in a voice tag
  ``<v Olivia Owner>Hi.</v>``, or as Zoom writes it, ``Olivia Owner: Hi.`` as the cue's text;
- **SRT** (``.srt``), numbered cues with ``Name: text`` as their text;
- **plain text**, one ``Name: text`` turn per line, each optionally starting with ``[hh:mm:ss]``
  or ``[mm:ss]``; a line without a name continues the turn before it.

The format is read from the content (a ``WEBVTT`` first line, a cue number followed by a timing
line, or a ``Name:`` first line); a filename only sharpens the error when the content is none of
them. A bad file raises one ``TranscriptError`` that names its line ("line 14: a cue's end
(00:00:03.000) is before its start (00:00:05.000)") rather than losing speech quietly. A cue's
line is the line of its timings.

Cue blocks are read here in one pass rather than by webvtt-py: webvtt-py keeps no line numbers,
skips a cue it cannot read without a word, and builds a full caption object (settings and all) per
cue, 54 ms of a 100 ms budget on a two-hour call. What a cue means follows webvtt-py (times,
voice spans, tags, SRT text across empty lines), and tests/coaching/test_webvtt_conformance.py
checks that both read the same turns.

A cue that names no speaker continues with the previous cue's speaker (tools write the name only
when it changes); a cue or line with no text is no turn.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ally.coaching.errors import TranscriptError

__all__ = ["Transcript", "TranscriptError", "Turn", "decode", "detect_format", "parse_transcript", "timing_of"]

FORMATS = ("vtt", "srt", "text")

# The line terminators webvtt-py splits on, so line numbers here and there agree.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls other than tab and the line/page breaks, DEL and C1: never in a real transcript.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM starts it
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_TIMING = re.compile(r"\s*(.*?)\s*-->\s*(\S*)")
# As webvtt-py accepts them (hours optional in WebVTT), but minutes and seconds must stay below 60.
_VTT_TIME = re.compile(r"(?:(\d{1,10}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})")
_SRT_TIME = re.compile(r"(\d{1,10}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})")
_TEXT_TIME = re.compile(r"(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2})(?:[.,](\d{1,3}))?")
_BRACKETED = re.compile(r"\s*\[([\d:.,\s]*)\]\s*")
# A voice span opening a line, as webvtt-py's ``Caption.voice`` reads it: "<v Ana>", "<v.loud Ana>".
_VOICE = re.compile(r"<v(?:\.\w+)*\s+([^>\s][^>]*)>")
_TAG = re.compile(r"<[^>]*>")

# A speaker label is 1-5 words before ": ", each capitalised, a number ("Speaker 1") or a
# particle ("Ana de Souza"): lower-case prose such as "the problem is: ..." is not a name.
_NAME = re.compile(r"[^\W\d_][\w.'’&()-]*(?: [\w.'’&()-]+){0,4}")
_PARTICLES = frozenset("de da di do dos das del della der den van von le la du bin al ibn ter".split())
_LABEL_WINDOW = 64


@dataclass(frozen=True, slots=True)
class Turn:
    """One stretch of speech by one speaker: a cue of a caption file or a line of a text file."""

    speaker: str
    start_s: float | None
    end_s: float | None
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Transcript:
    """A parsed transcript: its format ("vtt", "srt" or "text") and its turns in file order."""

    format: str
    turns: tuple[Turn, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaker names in the order they first speak."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))

    @property
    def timing(self) -> str:
        return timing_of(self.turns)


def timing_of(turns: Iterable[Turn]) -> str:
    """"cues" when every turn has a start and an end, "starts" when every turn has a start but
    some have no end (timestamped text), "none" otherwise (metrics then count words)."""
    turns = list(turns)
    if not turns or any(turn.start_s is None for turn in turns):
        return "none"
    if any(turn.end_s is None for turn in turns):
        return "starts"
    return "cues"


def parse_transcript(data: str | bytes, *, filename: str | None = None) -> Transcript:
    """Parse a transcript given as text or bytes; raises TranscriptError naming the bad line."""
    text = decode(data)
    lines = _LINE_BREAK.split(text)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TranscriptError(1, "the transcript is empty")
    fmt = detect_format(lines, filename=filename)
    turns = _PARSERS[fmt](lines, first)
    if not turns:
        what = "cue" if fmt != "text" else "turn"
        last = max(len(lines) - (lines[-1] == ""), 1)  # a final line break ends the last line
        raise TranscriptError(last, f"the file ends without a single {what} with text")
    return Transcript(fmt, tuple(turns))


def decode(data: str | bytes) -> str:
    """Text from bytes: a byte-order mark decides the encoding; without one UTF-8, else Windows-1252
    (what Windows tools write), else Latin-1. Binary data (a NUL, or four or more control
    characters making more than 1% of the text) is refused with the line of its first control character; a stray
    control character is dropped."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    elif isinstance(data, bytes | bytearray | memoryview):
        text = _decode_bytes(bytes(data))
    else:
        raise TypeError(f"a transcript is str or bytes, not {type(data).__name__}")
    return _without_controls(text)


def detect_format(lines: Sequence[str], *, filename: str | None = None) -> str:
    """"vtt", "srt" or "text" from the first lines; TranscriptError when it is none of them."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TranscriptError(1, "the transcript is empty")
    head = lines[first].strip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.isdigit() and first + 1 < len(lines) and "-->" in lines[first + 1]:
        return "srt"
    bracket = _BRACKETED.match(lines[first])
    if _split_label(lines[first][bracket.end():] if bracket else lines[first]) is not None:
        return "text"
    raise TranscriptError(first + 1, _unknown_format_message(lines, first, _extension(filename)))


def _unknown_format_message(lines: Sequence[str], first: int, hint: str | None) -> str:
    looks_like_cues = any("-->" in line for line in lines[first:first + 50])
    if hint == "vtt" or (looks_like_cues and hint != "srt"):
        return "a WebVTT file starts with a line 'WEBVTT' (an SRT file with a cue number)"
    if hint == "srt" or looks_like_cues:
        return "an SRT file starts with the number of its first cue, then its times ('1', then '00:00:01,000 --> ...')"
    return (
        "unknown format: expected WebVTT ('WEBVTT' first), SRT (numbered cues with '-->') "
        "or one 'Name: text' turn per line"
    )


def _extension(filename: str | None) -> str | None:
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    return {"vtt": "vtt", "webvtt": "vtt", "srt": "srt", "txt": "text"}.get(suffix)


# --- bytes and characters -------------------------------------------------------------------


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom):], encoding)
    if len(data) >= 4 and data[1::2].count(0) > 0.9 * (len(data) // 2) and data[0::2].count(0) == 0:
        return _decode_strict(data, "utf-16-le")  # UTF-16 without a BOM: every other byte is NUL
    if len(data) >= 4 and data[0::2].count(0) > 0.9 * (len(data) // 2) and data[1::2].count(0) == 0:
        return _decode_strict(data, "utf-16-be")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = len(_LINE_BREAK.split(data[: error.start].decode(encoding, errors="replace")))
        raise TranscriptError(line, f"the file says it is {encoding.upper()} but is not") from None


def _without_controls(text: str) -> str:
    bad = _CONTROL.search(text)
    if bad is None:
        return text
    count = len(_CONTROL.findall(text))
    if "\x00" in text or (count >= 4 and count * 100 > len(text)):
        line = len(_LINE_BREAK.split(text[: bad.start()]))
        raise TranscriptError(line, "this is binary data, not a transcript (not text)")
    return _CONTROL.sub("", text)


# --- caption files (WebVTT, SRT) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cue:
    line: int  # of its timings
    start_ms: int
    end_ms: int
    lines: list[str]


def _parse_vtt(lines: list[str], first: int) -> list[Turn]:
    return _turns_from_cues(_read_cues(lines, first + 1, srt=False))


def _parse_srt(lines: list[str], first: int) -> list[Turn]:
    return _turns_from_cues(_read_cues(lines, first, srt=True))


def _read_cues(lines: list[str], first: int, *, srt: bool) -> list[_Cue]:
    """Cue blocks in one pass. Every line with "-->" must be a cue's timings. A WebVTT cue's text
    runs to the next empty line (NOTE, STYLE and REGION blocks and cue identifiers lie outside
    cues and are skipped); an SRT cue's text runs to the next cue's number, empty lines within it
    dropped, as SRT readers (webvtt-py among them) do. An SRT cue must have its number."""
    pattern, shape = (_SRT_TIME, "hh:mm:ss,mmm") if srt else (_VTT_TIME, "hh:mm:ss.mmm")
    cues: list[_Cue] = []
    text: list[str] | None = None
    for index in range(first, len(lines)):
        line = lines[index]
        if "-->" in line:
            if srt:
                if not (index and lines[index - 1].strip().isdigit()):
                    raise TranscriptError(index + 1, "an SRT cue starts with its number on the line before its times")
                if text:
                    text.pop()  # that number was read as the previous cue's last line
            start, end = _timings(line, index + 1, pattern, shape, pad_fraction=not srt)
            text = []
            cues.append(_Cue(index + 1, start, end, text))
        elif text is None:
            continue
        elif line.strip():
            text.append(line)
        elif not srt:
            text = None
    return cues


def _timings(line: str, number: int, pattern, shape, *, pad_fraction: bool) -> tuple[int, int]:
    match = _TIMING.match(line)
    start = _milliseconds(match.group(1), pattern, shape, number, "start", pad_fraction)
    end = _milliseconds(match.group(2), pattern, shape, number, "end", pad_fraction)
    if end < start:
        raise TranscriptError(number, f"a cue's end ({match.group(2)}) is before its start ({match.group(1)})")
    return start, end


def _milliseconds(token, pattern, shape, line, which, pad_fraction) -> int:
    """WebVTT reads ".5" as 500 ms (``pad_fraction``); SRT readers read the digits as a number."""
    if not token:
        raise TranscriptError(line, f"a cue's {which} time is missing (expected {shape})")
    match = pattern.fullmatch(token)
    if match is None:
        raise TranscriptError(line, f"'{token}' is not a timestamp (expected {shape})")
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise TranscriptError(line, f"'{token}' is not a timestamp (minutes and seconds go up to 59)")
    millis = int(fraction.ljust(3, "0")) if pad_fraction else int(fraction)
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + millis


def _turns_from_cues(cues: list[_Cue]) -> list[Turn]:
    turns: list[Turn] = []
    speaker = None
    for cue in cues:
        start, end = cue.start_ms / 1000, cue.end_ms / 1000
        for voice, text in _voiced_pieces(cue.lines):
            said = text
            if voice is None:
                label = _split_label(text)
                if label is not None:
                    voice, said = label
            speaker = voice or speaker
            if not said:
                continue
            if speaker is None:
                raise TranscriptError(cue.line, _no_speaker_message(cues))
            turns.append(Turn(speaker, start, end, said, cue.line))
    return turns


def _voiced_pieces(lines: list[str]) -> list[tuple[str | None, str]]:
    """(voice, text) per run of lines: a voice tag opening a line names its speaker, and a cue can
    change voice on a later line ("<v Ana>Hi" then "<v Bo>Hey"). Tags are dropped from the text."""
    pieces: list[tuple[str | None, list[str]]] = []
    for raw in lines:
        voice = None
        if "<" in raw:
            match = _VOICE.match(raw)
            voice = " ".join(match.group(1).split()) if match else None
            raw = _TAG.sub("", raw)
        if voice is not None or not pieces:
            pieces.append((voice, [raw]))
        else:
            pieces[-1][1].append(raw)
    return [(voice, _clean(" ".join(texts))) for voice, texts in pieces]


def _clean(text: str, *, unescape: bool = True) -> str:
    if unescape and "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _no_speaker_message(cues: list[_Cue]) -> str:
    named = any(_VOICE.match(raw) or _split_label(_TAG.sub("", raw)) for cue in cues for raw in cue.lines)
    if not named:
        return "no cue names a speaker: write the speaker as <v Name> or 'Name: text'"
    return "this cue names no speaker (<v Name> or 'Name: text') and no cue before it did"


# --- plain text -------------------------------------------------------------------------------


def _parse_text(lines: list[str], first: int) -> list[Turn]:
    turns: list[list] = []  # [speaker, start, texts, line]
    for index in range(first, len(lines)):
        raw = lines[index]
        if not raw.strip():
            continue
        number = index + 1
        bracket = _BRACKETED.match(raw)
        start = _text_seconds(bracket.group(1), number) if bracket else None
        label = _split_label(raw[bracket.end():] if bracket else raw)
        if label is None:
            if bracket:
                raise TranscriptError(number, "a timestamp must be followed by 'Name: text'")
            if not turns:
                raise TranscriptError(number, "expected 'Name: text' (or '[hh:mm:ss] Name: text')")
            turns[-1][2].append(raw.strip())
            continue
        _check_text_time(turns, start, number)
        turns.append([label[0], start, [label[1]], number])
    return [
        Turn(speaker, start, None, text, line)
        for speaker, start, texts, line in turns
        if (text := _clean(" ".join(texts), unescape=False))
    ]


def _text_seconds(content: str, line: int) -> float:
    match = _TEXT_TIME.fullmatch(content.strip())
    if match is None:
        raise TranscriptError(line, f"'[{content}]' is not a timestamp ([hh:mm:ss] or [mm:ss])")
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        raise TranscriptError(line, f"'[{content}]' is not a timestamp (minutes and seconds go up to 59)")
    return (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds) + int((fraction or "0").ljust(3, "0")) / 1000


def _check_text_time(turns: list[list], start: float | None, line: int) -> None:
    if not turns:
        return
    if (start is None) != (turns[0][1] is None):
        has = (
            "has no timestamp but the first turn has one" if start is None
            else "has a timestamp but the first turn has none"
        )
        raise TranscriptError(line, f"this turn {has}: either every turn has one or none does")
    if start is not None and start < turns[-1][1]:
        previous = turns[-1][3]
        raise TranscriptError(line, f"this turn starts before the turn on line {previous}: timestamps must not go back")


def _split_label(text: str) -> tuple[str, str] | None:
    """("Olivia Owner", "Hi.") from "Olivia Owner: Hi.", None when the text starts with no name."""
    colon = text.find(":", 0, _LABEL_WINDOW)
    if colon <= 0 or (colon + 1 < len(text) and not text[colon + 1].isspace()):
        return None
    name = " ".join(text[:colon].split())
    if not _NAME.fullmatch(name):
        return None
    if not all(word[0].isupper() or word[0].isdigit() or word[0] == "(" or word in _PARTICLES for word in name.split()):
        return None
    return name, text[colon + 1:].strip()


_PARSERS = {"vtt": _parse_vtt, "srt": _parse_srt, "text": _parse_text}
