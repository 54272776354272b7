"""The one registry of Today sources.

An app adds what it wants on Today by decorating a function in its own `today.py`:

    @today_source("keep_in_touch", label="Keep in touch")
    def overdue_cadences(ctx: TodayContext) -> list[TodayItem]: ...

The agenda imports every app's `today.py` at start-up and never names the apps; a kind registered
twice is refused.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ally.core.plugins import check_unique


@dataclass(frozen=True)
class TodayContext:
    """What a source needs to decide what is due: whose Today, and when "today" is for them."""

    workspace: object
    user: object
    membership: object
    now: dt.datetime
    today: dt.date
    horizon_days: int = 14


@dataclass
class TodayItem:
    """One thing to do today: who, why, by when, and how to open the conversation."""

    kind: str
    person_id: int
    person_name: str
    due: dt.date
    reason: str
    urgency: float
    opener: str = ""
    url: str = ""
    importance: float = 1.0
    priority: float = 0.0
    # Sources may pre-fill an opener of their own (e.g. a check-in's question); the agenda fills the rest.
    details: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The kind in words, as its source named it."""
        return _LABELS[self.kind]


TodaySource = Callable[[TodayContext], list[TodayItem]]
_SOURCES: dict[str, TodaySource] = {}
_LABELS: dict[str, str] = {}


def today_source(kind: str, *, label: str) -> Callable[[TodaySource], TodaySource]:
    def register(function: TodaySource) -> TodaySource:
        check_unique("Today source", kind, _SOURCES)
        _SOURCES[kind] = function
        _LABELS[kind] = label
        return function

    return register


def registered_sources() -> dict[str, TodaySource]:
    return dict(_SOURCES)
