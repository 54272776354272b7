"""`{{ url|link }}`: a stored address becomes a link only when it is http(s).

Services already refuse other schemes, but rows written before that rule (or by a restore of an old
archive) may still hold `javascript:`; the page must never turn those into something clickable.
"""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html

register = template.Library()

_SAFE_SCHEMES = ("http", "https")


def is_web_address(value) -> bool:
    text = str(value or "")
    # Browsers drop tabs, line breaks and leading controls inside a scheme ("java\tscript:"), so any of them disqualifies.
    if not text or any(ord(character) <= 32 or 127 <= ord(character) < 160 for character in text):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in _SAFE_SCHEMES and bool(parts.hostname)


@register.filter
def link(value):
    """A link that opens the address, or the address as plain text when it is not a web address."""
    if not is_web_address(value):
        return value
    return format_html('<a href="{}" rel="noopener noreferrer nofollow">{}</a>', value, value)
