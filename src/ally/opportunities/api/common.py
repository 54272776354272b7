"""What the opportunities API modules share: the names of choices and of body fields."""

from typing import Literal

from ally.core.api import resolve
from ally.interactions.selectors import access_interaction
from ally.opportunities.models import DiscoveryQuestion, Driver, Need, Stage

DriverName = Literal[tuple(Driver.values)]
NeedStatus = Literal[tuple(Need.Status.values)]
Period = Literal[("",) + tuple(Need.Period.values)]
StageName = Literal[tuple(Stage.values)]
Purpose = Literal[tuple(DiscoveryQuestion.Purpose.values)]
FIELD_NAMES = {"person": "person_id", "said_by": "said_by_id", "interaction": "interaction_id",
               "organization": "organization_id", "needs": "need_ids", "offerings": "offering_ids",
               "alternative": "alternative_id", "offering": "offering_id"}


def _interaction(request, interaction_id):
    if interaction_id is None:
        return None
    return resolve(access_interaction, "interaction_id", workspace=request.workspace, interaction_id=interaction_id,
                   user=request.user)


