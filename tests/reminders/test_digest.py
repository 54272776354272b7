"""The morning email: sent over a real SMTP server, well-formed, the member's own day, once a day."""

import datetime as dt
import email
from email import policy

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from ally.interactions.services import follow_up_add
from ally.jobs.scheduler import run_pending
from ally.reminders.deliveries import claim_due
from ally.reminders.models import DigestDelivery
from ally.reminders.services import digest_settings_update
from ally.reminders.tasks import send_digest, send_due_digests
from ally.workspaces.services import workspace_update

pytestmark = pytest.mark.django_db
# 19:00 on 1 March in UTC is 09:00 on 2 March in Kiritimati (UTC+14), where Acme works in these tests.
MORNING = dt.datetime(2027, 3, 1, 19, 0, tzinfo=dt.UTC)


@pytest.fixture
def kiritimati_morning(time_machine, workspace, membership, alice):
    """Acme on Kiritimati time, Olivia's email at 07:30 there, and a promise due on her 2 March (not on UTC's)."""
    time_machine.move_to(MORNING, tick=False)
    workspace_update(workspace=workspace, time_zone="Pacific/Kiritimati")
    membership.refresh_from_db()
    digest_settings_update(membership=membership, enabled=True, send_at="07:30")
    follow_up_add(person=alice, text="send the pruning guide", due_on=dt.date(2027, 3, 2))
    follow_up_add(person=alice, text="their 3 March", due_on=dt.date(2027, 3, 3))
    return membership


def _run_queued_sends():
    """Run the queued email jobs as a worker would (the worker itself is tested in tests/jobs)."""
    for result in DBTaskResult.objects.filter(task_path="ally.reminders.tasks.send_digest", status="READY"):
        try:
            send_digest.call(**result.args_kwargs["kwargs"])
        except Exception:
            pass
        result.status = "SUCCESSFUL"
        result.save(update_fields=["status"])


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def test_the_email_arrives_well_formed_with_the_members_items_of_their_own_day(kiritimati_morning, smtp_server,
                                                                               alice):
    # when
    assert send_due_digests.call() == 1
    _run_queued_sends()
    # then
    [(sender, recipients, raw)] = smtp_server.messages
    assert sender == "ally@acme.example" and recipients == ["olivia@acme.example"]
    message = _parse(raw)
    assert message.get_content_type() == "multipart/alternative"
    assert "Alice Ally" in message["Subject"] and "2 Mar" in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "send the pruning guide" in body and "their 3 March" not in body
        assert f"http://127.0.0.1:8000/people/{alice.id}/" in body
    assert "Deliver: send the pruning guide" in text and "<ol>" in html
    assert "How to open: Deliver: send the pruning guide" in text
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.day, delivery.attempts) == ("sent", dt.date(2027, 3, 2), 1)


def test_no_email_before_the_members_time_nor_twice_when_the_sweep_runs_twice(kiritimati_morning, smtp_server,
                                                                              time_machine):
    time_machine.move_to(MORNING - dt.timedelta(hours=2), tick=False)  # 07:00 in Kiritimati
    assert send_due_digests.call() == 0
    time_machine.move_to(MORNING, tick=False)
    assert send_due_digests.call() == 1
    assert send_due_digests.call() == 0  # a second scheduler, or the next sweep
    _run_queued_sends()
    assert claim_due(MORNING + dt.timedelta(hours=3)) == []  # two workers: the day is already claimed
    assert len(smtp_server.messages) == 1 and DigestDelivery.objects.count() == 1


def test_nothing_is_sent_on_a_day_with_nothing_due(kiritimati_morning, smtp_server, alice, time_machine):
    from ally.interactions.models import FollowUp

    FollowUp.objects.filter(person=alice).delete()
    from ally.people.models import Person

    Person.objects.filter(id=alice.id).update(touch_due_at=None)
    send_due_digests.call()
    _run_queued_sends()
    assert smtp_server.messages == []
    assert DigestDelivery.objects.get().status == "nothing_due"


def test_a_refused_send_is_recorded_retried_and_then_sent(kiritimati_morning, smtp_server, settings):
    # given: the mail server is away
    working = settings.ALLY_SMTP_URL
    settings.ALLY_SMTP_URL = "smtp://127.0.0.1:1"
    send_due_digests.call()
    _run_queued_sends()
    failed = DigestDelivery.objects.get()
    assert failed.status == "failed" and failed.attempts == 1 and failed.error
    # when: it is back for the next sweep
    settings.ALLY_SMTP_URL = working
    assert send_due_digests.call() == 1
    _run_queued_sends()
    # then
    sent = DigestDelivery.objects.get()
    assert (sent.status, sent.attempts, sent.error) == ("sent", 2, "") and len(smtp_server.messages) == 1


# The worker closes its connection between rounds, so this test commits for real (see tests/jobs).
@pytest.mark.django_db(transaction=True)
def test_through_the_job_queue_a_failed_send_shows_on_the_owners_jobs_page(kiritimati_morning, settings, olivia):
    settings.ALLY_SMTP_URL = "smtp://127.0.0.1:1"
    send_due_digests.enqueue()
    run_pending()
    result = DBTaskResult.objects.get(task_path="ally.reminders.tasks.send_digest")
    assert result.status == "FAILED"
    owner = Client()
    owner.force_login(olivia)
    assert "morning email to olivia not sent" in owner.get("/settings/jobs/").content.decode()
    assert "Failed" in owner.get("/settings/reminders/").content.decode()


def test_digest_send_prints_it_with_dry_run_and_sends_it_once(kiritimati_morning, smtp_server, ally_command):
    dry = ally_command("digest", "send", "--member", "olivia", "--dry-run")
    assert dry.exit_code == 0 and "send the pruning guide" in dry.output and "To: olivia@acme.example" in dry.output
    assert smtp_server.messages == [] and not DigestDelivery.objects.exists()
    sent = ally_command("digest", "send")
    assert sent.exit_code == 0, sent.output
    again = ally_command("digest", "send", "--member", "olivia")
    assert "already sent" in again.output and len(smtp_server.messages) == 1


def test_digest_send_without_a_mail_server_says_so(kiritimati_morning, ally_command, settings):
    settings.ALLY_SMTP_URL = ""
    result = ally_command("digest", "send", "--member", "olivia")
    assert result.exit_code == 1 and "ALLY_SMTP_URL is not set" in result.output


def test_the_sweep_is_a_periodic_job_of_the_queue(db):
    from ally.core.plugins import periodic_jobs

    job = next(job for job in periodic_jobs() if job.name == "reminders.digests")
    assert job.task == "ally.reminders.tasks.send_due_digests" and job.every == dt.timedelta(minutes=5)
