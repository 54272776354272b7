"""Demo data for needs and opportunities: customers' words, journeys at every stage, honest endings.

About a third of the people have needs in their own words; a slice of them (at most 3,000, so a
100,000-person demo stays quick) are deciding something, spread across the buyer's stages. Some
ended as not a fit with an alternative recommended, some chose to stay as they are (a few with a
revisit date that has come, so Today shows it), some own what they bought. Everything is bulk
inserted except purchases, which go through ownership's purchase_record like any other purchase.
"""

import datetime as dt
from decimal import Decimal

from ally.core.demo import bulk_create_rows
from ally.interactions.models import TimelineEvent
from ally.opportunities.models import (
    Alternative,
    CustomerQuestion,
    DecisionInfo,
    Need,
    Offering,
    Opportunity,
    OpportunityNeed,
    OpportunityOffering,
    Stage,
    StageMove,
)
from ally.opportunities.owning import record_owning_purchase
from ally.opportunities.services import question_bank_seed

MAX_OPPORTUNITIES = 3000

OFFERINGS = [
    ("Rota Planner", "Shift planning that fixes clashes before anyone notices.", "1200"),
    ("Payroll Bridge", "Sends approved hours straight to payroll.", "800"),
    ("Team Onboarding Kit", "Three guided sessions to get a new team running.", "450"),
    ("Insight Reports", "Monthly reports on cover, overtime and absence.", "300"),
    ("Premium Support", "A named support lead and a four-hour answer promise.", "1500"),
]
ALTERNATIVES = [
    ("ShiftBoard Lite", "ShiftBoard Inc", "Very small teams with one shift pattern and no payroll link."),
    ("Rota spreadsheet template", "Our free template", "Teams under five people who plan a week at a time."),
    ("PeopleDesk HR", "PeopleDesk", "Companies that need full HR (contracts, reviews) more than scheduling."),
    ("ClinicFlow", "ClinicFlow Ltd", "Clinics that book patients and staff in the same calendar."),
    ("A part-time office manager", "Local hire", "When the real gap is a person's time, not software."),
    ("Pen & Paper Planner", "Muji", "People who want to see the whole month on one wall."),
]
NEEDS = {
    "efficiency": [
        ("We lose a whole day every month fixing the rota by hand.", "A day a month of my time, and I'm the owner."),
        ("Approving timesheets takes me every Sunday evening.", "My Sundays, honestly."),
        ("Everyone asks me who is working tomorrow; it's all in my head.", "If I'm off sick, nobody knows."),
        ("We type the hours into payroll twice and still get them wrong.", "About two payroll mistakes a month."),
    ],
    "risk": [
        ("Nobody knows who is on call at weekends.", "A missed call-out cost us a client last spring."),
        ("If Maria leaves, the whole schedule leaves with her.", ""),
        ("We've had two near misses with staff working too many hours in a row.", "A fine, or worse, someone hurt."),
        ("Our auditors flagged that overtime isn't approved in writing.", "Another finding next year."),
    ],
    "growth": [
        ("We're opening a second site in spring and I can't run two rotas like this.", "We'd delay the opening."),
        ("I want to take on weekend contracts but can't staff them reliably.", "Those contracts go to competitors."),
        ("We need to double the team without doubling my admin.", ""),
    ],
    "missed_opportunity": [
        ("We turned down three big events last year because we couldn't see who was free.",
         "Roughly a month's revenue."),
        ("Part-timers would pick up extra shifts if they could see them.", "We pay agency staff instead."),
    ],
    "personal": [
        ("I'd like to stop being the person everyone calls at 6am.", "My family notices."),
        ("I want to show the board I can run this without chaos.", ""),
        ("I'm new in the role and want a quick win in my first quarter.", ""),
    ],
    "other": [
        ("The team wants to swap shifts without going through me.", ""),
        ("We need one place where holidays, absences and shifts all show up.", ""),
    ],
}
COSTS = {"week": (200, 900), "month": (400, 4000), "quarter": (2000, 9000), "year": (5000, 40000)}
REASONS = {
    Stage.EXPLORING: ["We keep talking about it at every team meeting.", "A colleague said you helped them.",
                      "Just curious what's out there."],
    Stage.COMMITTED_TO_CHANGE: ["We can't do another winter like the last one.",
                                "The board agreed this has to be fixed this year.",
                                "After the last mix-up, we're done with the spreadsheet."],
    Stage.EVALUATING: ["Show us how it compares with what we have.", "We're looking at you and two others.",
                       "We'd like to try it with one team first."],
    Stage.DECIDING: ["It's between you and ShiftBoard now.", "Finance needs to sign off the numbers.",
                     "We want to decide before the spring rota."],
    Stage.OWNING: ["Let's do it before the summer rota.", "The trial convinced the team.",
                   "We're ready; send the agreement."],
    Stage.NOT_A_FIT: ["We only have three staff; this is more than we need.",
                      "We really need full HR, not scheduling.", "Our real problem is not having an office manager."],
    Stage.STAYING_AS_IS: ["The budget is frozen until the merger closes.",
                          "It works well enough for now; maybe next year.",
                          "We're changing payroll provider first; come back after."],
}
CUSTOMER_QUESTIONS = ["Can it handle split shifts?", "What happens to our data if we leave?",
                      "Do you integrate with our payroll provider?", "How long does setting up take for 40 people?",
                      "Can staff swap shifts from their phones?", "Is there a discount for charities?"]
