"""`ally people` and `ally fact`: find, show and add people and the little things about them."""

import re

import typer
from rich.markup import escape

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.workspaces.cli import find_member, resolve_workspace

people_app = typer.Typer(help="Find, show and add people.", no_args_is_help=True)
fact_app = typer.Typer(help="Remember little things about people.", no_args_is_help=True)

BIRTHDAY_RE = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")


def register(cli: CommandLine) -> None:
    cli.group("people", people_app)
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


def parse_birthday(value: str | None) -> dict:
    """`MM-DD` or `YYYY-MM-DD` as the birthday fields; whether the day exists is the service's rule."""
    if not value:
        return {}
    match = BIRTHDAY_RE.fullmatch(value.strip())
    if match is None:
        raise fail(f"birthday: '{value}' is not MM-DD or YYYY-MM-DD")
    year, month, day = match.groups()
    return {"birthday_month": int(month), "birthday_day": int(day), "birthday_year": int(year) if year else None}


def person_summary(person) -> dict:
    """What a list shows about a person (emails and tags must be prefetched)."""
    return {
        "id": person.id, "name": person.name,
        "organization": person.organization.name if person.organization_id else None,
        "title": person.title, "emails": [e.address for e in person.emails.all()],
        "tags": [pt.tag.name for pt in person.person_tags.all()],
        "last_contact_at": person.last_contact_at, "touch_due_at": person.touch_due_at,
    }


@people_app.command("search")
def people_search(query: str = typer.Argument(..., help="Part of a name, email, organization, or a tag."),
                  workspace: str = workspace_option(),
                  limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                  as_json: bool = json_option()):
    """Search people by name, email, organization or tag."""
    setup_django()
    from ally.people.selectors import person_list

    target = resolve_workspace(workspace)
    rows = [person_summary(p) for p in person_list(workspace=target, q=query)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table(f"People matching '{query}'", ["id", "name", "organization", "emails", "tags", "last contact"],
                [[r["id"], r["name"], r["organization"], ", ".join(r["emails"]), ", ".join(r["tags"]),
                  f"{r['last_contact_at']:%Y-%m-%d}" if r["last_contact_at"] else "never"] for r in rows])


def person_details(person) -> dict:
    """Everything the person page shows that a shell can use; private notes and interactions stay hidden."""
    from ally.people.contact import display_phone
    from ally.people.selectors import person_relationships, person_tag_names

    birthday = None
    if person.birthday_month:
        birthday = (f"{person.birthday_year:04d}-" if person.birthday_year else "") + \
            f"{person.birthday_month:02d}-{person.birthday_day:02d}"
    return {
        "id": person.id, "name": person.name,
        "organization": person.organization.name if person.organization_id else None,
        "title": person.title, "emails": [e.address for e in person.emails.all()],
        "phones": [display_phone(p.number) for p in person.phones.all()],
        "birthday": birthday, "tags": person_tag_names(person=person), "cadence_days": person.cadence_days,
        "last_contact_at": person.last_contact_at, "touch_due_at": person.touch_due_at,
        "how_we_met": person.how_we_met, "notes": "" if person.notes_private else person.notes,
        "facts": [{"id": f.id, "kind": f.kind, "text": f.text, "date": f.date, "yearly": f.recurs_yearly}
                  for f in person.facts.all()],
        "relationships": [{"label": r.label_from(person.id), "person": r.other(person.id).name,
                           "person_id": r.other(person.id).id} for r in person_relationships(person=person)],
    }


@people_app.command("show")
def people_show(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
                workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show one person: how to reach them, little things and ties (`ally timeline`, `ally followup list`)."""
    setup_django()
    target = resolve_workspace(workspace)
    details = person_details(resolve_person(target, person))
    if as_json:
        print_json(details)
        return
    _print_person(details)


def _print_person(d: dict) -> None:
    where = " · ".join(part for part in (d["title"], d["organization"]) if part)
    console.print(f"[bold]{escape(d['name'])}[/bold] (#{d['id']})" + (f"  {escape(where)}" if where else ""),
                  highlight=False)
    for label, value in (("emails", ", ".join(d["emails"])), ("phones", ", ".join(d["phones"])),
                         ("birthday", d["birthday"]), ("tags", ", ".join(d["tags"])),
                         ("cadence", f"every {d['cadence_days']} days" if d["cadence_days"] else None),
                         ("last contact", f"{d['last_contact_at']:%Y-%m-%d}" if d["last_contact_at"] else "never"),
                         ("how we met", d["how_we_met"]), ("notes", d["notes"])):
        if value:
            console.print(f"  [dim]{label}:[/dim] {escape(str(value))}", highlight=False)
    if d["facts"]:
        print_table("Little things", ["kind", "text", "date"],
                    [[f["kind"], f["text"], f"{f['date']}{' (yearly)' if f['yearly'] else ''}" if f["date"] else ""]
                     for f in d["facts"]])
    if d["relationships"]:
        print_table("Ties", ["", "person"], [[r["label"], f"{r['person']} (#{r['person_id']})"] for r in d["relationships"]])
    console.print(f"  [dim]promises: ally followup list {d['id']} · contacts: ally timeline {d['id']}[/dim]",
                  highlight=False)


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
