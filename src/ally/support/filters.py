"""The cases list's filters: the same names on the page (`/cases/?state=all&severity=urgent`), in the API
(`GET /api/v1/cases?state=all&severity=urgent`) and on the command line (`ally case list --state all --severity
urgent`, the champion by username or email)."""

from typing import Literal

from pydantic import Field, field_validator

from ally.core.api import Id
from ally.core.filters import Day, ListFilter, not_before
from ally.support.models import Case, Severity

# Which cases by where they stand; a `status` picks one exactly instead.
CaseState = Literal["open", "finished", "all"]
SeverityName = Literal[tuple(Severity.values)]
StatusName = Literal[tuple(Case.Status.values)]


class CaseFilter(ListFilter):
    """`state`: unfinished (`open`, the default), `finished` or `all`, unless a `status` is given; `mine`: the
    cases the member asking champions; `opened_after`/`opened_before`: the days opened (both included)."""

    state: CaseState = "open"
    status: StatusName | None = None
    severity: SeverityName | None = None
    champion_id: Id | None = None
    mine: bool = Field(False, description="Only the cases the member asking champions.")
    person_id: Id | None = None
    organization_id: Id | None = None
    opened_after: Day | None = None
    opened_before: Day | None = None

    _range = field_validator("opened_before")(not_before("opened_after"))

    def for_member(self, membership) -> "CaseFilter":
        """`mine` made concrete: the champion is the member asking (a page's member, a token's, the CLI's --member)."""
        if not self.mine:
            return self
        return self.model_copy(update={"champion_id": membership.id if membership else 0})

    def active(self) -> dict:
        return {name: value for name, value in super().active().items() if (name, value) != ("state", "open")}
