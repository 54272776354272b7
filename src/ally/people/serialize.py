"""One shape per object of the people app, shared by the API's responses and the CLI's `--json`.

Each `*_json(obj)` gives the dict the API answers with (validated by the same schema), so a script reading
`ally people show --json` and one reading `GET /api/v1/people/{id}` see the same fields and values.
"""

import datetime as dt

from ninja import Schema

from ally.people.models import Person


class PersonOut(Schema):
    id: int
    name: str
    emails: list[str]
    phones: list[str]
    organization_id: int | None
    organization_name: str | None
    title: str
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    how_we_met: str
    introduced_by_id: int | None
    owner_id: int | None
    tags: list[str]
    cadence_days: int | None
    notes: str | None = None
    notes_private: bool
    last_contact_at: dt.datetime | None
    touch_due_at: dt.datetime | None
    interaction_count: int
    created_at: dt.datetime
    updated_at: dt.datetime




def person_json(person: Person, user) -> dict:
    """A person as the API shows them; private notes only to their author. Uses prefetched lists when present."""
    return PersonOut.model_validate({
        **{name: getattr(person, name) for name in (
            "id", "name", "organization_id", "title", "birthday_month", "birthday_day", "birthday_year",
            "how_we_met", "introduced_by_id", "owner_id", "cadence_days", "notes_private", "last_contact_at",
            "touch_due_at", "interaction_count", "created_at", "updated_at")},
        "emails": [email.address for email in person.emails.all()],
        "phones": [phone.number for phone in person.phones.all()],
        "tags": [person_tag.tag.name for person_tag in person.person_tags.all()],
        "organization_name": person.organization.name if person.organization_id else None,
        "notes": person.notes if person.notes_visible_to(user) else None,
    }).model_dump()
