"""Template filters for the case pages."""

from django import template

from ally.support.today import humanize

register = template.Library()


@register.filter
def clock_text(clock) -> str:
    """Where an SLA clock stands, in a few words."""
    if clock.state == "met":
        return f"met, in {humanize(clock.used)}"
    if clock.breached:
        return f"breached by {humanize(clock.used - clock.target)}"
    if clock.state == "paused":
        return f"paused, {humanize(clock.remaining)} left"
    return f"{humanize(clock.remaining)} left"
