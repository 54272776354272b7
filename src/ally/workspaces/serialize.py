"""One shape for a team member, shared by the API and the CLI's `--json`."""

import datetime as dt

from ninja import Schema


class MemberOut(Schema):
    id: int
    username: str
    email: str
    name: str
    role: str
    person_id: int | None
    joined_at: dt.datetime


def member_json(membership) -> dict:
    """A seat in the workspace: who (login and name), their role, and the person that represents them."""
    return {"id": membership.id, "username": membership.user.username, "email": membership.user.email,
            "name": membership.display_name, "role": membership.role, "person_id": membership.person_id,
            "joined_at": membership.created_at}
