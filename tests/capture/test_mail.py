"""Mailboxes as Gmail Takeout, mail servers (Maildir) and mail clients (.eml) leave them."""

import datetime as dt
import io
import os
import tracemalloc

import pytest

from ally.capture import mail
from ally.capture.mail import (
    ADDRESS_CACHE_SIZE,
    Address,
    MailError,
    iter_eml,
    iter_mail,
    iter_maildir,
    iter_mbox,
    parse_headers,
    snippet,
    thread_key,
)

from .samples import message, takeout_mbox

UTC = dt.UTC


def read(data: bytes, **options):
    warnings = []
    return list(iter_mbox(io.BytesIO(data), warnings=warnings, **options)), warnings


def one(**headers):
    warnings = []
    parsed = parse_headers(message(**headers).split(b"\r\n\r\n")[0], warnings=warnings)
    return parsed, warnings


def test_a_takeout_mbox_gives_each_message_with_its_people_and_labels():
    (quote, reply, deal), warnings = read(takeout_mbox())
    assert warnings == []
    assert quote.message_id == "CAF=abc123@mail.gmail.com"  # brackets gone, domain lower-cased
    assert quote.sender == Address("renee@creme.example", "Renée Dupont")
    assert quote.to == [Address("olivia@acme.example", "Olivia Owner"), Address("bob@acme.example", "Builder, Bob")]
    assert quote.cc == []  # "undisclosed-recipients:;" is an empty group
    assert quote.subject == "Quote for the crème order"
    assert quote.date == dt.datetime(2024, 9, 12, 10, 2, 3, tzinfo=UTC) and quote.date_source == "date"
    assert quote.labels == ["Inbox", "Clients, VIP", "Opened"]
    assert quote.position == "line 1" and not quote.is_bulk
    assert reply.to == [Address("renee@creme.example", "Renée Dupont")]  # raw UTF-8 in a header
    assert reply.in_reply_to == "CAF=abc123@mail.gmail.com" and reply.references == ["CAF=abc123@mail.gmail.com"]
    assert reply.labels == ["Sent"] and reply.position == "line 22"
    assert deal.is_bulk and deal.bulk_reason.startswith("List-Unsubscribe")


def test_a_body_line_starting_with_from_does_not_split_the_message():
    messages, _ = read(takeout_mbox(), snippet_chars=200)
    assert len(messages) == 3
    assert messages[0].snippet == ("Bonjour Olivia, From what I hear at 10:30 on 12 Sep 2024 the crème is ready. "
                                   "From the archive.")


def test_snippets_are_only_read_when_asked_for_and_cut_at_a_word():
    messages, _ = read(takeout_mbox())
    assert messages[0].snippet == ""
    messages, _ = read(takeout_mbox(), snippet_chars=20)
    assert messages[0].snippet == "Bonjour Olivia, From…"


