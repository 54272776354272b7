"""Every write about needs, opportunities and their catalogues, by subdomain; the app's public writes are
named here so callers import them from `ally.opportunities.services`."""

from ally.opportunities.services.catalogue import (
    alternative_create,
    alternative_update,
    discovery_question_create,
    discovery_question_delete,
    discovery_question_update,
    offering_create,
    offering_update,
    question_bank_seed,
)
from ally.opportunities.services.decisions import customer_question_answer, customer_question_ask, decision_info_share
from ally.opportunities.services.journey import (
    opportunity_end_not_a_fit,
    opportunity_end_owning,
    opportunity_end_staying_as_is,
    opportunity_move,
    opportunity_open,
    opportunity_update,
)
from ally.opportunities.services.needs import need_record, need_set_status, need_update

__all__ = [
    "alternative_create", "alternative_update", "customer_question_answer", "customer_question_ask",
    "decision_info_share", "discovery_question_create", "discovery_question_delete", "discovery_question_update",
    "need_record", "need_set_status", "need_update", "offering_create", "offering_update",
    "opportunity_end_not_a_fit", "opportunity_end_owning", "opportunity_end_staying_as_is", "opportunity_move",
    "opportunity_open", "opportunity_update", "question_bank_seed",
]
