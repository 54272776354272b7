"""How fast do the capture cores read mailboxes, calendars and address books, and in how much memory?

    .venv/bin/python bench/bench_capture.py [--messages 100000] [--small 10000] [--events 10000] [--cards 10000]

Generates, in a temporary directory: an mbox of `--messages` messages as Gmail Takeout writes
them (envelope lines, X-Gmail-Labels, three Received headers, some encoded-word names and subjects,
replies with References, newsletters with List-Unsubscribe, a 1 KB body each) and its first
`--small` messages as a second mbox; a calendar of `--events` events as Google exports them (X-WR-TIMEZONE,
timestamps, three attendees each, a Meet description and an alarm on half of them; a fifth
recurring: weekly, daily or monthly, some with EXDATEs and moved occurrences; some all-day); and a vCard 3.0 file of `--cards` cards (one in ten with a photo). Then
times `iter_mbox`, `read_occurrences` over one year and `read_vcards`, and measures the peak of
Python allocations (tracemalloc) while reading the small and the large mbox: memory that stays
flat while the mailbox grows ten times is the point of streaming it.

Times are wall and CPU seconds of this process (CPU is the fairer measure on a shared machine);
tracemalloc slows Python down, so the memory runs are separate from the timed ones.
"""

import argparse
import base64
import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ally.capture.calendars import read_occurrences  # noqa: E402
from ally.capture.mail import forget_addresses, iter_mbox  # noqa: E402
from ally.capture.vcards import read_vcards  # noqa: E402

FIRST = ["Ann", "Bob", "Carla", "Dan", "Erin", "Fay", "Gus", "Hana", "Ivo", "José", "Renée", "Zoë", "Li", "Omar"]
LAST = ["Ally", "Builder", "Client", "Dealer", "Early", "Friendly", "Good", "Núñez", "Dupont", "Okafor", "Tanaka"]
DOMAINS = ["globex.example", "initech.example", "umbrella.example", "creme.example", "acme.example"]
MEET = ["DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial: (US) +1 21",
        " 2-555-0100 PIN: 123456789#\\n\\nLearn more about Meet at: https://support.google.com/a/users/an",
        " swer/9282720\\n\\nPlease do not edit this section.\\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~"]
BODY = ("Thanks for the call today. As promised, here is the summary of what we discussed and the next "
        "steps on our side.\n") * 8


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    out = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        out.append((f"{first} {last}", f"{first[0]}.{last}.{n}@{rng.choice(DOMAINS)}".lower()))
    return out


def encoded(name: str) -> str:
    return name if name.isascii() else "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="


