"""Files as real exporters write them, built byte for byte (CRLF, folding, encodings) for the capture tests."""

import base64
import struct
import zlib


def crlf(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def tiny_png() -> bytes:
    """A real 1x1 PNG: what an address book's contact picture is, only smaller."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


# JFIF header of a JPEG; enough for anything that looks at the bytes.
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(64) + bytes.fromhex("ffd9")


def folded_base64(prefix: str, data: bytes, width: int = 75) -> list[str]:
    """`prefix` + base64 folded the RFC way: continuation lines start with one space."""
    text = prefix + base64.b64encode(data).decode()
    lines = [text[:width]]
    text = text[width:]
    while text:
        lines.append(" " + text[:width - 1])
        text = text[width - 1:]
    return lines


def google_contacts() -> bytes:
    """Google Contacts' "Export > vCard": 3.0, escaped colons in URLs, a photo by URL, myContacts."""
    return crlf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Carla Client",
        "N:Client;Carla;;;",
        "NICKNAME:Carly",
        "EMAIL;TYPE=INTERNET;TYPE=WORK:carla@globex.example",
        "EMAIL;TYPE=INTERNET;TYPE=HOME:carla.c@gmail.example",
        "TEL;TYPE=CELL:+1 212-555-0199",
        "TEL;TYPE=WORK:(212) 555-0100",
        "ADR;TYPE=WORK:;;200 Park Ave\\nFloor 12;New York;NY;10166;US",
        "ORG:Globex Corporation",
        "TITLE:Chief Technology Officer",
        "BDAY:1980-03-14",
        "item1.URL:https\\://globex.example/carla",
        "item1.X-ABLabel:",
        "NOTE:Met at the fair\\, likes golf",
        "CATEGORIES:myContacts,VIP",
        "PHOTO:https://lh3.googleusercontent.com/contacts/ABCDEF",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Gus Good",
        "N:Good;Gus;;;",
        "EMAIL;TYPE=INTERNET:gus@umbrella.example",
        "BDAY:--04-15",
        "CATEGORIES:myContacts",
        "END:VCARD",
    ).encode("utf-8")


def apple_contacts() -> bytes:
    """macOS/iCloud Contacts: item groups with X-ABLabel, X-APPLE-OMIT-YEAR, a base64 JPEG folded."""
    return crlf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//macOS 14.2//EN",
        "N:Dupont;Renée;Marie;Dr.;",
        "FN:Renée Dupont",
        "ORG:Crème SA;Achats;Europe",
        "TITLE:Buyer",
        "item1.EMAIL;type=INTERNET;type=pref:renee@creme.example",
        "item1.X-ABLabel:_$!<Other>!$_",
        "EMAIL;type=INTERNET;type=WORK:r.dupont@creme.example",
        "TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78",
        "item2.TEL:+33 1 23 45 67 89",
        "item2.X-ABLabel:Assistant",
        "item3.ADR;type=HOME;type=pref:;;12 rue de la Paix;Paris;;75002;France",
        "item3.X-ABADR:fr",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15",
        *folded_base64("PHOTO;ENCODING=b;TYPE=JPEG:", TINY_JPEG),
        "item4.URL;type=pref:https://creme.example",
        "item4.X-ABLabel:_$!<HomePage>!$_",
        "UID:5A8E5D2C-6E1F-4A55-9E0E-1B2C3D4E5F60",
        "X-ABShowAs:PERSON",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//macOS 14.2//EN",
        "N:;;;;",
        "FN:Umbrella Corp",
        "ORG:Umbrella Corp;",
        "TEL;type=WORK;type=VOICE:+44 20 7946 0958",
        "X-ABShowAs:COMPANY",
        "END:VCARD",
    ).encode("utf-8")


def outlook_contacts() -> bytes:
    """Outlook's "Save as vCard": 2.1, bare type parameters, quoted-printable in cp1252, commas unescaped."""
    return crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;LANGUAGE=en-us:Dealer;Dan",
        "FN:Dan Dealer",
        "ORG:Initech;Sales",
        "TITLE:Account Manager, North",
        "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Prefers calls, not email=0D=0ALikes caf=E9 cr=",
        "=E8me",
        "TEL;WORK;VOICE:(425) 555-0100",
        "TEL;CELL;VOICE:(425) 555-0101",
        "ADR;WORK;PREF:;;One Microsoft Way;Redmond;WA;98052;United States of America",
        "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:One Microsoft Way=0D=0ARedmond, WA 98052",
        "EMAIL;PREF;INTERNET:dan@initech.example",
        "BDAY:19750704",
        "REV:20240101T120000Z",
        "END:VCARD",
    ).encode("cp1252")


