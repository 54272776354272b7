"""Demo data for support: two years of cases championed by the team, and a few open ones near or over SLA.

Past cases follow the usual life: opened, answered, sometimes waiting on the customer, escalated or
apologised for, resolved, and confirmed fixed by the customer (a few closed without a fix). Today's
cases are arranged so the demo user's Today shows one about to breach and one breached. Everything
is bulk inserted with its timeline events; the events agree with each case's denormalised times.
"""

import datetime as dt

from ally.core.demo import bulk_create_rows, insert_demo_rows
from ally.interactions import events as timeline
from ally.interactions.models import TimelineEvent
from ally.people.models import Person
from ally.support.models import Case, CaseEvent

MAX_CASES = 2000
PROBLEMS = [
    ("The payroll export misses overtime", "Overtime hours do not reach payroll; two people were underpaid."),
    ("Cannot swap shifts on the phone", "The swap button does nothing on Android."),
    ("Onboarding session was cancelled", "We set the day aside and nobody came."),
    ("Invoice charged for seats we removed", "We dropped three seats in March but still pay for them."),
    ("Reports show the wrong week", "The Monday report starts on Sunday."),
    ("Reminder emails go to old staff", "People who left still get the rota reminders."),
]
REPLIES = ["Thanks for telling us; I'm looking into it now.", "We found the cause and are fixing it today.",
           "Could you send a screenshot of what you see?"]
APOLOGIES = ["I'm sorry, this should not have happened.", "Sorry for the wait; that is on us."]
CONFIRMATIONS = ["They replied: all working now, thanks.", "Checked on a call together: fixed.",
                 "Their payroll run this month was right."]


class _Story:
    """Builds one case and its events, keeping the case's denormalised times in step with the events."""

    def __init__(self, ctx, person_id, organization_id, title, description, severity, champion, opened_at):
        self.ctx, self.events = ctx, []
        self.case = Case(workspace=ctx.workspace, person_id=person_id, organization_id=organization_id, title=title,
                         description=description, severity=severity, champion=champion, opened_at=opened_at)
        self.event("opened", opened_at, text=description, to_value="open", member=champion)

    def event(self, kind, at, *, text="", from_value="", to_value="", member=None):
        self.events.append(CaseEvent(workspace=self.ctx.workspace, kind=kind, occurred_at=at, text=text,
                                     from_value=from_value, to_value=to_value, member=member))
        if kind in ("reply", "apology") or (kind == "status" and to_value in ("waiting_on_customer", "resolved")):
            self.case.first_responded_at = self.case.first_responded_at or at

    def status(self, to, at, text=""):
        self.event("status", at, text=text, from_value=self.case.status, to_value=to)
        self.case.status = to
        if to == "resolved":
            self.case.resolved_at = at
        if to in Case.FINISHED:
            self.case.closed_at = at


def populate(ctx) -> None:
    from ally.ownership.models import Purchase

    rng = ctx.rng
    customers = list(Purchase.objects.filter(workspace=ctx.workspace).values_list("person_id", flat=True).distinct())
    if not customers:
        return
    organizations = dict(Person.objects.filter(id__in=customers).values_list("id", "organization_id"))
    stories = []
    for pid in rng.sample(customers, min(MAX_CASES, max(8, len(customers) // 6), len(customers))):
        stories.append(_past_case(ctx, pid, organizations.get(pid)))
    stories += _open_cases(ctx, rng.sample(customers, min(6, len(customers))), organizations)
    cases = bulk_create_rows(Case, [s.case for s in stories], ctx, "cases")
    events = []
    for story, case in zip(stories, cases):
        for event in story.events:
            event.case = case
            events.append(event)
    events = bulk_create_rows(CaseEvent, events, ctx, "case events")
    by_id = {c.id: c for c in cases}
    members = {m.id: m.display_name for m in ctx.members}
    insert_demo_rows(TimelineEvent, [timeline.as_row(timeline.case_event(
        by_id[e.case_id], e, member_name=members.get(e.member_id, ""),
        to_label=Case.Status(e.to_value).label if e.kind == "status" else "")) for e in events], ctx, "case timeline")
    ctx.notes.append(f"{len(cases):,} cases, {sum(1 for c in cases if not c.is_finished)} still open.")


def _past_case(ctx, pid, organization_id) -> _Story:
    rng = ctx.rng
    title, description = rng.choice(PROBLEMS)
    severity = rng.choice(["low", "normal", "normal", "normal", "high", "urgent"])
    opened = ctx.now - dt.timedelta(days=rng.randint(12, 700), hours=rng.randint(0, 12))
    champion = rng.choice(ctx.members)
    story = _Story(ctx, pid, organization_id, title, description, severity, champion, opened)
    at = opened + dt.timedelta(hours=rng.choice([0.5, 1, 2, 3, 6, 10, 20]))
    story.event("reply", at, text=rng.choice(REPLIES))
    if rng.random() < 0.4:
        at += dt.timedelta(hours=rng.randint(1, 8))
        story.status("waiting_on_customer", at)
        at += dt.timedelta(hours=rng.randint(4, 48))
        story.status("waiting_on_us", at)
    if rng.random() < 0.25:
        at += dt.timedelta(hours=1)
        story.event("escalated", at, text="Needs someone who can change the product.",
                    member=rng.choice([m for m in ctx.members if m.id != champion.id] or ctx.members))
    if rng.random() < 0.5:
        at += dt.timedelta(minutes=30)
        story.event("apology", at, text=rng.choice(APOLOGIES))
    at += dt.timedelta(hours=rng.randint(2, 96))
    if rng.random() < 0.08:
        story.status("closed_without_fix", at, text="They moved to another provider for this part.")
        return story
    story.status("resolved", at)
    at += dt.timedelta(hours=rng.randint(2, 72))
    story.event("confirmation", at, text=rng.choice(CONFIRMATIONS))
    story.case.customer_confirmed_at = at
    story.status("confirmed_fixed", at)
    return story


def _open_cases(ctx, people, organizations) -> list[_Story]:
    """Open cases for the demo user's Today: one about to breach, one breached, and some calmer ones."""
    now, owner = ctx.now, ctx.owner
    others = [m for m in ctx.members if m.id != owner.id] or [owner]
    plans = [  # (severity, hours since opened, replied after hours or None, champion, status changes)
        ("urgent", 0.85, None, owner, []),                       # first response at risk: 9 minutes left
        ("high", 6, None, owner, []),                            # first response breached two hours ago
        ("normal", 61, 2, owner, []),                            # resolution at risk: 11 of 72 hours left
        ("normal", 30, 1, owner, [(5, "waiting_on_customer")]),  # paused, waiting on the customer
        ("low", 20, 3, others[0], [(4, "in_progress")]),
        ("high", 28, 1, others[-1], []),                         # breached, for a colleague's Today
    ]
    stories = []
    for pid, (severity, age, replied, champion, changes) in zip(people, plans):
        title, description = ctx.rng.choice(PROBLEMS)
        opened = now - dt.timedelta(hours=age)
        story = _Story(ctx, pid, organizations.get(pid), title, description, severity, champion, opened)
        if replied is not None:
            story.event("reply", opened + dt.timedelta(hours=replied), text=ctx.rng.choice(REPLIES))
        for after, status in changes:
            story.status(status, opened + dt.timedelta(hours=after))
        stories.append(story)
    return stories
