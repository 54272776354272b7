"""Template filters for the ownership pages."""

from django import template

register = template.Library()


@register.filter
def duration_hours(value) -> str:
    """A duration as hours ("5.5 h"), or days past two days ("3.2 days")."""
    hours = value.total_seconds() / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"
