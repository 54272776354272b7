"""`ally people` and `ally fact`: find, show and add people and the little things about them."""

import re

import typer

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    parse_date,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.workspaces.cli import find_member, resolve_workspace

people_app = typer.Typer(help="Find, show and add people.", no_args_is_help=True)
fact_app = typer.Typer(help="Remember little things about people.", no_args_is_help=True)

BIRTHDAY_RE = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")


def register(cli: CommandLine) -> None:
    cli.group("people", people_app, others_may_add=True)
    cli.group("fact", fact_app)
    cli.command("audit", audit)


def resolve_person(workspace, reference: str):
    """PERSON as an id, an email, or a name fragment; an ambiguous fragment lists the candidates and exits 1."""
    from ally.core.errors import NotFound, ValidationError
    from ally.people.selectors import resolve_person_reference

    try:
        return resolve_person_reference(workspace=workspace, reference=reference)
    except NotFound:
        raise fail(f"no person matches '{reference}'") from None
    except ValidationError as exc:
        raise fail(str(exc)) from None


def resolve_organization_id(workspace, name: str | None) -> int | None:
    """`--organization NAME` as the organization's id for a list's filter; no such organization is one error line."""
    from ally.people.selectors import organization_by_name

    if not name:
        return None
    found = organization_by_name(workspace=workspace, name=name)
    if found is None:
        raise fail(f"organization: no organization called '{name}'")
    return found.id


def parse_birthday(value: str | None) -> dict:
    """`MM-DD` or `YYYY-MM-DD` as the birthday fields; whether the day exists is the service's rule."""
    if not value:
        return {}
    match = BIRTHDAY_RE.fullmatch(value.strip())
    if match is None:
        raise fail(f"birthday: '{value}' is not MM-DD or YYYY-MM-DD")
    year, month, day = match.groups()
    return {"birthday_month": int(month), "birthday_day": int(day), "birthday_year": int(year) if year else None}


