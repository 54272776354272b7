"""The coach's cast: Olivia's discovery call with Alice (Teams), Sam's pitch to Bob (Zoom), Rita's call in Rival."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from ally.interactions.services import interaction_log
from ally.workspaces.services import membership_add, user_create

TRANSCRIPTS = Path(__file__).parent / "transcripts"


def transcript_file(name: str) -> Path:
    return next(p for p in TRANSCRIPTS.iterdir() if p.name.startswith(f"{name}.") and p.suffix != ".json")


@pytest.fixture
def sam(workspace):
    """Sam Seller, Olivia's teammate, who pitches rather than asks."""
    user = user_create(username="sam", password="sam-sells-well", first_name="Sam", last_name="Seller")
    return membership_add(workspace=workspace, user=user)


@pytest.fixture
def discovery_call(workspace, alice, olivia):
    return interaction_log(workspace=workspace, kind="call", summary="Discovery with Alice", participants=[alice],
                           occurred_at=timezone.now() - dt.timedelta(days=2), author=olivia)


@pytest.fixture
def pitch_call(workspace, bob, sam):
    return interaction_log(workspace=workspace, kind="call", summary="Demo for Bob", participants=[bob],
                           occurred_at=timezone.now() - dt.timedelta(days=1))


@pytest.fixture
def rival_call(other_workspace, rita):
    return interaction_log(workspace=other_workspace, kind="call", summary="Rita's call", participants=[rita],
                           occurred_at=timezone.now() - dt.timedelta(days=1))


@pytest.fixture
def teams_vtt() -> str:
    return transcript_file("teams_discovery").read_text(encoding="utf-8")


@pytest.fixture
def zoom_vtt() -> str:
    return transcript_file("zoom_pitch").read_text(encoding="utf-8")