def android_contacts() -> bytes:
    """An Android phone's "Export to .vcf": 2.1, UTF-8 quoted-printable names, an indented base64 photo."""
    return crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:N=C3=BA=C3=B1ez;Jos=C3=A9;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 N=C3=BA=C3=B1ez",
        "TEL;CELL;PREF:+34 612 34 56 78",
        "TEL;HOME:+34 91 123 45 67",
        "EMAIL;HOME:jose@example.es",
        *["PHOTO;ENCODING=BASE64;PNG:" + base64.b64encode(tiny_png()).decode()[:40]]
        + ["  " + base64.b64encode(tiny_png()).decode()[40:]],
        "",
        "END:VCARD",
    ).encode("utf-8")


def nextcloud_contacts() -> bytes:
    """Nextcloud (Sabre VObject): a 3.0 card with an escaped data: URI photo, and a 4.0 card."""
    png = base64.b64encode(tiny_png()).decode()
    return crlf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
        "UID:0b3f3d1c-7f2e-4a1e-9c1b-5f6e7d8c9a0b",
        "FN:Lena Fiction",
        "N:Fiction;Lena;;;",
        "EMAIL;TYPE=WORK:lena@bigcorp.example",
        f"PHOTO;VALUE=URI:data:image/png;base64\\,{png}",
        "REV;VALUE=DATE-AND-OR-TIME:20240301T101010Z",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
        "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "FN:Tom Madeup",
        "N:Madeup;Tom;;;",
        "BDAY:--0415",
        'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+1-555-555-5555;ext=5555',
        "EMAIL;TYPE=home:tom@madeup.example",
        f"PHOTO:data:image/png;base64,{png}",
        "KIND:individual",
        "END:VCARD",
    ).encode("utf-8")


def takeout_mbox() -> bytes:
    """Gmail Takeout's All mail Including Spam and Trash.mbox: envelope dates with an offset before the
    year, X-GM-THRID and X-Gmail-Labels, CRLF, folded and encoded headers, raw UTF-8 in a header."""
    return (
        "From 1780342912345678901@xxx Thu Sep 12 10:02:03 +0000 2024\r\n"
        "X-GM-THRID: 1780342912345678901\r\n"
        "X-Gmail-Labels: Inbox,\"Clients, VIP\",Opened\r\n"
        "Received: by 2002:a05:6a10:1234 with SMTP id abc;\r\n"
        "        Thu, 12 Sep 2024 03:02:03 -0700 (PDT)\r\n"
        "From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <Renee@Creme.Example>\r\n"
        "To: Olivia Owner <olivia@acme.example>, \"Builder, Bob\" <BOB@acme.example>\r\n"
        "Cc: undisclosed-recipients:;\r\n"
        "Subject: =?utf-8?B?UXVvdGUgZm9yIHRoZSBjcsOobWUg?=\r\n"
        " =?utf-8?Q?order?=\r\n"
        "Date: Thu, 12 Sep 2024 12:02:03 +0200\r\n"
        "Message-ID: <CAF=abc123@Mail.Gmail.COM>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=\"UTF-8\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "Bonjour Olivia,\r\n"
        "\r\n"
        "From what I hear at 10:30 on 12 Sep 2024 the cr=C3=A8me is ready.\r\n"
        ">From the archive.\r\n"
        "\r\n"
        "From 1780342998765432101@xxx Fri Sep 13 08:00:00 +0000 2024\r\n"
        "X-GM-THRID: 1780342912345678901\r\n"
        "X-Gmail-Labels: Sent\r\n"
        "From: Olivia Owner <olivia@acme.example>\r\n"
        "To: Renée Dupont <renee@creme.example>\r\n"
        "Subject: Re: Quote for the crème order\r\n"
        "Date: Fri, 13 Sep 2024 10:00:00 +0200\r\n"
        "Message-ID: <reply-1@acme.example>\r\n"
        "In-Reply-To: <CAF=abc123@mail.gmail.com>\r\n"
        "References: <CAF=abc123@mail.gmail.com>\r\n"
        "\r\n"
        "Thanks!\r\n"
        "\r\n"
        "From 1780343000000000001@xxx Sat Sep 14 09:00:00 +0000 2024\r\n"
        "X-Gmail-Labels: Category Promotions\r\n"
        "From: Acme Deals <deals@news.acme.example>\r\n"
        "To: olivia@acme.example\r\n"
        "Subject: 50% off this weekend\r\n"
        "Date: Sat, 14 Sep 2024 09:00:00 +0000\r\n"
        "Message-ID: <deal-42@news.acme.example>\r\n"
        "List-Unsubscribe: <mailto:unsubscribe@news.acme.example>\r\n"
        "\r\n"
        "Deals!\r\n"
    ).encode("utf-8")


