"""The meeting brief: what to remember and what to ask before talking to a person.

One read for the page, `ally brief PERSON` and `GET /api/v1/people/{id}/brief`: the little things
worth mentioning, the last three interactions, open promises, needs and their status, open
opportunities with the customer's open questions, mutual connections, and three suggested
questions chosen by discovery.choose_questions for what is still unknown. A constant number of
queries whatever the person's history.
"""

from dataclasses import dataclass

from django.db.models import Q

from ally.interactions.models import FollowUp, Interaction
from ally.interactions.selectors import person_interactions
from ally.opportunities.bank import ensure_question_bank
from ally.opportunities.discovery import BankQuestion, KnownNeed, Suggestion, choose_questions
from ally.opportunities.models import OPEN_STAGES, CustomerQuestion, Need, Opportunity
from ally.opportunities.selectors import person_needs, question_bank
from ally.people.models import Fact, Person, Relationship
from ally.workspaces.models import Membership


@dataclass(frozen=True)
class MutualConnection:
    """Someone the person is tied to, and which of our team members know that someone too."""

    person: Person
    label: str
    team_members: tuple[str, ...]
    is_team_member: bool


@dataclass
class OpenOpportunity:
    opportunity: Opportunity
    open_questions: list[CustomerQuestion]


@dataclass
class Brief:
    person: Person
    little_things: list[Fact]
    last_interactions: list[Interaction]
    follow_ups: list[FollowUp]
    needs: list[Need]
    opportunities: list[OpenOpportunity]
    mutual_connections: list[MutualConnection]
    suggested_questions: list[Suggestion]


def mutual_connections(*, person: Person) -> list[MutualConnection]:
    """The person's ties, each with the team members who also know that someone (warm paths first)."""
    ties = list(Relationship.objects.filter(workspace_id=person.workspace_id)
                .filter(Q(from_person=person) | Q(to_person=person)).select_related("from_person", "to_person"))
    if not ties:
        return []
    team = dict(Membership.objects.filter(workspace_id=person.workspace_id, person__isnull=False)
                .values_list("person_id", "person__name"))
    others = {tie.other(person.id).id for tie in ties}
    known_by: dict[int, set[str]] = {}
    for a, b in (Relationship.objects.filter(workspace_id=person.workspace_id)
                 .filter(Q(from_person_id__in=team, to_person_id__in=others) |
                         Q(to_person_id__in=team, from_person_id__in=others))
                 .values_list("from_person_id", "to_person_id")):
        member, other = (a, b) if a in team else (b, a)
        known_by.setdefault(other, set()).add(team[member])
    connections = [
        MutualConnection(person=tie.other(person.id), label=tie.label_from(person.id),
                         team_members=tuple(sorted(known_by.get(tie.other(person.id).id, ()))),
                         is_team_member=tie.other(person.id).id in team)
        for tie in ties
    ]
    connections.sort(key=lambda c: (not c.is_team_member, not c.team_members, c.person.name))
    return connections


def meeting_brief(*, person: Person, user) -> Brief:
    """Everything worth knowing before the next conversation with `person`, as seen by `user`."""
    workspace = person.workspace
    needs = person_needs(person=person)
    opportunities = list(Opportunity.objects.filter(workspace=workspace, person=person, stage__in=OPEN_STAGES)
                         .order_by("-stage_changed_at", "-id"))
    questions: dict[int, list[CustomerQuestion]] = {o.id: [] for o in opportunities}
    if opportunities:
        for question in CustomerQuestion.objects.filter(workspace=workspace, opportunity_id__in=questions,
                                                        answered_at__isnull=True).order_by("asked_at", "id"):
            questions[question.opportunity_id].append(question)
    ensure_question_bank(workspace=workspace)
    bank = [BankQuestion(q.id, q.driver, q.purpose, q.text) for q in question_bank(workspace=workspace,
                                                                                  active_only=True)]
    known = [KnownNeed(text=n.text, driver=n.driver, status=n.status, urgency=n.urgency,
                       cost_stated=bool(n.cost_of_doing_nothing.strip()) or n.cost_amount is not None) for n in needs]
    return Brief(
        person=person,
        little_things=list(Fact.objects.filter(workspace=workspace, person=person).order_by("-created_at", "-id")),
        last_interactions=person_interactions(person=person, user=user, limit=3),
        follow_ups=list(FollowUp.objects.filter(workspace=workspace, person=person, done_at__isnull=True)
                        .order_by("due_on", "id")),
        needs=needs,
        opportunities=[OpenOpportunity(o, questions[o.id]) for o in opportunities],
        mutual_connections=mutual_connections(person=person),
        suggested_questions=choose_questions(needs=known, bank=bank, open_stages=[o.stage for o in opportunities],
                                             rotation=person.id),
    )