def write_mbox(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    correspondents = people(rng, 2000)
    start = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    sent_ids: list[str] = []
    with open(path, "wb") as out:
        for n in range(count):
            when = start + dt.timedelta(minutes=17 * n)
            name, address = rng.choice(correspondents)
            to_name, to_address = rng.choice(correspondents)
            message_id = f"<{n}.{rng.randrange(10**9)}@mail.{address.split('@')[1]}>"
            lines = [f"From {1780000000000000000 + n}@xxx {when:%a %b %d %H:%M:%S} +0000 {when:%Y}",
                     f"X-GM-THRID: {1780000000000000000 + n // 3}",
                     f"X-Gmail-Labels: {rng.choice(['Inbox', 'Sent', 'Inbox,Important', 'Archived,Opened'])}"]
            for hop in range(3):
                hop_time = when - dt.timedelta(seconds=hop)
                lines.append(f"Received: from mx{hop}.example by mx{hop + 1}.example with ESMTPS id {n}x{hop};")
                lines.append(f"        {hop_time:%a, %d %b %Y %H:%M:%S} +0000")
            lines += [f"From: {encoded(name)} <{address}>", f"To: {encoded(to_name)} <{to_address}>"]
            if rng.random() < 0.3:
                lines.append(f"Cc: {', '.join(f'{encoded(c)} <{a}>' for c, a in rng.sample(correspondents, 2))}")
            subject = rng.choice(["Quote for the order", "Meeting notes", "Café next week?", "Invoice 2024-Q1"])
            if sent_ids and rng.random() < 0.3:
                parent = rng.choice(sent_ids[-50:])
                lines += [f"Subject: Re: {encoded(subject)}", f"In-Reply-To: {parent}", f"References: {parent}"]
            else:
                lines.append(f"Subject: {encoded(subject)}")
            if rng.random() < 0.2:
                lines.append("List-Unsubscribe: <mailto:unsubscribe@news.example>")
            lines += [f"Date: {when:%a, %d %b %Y %H:%M:%S} +0000", f"Message-ID: {message_id}", "MIME-Version: 1.0",
                      'Content-Type: text/plain; charset="UTF-8"', "", BODY]
            sent_ids.append(message_id)
            out.write("\n".join(lines).encode("utf-8") + b"\n")


def write_calendar(count: int, seed: int) -> bytes:
    rng = random.Random(seed)
    attendees = people(rng, 500)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "X-WR-CALNAME:olivia@acme.example", "X-WR-TIMEZONE:Europe/Berlin"]
    for n in range(count):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
        hour = rng.randrange(8, 18)
        uid = f"{n:08d}{rng.randrange(10**8)}@google.com"
        event = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:Meeting {n}", "STATUS:CONFIRMED", "SEQUENCE:0",
                 "ORGANIZER;CN=Olivia Owner:mailto:olivia@acme.example"]
        # What Google writes besides: timestamps, and on half the events a Meet description and an alarm.
        event += ["DTSTAMP:20240301T120000Z", "CREATED:20231201T090000Z", "LAST-MODIFIED:20240201T090000Z",
                  "TRANSP:OPAQUE"]
        if n % 2:
            event += [*MEET, "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij", "BEGIN:VALARM",
                      "ACTION:DISPLAY", "DESCRIPTION:This is an event reminder", "TRIGGER:-P0DT0H10M0S", "END:VALARM"]
        if rng.random() < 0.05:
            event += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"]
        else:
            event += [f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%d}T{hour:02d}0000",
                      f"DTEND;TZID=Europe/Berlin:{day:%Y%m%d}T{hour:02d}3000"]
        for name, address in rng.sample(attendees, 3):
            status = rng.choice(["ACCEPTED", "ACCEPTED", "DECLINED", "NEEDS-ACTION", "TENTATIVE"])
            event.append(f"ATTENDEE;CN={name};PARTSTAT={status};ROLE=REQ-PARTICIPANT:mailto:{address}")
        recurring = rng.random() < 0.2 and not any("VALUE=DATE" in line for line in event)
        moved = []
        if recurring:
            rule = rng.choice(["FREQ=WEEKLY;COUNT=26", "FREQ=DAILY;COUNT=30", "FREQ=MONTHLY;COUNT=12",
                               f"FREQ=WEEKLY;UNTIL={day + dt.timedelta(days=120):%Y%m%d}T235959Z"])
            event.append(f"RRULE:{rule}")
            if "WEEKLY" in rule and rng.random() < 0.5:
                skipped = day + dt.timedelta(weeks=2)
                event.append(f"EXDATE;TZID=Europe/Berlin:{skipped:%Y%m%d}T{hour:02d}0000")
                original = day + dt.timedelta(weeks=3)
                moved = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:Meeting {n} (moved)",
                         f"RECURRENCE-ID;TZID=Europe/Berlin:{original:%Y%m%d}T{hour:02d}0000",
                         f"DTSTART;TZID=Europe/Berlin:{original:%Y%m%d}T{(hour + 1) % 24:02d}0000",
                         f"DTEND;TZID=Europe/Berlin:{original:%Y%m%d}T{(hour + 1) % 24:02d}3000", "END:VEVENT"]
        lines += event + ["END:VEVENT"] + moved
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_vcards(count: int, seed: int) -> bytes:
    rng = random.Random(seed)
    photo = base64.b64encode(bytes.fromhex("ffd8ffe000104a464946") + bytes(rng.randrange(256) for _ in range(6000)))
    photo_text = photo.decode()
    lines = []
    for n, (name, address) in enumerate(people(rng, count)):
        first, last = name.split(" ", 1)
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:{last};{first};;;",
                  f"EMAIL;TYPE=INTERNET;TYPE=WORK:{address}", f"TEL;TYPE=CELL:+1 212 555 {n % 10000:04d}",
                  f"ORG:{rng.choice(DOMAINS).split('.')[0].title()} Inc.", "TITLE:Buyer",
                  f"BDAY:{rng.randrange(1950, 2000)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                  "ADR;TYPE=WORK:;;1 Main St;Springfield;IL;62701;US", "CATEGORIES:myContacts,Clients"]
        if n % 10 == 0:
            lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + photo_text[:49])
            lines += [" " + photo_text[i:i + 74] for i in range(49, len(photo_text), 74)]
        lines.append("END:VCARD")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def count_messages(path: Path, **options) -> int:
    return sum(1 for _ in iter_mbox(path, **options))


