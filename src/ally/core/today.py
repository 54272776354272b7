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
    # Set by the agenda: a dated thing (a birthday, an anniversary, a promise) whose day is today.
    due_today: bool = False

    @property
    def label(self) -> str:
        """The kind in words, as its source named it."""
        return _LABELS[self.kind]

    @property
    def key(self) -> str:
        """The item's name on Today, stable from one day to the next: its kind and what it is about
        ("follow_up-12", "birthday-7" for a person), used to act on it and to snooze it."""
        ref = next((self.details[name] for name in ITEM_REFERENCES if self.details.get(name) is not None),
                   self.person_id)
        return f"{self.kind}-{ref}"

    @property
    def dated(self) -> bool:
        return self.kind in _DATED

    @property
    def opens(self) -> str:
        """What `url` opens, in words ("the case"), when it is not the person's page."""
        return _OPENS.get(self.kind, "")


# What an item is about, most specific first (a question's opportunity is only its context).
ITEM_REFERENCES = ("follow_up_id", "check_in_id", "question_id", "case_id", "need_id", "fact_id", "opportunity_id")

TodaySource = Callable[[TodayContext], list[TodayItem]]
_SOURCES: dict[str, TodaySource] = {}
_LABELS: dict[str, str] = {}
_DATED: set[str] = set()
_OPENS: dict[str, str] = {}


def today_source(kind: str, *, label: str, dated: bool = False, opens: str = "") -> Callable[[TodaySource], TodaySource]:
    """Register a source. `dated` says its items fall on a day (a birthday, a promise's due day): one due
    today is shown first, in the "Due today" group, whatever its rank. `opens` names what an item's `url`
    opens when it is not the person ("the case"); the person's name always opens the person."""

    def register(function: TodaySource) -> TodaySource:
        check_unique("Today source", kind, _SOURCES)
        _SOURCES[kind] = function
        _LABELS[kind] = label
        if dated:
            _DATED.add(kind)
        if opens:
            _OPENS[kind] = opens
        return function

    return register


def registered_sources() -> dict[str, TodaySource]:
    return dict(_SOURCES)


def kind_labels() -> dict[str, str]:
    """Every kind Today knows, with its label, in registration order."""
    return dict(_LABELS)