def test_a_snippet_is_the_plain_text_part_without_quotes_or_signature():
    raw = (b"From: a@example.com\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
           b"--b1\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>\r\n"
           b"--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"Caf=E9 at noon?\r\n\r\n> earlier mail\r\n-- \r\nAnn, Acme\r\n--b1--\r\n")
    assert snippet(raw) == "Café at noon?"
    html_only = b"From: a@example.com\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n"
    assert snippet(html_only) == ""
    assert snippet(raw[:120]) == ""  # cut before any text: nothing, and no error


def test_replies_share_their_roots_thread_key_in_any_order():
    (root, reply, deal), _ = read(takeout_mbox())
    grandchild, _ = one(From="renee@creme.example", Message_ID="<r2@creme.example>",
                        In_Reply_To="<reply-1@acme.example>",
                        References="<CAF=abc123@mail.gmail.com> <reply-1@acme.example>")
    assert thread_key(root) == thread_key(reply) == thread_key(grandchild) == "CAF=abc123@mail.gmail.com"
    assert thread_key(deal) == "deal-42@news.acme.example"


def test_a_known_ancestor_mends_a_thread_whose_references_were_trimmed():
    trimmed, _ = one(From="renee@creme.example", Message_ID="<r3@creme.example>", In_Reply_To="<reply-1@acme.example>")
    assert thread_key(trimmed) == "reply-1@acme.example"  # the best guess without history
    known = {"reply-1@acme.example": "CAF=abc123@mail.gmail.com"}
    assert thread_key(trimmed, known) == "CAF=abc123@mail.gmail.com"


@pytest.mark.parametrize(("headers", "reason"), [
    ({"List_Id": "Clients <clients.lists.example>"}, "List-Id header (a mailing list)"),
    ({"Precedence": "bulk"}, "Precedence: bulk"),
    ({"Precedence": "junk"}, "Precedence: junk"),
    ({"Auto_Submitted": "auto-replied"}, "Auto-Submitted: auto-replied (sent by a program)"),
    ({"From": "No Reply <no-reply@shop.example>"}, "sent from no-reply@shop.example (an address nobody reads)"),
    ({"From": "noreply+123@shop.example"}, "sent from noreply+123@shop.example (an address nobody reads)"),
    ({"From": "MAILER-DAEMON@mx.example"}, "sent from mailer-daemon@mx.example (an address nobody reads)"),
    ({"From": "postmaster@mx.example"}, "sent from postmaster@mx.example (an address nobody reads)"),
])
def test_bulk_and_automatic_mail_is_marked_with_why(headers, reason):
    fields = {"From": "ann@example.com", "To": "olivia@acme.example", "Date": "Mon, 1 Jan 2024 10:00:00 +0000"}
    parsed, _ = one(**(fields | headers))
    assert parsed.is_bulk and parsed.bulk_reason == reason


def test_a_person_writing_is_not_bulk_even_with_auto_submitted_no():
    parsed, _ = one(From="ann@example.com", To="o@acme.example", Auto_Submitted="no", Precedence="first-class")
    assert not parsed.is_bulk and parsed.bulk_reason == ""


def test_a_missing_or_garbled_date_falls_back_with_a_warning():
    missing, warnings = one(From="a@example.com", Received="from mx by mx2; Tue, 2 Jan 2024 08:00:00 +0100")
    assert missing.date == dt.datetime(2024, 1, 2, 7, 0, tzinfo=UTC) and missing.date_source == "received"
    assert warnings[0].message == "no Date header; used the Received header's date instead"
    data = b"From alice@example.com Wed Jan  3 09:00:00 2024\r\nFrom: a@example.com\r\nDate: yesterday\r\n\r\nHi\r\n"
    (garbled,), warnings = read(data)
    assert garbled.date == dt.datetime(2024, 1, 3, 9, 0, tzinfo=UTC) and garbled.date_source == "envelope"
    assert warnings[0].message == ("the Date header 'yesterday' is not a date; used the mbox envelope (From line) "
                                   "date instead")
    nothing, warnings = one(From="a@example.com")
    assert nothing.date is None and nothing.date_source == ""
    assert warnings[0].message == "no Date header, and no other date to go by"


def test_dates_are_aware_utc_and_minus_zero_means_utc():
    parsed, _ = one(From="a@example.com", Date="Mon, 1 Jan 2024 10:00:00 -0000")
    assert parsed.date == dt.datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
    parsed, _ = one(From="a@example.com", Date="1 Jan 2024 23:30 -0800")
    assert parsed.date == dt.datetime(2024, 1, 2, 7, 30, tzinfo=UTC) and parsed.date.tzinfo is UTC


def test_groups_encoded_names_and_duplicates_in_address_headers():
    parsed, _ = one(From="=?iso-8859-1?q?Andr=E9?= <ANDRE@example.fr>",
                    To="Team: Ann <ann@example.com>, bob@example.com;, ann@example.com",
                    Cc="=?utf-8?Q?Dupont=2C_Ren=C3=A9e?= <renee@creme.example>, not an address")
    assert parsed.sender == Address("andre@example.fr", "André")
    assert parsed.to == [Address("ann@example.com", "Ann"), Address("bob@example.com")]
    assert parsed.cc == [Address("renee@creme.example", "Dupont, Renée")]


def test_a_message_without_message_id_gets_the_same_synthesised_id_on_every_read():
    first, _ = one(From="a@example.com", To="b@example.com", Subject="Hi", Date="Mon, 1 Jan 2024 10:00:00 +0000")
    again, _ = one(From="a@example.com", To="b@example.com", Subject="Hi", Date="Mon, 1 Jan 2024 10:00:00 +0000")
    other, _ = one(From="a@example.com", To="b@example.com", Subject="Hi", Date="Mon, 1 Jan 2024 10:00:01 +0000")
    assert first.message_id_synthesized and first.message_id.endswith("@ally.synthesized")
    assert first.message_id == again.message_id != other.message_id


def test_message_ids_keep_the_local_part_and_lower_case_the_domain():
    parsed, _ = one(From="a@example.com", Message_ID=" <AbC.123@Example.COM> ",
                    References="<Root@X.ORG>\r\n <Mid@x.org> <Root@X.ORG>", In_Reply_To="Mid@X.org (reply)")
    assert parsed.message_id == "AbC.123@example.com"
    assert parsed.references == ["Root@x.org", "Mid@x.org"]


def test_a_malformed_message_is_skipped_with_its_position_and_the_next_one_read():
    data = (b"From alice@example.com Wed Jan  3 09:00:00 2024\r\nthis is not a header\r\nneither is this\r\n\r\n"
            b"From bob@example.com Wed Jan  3 10:00:00 2024\r\nFrom: bob@example.com\r\nSubject: ok\r\n\r\nhi\r\n")
    messages, warnings = read(data)
    assert [m.subject for m in messages] == ["ok"]
    assert (warnings[0].index, warnings[0].position) == (0, "line 1")
    assert "not a mail message" in warnings[0].message
    assert warnings[1].message == "no Date header; used the mbox envelope (From line) date instead"


def test_a_truncated_mbox_gives_what_it_holds():
    data = takeout_mbox()
    messages, _ = read(data[:data.index(b"Subject: 50%")])
    assert [m.subject for m in messages][-1] == ""  # the last one lost its subject but kept its sender
    assert messages[-1].sender == Address("deals@news.acme.example", "Acme Deals")


def test_a_file_that_is_not_an_mbox_is_read_as_one_message():
    messages, _ = read(message(From="a@example.com", Subject="Alone"))
    assert [m.subject for m in messages] == ["Alone"]


def test_a_missing_mbox_is_an_error(tmp_path):
    with pytest.raises(MailError, match="is not a file"):
        list(iter_mbox(tmp_path / "nope.mbox"))


def maildir(root, folder=""):
    base = root / folder if folder else root
    for sub in ("cur", "new", "tmp"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    return base


def test_a_maildir_is_read_folder_by_folder_with_the_file_time_as_fallback_date(tmp_path):
    inbox = maildir(tmp_path)
    sent = maildir(tmp_path, ".Sent")
    clients = maildir(tmp_path, ".Work.Clients")
    (inbox / "new" / "1704103200.M1P2.host").write_bytes(message(From="a@example.com", Subject="New"))
    (inbox / "cur" / "1704099600.M1P1.host:2,S").write_bytes(
        message(From="b@example.com", Subject="Seen", Date="Mon, 1 Jan 2024 09:00:00 +0000"))
    (sent / "cur" / "1704110000.M3P3.host:2,S").write_bytes(message(From="o@acme.example", Subject="Sent one"))
    (clients / "cur" / "1704120000.M4P4.host:2,").write_bytes(message(From="c@example.com", Subject="Client"))
    warnings = []
    messages = list(iter_maildir(tmp_path, warnings=warnings))
    assert [(m.folder, m.subject) for m in messages] == [
        ("INBOX", "New"), ("INBOX", "Seen"), ("Sent", "Sent one"), ("Work/Clients", "Client")]
    assert messages[0].date == dt.datetime(2024, 1, 1, 10, 0, tzinfo=UTC) and messages[0].date_source == "file"
    assert messages[0].position == os.path.join("new", "1704103200.M1P2.host")
    assert [w.position for w in warnings] == [
        os.path.join("new", "1704103200.M1P2.host"), os.path.join(".Sent", "cur", "1704110000.M3P3.host:2,S"),
        os.path.join(".Work.Clients", "cur", "1704120000.M4P4.host:2,")]


def test_a_folder_of_eml_files_and_one_eml_file(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "b.eml").write_bytes(message(From="b@example.com", Subject="B"))
    (tmp_path / "a.eml").write_bytes(message(From="a@example.com", Subject="A"))
    (tmp_path / "notes.txt").write_text("not mail")
    assert [(m.folder, m.subject) for m in iter_eml(tmp_path)] == [("2024", "B"), ("", "A")]
    assert [m.subject for m in iter_mail(tmp_path / "a.eml")] == ["A"]
    assert [m.subject for m in iter_mail(tmp_path)] == ["B", "A"]


def synthetic_mbox(path, count):
    with open(path, "wb") as out:
        for i in range(count):
            out.write(b"From sender@example.com Mon Jan  1 10:00:00 2024\n")
            out.write(message(From=f"Person {i} <p{i}@example.com>", To="olivia@acme.example",
                              Subject=f"Message {i}", Message_ID=f"<m{i}@example.com>",
                              Date="Mon, 1 Jan 2024 10:00:00 +0000").replace(b"\r\n", b"\n") + b"x" * 500 + b"\n\n")


def peak_bytes(path):
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_mbox(path))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_an_mbox_takes_the_same_memory_for_five_times_the_messages(tmp_path, monkeypatch):
    # The cache of parsed address headers is bounded (and measured apart): this is the reader's own memory.
    assert mail._addresses.cache_info().maxsize == ADDRESS_CACHE_SIZE
    monkeypatch.setattr(mail, "_addresses", mail._addresses.__wrapped__)
    synthetic_mbox(tmp_path / "small.mbox", 1000)
    synthetic_mbox(tmp_path / "large.mbox", 5000)
    small, small_peak = peak_bytes(tmp_path / "small.mbox")
    large, large_peak = peak_bytes(tmp_path / "large.mbox")
    assert (small, large) == (1000, 5000)
    assert large_peak < small_peak * 1.2, (small_peak, large_peak)
