"""What helps a customer decide: the decision information we share, and the questions they ask us."""

import datetime as dt

from ally.core.validation import clean_moment, clean_text, in_workspace, raise_errors
from ally.interactions import events
from ally.opportunities.models import CustomerQuestion, DecisionInfo, Opportunity
from ally.workspaces.audit import audit_record, audited, created, diff

TEXT = 5000


@audited
def decision_info_share(*, opportunity: Opportunity, what: str, shared_at: dt.datetime | None = None,
                        interaction=None, author=None) -> DecisionInfo:
    """Keep what we shared to help the customer decide (a comparison, pricing, a reference), when and where."""
    errors: dict[str, str] = {}
    what = clean_text(what, "what", errors, required=True, max_length=TEXT, multiline=True)
    shared_at = clean_moment(shared_at, "shared_at", errors)
    in_workspace(opportunity.workspace_id, interaction, "interaction", errors)
    raise_errors(errors)
    info = DecisionInfo.objects.create(workspace_id=opportunity.workspace_id, opportunity=opportunity, what=what,
                                       shared_at=shared_at, interaction=interaction, author=author)
    events.record(events.decision_info_shared(opportunity, info, author_id=getattr(author, "id", None)))
    audit_record(workspace=opportunity.workspace_id, action="decision_info.shared", target=info,
                 person_id=opportunity.person_id, changes=created({"what": what, "opportunity": opportunity.id}))
    return info


@audited
def customer_question_ask(*, opportunity: Opportunity, text: str, asked_at: dt.datetime | None = None,
                          interaction=None, author=None) -> CustomerQuestion:
    """Note a question the customer asked while deciding; it stays open until we answer it."""
    errors: dict[str, str] = {}
    text = clean_text(text, "text", errors, required=True, max_length=TEXT, multiline=True)
    asked_at = clean_moment(asked_at, "asked_at", errors)
    in_workspace(opportunity.workspace_id, interaction, "interaction", errors)
    raise_errors(errors)
    question = CustomerQuestion.objects.create(workspace_id=opportunity.workspace_id, opportunity=opportunity,
                                               text=text, asked_at=asked_at, interaction=interaction, author=author)
    audit_record(workspace=opportunity.workspace_id, action="customer_question.asked", target=question,
                 person_id=opportunity.person_id, changes=created({"text": text, "opportunity": opportunity.id}))
    return question


@audited
def customer_question_answer(*, question: CustomerQuestion, answer: str, answered_at: dt.datetime | None = None,
                             author=None) -> CustomerQuestion:
    """Record our answer to the customer's question (answering again replaces the answer)."""
    errors: dict[str, str] = {}
    answer = clean_text(answer, "answer", errors, required=True, max_length=TEXT, multiline=True)
    answered_at = clean_moment(answered_at, "answered_at", errors)
    if "answered_at" not in errors and answered_at < question.asked_at:
        errors["answered_at"] = "is before the question was asked"
    raise_errors(errors)
    before = {"answer": question.answer or None}
    question.answer, question.answered_at = answer, answered_at
    question.save(update_fields=["answer", "answered_at"])
    opportunity = question.opportunity
    events.record(events.customer_question_answered(opportunity, question, author_id=getattr(author, "id", None)))
    audit_record(workspace=question.workspace_id, action="customer_question.answered", target=question,
                 person_id=opportunity.person_id, changes=diff(before, {"answer": answer}))
    return question
