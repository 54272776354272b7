"""Needs, opportunities, the board and the brief as plain dicts: built once, shown by the API and the CLI."""

from ally.opportunities.brief import Brief
from ally.opportunities.models import Alternative, DiscoveryQuestion, Need, Offering, Opportunity
from ally.opportunities.selectors import BoardColumn, OpportunityPage


def need_dict(need: Need) -> dict:
    return {
        "id": need.id, "person_id": need.person_id, "organization_id": need.organization_id, "text": need.text,
        "said_by_id": need.said_by_id, "said_at": need.said_at, "interaction_id": need.interaction_id,
        "driver": need.driver, "urgency": need.urgency, "cost_of_doing_nothing": need.cost_of_doing_nothing,
        "cost_amount": need.cost_amount, "cost_currency": need.cost_currency, "cost_period": need.cost_period,
        "status": need.status, "confirmed_at": need.confirmed_at, "touched_at": need.touched_at,
        "created_at": need.created_at,
    }


def opportunity_dict(opportunity: Opportunity) -> dict:
    """An opportunity's summary (its person must be loaded)."""
    return {
        "id": opportunity.id, "person_id": opportunity.person_id, "person_name": opportunity.person.name,
        "organization_id": opportunity.organization_id, "title": opportunity.title, "stage": opportunity.stage,
        "stage_changed_at": opportunity.stage_changed_at, "stage_reason": opportunity.stage_reason,
        "decided_at": opportunity.decided_at, "alternative_id": opportunity.alternative_id,
        "alternative_name": opportunity.alternative_name, "revisit_on": opportunity.revisit_on,
        "purchase_id": opportunity.purchase_id, "created_at": opportunity.created_at,
    }


def opportunity_page_dict(page: OpportunityPage) -> dict:
    return {
        **opportunity_dict(page.opportunity),
        "pull": page.pull,
        "needs": [need_dict(n) for n in page.needs],
        "offerings": [{"id": o.id, "name": o.name} for o in page.offerings],
        "history": [{"id": m.id, "from_stage": m.from_stage, "to_stage": m.to_stage, "reason": m.reason,
                     "occurred_at": m.occurred_at, "interaction_id": m.interaction_id,
                     "alternative_id": m.alternative_id, "alternative_name": m.alternative_name,
                     "revisit_on": m.revisit_on} for m in page.moves],
        "decision_info": [{"id": i.id, "what": i.what, "shared_at": i.shared_at, "interaction_id": i.interaction_id}
                          for i in page.decision_info],
        "questions": [customer_question_dict(q) for q in page.questions],
    }


def customer_question_dict(question) -> dict:
    return {"id": question.id, "opportunity_id": question.opportunity_id, "text": question.text,
            "asked_at": question.asked_at, "interaction_id": question.interaction_id, "answer": question.answer,
            "answered_at": question.answered_at}


def board_dict(columns: list[BoardColumn]) -> list[dict]:
    return [{"stage": c.stage, "label": c.label, "count": c.count, "cards": [
        {**opportunity_dict(card.opportunity), "pull": card.pull, "confirmed_needs": card.confirmed_needs,
         "needs": card.needs} for card in c.cards]} for c in columns]


def offering_dict(offering: Offering) -> dict:
    return {"id": offering.id, "name": offering.name, "description": offering.description, "price": offering.price,
            "currency": offering.currency, "active": offering.active}


def alternative_dict(alternative: Alternative) -> dict:
    return {"id": alternative.id, "name": alternative.name, "vendor": alternative.vendor,
            "good_for": alternative.good_for, "website": alternative.website, "active": alternative.active}


def discovery_question_dict(question: DiscoveryQuestion) -> dict:
    return {"id": question.id, "driver": question.driver, "purpose": question.purpose, "text": question.text,
            "position": question.position, "active": question.active}


def brief_dict(brief: Brief) -> dict:
    person = brief.person
    return {
        "person": {"id": person.id, "name": person.name,
                   "organization": person.organization.name if person.organization_id else None},
        "little_things": [{"kind": f.kind, "text": f.text, "date": f.date} for f in brief.little_things],
        "last_interactions": [{"id": i.id, "kind": i.kind, "occurred_at": i.occurred_at, "summary": i.summary}
                              for i in brief.last_interactions],
        "follow_ups": [{"id": f.id, "text": f.text, "due_on": f.due_on} for f in brief.follow_ups],
        "needs": [need_dict(n) for n in brief.needs],
        "opportunities": [{"id": item.opportunity.id, "title": item.opportunity.title,
                           "stage": item.opportunity.stage,
                           "open_questions": [customer_question_dict(q) for q in item.open_questions]}
                          for item in brief.opportunities],
        "mutual_connections": [{"person_id": c.person.id, "name": c.person.name, "label": c.label,
                                "team_member": c.is_team_member, "known_by": list(c.team_members)}
                               for c in brief.mutual_connections],
        "suggested_questions": [{"id": s.question.id, "text": s.question.text, "driver": s.question.driver,
                                 "purpose": s.question.purpose, "why": s.why} for s in brief.suggested_questions],
    }
