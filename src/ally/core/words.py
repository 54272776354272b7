"""Words a salesperson reads: counts with their unit pluralised, durations in words, codes as words, and
dates in the reader's one format. Pure: no Django, so services, CLIs and templates say things the same way.

The date style is the reader's (their profile's "dates as"), set for the request by the page middleware in a
context variable, as the time zone is; outside a request it is the default, "1 Dec 2026".
"""

import contextvars
import datetime as dt

DATE_STYLES = {
    # style: how the profile form offers it
    "dmy": "1 Dec 2026 (day, month, year)",
    "mdy": "Dec 1, 2026 (month, day, year)",
    "iso": "2026-12-01 (year-month-day)",
}
DEFAULT_DATE_STYLE = "dmy"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_date_style: contextvars.ContextVar[str] = contextvars.ContextVar("ally_date_style", default=DEFAULT_DATE_STYLE)


def activate_date_style(style: str | None) -> contextvars.Token:
    return _date_style.set(style if style in DATE_STYLES else DEFAULT_DATE_STYLE)


def reset_date_style(token: contextvars.Token) -> None:
    _date_style.reset(token)


def date_style() -> str:
    return _date_style.get()


def plural(count: int, word: str, many: str | None = None) -> str:
    """`plural(1, "year")` → "1 year", `plural(3, "year")` → "3 years"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def duration(delta: dt.timedelta | None, *, parts: int = 2) -> str:
    """A span in words, its largest units first: "8 hours", "3 days", "1 day 4 hours", "under a minute"."""
    if delta is None:
        return ""
    seconds = int(abs(delta.total_seconds()))
    if seconds < 60:
        return "under a minute"
    units = (("week", 7 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60))
    if seconds % (7 * 86400) and seconds < 28 * 86400:
        units = units[1:]  # "10 days", not "1 week 3 days"
    said = []
    for word, size in units:
        count, seconds = divmod(seconds, size)
        if count:
            said.append(plural(count, word))
        elif said:
            break  # "1 day", not "1 day 0 hours 5 minutes"
        if len(said) == parts:
            break
    return " ".join(said)


def days_in_words(days: int) -> str:
    """A number of days as a reader says it: "1 day", "2 weeks", "3 months", "1 year"."""
    if days and days % 365 == 0:
        return plural(days // 365, "year")
    if days and days % 30 == 0 and days >= 60:
        return plural(days // 30, "month")
    if days and days % 7 == 0:
        return plural(days // 7, "week")
    return plural(days, "day")


def code_words(code) -> str:
    """A stored code as words, for the few places with no label: "at_risk" → "at risk"."""
    return str(code or "").replace("_", " ").strip()


def _parts(value: dt.date) -> tuple[int, str, int]:
    return value.day, MONTHS[value.month - 1], value.year


def format_day(value: dt.date | None, *, year: bool = True, style: str | None = None) -> str:
    """A date in the reader's style: "1 Dec 2026", "Dec 1, 2026" or "2026-12-01" (without the year:
    "1 Dec", "Dec 1", "12-01")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    style = style or date_style()
    day, month, y = _parts(value)
    if style == "iso":
        return value.isoformat() if year else value.strftime("%m-%d")
    if style == "mdy":
        return f"{month} {day}, {y}" if year else f"{month} {day}"
    return f"{day} {month} {y}" if year else f"{day} {month}"


def format_moment(value: dt.datetime | None, *, style: str | None = None) -> str:
    """A moment (already in the reader's zone) in their style: "1 Dec 2026, 14:05"."""
    if value is None:
        return ""
    style = style or date_style()
    sep = " " if style == "iso" else ", "
    return f"{format_day(value, style=style)}{sep}{value:%H:%M}"
