"""Built into every template (settings.TEMPLATES builtins): the words of `ally.core.words` as filters.

`{{ d|day }}` and `{{ d|day_month }}` (a date in the reader's style), `{{ t|moment }}` (a moment in their zone and
style), `{{ delta|duration }}` ("8 hours"), `{{ n|days_words }}` ("2 weeks"), `{{ code|code_words }}`
("at risk"), `{{ n|plural_of:"year" }}` ("1 year", "3 years"), `{{ t|ago }}` ("3 minutes ago", "just now"),
`{{ d|relative_day }}` ("today", "tomorrow", else the date).
"""

import datetime as dt

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone

from ally.core import words

register = template.Library()


@register.filter
def day(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return words.format_day(value) if value else ""


@register.filter
def day_month(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return words.format_day(value, year=False) if value else ""


@register.filter
def moment(value):
    if not isinstance(value, dt.datetime):
        return day(value)
    return words.format_moment(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def duration(value):
    return words.duration(value) if isinstance(value, dt.timedelta) else ""


@register.filter
def days_words(value):
    try:
        return words.days_in_words(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def code_words(value):
    return words.code_words(value)


@register.filter
def plural_of(count, word):
    try:
        return words.plural(int(count), word)
    except (TypeError, ValueError):
        return ""


@register.filter
def ago(value):
    """A past moment relative to now; under a minute is "just now", never "0 minutes ago"."""
    if not isinstance(value, dt.datetime):
        return ""
    if abs((timezone.now() - value).total_seconds()) < 60:
        return "just now"
    return naturaltime(value)


@register.filter
def relative_day(value):
    """"today", "tomorrow" or "yesterday" in the reader's own day (humanize's naturalday would use the server's),
    else the date in their style."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, dt.date):
        return ""
    days = (value - timezone.localdate()).days
    return {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days) or words.format_day(value)