@people_app.command("search")
def people_search(query: str = typer.Argument("", help="Part of a name, email, organization, a tag, or phone digits."),
                  tag: str = typer.Option("", "--tag", help="Only people with this tag."),
                  owner: str = typer.Option(None, "--owner", help="Only people this team member owns (username or "
                                                                  "email)."),
                  organization: str = typer.Option(None, "--organization", help="Only people of this organization."),
                  overdue: bool = typer.Option(False, "--overdue", help="Only people whose keep-in-touch is overdue."),
                  min_strength: float = typer.Option(None, "--min-strength",
                                                     help="Only people someone on the team knows this well (0..1)."),
                  sort: str = typer.Option("name", "--sort", help="name, -name, last_contact, -last_contact, due, "
                                                                  "organization or strength."),
                  workspace: str = workspace_option(),
                  limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                  as_json: bool = json_option()):
    """Find people with the people list's filters; `--json` prints them as the API lists them."""
    setup_django()
    from ally.people.filters import PersonFilter
    from ally.people.selectors import person_list, with_details
    from ally.people.serialize import person_json

    target = resolve_workspace(workspace)
    organization_id = resolve_organization_id(target, organization)
    with domain_errors():
        filters = PersonFilter.parse({"q": query, "tag": tag, "owner_id": find_member(target, owner).id if owner else None,
                                      "organization_id": organization_id, "overdue": overdue, "sort": sort,
                                      "min_strength": min_strength})
    rows = [person_json(p, None) for p in with_details(person_list(workspace=target, filters=filters))[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table(f"People matching '{query}'" if query else "People", ["id", "name", "organization", "emails", "tags",
                                                                        "last contact"],
                [[r["id"], r["name"], r["organization_name"], ", ".join(r["emails"]), ", ".join(r["tags"]),
                  f"{r['last_contact_at']:%Y-%m-%d}" if r["last_contact_at"] else "never"] for r in rows])


@people_app.command("show")
def people_show(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
                workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show one person: how to reach them, little things and ties (`ally timeline`, `ally followup list`).
    `--json` prints the person as `GET /api/v1/people/{id}` does (private notes stay hidden)."""
    setup_django()
    from ally.people.selectors import person_relationships, person_with_details
    from ally.people.serialize import person_json

    target = resolve_workspace(workspace)
    found = person_with_details(workspace=target, person_id=resolve_person(target, person).id)
    shown = person_json(found, None)
    if as_json:
        print_json(shown)
        return
    _print_person(shown, facts=list(found.facts.all()), ties=person_relationships(person=found))


def _print_person(d: dict, *, facts, ties) -> None:
    from ally.people.contact import display_phone

    where = " · ".join(part for part in (d["title"], d["organization_name"]) if part)
    say(f"{d['name']} (#{d['id']})" + (f"  {where}" if where else ""))
    birthday = (f"{d['birthday_year']:04d}-" if d["birthday_year"] else "") + \
        f"{d['birthday_month']:02d}-{d['birthday_day']:02d}" if d["birthday_month"] else None
    for label, value in (("emails", ", ".join(d["emails"])), ("phones", ", ".join(map(display_phone, d["phones"]))),
                         ("birthday", birthday), ("tags", ", ".join(d["tags"])),
                         ("cadence", f"every {d['cadence_days']} days" if d["cadence_days"] else None),
                         ("last contact", f"{d['last_contact_at']:%Y-%m-%d}" if d["last_contact_at"] else "never"),
                         ("how we met", d["how_we_met"]), ("notes", d["notes"])):
        if value:
            say(f"  {label}: {value}")
    if facts:
        print_table("Little things", ["kind", "text", "date"],
                    [[f.kind, f.text, f"{f.date}{' (yearly)' if f.recurs_yearly else ''}" if f.date else ""]
                     for f in facts])
    if ties:
        print_table("Ties", ["", "person"], [[t.label_from(d["id"]), f"{t.other(d['id']).name} (#{t.other(d['id']).id})"]
                                             for t in ties])
    say(f"  promises: ally followup list {d['id']} · contacts: ally timeline {d['id']}")


@people_app.command("add")
def people_add(name: str = typer.Argument(..., help="Full name."),
               email: list[str] = typer.Option(None, "--email", help="An email address (repeatable)."),
               phone: list[str] = typer.Option(None, "--phone", help="A phone number (repeatable)."),
               organization: str = typer.Option("", "--organization", help="Organization name (created if missing)."),
               title: str = typer.Option("", "--title", help="Job title."),
               birthday: str = typer.Option(None, "--birthday", help="MM-DD or YYYY-MM-DD."),
               tag: list[str] = typer.Option(None, "--tag", help="A tag (repeatable)."),
               cadence: int = typer.Option(None, "--cadence", help="Keep in touch every this many days."),
               notes: str = typer.Option("", "--notes", help="Free-form notes."),
               workspace: str = workspace_option()):
    """Add a person; the organization is created when it does not exist yet."""
    setup_django()

    from ally.people import services

    target = resolve_workspace(workspace)
    fields = parse_birthday(birthday)
    # One write: the organization is found or created with the person, so a refused person leaves none behind.
    with domain_errors():
        person = services.person_create(workspace=target, name=name, emails=email or [], phones=phone or [],
                                         organization_name=organization, title=title, tags=tag or [],
                                         cadence_days=cadence, notes=notes, **fields)
    console.print(f"Added {person.name} (#{person.id}).", highlight=False, markup=False)


@fact_app.command("add")
def fact_add(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
             kind: str = typer.Option("other", "--kind", help="family, interest, preference, milestone, dislike or other."),
             text: str = typer.Option(..., "--text", help="The little thing, in a sentence."),
             date: str = typer.Option(None, "--date", help="YYYY-MM-DD, when the thing has a date."),
             yearly: bool = typer.Option(False, "--yearly", help="The date recurs every year (an anniversary)."),
             workspace: str = workspace_option()):
    """Remember a little thing about a person; a dated one becomes a reminder on Today."""
    setup_django()
    from ally.people.services import fact_add as add

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    when = parse_date(date, "date")
    with domain_errors():
        fact = add(person=who, kind=kind, text=text, date=when, recurs_yearly=yearly)
    console.print(f"Noted about {who.name}: {fact.text}", highlight=False, markup=False)


def audit(person: str = typer.Option(None, "--person", help="Only entries about this person (id, email or name)."),
          member: str = typer.Option(None, "--member", help="Only writes by this team member (username or email)."),
          kind: str = typer.Option(None, "--kind", help="An action (person.updated) or a kind of object (person)."),
          limit: int = typer.Option(50, "--limit", min=1, max=1000, help="Show at most this many entries."),
          workspace: str = workspace_option(), as_json: bool = json_option()):
    """The audit trail: who changed what, when (a member on a page, a token, the command line, an import).
    (Here rather than with the workspaces' commands: it finds a PERSON, which the people app knows.)"""
    setup_django()
    from ally.workspaces.audit_trail import AuditFilter, audit_entries, entry_dict

    target = resolve_workspace(workspace)
    with domain_errors():
        filters = AuditFilter.parse({"person": resolve_person(target, person).id if person else None,
                                     "member": find_member(target, member).id if member else None, "kind": kind})
    rows = [entry_dict(entry) for entry in audit_entries(workspace=target, filters=filters)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table(f"Audit trail of {target.slug}", ["when", "who", "what", "changes"], [
        [f"{r['at']:%Y-%m-%d %H:%M}", r["actor"] or r["via"], f"{r['action']} {r['object_label']}",
         "; ".join(f"{field}: {change[0]} -> {change[1]}" for field, change in r["changes"].items())]
        for r in rows])
