"""The REST API (django-ninja), one router per domain app."""
