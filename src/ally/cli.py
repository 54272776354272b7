"""The `ally` command: a thin layer over services and selectors (Typer + Rich).

Django is set up lazily, so `ally --help` is instant. Domain errors become one line on stderr and
a non-zero exit, never a traceback. Each app declares its `cli` module in its `apps.py`; that
module's `register(cli)` adds its commands. Nothing imports this module: shared helpers live in
`ally.core.cli`.
"""

import importlib
import os
import sys
import time

import typer

from ally.core.cli import CommandLine, console, setup_django
from ally.core.plugins import ally_app_classes

app = typer.Typer(help="Ally, the relationship-first CRM.", no_args_is_help=True, pretty_exceptions_enable=False,
                  add_completion=False)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Address to listen on."),
          port: int = typer.Option(8000, help="Port to listen on."),
          threads: int = typer.Option(8, help="Worker threads per process."),
          processes: int = typer.Option(0, min=0, help="Web processes; 0 chooses: one per core on PostgreSQL, one on "
                                                       "SQLite.")):
    """Serve Ally with a production-grade WSGI server (waitress); static files are served by Ally itself."""
    setup_django(migrate=True)
    _serve(host, port, threads, processes)


def web_processes(vendor: str, *, cores: int, asked: int = 0) -> int:
    """How many web processes to run. SQLite takes one writer at a time and runs the job worker inside the server,
    so one process with threads keeps writes safe; PostgreSQL takes a process per core (threads alone share one
    core under the GIL)."""
    if asked:
        return 1 if vendor == "sqlite" else asked
    return 1 if vendor == "sqlite" else max(1, cores)


def _serve(host: str, port: int, threads: int, processes: int = 0) -> None:
    from django.db import connection

    # The embedded default runs its job queue in-process, so nothing else has to be started; teams on
    # PostgreSQL run `ally worker` beside the web processes.
    if connection.vendor == "sqlite":
        from ally.jobs.scheduler import start_in_process_worker

        start_in_process_worker()
        console.print("Background jobs run inside this server (SQLite).", highlight=False)
    else:
        console.print("Background jobs: run `ally worker` beside this server.", highlight=False)
    count = web_processes(connection.vendor, cores=os.cpu_count() or 1, asked=processes)
    console.print(f"Serving with {count} web process{'es' if count > 1 else ''} of {threads} threads "
                  f"({'SQLite: one process keeps writes safe' if connection.vendor == 'sqlite' else 'PostgreSQL'}).",
                  highlight=False)
    console.print(f"Ally is running at [bold]http://{host}:{port}/[/bold]  (Ctrl+C to stop)")
    if count == 1:
        import waitress

        from ally.wsgi import application

        waitress.serve(application, host=host, port=port, threads=threads, ident="Ally")
    else:
        _serve_forked(host, port, threads, count)


def _serve_forked(host: str, port: int, threads: int, count: int) -> None:
    """Several waitress processes accepting on one listening socket; Ctrl+C (or SIGTERM) stops them all."""
    import signal
    import socket

    import waitress
    from django.db import connections

    from ally.wsgi import application

    listener = socket.create_server((host, port), reuse_port=False, backlog=1024)
    # A database connection opened before the fork must not be shared by the children.
    connections.close_all()
    children = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            waitress.serve(application, sockets=[listener], threads=threads, ident="Ally")
            os._exit(0)
        children.append(pid)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        for pid in children:
            os.waitpid(pid, 0)
    except (KeyboardInterrupt, SystemExit):
        for pid in children:
            os.kill(pid, signal.SIGTERM)
        for pid in children:
            os.waitpid(pid, 0)


@app.command()
def demo(port: int = typer.Option(8000, help="Port to serve on."),
         host: str = typer.Option("127.0.0.1", help="Address to serve on."),
         serve_after: bool = typer.Option(True, "--serve/--no-serve", help="Serve the demo after creating it."),
         people: int = typer.Option(200, min=1, max=1_000_000, help="How many people to generate."),
         fresh: bool = typer.Option(False, "--fresh", help="Delete and rebuild an existing demo workspace.")):
    """Create (or reuse) the demo workspace on the embedded database and serve it."""
    setup_django(migrate=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ally.demo import build_demo, demo_workspace
    from ally.workspaces.audit import acting
    from ally.workspaces.services import workspace_delete

    existing = demo_workspace()
    if existing is not None and fresh:
        with acting(via="cli"):
            workspace_delete(workspace=existing)  # as any deletion: through the service, into the trail
        existing = None
    if existing is None:
        started = time.perf_counter()
        with Progress(TextColumn("{task.description:>22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=False, disable=not console.is_terminal and people < 5000) as progress:
            def track(label: str, total: int):
                task = progress.add_task(label, total=total)
                return lambda n: progress.advance(task, n)

            build_demo(people=people, progress=track)
        console.print(f"Demo workspace created with {people:,} people in {time.perf_counter() - started:.1f} s.")
    else:
        console.print("Reusing the existing demo workspace (use --fresh to rebuild it).")
    console.print(f"Log in at [bold]http://{host}:{port}/[/bold] as user [bold]demo[/bold], password [bold]demo[/bold].")
    if serve_after:
        _serve(host, port, 8)


def _register_apps() -> None:
    """Add every installed Ally app's commands, as its `apps.py` declares them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ally.settings")
    settings = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    cli = CommandLine(app)
    for declaration in ally_app_classes(settings.INSTALLED_APPS):
        if declaration.cli:
            cli.owner = declaration.name
            importlib.import_module(declaration.cli).register(cli)


_register_apps()


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
