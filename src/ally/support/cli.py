"""`ally case` and `ally sla`: the client's problems with us, championed until the customer confirms the fix."""

import typer

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    member_option,
    parse_moment,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_organization_id, resolve_person
from ally.workspaces.cli import find_member, resolve_member, resolve_workspace

case_app = typer.Typer(help="Cases: open, follow, escalate, apologise, and confirm the fix with the customer.",
                       no_args_is_help=True)
sla_app = typer.Typer(help="SLA targets per severity (hours to the first response and to the resolution).",
                      no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.group("case", case_app)
    cli.group("sla", sla_app)


def _case(workspace, case_id: int):
    from ally.support.selectors import access_case

    with domain_errors():
        return access_case(workspace=workspace, case_id=case_id)


@case_app.command("list")
def case_list(state: str = typer.Option("open", "--state", help="open (unfinished), finished or all."),
              status: str = typer.Option(None, "--status", help="Exactly this status (instead of --state)."),
              severity: str = typer.Option(None, "--severity", help="low, normal, high or urgent."),
              champion: str = typer.Option(None, "--champion", help="Only this team member's (username or email)."),
              mine: bool = typer.Option(False, "--mine", help="Only those --member champions."),
              person: str = typer.Option(None, "--person", help="Only this person's."),
              organization: str = typer.Option(None, "--organization", help="Only this organization's (name)."),
              opened_after: str = typer.Option(None, "--opened-after", help="Opened on or after (YYYY-MM-DD)."),
              opened_before: str = typer.Option(None, "--opened-before", help="Opened on or before (YYYY-MM-DD)."),
              limit: int = typer.Option(50, "--limit", min=1), workspace: str = workspace_option(),
              member: str = member_option(), as_json: bool = json_option()):
    """List cases with where their SLA clocks stand, with the cases list's filters (the page's and the API's)."""
    setup_django()
    from ally.support.filters import CaseFilter
    from ally.support.selectors import case_list as cases
    from ally.support.serialize import cases_json

    target = resolve_workspace(workspace)
    asking = resolve_member(target, member) if (member or mine) else None
    with domain_errors():
        filters = CaseFilter.parse({
            "state": state, "status": status, "severity": severity, "mine": mine,
            "champion_id": find_member(target, champion).id if champion else None,
            "person_id": resolve_person(target, person).id if person else None,
            "organization_id": resolve_organization_id(target, organization),
            "opened_after": opened_after, "opened_before": opened_before})
    found = list(cases(workspace=target, filters=filters.for_member(asking))[:limit])
    rows = cases_json(workspace=target, cases=found)
    if as_json:
        print_json(rows)
        return
    print_table("Cases", ["id", "title", "who", "severity", "status", "champion", "reply", "fix"],
                [[r["id"], r["title"], r["person_name"], r["severity"], r["status"], r["champion_name"],
                  r["first_response"]["state"], r["resolution"]["state"]] for r in rows])


@case_app.command("show")
def case_show(case_id: int = typer.Argument(...), workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show a case, its clocks and everything that happened."""
    setup_django()
    from ally.support.selectors import case_events
    from ally.support.serialize import cases_json

    target = resolve_workspace(workspace)
    case = _case(target, case_id)
    [details] = cases_json(workspace=target, cases=[case])
    if as_json:
        print_json(details)
        return
    say(f"{case.title} · {case.person.name} · {case.severity} · {case.get_status_display()} · "
        f"reply {details['first_response']['state']}, fix {details['resolution']['state']}")
    print_table("Events", ["when", "what", "detail"],
                [[f"{e.occurred_at:%Y-%m-%d %H:%M}", e.kind,
                  " ".join(filter(None, (e.to_value, e.member.display_name if e.member_id else "", e.text)))]
                 for e in case_events(case=case)])


@case_app.command("events")
def case_events_list(case_id: int = typer.Argument(...), workspace: str = workspace_option(),
                     as_json: bool = json_option()):
    """Everything that happened on a case, oldest first (as `GET /api/v1/cases/{id}/events`)."""
    setup_django()
    from ally.support.selectors import case_events
    from ally.support.serialize import event_json

    target = resolve_workspace(workspace)
    rows = [event_json(e) for e in case_events(case=_case(target, case_id))]
    if as_json:
        print_json(rows)
        return
    print_table("Events", ["when", "what", "from", "to", "text"],
                [[f"{r['occurred_at']:%Y-%m-%d %H:%M}", r["kind"], r["from_value"], r["to_value"], r["text"]]
                 for r in rows])


@case_app.command("open")
def case_open(person: str = typer.Argument(..., help="Whose problem: an id, an email, or part of a name."),
              title: str = typer.Argument(..., help="The problem, in a line."),
              severity: str = typer.Option("normal", "--severity", help="low, normal, high or urgent."),
              champion: str = typer.Option(None, "--champion", help="Who owns it (username or email; "
                                                                    "default: the workspace's owner)."),
              description: str = typer.Option("", "--description", help="What happened, in their words."),
              check_in: int = typer.Option(None, "--check-in", help="The check-in that surfaced it (id)."),
              workspace: str = workspace_option()):
    """Open a case with a champion inside the company."""
    setup_django()
    from ally.ownership.selectors import access_check_in
    from ally.support.services import case_open as open_case

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    with domain_errors():
        from_check_in = access_check_in(workspace=target, check_in_id=check_in) if check_in else None
        case = open_case(workspace=target, person=who, title=title, severity=severity,
                         champion=find_member(target, champion), description=description, check_in=from_check_in)
    console.print(f"Opened case #{case.id} for {who.name}, championed by {case.champion.display_name}.",
                  highlight=False, markup=False, soft_wrap=True)


def _at(workspace, when: str | None):
    return parse_moment(when, "at")


AT = typer.Option(None, "--at", help="When it happened (ISO date-time; default: now).")


@case_app.command("status")
def case_status(case_id: int = typer.Argument(...),
                status: str = typer.Argument(..., help="open, in_progress, waiting_on_customer, waiting_on_us, "
                                                       "resolved, confirmed_fixed or closed_without_fix."),
                note: str = typer.Option("", "--note"), at: str = AT, workspace: str = workspace_option()):
    """Move a case. confirmed_fixed needs the customer's confirmation first (`ally case confirm`)."""
    setup_django()
    from ally.support.services import case_status_change

    target = resolve_workspace(workspace)
    case = _case(target, case_id)
    with domain_errors():
        case_status_change(case=case, status=status, note=note, at=_at(target, at))
    console.print(f"Case #{case.id} is now {case.get_status_display().lower()}.", highlight=False, markup=False, soft_wrap=True)


def _event_command(name: str, service_name: str, help_text: str, done: str, text_help: str):
    def command(case_id: int = typer.Argument(...), text: str = typer.Argument(..., help=text_help), at: str = AT,
                workspace: str = workspace_option()):
        setup_django()
        from ally.support import services

        target = resolve_workspace(workspace)
        case = _case(target, case_id)
        with domain_errors():
            getattr(services, service_name)(case=case, text=text, at=_at(target, at))
        console.print(done.format(id=case.id), highlight=False, markup=False, soft_wrap=True)

    command.__doc__ = help_text
    case_app.command(name)(command)


_event_command("reply", "case_reply", "Record what we told the customer (the first reply stops that clock).",
               "Reply recorded on case #{id}.", "What we told them.")
_event_command("note", "case_note", "Add an internal note.", "Note added to case #{id}.", "The note.")
_event_command("apologise", "case_apologise", "Record that we said sorry, whoever's fault it was.",
               "Apology recorded on case #{id}.", "What we said.")


@case_app.command("confirm")
def case_confirm(case_id: int = typer.Argument(...),
                 text: str = typer.Argument(..., help="How the customer confirmed it is fixed, in their words."),
                 at: str = AT, workspace: str = workspace_option()):
    """Record the customer's confirmation of the fix; the case is then confirmed fixed."""
    setup_django()
    from ally.support.services import case_confirmation_record

    target = resolve_workspace(workspace)
    case = _case(target, case_id)
    with domain_errors():
        case_confirmation_record(case=case, text=text, at=_at(target, at))
    console.print(f"Case #{case.id} is confirmed fixed.", highlight=False, markup=False, soft_wrap=True)


@case_app.command("escalate")
def case_escalate(case_id: int = typer.Argument(...),
                  to: str = typer.Option(..., "--to", help="The team member (username or email)."),
                  reason: str = typer.Option(..., "--reason", help="Why."), at: str = AT,
                  workspace: str = workspace_option()):
    """Escalate a case inside the company: to whom, and why."""
    setup_django()
    from ally.support.services import case_escalate as escalate

    target = resolve_workspace(workspace)
    case = _case(target, case_id)
    member = find_member(target, to)
    with domain_errors():
        escalate(case=case, to=member, reason=reason, at=_at(target, at))
    console.print(f"Escalated case #{case.id} to {member.display_name}.", highlight=False, markup=False, soft_wrap=True)


@case_app.command("champion")
def case_champion(case_id: int = typer.Argument(...),
                  member: str = typer.Argument(..., help="The new champion (username or email)."), at: str = AT,
                  workspace: str = workspace_option()):
    """Hand a case to another champion."""
    setup_django()
    from ally.support.services import case_champion_change

    target = resolve_workspace(workspace)
    case = _case(target, case_id)
    with domain_errors():
        case_champion_change(case=case, champion=find_member(target, member), at=_at(target, at))
    console.print(f"{case.champion.display_name} now champions case #{case.id}.", highlight=False, markup=False, soft_wrap=True)


@sla_app.command("show")
def sla_show(workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show the SLA targets."""
    setup_django()
    from ally.support.models import Severity, SupportSettings
    from ally.support.selectors import support_settings

    target = resolve_workspace(workspace)
    current = support_settings(workspace=target)
    if as_json:
        print_json({name: getattr(current, name) for name in SupportSettings.TARGET_FIELDS})
        return
    print_table("SLA targets (hours)", ["severity", "first response", "resolution"],
                [[s, getattr(current, f"{s}_first_response_hours"), getattr(current, f"{s}_resolution_hours")]
                 for s in Severity.values])


@sla_app.command("set")
def sla_set(target_hours: list[str] = typer.Argument(..., help="TARGET=HOURS, e.g. urgent_first_response_hours=2."),
            workspace: str = workspace_option()):
    """Change SLA targets."""
    setup_django()
    from ally.support.services import support_settings_update

    target = resolve_workspace(workspace)
    changes = {}
    for pair in target_hours:
        name, sep, hours = pair.partition("=")
        if not sep:
            raise fail(f"'{pair}' is not TARGET=HOURS")
        changes[name.strip()] = hours.strip()
    with domain_errors():
        support_settings_update(workspace=target, **changes)
    console.print("SLA targets saved.", highlight=False, markup=False, soft_wrap=True)