def peak(function, *args, **kwargs) -> tuple[object, int]:
    forget_addresses()
    tracemalloc.start()
    try:
        result = function(*args, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="ally-bench-capture-") as tmp:
        large, small = Path(tmp) / "large.mbox", Path(tmp) / "small.mbox"
        write_mbox(large, args.messages, args.seed)
        write_mbox(small, args.small, args.seed)
        size = large.stat().st_size / 1e6
        for path, count in ((small, args.small), (large, args.messages)):
            forget_addresses()
            read, wall, cpu = timed(count_messages, path)
            assert read == count, (read, count)
            rows.append((f"mbox, {count:,} messages ({path.stat().st_size / 1e6:.0f} MB)", "iter_mbox headers",
                         count, wall, cpu, "messages"))
        forget_addresses()
        read, wall, cpu = timed(count_messages, small, snippet_chars=200)
        rows.append((f"mbox, {args.small:,} messages", "iter_mbox with 200-char snippets", read, wall, cpu,
                     "messages"))
        (_, small_peak), (_, large_peak) = peak(count_messages, small), peak(count_messages, large)

    calendar = write_calendar(args.events, args.seed)
    window = {"start": dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "end": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}
    read, wall, cpu = timed(read_occurrences, calendar, **window)
    assert not read.warnings, read.warnings[:3]
    occurrences = len(read.occurrences)
    rows.append((f"calendar, {args.events:,} events ({len(calendar) / 1e6:.1f} MB)", "parse + expand 2024",
                 occurrences, wall, cpu, "occurrences"))
    _, calendar_peak = peak(read_occurrences, calendar, **window)

    cards = write_vcards(args.cards, args.seed)
    read, wall, cpu = timed(read_vcards, cards)
    assert len(read.cards) == args.cards and not read.warnings, read.warnings[:3]
    rows.append((f"vCards, {args.cards:,} cards ({len(cards) / 1e6:.1f} MB)", "read_vcards", args.cards, wall, cpu,
                 "cards"))

    print(f"Python {sys.version.split()[0]}, large mbox {size:.0f} MB\n")
    print("| source | what | items | wall s | items/s | CPU s | items/CPU s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for source, what, items, wall, cpu, unit in rows:
        print(f"| {source} | {what} | {items:,} {unit} | {wall:.2f} | {items / wall:,.0f} | {cpu:.2f} | "
              f"{items / cpu:,.0f} |")
    print(f"\nevents per CPU second (parse + expand): {args.events / rows[3][4]:,.0f}")
    print("\n| reading | peak Python memory (tracemalloc) |")
    print("|---|---:|")
    print(f"| mbox, {args.small:,} messages | {small_peak / 1e6:.2f} MB |")
    print(f"| mbox, {args.messages:,} messages | {large_peak / 1e6:.2f} MB |")
    print(f"| calendar, {args.events:,} events, {occurrences:,} occurrences | {calendar_peak / 1e6:.1f} MB |")
    print(f"\nlarge / small peak: {large_peak / small_peak:.2f} for {args.messages / args.small:.0f}x the messages")


if __name__ == "__main__":
    main()