DECISION_INFO = ["Sent the comparison with their current spreadsheet.", "Shared pricing for two sites.",
                 "Introduced them to a customer in the same trade.", "Sent the data-export documentation."]
# Target mix of stages for the demo's opportunities.
STAGE_MIX = [(Stage.EXPLORING, 24), (Stage.COMMITTED_TO_CHANGE, 11), (Stage.EVALUATING, 12), (Stage.DECIDING, 8),
             (Stage.OWNING, 15), (Stage.NOT_A_FIT, 15), (Stage.STAYING_AS_IS, 15)]
PATH = [Stage.EXPLORING, Stage.COMMITTED_TO_CHANGE, Stage.EVALUATING, Stage.DECIDING]


def populate(ctx) -> None:
    offerings, alternatives = _catalogue(ctx)
    question_bank_seed(workspace=ctx.workspace)
    needs = _needs(ctx)
    _opportunities(ctx, needs, offerings, alternatives)


def _catalogue(ctx):
    ws = ctx.workspace
    offerings = Offering.objects.bulk_create([Offering(workspace=ws, name=n, description=d, price=Decimal(p),
                                                       currency=ws.default_currency) for n, d, p in OFFERINGS])
    alternatives = Alternative.objects.bulk_create([Alternative(workspace=ws, name=n, vendor=v, good_for=g)
                                                    for n, v, g in ALTERNATIVES])
    return offerings, alternatives


def _needs(ctx) -> list[Need]:
    from ally.people.models import Person

    rng, ws, now = ctx.rng, ctx.workspace, ctx.now
    organizations = dict(Person.objects.filter(workspace=ws, id__in=ctx.person_ids).values_list("id",
                                                                                               "organization_id"))
    rows = []
    for pid in ctx.person_ids:
        if rng.random() > 0.33:
            continue
        for _ in range(rng.choice([1, 1, 2])):
            driver = rng.choice(list(NEEDS))
            text, cost_words = rng.choice(NEEDS[driver])
            said_at = now - dt.timedelta(days=rng.uniform(1, 300))
            status = rng.choices(["suspected", "confirmed", "addressed", "dropped"], [40, 45, 10, 5])[0]
            period = rng.choice(list(COSTS)) if cost_words and rng.random() < 0.4 else ""
            urgency = rng.choices([1, 2, 3, 4, 5], [8, 20, 32, 25, 15])[0]
            # Most needs were worked on lately; some were left alone since they were said, so Today has a few.
            touched = max(said_at, now - dt.timedelta(days=rng.uniform(0, 20))) if rng.random() < 0.85 else said_at
            rows.append(Need(
                workspace=ws, person_id=pid, organization_id=organizations[pid] if rng.random() < 0.3 else None,
                text=text, said_by_id=pid, said_at=said_at, driver=driver, urgency=urgency,
                cost_of_doing_nothing=cost_words if rng.random() < 0.7 else "",
                cost_amount=Decimal(rng.randint(*COSTS[period])) if period else None,
                cost_currency=ws.default_currency if period else "", cost_period=period, status=status,
                confirmed_at=said_at if status != "suspected" else None, touched_at=touched,
            ))
    return bulk_create_rows(Need, rows, ctx, "needs")


