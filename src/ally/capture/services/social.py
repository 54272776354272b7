"""A social network's messages export into `social` interactions: who talked to whom and when, never what.

People are matched by their profile URL (on their address card, or in the "how we met" a connections
export wrote) or else by their name when exactly one person has it. The export is one member's: its
owner is the profile found in the most messages (or the member's own name), and their messages are `we`.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ally.capture.models import CapturedInteraction, ContactDetails
from ally.capture.social import Profile, SocialError, SocialMessage, iter_linkedin_messages
from ally.core.errors import ValidationError
from ally.interactions.models import Interaction
from ally.interactions.services import interaction_log
from ally.people.models import Person
from ally.workspaces.audit import acting, audit_record, audited, current_actor

SOCIAL = CapturedInteraction.Source.SOCIAL
PROFILE = re.compile(r"https?://(?:[a-z]{2,3}\.)?linkedin\.com/in/([^/?#\s)]+)", re.IGNORECASE)


@dataclass
class SocialReport:
    dry_run: bool
    messages: int = 0
    imported: int = 0
    already_imported: int = 0
    no_known_person: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "messages": self.messages,
                "counts": {"imported": self.imported, "already_imported": self.already_imported,
                           "no_known_person": self.no_known_person},
                "warnings": self.warnings}


def _profile_key(url: str) -> str:
    """"https://www.linkedin.com/in/Renee-Dupont/" → "linkedin:renee-dupont"; "" when it is no profile."""
    match = PROFILE.search(url or "")
    return f"linkedin:{match.group(1).lower().rstrip('/')}" if match else ""


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower())
    return " ".join("".join(ch for ch in folded if not unicodedata.combining(ch)).split())


class PeopleByProfile:
    """The workspace's people by profile URL and, where unambiguous, by name."""

    def __init__(self, workspace):
        self.by_url: dict[str, int] = {}
        for person_id, urls in ContactDetails.objects.filter(workspace=workspace).values_list("person_id", "urls"):
            for url in urls or []:
                if key := _profile_key(url.get("value", "")):
                    self.by_url.setdefault(key, person_id)
        names: dict[str, list[int]] = {}
        for person_id, name, how_we_met in Person.objects.filter(workspace=workspace).values_list(
                "id", "name", "how_we_met").iterator(chunk_size=5000):
            names.setdefault(_name_key(name), []).append(person_id)
            for match in PROFILE.finditer(how_we_met or ""):
                self.by_url.setdefault(_profile_key(match.group(0)), person_id)
        self.by_name = {key: ids[0] for key, ids in names.items() if len(ids) == 1}

    def find(self, profile: Profile) -> int | None:
        if (key := _profile_key(profile.url)) and key in self.by_url:
            return self.by_url[key]
        return self.by_name.get(_name_key(profile.name)) if profile.name else None


def _who(profile: Profile) -> str:
    return _profile_key(profile.url) or _name_key(profile.name)


def _owner(messages: list[SocialMessage], member) -> str:
    """The export's owner: the member's own name when a profile has it, else who is in the most messages."""
    seen = Counter()
    for message in messages:
        seen.update({_who(p) for p in [message.sender, *message.recipients] if _who(p)})
    if member is not None:
        names = {_name_key(member.display_name)} | ({_name_key(member.person.name)} if member.person_id else set())
        for who in seen:
            if who in names:
                return who
    return seen.most_common(1)[0][0] if seen else ""


@audited(dry_run="dry_run")
def social_import(*, workspace, data: bytes, member=None, dry_run: bool = False) -> SocialReport:
    """Import a LinkedIn messages.csv as `social` interactions, once per message; the content is not kept.

    A file that is not a messages export is refused with one error and nothing is written."""
    if member is not None and member.workspace_id != workspace.id:
        raise ValidationError({"member": "not found in this workspace"})
    warnings = []
    try:
        messages = list(iter_linkedin_messages(data, warnings=warnings))
    except SocialError as error:
        raise ValidationError({"file": str(error)}) from None
    report = SocialReport(dry_run=dry_run, warnings=[f"line {w.line}: {w.message}" if w.line else w.message
                                                     for w in warnings])
    owner = _owner(messages, member)
    people = PeopleByProfile(workspace)
    team = set(workspace.memberships.exclude(person=None).values_list("person_id", flat=True))
    captured = set(CapturedInteraction.objects.filter(workspace=workspace, source=SOCIAL).values_list("key", flat=True))
    planned = []
    for message in messages:
        report.messages += 1
        if message.key in captured:
            report.already_imported += 1
            continue
        others = [p for p in [message.sender, *message.recipients] if _who(p) != owner]
        ids = sorted({pid for p in others if (pid := people.find(p)) is not None} - team)
        if not ids:
            report.no_known_person += 1
            continue
        captured.add(message.key)
        planned.append((message, ids))
        report.imported += 1
    if dry_run:
        return report
    persons = Person.objects.filter(workspace=workspace).in_bulk([i for _m, ids in planned for i in ids])
    actor = current_actor()
    with acting(user=actor.user, token=actor.token, via="import"):
        for message, ids in planned:
            title = message.subject or message.conversation_title
            interaction = interaction_log(
                workspace=workspace, kind=Interaction.Kind.SOCIAL, participants=[persons[i] for i in ids],
                summary=f"LinkedIn message: {title}" if title else "LinkedIn message", occurred_at=message.date,
                initiated_by="we" if _who(message.sender) == owner else "they",
                author=member.user if member else None)
            CapturedInteraction.objects.create(workspace=workspace, interaction=interaction, source=SOCIAL,
                                               key=message.key, thread=message.conversation_id[:500], member=member)
        audit_record(workspace=workspace, action="social.imported", object_type="import",
                     label=f"{report.imported} messages", changes={"messages": [None, report.imported]})
    return report
