"""The job queue as owners see it: what is queued, running, finished or failed, and why a failure failed."""

from dataclasses import dataclass

from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class JobRow:
    id: str
    task: str
    status: str
    enqueued_at: object
    started_at: object
    finished_at: object
    error: str


def _error(result: DBTaskResult) -> str:
    if not result.traceback:
        return ""
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def recent_jobs(*, workspace, status: str | None = None, limit: int = 100) -> list[JobRow]:
    """The workspace's jobs (those whose arguments name it) and the installation's sweeps, newest first."""
    results = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        results = results.filter(status=status.upper())
    rows = []
    for result in results[: limit * 4]:
        kwargs = (result.args_kwargs or {}).get("kwargs", {})
        if kwargs.get("workspace_id") not in (None, workspace.id):
            continue
        rows.append(JobRow(id=str(result.id), task=result.task_path.rsplit(".", 1)[-1].replace("_", " "),
                           status=result.status.lower(), enqueued_at=result.enqueued_at,
                           started_at=result.started_at, finished_at=result.finished_at, error=_error(result)))
        if len(rows) == limit:
            break
    return rows
