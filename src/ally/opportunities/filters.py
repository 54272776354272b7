"""The opportunities list's filters: the same names on the page (`/opportunities/?stage=open&owner_id=3`), in the
API (`GET /api/v1/opportunities?stage=open&owner_id=3`) and on the command line
(`ally opportunity list --stage open --owner olivia`, the owner by username or email)."""

from typing import Literal

from pydantic import field_validator

from ally.core.api import Id
from ally.core.filters import Day, ListFilter, not_before
from ally.opportunities.models import Stage

StageFilter = Literal[("open",) + tuple(Stage.values)]


class OpportunityFilter(ListFilter):
    """`stage`: one stage, or `open` for every stage still being decided; `moved_after`/`moved_before`: the days
    (included, the member's) of the latest stage move."""

    stage: StageFilter | None = None
    person_id: Id | None = None
    organization_id: Id | None = None
    owner_id: Id | None = None
    moved_after: Day | None = None
    moved_before: Day | None = None

    _range = field_validator("moved_before")(not_before("moved_after"))
