"""The one job queue: periodic jobs run once per slot however many schedulers ask, queued jobs run, and
owners see what ran and why a job failed."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ally.core.plugins import PeriodicJob
from ally.jobs.models import JobSlot
from ally.jobs.scheduler import run_pending, schedule_due_jobs, slot_start
from ally.workspaces.services import membership_add, user_create

pytestmark = pytest.mark.django_db

HOURLY = PeriodicJob("test.hourly", "ally.value.tasks.refit_stale_workspaces", every=dt.timedelta(hours=1))


def test_a_slot_starts_on_the_hour_whatever_the_minute():
    at = dt.datetime(2027, 3, 1, 9, 41, 7, tzinfo=dt.UTC)
    assert slot_start(HOURLY, at) == dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)


def test_a_periodic_job_is_enqueued_once_per_slot_even_when_two_schedulers_run(monkeypatch):
    monkeypatch.setattr("ally.jobs.scheduler.periodic_jobs", lambda: [HOURLY])
    at = dt.datetime(2027, 3, 1, 9, 5, tzinfo=dt.UTC)
    assert schedule_due_jobs(at) == ["test.hourly"]
    assert schedule_due_jobs(at + dt.timedelta(minutes=20)) == []  # the second scheduler, same hour
    assert schedule_due_jobs(at + dt.timedelta(hours=1)) == ["test.hourly"]
    assert JobSlot.objects.count() == 2 and DBTaskResult.objects.count() == 2


# The worker closes its database connection between rounds, as a long-running process must; inside a test's
# transaction that would close the test's own connection, so these tests commit for real.
@pytest.mark.django_db(transaction=True)
def test_the_value_refit_is_declared_by_its_app_and_runs_from_the_queue(workspace):
    scheduled = schedule_due_jobs(timezone.now())
    assert "value.refit" in scheduled
    run_pending()
    result = DBTaskResult.objects.get(task_path="ally.value.tasks.refit_stale_workspaces")
    assert result.status == "SUCCESSFUL" and result.return_value == 0  # nothing to fit yet


def test_owners_see_the_jobs_and_why_one_failed_and_members_may_not(workspace, client_olivia):
    DBTaskResult.objects.create(task_path="ally.capture.tasks.mail_sync", args_kwargs={"args": [], "kwargs": {
        "workspace_id": workspace.id}}, status="FAILED", backend_name="default", queue_name="default",
        run_after=timezone.now(), traceback="Traceback...\nMailAccountError: the server refused the password\n",
        exception_class_path="x")
    html = client_olivia.get("/settings/jobs/").content.decode()
    assert "Mail sync" in html and "the server refused the password" in html
    pat = user_create(username="pat", password="pat-pass-1", email="pat@acme.example")
    membership_add(workspace=workspace, user=pat)
    member = Client()
    member.force_login(pat)
    assert member.get("/settings/jobs/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_worker_and_the_job_list_from_the_command_line(ally_command, workspace):
    result = ally_command("worker", "--once")
    assert result.exit_code == 0, result.output
    listed = json.loads(ally_command("jobs", "--json").output)
    assert any(job["task"] == "refit stale workspaces" and job["status"] == "successful" for job in listed)