def _opportunities(ctx, needs, offerings, alternatives) -> None:
    from ally.people.models import Person

    rng, ws, now = ctx.rng, ctx.workspace, ctx.now
    by_person: dict[int, list[Need]] = {}
    for need in needs:
        if need.status in ("suspected", "confirmed"):
            by_person.setdefault(need.person_id, []).append(need)
    people = sorted(by_person)
    rng.shuffle(people)
    people = people[: min(MAX_OPPORTUNITIES, max(8, len(ctx.person_ids) // 8))]
    stages = [stage for stage, weight in STAGE_MIX for _ in range(weight)]
    organizations = dict(Person.objects.filter(workspace=ws, id__in=people).values_list("id", "organization_id"))
    plans = []
    for index, pid in enumerate(people):
        # The first few cover every stage, so even a tiny demo shows the whole journey.
        stage = STAGE_MIX[index][0] if index < len(STAGE_MIX) else rng.choice(stages)
        plans.append(_plan(ctx, pid, organizations[pid], stage, by_person[pid], offerings, alternatives))
    _revisits_due_today(ctx, plans)
    opportunities = bulk_create_rows(Opportunity, [p["opportunity"] for p in plans], ctx, "opportunities")
    links, offering_links, moves, events, info, questions, confirm = [], [], [], [], [], [], []
    for plan, opportunity in zip(plans, opportunities):
        for need in plan["needs"]:
            links.append(OpportunityNeed(workspace=ws, opportunity=opportunity, need=need))
            if plan["confirm"] and need.status != "confirmed":
                confirm.append(need.id)
        for offering in plan["offerings"]:
            offering_links.append(OpportunityOffering(workspace=ws, opportunity=opportunity, offering=offering))
        for move in plan["moves"]:
            move.opportunity = opportunity
            moves.append(move)
            events.append(TimelineEvent(workspace=ws, person_id=opportunity.person_id, occurred_at=move.occurred_at,
                                        kind="opportunity", params={"opportunity_id": opportunity.id},
                                        summary=(f"“{opportunity.title}”: {move.get_to_stage_display().lower()}. "
                                                 f"Their words: “{move.reason}”")[:500]))
        if opportunity.stage in (Stage.EVALUATING, Stage.DECIDING):
            info.append(DecisionInfo(workspace=ws, opportunity=opportunity, what=rng.choice(DECISION_INFO),
                                     shared_at=opportunity.stage_changed_at))
        if opportunity.stage in PATH and rng.random() < 0.45:
            asked = max(opportunity.stage_changed_at, now - dt.timedelta(days=rng.uniform(0.5, 9)))
            answered = rng.random() < 0.3
            questions.append(CustomerQuestion(workspace=ws, opportunity=opportunity, text=rng.choice(CUSTOMER_QUESTIONS),
                                              asked_at=asked, answer="Yes; sent the details." if answered else "",
                                              answered_at=now if answered else None))
    Need.objects.filter(id__in=confirm).update(status="confirmed", confirmed_at=now)
    bulk_create_rows(OpportunityNeed, links, ctx, "needs in decisions")
    bulk_create_rows(OpportunityOffering, offering_links, ctx, "offerings considered")
    bulk_create_rows(StageMove, moves, ctx, "buyer journeys")
    bulk_create_rows(TimelineEvent, events, ctx, "journey timeline")
    bulk_create_rows(DecisionInfo, info, ctx, "decision information")
    bulk_create_rows(CustomerQuestion, questions, ctx, "customer questions")
    _purchases(ctx, [(plan, o) for plan, o in zip(plans, opportunities) if o.stage == Stage.OWNING])


def _plan(ctx, pid: int, organization_id, stage: str, open_needs: list[Need], offerings, alternatives) -> dict:
    """One opportunity and the journey that brought it to `stage`, with times in order."""
    rng, ws, now = ctx.rng, ctx.workspace, ctx.now
    chosen = rng.sample(open_needs, min(len(open_needs), rng.choice([1, 1, 2])))
    path = [Stage.EXPLORING]
    if stage in PATH:
        path = PATH[: PATH.index(stage) + 1]
    else:
        path = PATH[: rng.randint(1, 4)] + [stage]
        if stage == Stage.OWNING and len(path) < 3:
            path = PATH[:3] + [stage]
    decided = now - dt.timedelta(days=rng.uniform(0.2, 360))
    opened = decided - dt.timedelta(days=rng.uniform(5, 120))
    times = sorted(opened + (decided - opened) * rng.random() for _ in path[1:])
    times = [opened] + times[:-1] + [decided] if len(path) > 1 else [opened]
    moves = []
    for index, (to_stage, when) in enumerate(zip(path, times)):
        moves.append(StageMove(workspace=ws, from_stage=path[index - 1] if index else "", to_stage=to_stage,
                               reason=rng.choice(REASONS[to_stage]), occurred_at=when))
    last = moves[-1]
    if stage == Stage.NOT_A_FIT:
        if rng.random() < 0.7:
            last.alternative = rng.choice(alternatives)
            last.alternative_name = last.alternative.name
        else:
            last.alternative_name = rng.choice(["A shared Google calendar", "Their payroll provider's rota module"])
    if stage == Stage.STAYING_AS_IS and rng.random() < 0.7:
        last.revisit_on = (last.occurred_at + dt.timedelta(days=rng.randint(30, 240))).date()
    opportunity = Opportunity(
        workspace=ws, person_id=pid, organization_id=organization_id, title=chosen[0].text[:200],
        stage=stage, stage_changed_at=last.occurred_at, stage_reason=last.reason,
        decided_at=last.occurred_at if stage not in PATH else None, alternative=last.alternative,
        alternative_name=last.alternative_name, revisit_on=last.revisit_on, owner=rng.choice(ctx.members),
    )
    return {"opportunity": opportunity, "moves": moves, "needs": chosen, "confirm": path != [Stage.EXPLORING]
            or stage == Stage.OWNING, "offerings": rng.sample(offerings, rng.choice([0, 1, 1, 2]))}


def _revisits_due_today(ctx, plans) -> None:
    """A few customers who stayed as they are asked us to come back about now: Today shows them."""
    staying = [p for p in plans if p["opportunity"].stage == Stage.STAYING_AS_IS]
    for offset, plan in zip((0, 2, 6), staying):
        opportunity, last = plan["opportunity"], plan["moves"][-1]
        revisit = ctx.today - dt.timedelta(days=offset)
        if last.occurred_at.date() >= revisit:
            continue
        opportunity.revisit_on = last.revisit_on = revisit


def _purchases(ctx, owning) -> None:
    """Owning means a purchase: recorded through the same hook as a move to owning."""
    rng = ctx.rng
    advance = ctx.progress("purchases", len(owning))
    catalogue = list(Offering.objects.filter(workspace=ctx.workspace).order_by("id"))
    addressed = []
    for plan, opportunity in owning:
        offering = plan["offerings"][0] if plan["offerings"] else rng.choice(catalogue)
        purchase = record_owning_purchase(
            opportunity=opportunity, amount=offering.price * rng.choice([1, 2, 3]), currency=offering.currency,
            purchased_on=opportunity.decided_at.date(), offering=offering)
        Opportunity.objects.filter(id=opportunity.id).update(purchase=purchase)
        addressed += [n.id for n in plan["needs"]]
        advance(1)
    Need.objects.filter(id__in=addressed).update(status="addressed")
