"""Reading transcripts: the formats, encodings and quirks real exports have, and one clear error
naming the line for every way a file can be bad."""

import codecs

import pytest

from ally.coaching.errors import TranscriptError
from ally.coaching.transcripts import Turn, parse_transcript

TEAMS = """WEBVTT

a1b2/1-0
00:00:01.000 --> 00:00:04.500
<v Olivia Owner>Hi Alice,
thanks &amp; welcome.</v>

a1b2/2-0
00:00:05.000 --> 00:00:07.000
<v.loud Alice Ally>Happy to be here.</v>
"""


def test_teams_voice_tags_name_the_speaker_and_the_timing_line_is_the_turns_line():
    transcript = parse_transcript(TEAMS)
    assert transcript.format == "vtt"
    assert transcript.turns == (
        Turn("Olivia Owner", 1.0, 4.5, "Hi Alice, thanks & welcome.", 4),
        Turn("Alice Ally", 5.0, 7.0, "Happy to be here.", 9),
    )


def test_zoom_names_the_speaker_before_a_colon_and_hours_are_optional():
    text = "WEBVTT\n\n1\n00:01.000 --> 00:02.250\nOlivia Owner: Hi there.\n\n2\n00:03.000 --> 00:04.000\nSPEAKER_01: Hello!\n"
    assert parse_transcript(text).turns == (
        Turn("Olivia Owner", 1.0, 2.25, "Hi there.", 4),
        Turn("SPEAKER_01", 3.0, 4.0, "Hello!", 8),
    )


def test_a_cue_without_a_name_continues_the_speaker_before_it_and_empty_cues_are_no_turns():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: One.\n\n00:00:02.000 --> 00:00:03.000\n\n00:00:03.000 --> 00:00:04.000\nTwo, at 10:30 sharp.\n"
    assert [(t.speaker, t.text, t.line) for t in parse_transcript(text).turns] == [("Ana", "One.", 3), ("Ana", "Two, at 10:30 sharp.", 8)]


def test_a_cue_that_changes_voice_gives_each_voice_a_turn_over_the_cues_time():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Ready?</v>\n<v Bo>Yes.</v>\n"
    assert parse_transcript(text).turns == (Turn("Ana", 1.0, 3.0, "Ready?", 3), Turn("Bo", 1.0, 3.0, "Yes.", 3))


def test_lower_case_prose_with_a_colon_is_not_a_speaker():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Look.\n\n00:00:02.000 --> 00:00:03.000\nthe problem is: speed.\n"
    assert [t.speaker for t in parse_transcript(text).turns] == ["Ana", "Ana"]


def test_srt_with_crlf_multi_line_cues_and_a_bom():
    text = "\ufeff1\r\n00:00:01,000 --> 00:00:02,500\r\nAna de Souza: Hello\r\nthere.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nBo: Hi.\r\n"
    transcript = parse_transcript(text.encode("utf-8"))
    assert transcript.format == "srt"
    assert transcript.turns == (Turn("Ana de Souza", 1.0, 2.5, "Hello there.", 2), Turn("Bo", 3.0, 4.0, "Hi.", 7))


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "Zoë: Olá, ça va?\nBo: Sí.\n".encode(),
        codecs.BOM_UTF16_LE + "Zoë: Olá, ça va?\nBo: Sí.\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Zoë: Olá, ça va?\nBo: Sí.\n".encode("utf-16-be"),
        "Zoë: Olá, ça va?\nBo: Sí.\n".encode("utf-16-le"),  # no BOM: every other byte is NUL
        "Zoë: Olá, ça va?\nBo: Sí.\n".encode("cp1252"),  # not UTF-8: Windows-1252
        "\ufeffZoë: Olá, ça va?\nBo: Sí.\n",  # str with a BOM
    ],
)
def test_text_and_bytes_in_the_encodings_exports_use(encoded):
    assert [(t.speaker, t.text) for t in parse_transcript(encoded).turns] == [("Zoë", "Olá, ça va?"), ("Bo", "Sí.")]


def test_plain_text_timestamps_in_hours_or_minutes_and_turns_that_wrap():
    text = "[00:00:05] Ana: Hello\n  and welcome.\n\n[01:02:03.5] Bo: Hi.\n"
    assert parse_transcript(text).turns == (Turn("Ana", 5.0, None, "Hello and welcome.", 1), Turn("Bo", 3723.5, None, "Hi.", 4))
    assert parse_transcript("[75:10] Ana: Long call.\n").turns[0].start_s == 4510.0  # [mm:ss] past an hour


def test_plain_text_without_times_and_a_name_on_its_own_line():
    text = "Olivia Owner:\nHow did the install go?\nDr. Erin Evans (Acme): Well, thanks.\n"
    transcript = parse_transcript(text)
    assert transcript.timing == "none"
    assert [(t.speaker, t.text, t.line) for t in transcript.turns] == [
        ("Olivia Owner", "How did the install go?", 1),
        ("Dr. Erin Evans (Acme)", "Well, thanks.", 3),
    ]