def message(**headers: str) -> bytes:
    """One message's bytes from header=value pairs (underscores become dashes), CRLF, a short body."""
    lines = [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\nHello.\r\n").encode("utf-8")


def google_calendar() -> bytes:
    """A Google Calendar export (Settings > Export): UTC times, X-WR-TIMEZONE, a weekly meeting with an
    EXDATE, a moved and a cancelled occurrence, an all-day event, a floating time, a declined attendee."""
    return crlf(
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:olivia@acme.example",
        "X-WR-TIMEZONE:Europe/Berlin",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240108T100000",
        "DTEND;TZID=Europe/Berlin:20240108T103000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6",
        "EXDATE;TZID=Europe/Berlin:20240122T100000",
        "DTSTAMP:20240301T120000Z",
        "ORGANIZER;CN=Olivia Owner:mailto:olivia@acme.example",
        "UID:7kukuqrfedlm2f9t0vr42q2gc4@google.com",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Carla C",
        " lient;X-NUM-GUESTS=0:mailto:Carla@Globex.example",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=bob@a",
        " cme.example;X-NUM-GUESTS=0:mailto:bob@acme.example",
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 1:m",
        " ailto:c_188abc@resource.calendar.google.com",
        "CREATED:20231201T090000Z",
        "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial: (US) +1 2",
        " 12-555-0100 PIN: 123456789#\\n\\nLearn more about Meet at: https://support.google.com/a/users/a",
        " nswer/9282720",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        "LAST-MODIFIED:20240301T115900Z",
        "LOCATION:Room 1",
        "SEQUENCE:2",
        "STATUS:CONFIRMED",
        "SUMMARY:Weekly sync with Globex",
        "TRANSP:OPAQUE",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:This is an event reminder",
        "TRIGGER:-P0DT0H10M0S",
        "END:VALARM",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240115T140000",
        "DTEND;TZID=Europe/Berlin:20240115T143000",
        "DTSTAMP:20240301T120000Z",
        "UID:7kukuqrfedlm2f9t0vr42q2gc4@google.com",
        "RECURRENCE-ID;TZID=Europe/Berlin:20240115T100000",
        "SEQUENCE:3",
        "STATUS:CONFIRMED",
        "SUMMARY:Weekly sync with Globex (moved)",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240129T100000",
        "DTEND;TZID=Europe/Berlin:20240129T103000",
        "DTSTAMP:20240301T120000Z",
        "UID:7kukuqrfedlm2f9t0vr42q2gc4@google.com",
        "RECURRENCE-ID;TZID=Europe/Berlin:20240129T100000",
        "SEQUENCE:3",
        "STATUS:CANCELLED",
        "SUMMARY:Weekly sync with Globex",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20240120",
        "DTEND;VALUE=DATE:20240122",
        "DTSTAMP:20240301T120000Z",
        "UID:1d3o2ft2eahlq1r5ahmn6s2v1s@google.com",
        "SUMMARY:Trade fair",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20240110T090000Z",
        "DTEND:20240110T100000Z",
        "DTSTAMP:20240301T120000Z",
        "UID:0q4m0fv0tq4h8nq3c0f7a0u9vd@google.com",
        "SUMMARY:Call with Renée",
        "CLASS:PRIVATE",
        "ATTENDEE;PARTSTAT=TENTATIVE;CN=Renée Dupont:mailto:renee@creme.example",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20240111T090000",
        "DTEND:20240111T093000",
        "UID:floating-1@google.com",
        "SUMMARY:Floating breakfast",
        "END:VEVENT",
        "END:VCALENDAR",
    ).encode("utf-8")


def outlook_invitation() -> bytes:
    """An Outlook/Exchange invitation: a Windows time zone name with its VTIMEZONE, folded attendees."""
    return crlf(
        "BEGIN:VCALENDAR",
        "METHOD:REQUEST",
        "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0",
        "BEGIN:VTIMEZONE",
        "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16010101T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "ORGANIZER;CN=Dan Dealer:mailto:dan@initech.example",
        "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Olivia Owner:",
        " mailto:olivia@acme.example",
        "ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Bob Builder:",
        " mailto:bob@acme.example",
        "DESCRIPTION;LANGUAGE=en-US:Agenda: pricing\\, next steps\\n",
        "UID:040000008200E00074C5B7101A82E00800000000D0F1C2B3A4E5D601000000000000000",
        " 0100000092F0C5A4B3E2D1F0A9B8C7D6E5F4A3B2",
        "SUMMARY;LANGUAGE=en-US:Quarterly review",
        "DTSTART;TZID=W. Europe Standard Time:20240710T140000",
        "DTEND;TZID=W. Europe Standard Time:20240710T150000",
        "CLASS:PUBLIC",
        "PRIORITY:5",
        "DTSTAMP:20240701T080000Z",
        "TRANSP:OPAQUE",
        "STATUS:CONFIRMED",
        "SEQUENCE:0",
        "LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting",
        "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:no-vtimezone@initech.example",
        "SUMMARY:Pacific call",
        "DTSTART;TZID=Pacific Standard Time:20240711T090000",
        "DTEND;TZID=Pacific Standard Time:20240711T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    ).encode("utf-8")


def apple_calendar() -> bytes:
    """An Apple Calendar export (File > Export): its own VTIMEZONE, quoted CN with EMAIL parameters, X-APPLE
    properties, LF line endings, and a meeting the organizer updated (SEQUENCE 1)."""
    return "\n".join([
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Apple Inc.//macOS 14.4//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Work",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "DTSTART:19810329T020000",
        "TZNAME:UTC+2",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "DTSTART:19961027T030000",
        "TZNAME:UTC+1",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "TRANSP:OPAQUE",
        "DTEND;TZID=Europe/Paris:20240305T123000",
        'ORGANIZER;CN="Olivia Owner";EMAIL="olivia@acme.example":mailto:olivia@acme.example',
        "UID:6A1D1F5E-3B2C-4F0A-9E8D-7C6B5A4F3E2D",
        "DTSTAMP:20240301T101010Z",
        "LOCATION:Café de Flore\\n172 Boulevard Saint-Germain\\, 75006 Paris",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "SEQUENCE:1",
        'ATTENDEE;CN="Renée Dupont";CUTYPE=INDIVIDUAL;EMAIL="renee@creme.example";PARTSTAT=ACCEPTED;ROLE=REQ-',
        " PARTICIPANT:mailto:renee@creme.example",
        'ATTENDEE;CN="Olivia Owner";CUTYPE=INDIVIDUAL;EMAIL="olivia@acme.example";PARTSTAT=ACCEPTED;ROLE=CHAI',
        " R:mailto:olivia@acme.example",
        "SUMMARY:Lunch with Renée",
        "LAST-MODIFIED:20240301T101010Z",
        "DTSTART;TZID=Europe/Paris:20240305T113000",
        "CREATED:20240228T090000Z",
        "BEGIN:VALARM",
        "X-WR-ALARMUID:1B2C3D4E-0000-4000-8000-00000000A1A1",
        "UID:1B2C3D4E-0000-4000-8000-00000000A1A1",
        "TRIGGER:-PT30M",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]).encode("utf-8")


def calendar(*events: list[str], method: str = "PUBLISH") -> bytes:
    """A small Google-style calendar holding the given events (each a list of its property lines)."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", f"METHOD:{method}", "X-WR-CALNAME:olivia@acme.example",
             "X-WR-TIMEZONE:Europe/Berlin"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    return crlf(*lines, "END:VCALENDAR").encode("utf-8")


def event(uid: str, start: str, summary: str, *attendees: str, sequence: int = 0, status: str = "CONFIRMED",
          minutes: int = 30) -> list[str]:
    """One event's lines; `start` is a UTC time as iCalendar writes it (20240110T090000Z)."""
    import datetime as dt

    begin = dt.datetime.strptime(start, "%Y%m%dT%H%M%SZ")
    end = (begin + dt.timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M%SZ")
    return [f"DTSTART:{start}", f"DTEND:{end}", "DTSTAMP:20240301T120000Z",
            "ORGANIZER;CN=Olivia Owner:mailto:olivia@acme.example", f"UID:{uid}",
            *[f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;X-NUM-GUESTS=0:mailto:{a}"
              for a in attendees],
            f"SEQUENCE:{sequence}", f"STATUS:{status}", f"SUMMARY:{summary}"]
