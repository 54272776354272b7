"""Calendar arithmetic for tests whose expectations depend on where today falls in the month."""

import datetime as dt


def months_spanned(start: dt.date, end: dt.date) -> int:
    """How many calendar months the days `start`..`end` touch (1 when both are in one month)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
