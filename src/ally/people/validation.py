"""The rules of a person's fields, shared by the services and the bulk upsert of imports."""

from ally.core.validation import (
    NAME_LENGTH,
    TEXT_LENGTH,
    clean_int,
    clean_list,
    clean_text,
    in_workspace,
    raise_errors,
    unknown_fields,
)
from ally.people.contact import check_birthday, normalise_emails, normalise_phones

PERSON_FIELDS = (
    "name", "emails", "phones", "organization", "title", "birthday_month", "birthday_day", "birthday_year",
    "how_we_met", "introduced_by", "owner", "tags", "cadence_days", "notes", "notes_private",
)
TAG_LENGTH = 60
MAX_CADENCE_DAYS = 3650


def clean_tags(values, errors: dict) -> list[str]:
    tags = []
    for raw in clean_list(values, "tags", errors):
        tag = " ".join(clean_text(raw, "tags", errors, max_length=TAG_LENGTH * 4).lower().split())
        if not tag:
            continue
        if len(tag) > TAG_LENGTH:
            errors["tags"] = f"'{tag[:20]}…' is longer than {TAG_LENGTH} characters"
        elif tag not in tags:
            tags.append(tag)
    return tags


def clean_person(workspace, data: dict, *, person=None) -> dict:
    """Validate whichever person fields are given; raise one ValidationError naming every bad field."""
    unknown_fields(data, PERSON_FIELDS, "a person")
    errors: dict[str, str] = {}
    clean = dict(data)
    if "name" in data:
        clean["name"] = clean_text(data["name"], "name", errors, required=True)
    if "title" in data:
        clean["title"] = clean_text(data["title"], "title", errors, max_length=NAME_LENGTH)
    for field in ("how_we_met", "notes"):
        if field in data:
            clean[field] = clean_text(data[field], field, errors, max_length=TEXT_LENGTH, multiline=True)
    if "emails" in data:
        clean["emails"] = normalise_emails(clean_list(data["emails"], "emails", errors), errors)
    if "phones" in data:
        clean["phones"] = normalise_phones(clean_list(data["phones"], "phones", errors), workspace.phone_region,
                                           errors)
    if "tags" in data:
        clean["tags"] = clean_tags(data["tags"], errors)
    if "cadence_days" in data:
        clean["cadence_days"] = clean_int(data["cadence_days"], "cadence_days", errors, low=1,
                                          high=MAX_CADENCE_DAYS, unit="days",
                                          too_low="must be a positive number of days",
                                          too_high=f"must be at most {MAX_CADENCE_DAYS} days (ten years)")
    if "notes_private" in data:
        clean["notes_private"] = bool(data["notes_private"])
    if {"birthday_month", "birthday_day", "birthday_year"} & set(data):
        # No blank Person() for a new one: building a model instance per row is most of a bulk import's check.
        month = data.get("birthday_month", person.birthday_month if person else None)
        day = data.get("birthday_day", person.birthday_day if person else None)
        year = data.get("birthday_year", person.birthday_year if person else None)
        check_birthday(month, day, year, errors)
    for field in ("organization", "introduced_by", "owner"):
        if field in data:
            in_workspace(workspace.id, data[field], field, errors)
    if person is not None and data.get("introduced_by") is not None and data["introduced_by"].id == person.id:
        errors["introduced_by"] = "a person cannot introduce themselves"
    raise_errors(errors)
    return clean


