"""Reminders outside Ally: a private calendar feed and a morning email of Today."""
