"""The demo workspace: realistic, deterministic (Faker with a fixed seed), dated relative to today.

`build_demo(people=200)` makes the team (user `demo`, password `demo`, and two colleagues) and then
runs every app's demo step (`DemoStep` in its `apps.py`) in dependency order: about 200 people in 20
organizations with little things, relationships, two years of interactions and promises, needs and
opportunities, purchases, cases and lifetime value, arranged so that Today shows every kind of item
on the day it runs. Larger sizes (`--people 100000`) use bulk inserts with a progress bar.
"""

import datetime as dt
import importlib
import random
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from ally.core.demo import DemoContext, no_progress
from ally.core.plugins import demo_steps
from ally.workspaces.models import Membership, Workspace
from ally.workspaces.services import membership_add, user_create, workspace_create

DEMO_SLUG = "demo"
SEED = 20260101
COLLEAGUES = (("Sam", "Rivera"), ("Priya", "Natarajan"))


def demo_workspace() -> Workspace | None:
    return Workspace.objects.filter(slug=DEMO_SLUG).first()


def build_demo(*, people: int = 200, progress=no_progress, now: dt.datetime | None = None) -> Workspace:
    """Create the demo workspace (user `demo`, password `demo`) with `people` people."""
    now = now or timezone.now()
    rng, fake = random.Random(SEED), Faker("en_US")
    fake.seed_instance(SEED)
    # One transaction: an interrupted build leaves no half-made demo for the next run to reuse.
    with transaction.atomic():
        workspace, members = _team()
        ctx = DemoContext(workspace=workspace, owner=members[0], members=members, person_ids=[], organization_ids=[],
                          size=people, today=timezone.localdate(now), now=now, rng=rng, fake=fake, progress=progress)
        for _label, step in demo_steps():
            importlib.import_module(step.module).populate(ctx)
    return workspace


def _demo_user():
    """The demo login. Its password is the well-known `demo`, which the validators would refuse: the demo is
    a sandbox of made-up people on one's own machine, and `ally demo` prints the login to use. Only this path
    sets a password without the validators; every real account goes through user_create's checks."""
    user = user_create(username="demo", password=secrets.token_urlsafe(16), email="demo@ally.example",
                       first_name="Dana", last_name="Demo")
    user.set_password("demo")
    user.save(update_fields=["password"])
    return user


def _team() -> tuple[Workspace, list[Membership]]:
    users = get_user_model().objects
    user = users.filter(username="demo").first() or _demo_user()
    workspace = workspace_create(name="Demo workspace", slug=DEMO_SLUG, owner=user)
    members = [Membership.objects.get(workspace=workspace, user=user)]
    for first, last in COLLEAGUES:
        # A random password from `secrets`, not Faker: rebuilding must draw the same demo either way.
        colleague = users.filter(username=first.lower()).first() or user_create(
            username=first.lower(), password=secrets.token_urlsafe(16), first_name=first, last_name=last,
            email=f"{first.lower()}@ally.example")
        members.append(membership_add(workspace=workspace, user=colleague))
    return workspace, members
