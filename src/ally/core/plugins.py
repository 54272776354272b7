"""How an app plugs into the shared places: one declaration per app, in its own `apps.py`.

    class PeopleConfig(AllyApp):
        name = "ally.people"
        urls = "ally.people.urls"
        api = "ally.people.api"                  # a module with `router`
        cli = "ally.people.cli"                  # a module with `register(cli: CommandLine)`
        demo = DemoStep("ally.people.demo", after=("workspaces",))
        nav = (NavEntry("People", "people:list", order=20, paths=("/people/",)),)

(`from ally.core import plugins` and `plugins.AllyApp`: with AllyApp itself a member of `apps.py`, Django
would find two AppConfig classes there and use neither.)

The URL configuration, the API, the `ally` command, the demo and the navigation read these
declarations from INSTALLED_APPS and never name an app. A name declared twice (two demo steps
of one app, two navigation entries with one label) is refused at start-up.
"""

import datetime as dt
import importlib
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation; it is the current section on every page under one of its `paths`."""

    label: str
    url_name: str
    order: int
    paths: tuple[str, ...] = ()
    area: str = "main"  # "main", "account", or "settings" (a card on the Settings page, with `about`)
    about: str = ""
    owners_only: bool = False


@dataclass(frozen=True)
class PeriodicJob:
    """A task (a django-tasks `@task` at `task`, "module.name") enqueued once every `every`, however many
    processes schedule it."""

    name: str
    task: str
    every: dt.timedelta


@dataclass(frozen=True)
class DemoStep:
    """An app's part of the demo workspace: `module.populate(ctx)`, run after the steps of the apps named."""

    module: str
    after: tuple[str, ...] = ()


class AllyApp(AppConfig):
    """A domain app of Ally and what it plugs in. Every attribute is optional."""

    urls: str | None = None
    api: str | None = None
    cli: str | None = None
    demo: DemoStep | None = None
    nav: tuple[NavEntry, ...] = ()
    jobs: tuple[PeriodicJob, ...] = ()
    # What an app does when something happens in an app below it, which must not import it: hook name ->
    # "module.function". `member_seated(membership=...)`: the people app gives every team member a Person.
    # `opportunity_owned(opportunity=..., **purchase)`: the ownership app records the purchase.
    # `customers_made_section(request=..., start=..., end=...)` and `interaction_section(request=..., interaction=...)`
    # return HTML cards for Customers made and the interaction page (the coach's "asking vs telling" and upload).
    hooks: dict[str, str] = {}


def ally_apps() -> list[AllyApp]:
    return [config for config in apps.get_app_configs() if isinstance(config, AllyApp)]


def ally_app_classes(installed_apps: list[str]) -> list[type[AllyApp]]:
    """The AllyApp declarations of `installed_apps`, read without setting Django up (for `ally --help`)."""
    found = []
    for entry in installed_apps:
        if not entry.startswith("ally."):
            continue
        module = importlib.import_module(f"{entry}.apps")
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and issubclass(value, AllyApp) and value is not AllyApp
                  and getattr(value, "name", None) == entry]
    return found


def hook_functions(name: str) -> list:
    """The functions the installed apps declare for a hook, in INSTALLED_APPS order."""
    return [import_string(config.hooks[name]) for config in ally_apps() if name in config.hooks]


def demo_steps() -> list[tuple[str, DemoStep]]:
    """Every app's demo step in an order where each runs after the apps it names."""
    steps = {config.label: config.demo for config in ally_apps() if config.demo is not None}
    ordered, visiting, done = [], set(), set()

    def visit(label: str) -> None:
        if label in done:
            return
        if label in visiting:
            raise ImproperlyConfigured(f"demo steps depend on each other in a circle through '{label}'")
        visiting.add(label)
        for before in steps[label].after:
            if before not in steps:
                raise ImproperlyConfigured(f"the demo step of '{label}' runs after '{before}', which has none")
            visit(before)
        visiting.discard(label)
        done.add(label)
        ordered.append((label, steps[label]))

    for label in sorted(steps):
        visit(label)
    return ordered


def periodic_jobs() -> list[PeriodicJob]:
    jobs = [job for config in ally_apps() for job in config.jobs]
    names = [job.name for job in jobs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"periodic jobs declared twice: {', '.join(duplicates)}")
    return jobs


def nav_entries(area: str = "main") -> list[NavEntry]:
    entries = [entry for config in ally_apps() for entry in config.nav if entry.area == area]
    labels = [entry.label for entry in entries]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"navigation entries declared twice: {', '.join(duplicates)}")
    return sorted(entries, key=lambda entry: (entry.order, entry.label))


def current_nav_entry(path: str, entries: list[NavEntry]) -> NavEntry | None:
    """The section a page belongs to: the entry with the longest path prefix of `path`."""
    matches = [(len(prefix), entry) for entry in entries for prefix in entry.paths if path.startswith(prefix)]
    return max(matches, key=lambda match: match[0])[1] if matches else None


def check_unique(kind: str, key: str, registry: dict) -> None:
    """Refuse a second registration under one key (two Today sources of one kind, two sections of one name)."""
    if key in registry:
        raise ImproperlyConfigured(f"{kind} '{key}' is registered twice")
