"""The fixed cast every test can use.

- `workspace` "Acme Allies" (slug `acme`), owned by `olivia` (password `olivia-pw`), whose team-member
  person is Olivia Owner.
- `alice` (Alice Ally, customer, alice@example.com, cadence 30 days) and `bob` (Bob Builder) in it.
- `other_workspace` "Rival" (slug `rival`) owned by `rex`, with `rita` (Rita Rival) in it: the data
  no one from Acme may ever reach.

`ALLY_TEST_NOW=2027-03-01T00:30:00` runs the whole suite at that instant (UTC unless it names an
offset): the clock travels there for every test, in every xdist worker, the live server included,
and keeps ticking. CI runs the suite once more at a hard instant so no date assumption lands.
"""

import datetime as dt
import json
import os

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from ally.opportunities.services import offering_create
from ally.ownership.services import purchase_record
from ally.people.services import person_create
from ally.workspaces.models import Membership
from ally.workspaces.services import api_token_create, user_create, workspace_create


def _test_now() -> dt.datetime | None:
    raw = os.environ.get("ALLY_TEST_NOW", "").strip()
    if not raw:
        return None
    try:
        instant = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise pytest.UsageError(f"ALLY_TEST_NOW: {raw!r} is not an ISO 8601 instant (e.g. 2027-03-01T00:30:00)")
    return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)


def pytest_configure(config):
    instant = _test_now()
    if instant is not None:
        time_machine.travel(instant, tick=True).start()


def pytest_report_header(config):
    instant = _test_now()
    return f"clock: travelled to {instant.isoformat()} (ALLY_TEST_NOW)" if instant else None


@pytest.fixture(autouse=True)
def _empty_cache():
    """Snapshots kept in the cache (Customers made) belong to one test: ids repeat after a rollback."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def olivia(db):
    """The owner of the Acme workspace: a salesperson who opens Ally every morning."""
    return user_create(username="olivia", password="olivia-grows-roses", email="olivia@acme.example",
                       first_name="Olivia", last_name="Owner")


@pytest.fixture
def workspace(olivia):
    """Acme Allies: the workspace most tests happen in."""
    return workspace_create(name="Acme Allies", slug="acme", owner=olivia)


@pytest.fixture
def membership(workspace, olivia):
    return Membership.objects.get(workspace=workspace, user=olivia)


@pytest.fixture
def alice(workspace, membership):
    """A customer Olivia keeps in touch with every 30 days."""
    return person_create(workspace=workspace, name="Alice Ally", emails=["alice@example.com"],
                         phones=["+1 212 555 0101"], cadence_days=30, owner=membership)


@pytest.fixture
def bob(workspace):
    """A prospect with no cadence yet."""
    return person_create(workspace=workspace, name="Bob Builder", emails=["bob@example.com"])


@pytest.fixture
def rex(db):
    return user_create(username="rex", password="rex-rivals-acme", email="rex@rival.example")


@pytest.fixture
def other_workspace(rex):
    """Rival: another team's workspace, unreachable from Acme."""
    return workspace_create(name="Rival", slug="rival", owner=rex)


@pytest.fixture
def rita(other_workspace):
    """A person in the Rival workspace."""
    return person_create(workspace=other_workspace, name="Rita Rival", emails=["rita@rival.example"], cadence_days=7)


@pytest.fixture
def client_olivia(olivia, workspace) -> Client:
    client = Client()
    client.force_login(olivia)
    return client


@pytest.fixture
def today():
    """The day it is for Olivia (Acme runs on UTC)."""
    return timezone.localdate()


@pytest.fixture
def garden_plan(workspace):
    """An offering in Acme's catalogue: a year-long garden plan."""
    return offering_create(workspace=workspace, name="Garden plan", price="1200.00", currency="USD")


@pytest.fixture
def record(workspace, olivia, today):
    """`record(person, days_ago=0, amount="100.00", **more)`: a purchase through the service."""

    def _record(person, days_ago: int = 0, amount="100.00", currency="USD", **more):
        return purchase_record(workspace=person.workspace, person=person, amount=amount, currency=currency,
                               purchased_on=today - dt.timedelta(days=days_ago), author=olivia, **more)

    return _record


