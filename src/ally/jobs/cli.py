"""`ally worker` and `ally jobs`: run the job queue, and see what it did."""

import typer

from ally.core.cli import CommandLine, console, json_option, print_json, print_table, setup_django, workspace_option


def register(cli: CommandLine) -> None:
    cli.command("worker", worker)
    cli.command("jobs", jobs)


def worker(once: bool = typer.Option(False, "--once", help="Schedule due periodic jobs, run what is queued, exit."),
           interval: float = typer.Option(1.0, "--interval", min=0.1, help="Seconds between looks at the queue.")):
    """Run background jobs (lifetime value refits, syncs, digests) and schedule the periodic ones. Teams run one
    or more of these beside `ally serve`; each periodic job still runs once per slot."""
    setup_django(migrate=True)
    import os
    import socket

    from ally.jobs.scheduler import run_pending, run_worker, schedule_due_jobs

    worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
    if once:
        scheduled = schedule_due_jobs()
        run_pending(worker_id)
        console.print(f"Scheduled {len(scheduled)} periodic job(s); ran what was queued.", highlight=False)
        return
    console.print(f"Ally's worker {worker_id} is running (Ctrl+C to stop).", highlight=False)
    try:
        run_worker(worker_id=worker_id, interval=interval)
    except KeyboardInterrupt:
        console.print("Stopped.")


def jobs(workspace: str = workspace_option(), status: str = typer.Option(None, "--status",
                                                                          help="ready, running, failed or successful."),
         as_json: bool = json_option()):
    """Recent background jobs of a workspace: queued, running, failed (with why) and done."""
    setup_django()
    from ally.jobs.selectors import recent_jobs
    from ally.workspaces.cli import resolve_workspace

    rows = recent_jobs(workspace=resolve_workspace(workspace), status=status)
    if as_json:
        print_json([row.__dict__ for row in rows])
        return
    print_table("Background jobs", ["job", "status", "queued", "finished", "why it failed"],
                [[r.task, r.status, f"{r.enqueued_at:%Y-%m-%d %H:%M}",
                  f"{r.finished_at:%Y-%m-%d %H:%M}" if r.finished_at else "", r.error] for r in rows])
