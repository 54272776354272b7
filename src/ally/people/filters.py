"""The people list's filters: the same names on the page (`/people/?owner_id=3&tag=vip`), in the API
(`GET /api/v1/people?owner_id=3&tag=vip`) and on the command line (`ally people search --owner-id 3 --tag vip`)."""

from typing import Literal

from pydantic import Field

from ally.core.api import Id, Text
from ally.core.filters import ListFilter

# How the list can be ordered (the selector maps each to its ORDER BY).
PersonSort = Literal["name", "-name", "last_contact", "-last_contact", "due", "organization", "strength"]


# The page's choices for min_strength: the levels docs/network.md names (strong, good, weak but known).
STRENGTH_LEVELS = ((0.6, "strongly"), (0.35, "well"), (0.05, "a little"))


class PersonFilter(ListFilter):
    """`q` searches names, emails, organizations, tags and phone digits; the rest narrow and order the list."""

    q: Text = ""
    tag: Text = ""
    owner_id: Id | None = None
    organization_id: Id | None = None
    overdue: bool = False
    min_strength: float | None = Field(None, ge=0, le=1, description="Only people someone on the team knows at "
                                                                     "least this well (0..1).")
    sort: PersonSort = "name"
