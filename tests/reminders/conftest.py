"""Reminders' cast: Sam, Olivia's teammate with a Today of his own, and a real SMTP server to mail to."""

import socket

import icalendar
import pytest
from aiosmtpd.controller import Controller

from ally.reminders.services import calendar_feed_create
from ally.workspaces.services import membership_add, user_create


@pytest.fixture
def sam(workspace):
    """Sam, Olivia's teammate in Acme (a membership), who champions cases of his own."""
    user = user_create(username="sam", password="sam-sells-well", email="sam@acme.example", first_name="Sam",
                       last_name="Support")
    return membership_add(workspace=workspace, user=user)


@pytest.fixture
def olivia_feed(membership):
    """Olivia's calendar feed: (the feed, its path on the site)."""
    feed, raw = calendar_feed_create(membership=membership)
    return feed, f"/calendar/{raw}.ics"


@pytest.fixture
def fetch_calendar(client):
    """`fetch_calendar(path)`: the feed at `path`, fetched anonymously as a calendar app does, parsed."""

    def fetch(path):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        return icalendar.Calendar.from_ical(response.content)

    return fetch


class Inbox:
    """What the SMTP server received: one (envelope sender, recipients, raw message bytes) per email."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port, named by ALLY_SMTP_URL for the test: its inbox."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.ALLY_SMTP_URL = f"smtp://127.0.0.1:{port}?from=ally@acme.example"
    try:
        yield inbox
    finally:
        controller.stop()