def test_the_content_decides_the_format_whatever_the_filename_says():
    assert parse_transcript("Ana: Hi.\n", filename="call.vtt").format == "text"
    assert parse_transcript(TEAMS, filename="call.srt").format == "vtt"


BAD = [
    ("", 1, "the transcript is empty"),
    (" \n\t\n", 1, "the transcript is empty"),
    ("WEBVTT\n\nNOTE nothing said\n", 3, "ends without a single cue"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", 4, "ends without a single cue"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: ok\n\n00:00:05.000 --> 00:00:03.000\nB: no\n", 6,
     "a cue's end (00:00:03.000) is before its start (00:00:05.000)"),
    ("WEBVTT\n\n00:00:1x.000 --> 00:00:02.000\nA: ok\n", 3, "'00:00:1x.000' is not a timestamp"),
    ("WEBVTT\n\n00:61:00.000 --> 01:02:00.000\nA: ok\n", 3, "minutes and seconds go up to 59"),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA: ok\n", 3, "'00:00:01,000' is not a timestamp (expected hh:mm:ss.mmm)"),
    ("WEBVTT\n\n00:00:01.000 --> \nA: ok\n", 3, "a cue's end time is missing"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n00:00:02.000 --> 00:00:03.000\nthere\n", 3, "no cue names a speaker"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n00:00:02.000 --> 00:00:03.000\nAna: there\n", 3,
     "this cue names no speaker"),
    ("1\n00:00:01,000 --> 00:00:02,000\nA: ok\n\n00:00:03,000 --> 00:00:04,000\nB: no number\n", 5,
     "an SRT cue starts with its number"),
    ("1\n00:00:04,000 --> 00:00:02,000\nA: backwards\n", 2, "a cue's end (00:00:02,000) is before its start"),
    ("1\n00:00:01:000 --> 00:00:02,000\nA: ok\n", 2, "'00:00:01:000' is not a timestamp (expected hh:mm:ss,mmm)"),
    ("Hello, this is just a letter.\nKind regards\n", 1, "unknown format"),
    ("\n\nthanks for the call\nAna: ok\n", 3, "unknown format"),
    ("[00:00:01] Ana: hi\n[00:61:00] Bo: hey\n", 2, "'[00:61:00]' is not a timestamp"),
    ("[00:00:01] Ana: hi\nBo: hey\n[00:00:09] Ana: ok\n", 2, "has no timestamp but the first turn has one"),
    ("Ana: hi\n[00:00:09] Bo: ok\n", 2, "has a timestamp but the first turn has none"),
    ("[00:00:10] Ana: hi\n[00:00:09] Bo: ok\n", 2, "starts before the turn on line 1"),
    ("[00:00:10] Ana: hi\n[00:00:12] hello\n", 2, "a timestamp must be followed by 'Name: text'"),
    ("Ana:\n\n", 2, "ends without a single turn"),
]


@pytest.mark.parametrize(("content", "line", "message"), BAD)
def test_a_bad_file_raises_one_error_naming_its_line(content, line, message):
    with pytest.raises(TranscriptError) as raised:
        parse_transcript(content)
    assert raised.value.line == line
    assert message in raised.value.message
    assert str(raised.value).startswith(f"line {line}: ")


@pytest.mark.parametrize(
    ("filename", "message"),
    [("call.vtt", "a WebVTT file starts with a line 'WEBVTT'"), ("call.srt", "an SRT file starts with the number")],
)
def test_a_filename_says_which_header_is_missing(filename, message):
    with pytest.raises(TranscriptError, match=message) as raised:
        parse_transcript("\n00:00:01.000 --> 00:00:02.000\nA: hi\n", filename=filename)
    assert raised.value.line == 2


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (bytes(range(256)) * 4, 1),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), 2),
        (b"Ana: hi\nBo: there\n\x00\x01\x02\x03binary tail", 3),
    ],
)
def test_binary_data_is_refused_at_the_line_where_it_starts(data, line):
    with pytest.raises(TranscriptError, match="binary data") as raised:
        parse_transcript(data)
    assert raised.value.line == line


def test_a_stray_control_character_is_dropped_not_fatal():
    assert parse_transcript("Ana: hi\x1a there\n").turns[0].text == "hi there"


def test_bytes_that_contradict_their_byte_order_mark_name_the_line():
    with pytest.raises(TranscriptError, match="says it is UTF-16-LE but is not") as raised:
        parse_transcript(codecs.BOM_UTF16_LE + "Ana: hi\nBo: ".encode("utf-16-le") + b"\x00\xd8")
    assert raised.value.line == 2


def test_the_error_is_a_value_error_so_edges_treat_it_as_bad_input():
    with pytest.raises(ValueError, match="line 1: the transcript is empty"):
        parse_transcript(b"")
