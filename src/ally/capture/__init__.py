"""Capture: what people already have about their relationships, read from where it lives.

The modules here are pure cores (no Django): they turn address books (`vcards`), mailboxes
(`mail`, `imap`), calendars (`calendars`) and social network exports (`social`) into plain
dataclasses, report per-record problems as warnings instead of failing a whole file, and give
every record a stable key so a second import of the same source changes nothing. Turning those
records into people and interactions is the job of the app's services, which also normalise
emails and phone numbers with `ally.people.contact`.
"""