@pytest.fixture
def days_ago():
    """`days_ago(n)`: an aware datetime n days before now."""
    return lambda n: timezone.now() - dt.timedelta(days=n)


class ApiClient:
    """A Django test client speaking JSON to the API with one bearer token (or none).

    Paths may be given whole (`/api/v1/people`) or from the API's root (`/people`).
    """

    def __init__(self, raw_token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"} if raw_token else {}

    @staticmethod
    def _url(path: str) -> str:
        return path if path.startswith("/api/") else f"/api/v1{path}"

    def get(self, path: str, params=None):
        return self.client.get(self._url(path), params or {}, **self.headers)

    def _send(self, method: str, path: str, body):
        return getattr(self.client, method)(self._url(path), json.dumps({} if body is None else body),
                                            content_type="application/json", **self.headers)

    def post(self, path: str, body=None):
        return self._send("post", path, body)

    def patch(self, path: str, body=None):
        return self._send("patch", path, body)

    def put(self, path: str, body=None):
        return self._send("put", path, body)

    def delete(self, path: str):
        return self.client.delete(self._url(path), **self.headers)


@pytest.fixture
def olivia_token(olivia, workspace):
    """Olivia's token for Acme, as (ApiToken, raw string)."""
    return api_token_create(user=olivia, workspace=workspace, name="olivia's script")


@pytest.fixture
def api(olivia_token) -> ApiClient:
    """Olivia calling the API for Acme."""
    return ApiClient(olivia_token[1])


@pytest.fixture
def rival_api(rex, other_workspace) -> ApiClient:
    """Rex calling the API for Rival."""
    return ApiClient(api_token_create(user=rex, workspace=other_workspace, name="rex's script")[1])


@pytest.fixture
def anonymous_api(db) -> ApiClient:
    return ApiClient(None)


@pytest.fixture
def ally_command(db, monkeypatch):
    """`ally_command("people", "show", "alice")`: the result of running `ally` in-process against the test
    database (already migrated, so first-run commands do not migrate it again)."""
    import ally.cli
    from ally.core import cli as core_cli
    from ally.workspaces.audit import acting

    real = core_cli.setup_django
    monkeypatch.setattr(core_cli, "setup_django", lambda migrate=False: real())
    runner = CliRunner()

    def run(*args, input=None):
        # A command sets the process's clock and actor as a real `ally` process would; the next test must not
        # inherit them, so both are put back afterwards.
        try:
            with acting(via="system"):
                return runner.invoke(ally.cli.app, [str(a) for a in args], input=input)
        finally:
            timezone.deactivate()

    return run


@pytest.fixture
def demo_workspace(db):
    """The other workspace: the demo, small, with one or more of every kind of object.

    The demo asks no customer question of its own, so one is asked here through the service.
    """
    from ally.capture.services.accounts import mail_account_add
    from ally.capture.services.calendar import calendar_subscribe
    from ally.demo import build_demo
    from ally.network.models import IntroductionRequest
    from ally.network.services import introduction_request_create
    from ally.opportunities.models import CustomerQuestion, Opportunity
    from ally.opportunities.services import customer_question_ask
    from ally.people.models import Person

    demo = build_demo(people=12)
    # The demo connects no mailbox or calendar (it would have no server to sync from); one of each is connected here.
    mail_account_add(workspace=demo, member=demo.memberships.order_by("pk").first(), host="127.0.0.1",
                     username="demo", password="demo-mailbox-pw")
    calendar_subscribe(workspace=demo, member=demo.memberships.order_by("pk").first(),
                       url="http://127.0.0.1:9/demo-calendar.ics")
    # The demo asks for an introduction only where someone is reached through another; at 12 people on some days
    # everyone is known directly, so one is asked here.
    if not IntroductionRequest.objects.filter(workspace=demo).exists():
        member = demo.memberships.exclude(person=None).order_by("pk").first()
        introducer, target = Person.objects.filter(workspace=demo).exclude(
            id__in=demo.memberships.exclude(person=None).values("person_id")).order_by("pk")[:2]
        introduction_request_create(workspace=demo, member=member, introducer=introducer, target=target)
    if not CustomerQuestion.objects.filter(workspace=demo).exists():
        customer_question_ask(opportunity=Opportunity.objects.filter(workspace=demo).order_by("pk").first(),
                              text="Does it work offline?")
    return demo
