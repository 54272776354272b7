"""Periodic jobs and the worker that runs every job.

`schedule_due_jobs()` enqueues each declared `PeriodicJob` once per slot: a slot is claimed by inserting
its `JobSlot` row, and the unique constraint lets only one scheduler win, so two web processes, a
worker and a cron line can all call it. `run_worker()` runs queued jobs (django-tasks-db's worker):
`ally worker` for teams; inside `ally serve` on the embedded SQLite default, so nothing else has to run.
"""

import datetime as dt
import logging
import threading

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ally.core.plugins import PeriodicJob, periodic_jobs
from ally.jobs.models import JobSlot

log = logging.getLogger("ally.jobs")
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SCHEDULER_INTERVAL_SECONDS = 30


def slot_start(job: PeriodicJob, now: dt.datetime) -> dt.datetime:
    """The start of the slot `now` falls in: slots of `job.every` counted from a fixed epoch, in UTC."""
    slots = (now - EPOCH) // job.every
    return EPOCH + slots * job.every


def schedule_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every periodic job whose current slot nobody has claimed yet; the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        start = slot_start(job, now)
        try:
            with transaction.atomic():
                slot = JobSlot.objects.create(name=job.name, slot_start=start)
                result = import_string(job.task).enqueue()
                slot.task_result_id = str(result.id)
                slot.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler claimed this slot first
        enqueued.append(job.name)
    return enqueued


def _worker(worker_id: str, interval: float, batch: bool = False):
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(queue_names=["*"], interval=interval, batch=batch, backend_name="default", startup_delay=False,
                  max_tasks=None, worker_id=worker_id, excluded_queue_names=[])


def run_pending(worker_id: str = "once") -> None:
    """Run every job queued now, then return (tests, `ally worker --once`)."""
    _worker(worker_id, interval=0, batch=True).run()


def run_worker(*, worker_id: str, interval: float = 1.0, stop: threading.Event | None = None) -> None:
    """Schedule periodic jobs and run queued ones until `stop` is set (forever in `ally worker`)."""
    stop = stop or threading.Event()
    worker = _worker(worker_id, interval=0, batch=True)
    last_schedule = None
    while not stop.is_set():
        try:
            now = timezone.now()
            if last_schedule is None or (now - last_schedule).total_seconds() >= SCHEDULER_INTERVAL_SECONDS:
                schedule_due_jobs(now)
                last_schedule = now
            worker.run()
        except Exception:  # the web server (or the worker) must outlive a failing round; the next one retries
            log.exception("the job worker's round failed")
        finally:
            close_old_connections()
        stop.wait(interval)


def start_in_process_worker() -> threading.Thread:
    """A worker thread beside the web server (the embedded default, where one process serves everything)."""
    thread = threading.Thread(target=run_worker, kwargs={"worker_id": "ally-serve"}, name="ally-jobs", daemon=True)
    thread.start()
    return thread
