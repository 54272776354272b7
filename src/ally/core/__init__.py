"""Ally's base layer: what every domain app builds on (errors, validation, the clock, plug-in points,
the shapes of pages, API and CLI). It imports no domain app."""
