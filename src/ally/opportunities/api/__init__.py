"""The opportunities API: needs, opportunities and their moves, the pull board, decisions helped,
the catalogues (offerings, alternatives, discovery questions) and the meeting brief.

Every write calls the same services as the pages. An id in the path from another workspace is a
404; an id inside a body that is missing or another workspace's is a 422 naming the field.
"""

from ninja import Router

from ally.opportunities.api import brief, catalogue, decisions, journey, needs

router = Router()


for part in (needs, journey, decisions, catalogue, brief):
    router.add_router("", part.router)
