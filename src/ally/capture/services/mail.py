"""Mailboxes into email interactions: metadata only, one interaction per Message-ID, replies in their thread."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from ally.capture import selectors
from ally.capture.mail import MailError, MailMessage, MailWarning, iter_mail, thread_key
from ally.capture.models import AddressSighting, CapturedInteraction
from ally.core.bulk import insert_rows
from ally.core.errors import ValidationError
from ally.interactions.clocks import contact_clocks_refresh
from ally.interactions.models import Interaction, InteractionParticipant
from ally.workspaces.audit import acting, audit_record, audited, current_actor

BATCH_SIZE = 2000
NO_SUBJECT = "(no subject)"


@dataclass
class MailReport:
    """What a mail import did (or, in a dry run, would do) with every message."""

    dry_run: bool
    messages: int = 0
    imported: int = 0
    already_imported: int = 0
    bulk: int = 0
    team_only: int = 0
    no_known_person: int = 0
    undated: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "messages": self.messages,
                "counts": {"imported": self.imported, "already_imported": self.already_imported, "bulk": self.bulk,
                           "team_only": self.team_only, "no_known_person": self.no_known_person,
                           "undated": self.undated},
                "warnings": self.warnings}


@audited(atomic=False, dry_run="dry_run")
def mail_import(*, workspace, path: str, member=None, dry_run: bool = False, batch_size: int = BATCH_SIZE,
                progress: Callable[[int], None] | None = None) -> MailReport:
    """Import an mbox file (Gmail's Takeout too), a Maildir folder or .eml files as email interactions.

    Only metadata is kept: date, direction, participants, subject, thread; never the body. Messages
    already imported (by Message-ID), bulk mail, messages among team members only and messages with
    no known person are skipped and counted. The mailbox is streamed and committed batch by batch, so
    an interrupted import run again picks up where it stopped without duplicates.
    """
    actor = current_actor()
    warnings: list[MailWarning] = []
    report = MailReport(dry_run=dry_run)
    try:
        messages = iter_mail(path, warnings=warnings)
        with acting(user=actor.user, token=actor.token, via="import"):
            MailWriter(workspace, member, report, dry_run).run(messages, batch_size, progress)
    except MailError as exc:
        raise ValidationError({"path": str(exc)}) from None
    report.warnings.extend(f"{w.position}: {w.message}" for w in warnings)
    return report


class MailWriter:
    """Plans each message against the workspace's people and team, and writes them a batch at a time."""

    def __init__(self, workspace, member, report: MailReport, dry_run: bool):
        self.workspace, self.member, self.report, self.dry_run = workspace, member, report, dry_run
        self.team = selectors.team_addresses(workspace=workspace)
        self.people = selectors.people_by_address(workspace=workspace, excluding=self.team)
        self.threads = selectors.mail_threads(workspace=workspace)  # Message-ID -> thread key, for replies
        self.batch: list[tuple[MailMessage, str, list[int]]] = []
        self.sightings: list[tuple[str, str, str, dt.datetime | None]] = []

    def run(self, messages: Iterable[MailMessage], batch_size: int, progress) -> None:
        for message in messages:
            self.add(message)
            if len(self.batch) + len(self.sightings) >= batch_size:
                self.flush()
            if progress:
                progress(1)
        self.flush()

    def add(self, message: MailMessage) -> None:
        report = self.report
        report.messages += 1
        if message.message_id in self.threads:
            report.already_imported += 1
            return
        if message.is_bulk:
            report.bulk += 1
            return
        everyone = [a for a in [message.sender, *message.recipients] if a is not None]
        outsiders = [a for a in everyone if a.email not in self.team]
        if not outsiders:
            report.team_only += 1
            return
        if message.date is None:
            report.undated += 1
            report.warnings.append(f"{message.position}: no date; skipped")
            return
        ours = message.sender is not None and message.sender.email in self.team
        self._sight(message, outsiders, ours)
        participants = sorted({self.people[a.email] for a in outsiders if a.email in self.people})
        if not participants:
            report.no_known_person += 1
            return
        self.threads[message.message_id] = thread_key(message, self.threads)
        self.batch.append((message, "we" if ours else "they", participants))
        report.imported += 1

    def _sight(self, message: MailMessage, outsiders, ours: bool) -> None:
        """Unknown addresses we wrote to, or that wrote to one of us, may become suggested people."""
        if not ours and not any(a.email in self.team for a in message.recipients):
            return
        for address in outsiders:
            if address.email not in self.people and (ours or address == message.sender):
                self.sightings.append((address.email, address.name[:200], message.message_id[:500], message.date))

    @transaction.atomic
    def flush(self) -> None:
        batch, sightings, self.batch, self.sightings = self.batch, self.sightings, [], []
        if self.dry_run:
            return
        AddressSighting.objects.bulk_create(
            [AddressSighting(workspace=self.workspace, address=email, name=name, message_id=key, seen_at=at)
             for email, name, key, at in sightings], ignore_conflicts=True)
        if batch:
            self._write(batch)
        # Every batch records its entry, an empty one too: "nothing new" is what a second import did.
        audit_record(workspace=self.workspace, action="mail.imported", object_type="import",
                     label=f"{len(batch)} emails", changes={"emails": [None, len(batch)]})

    def _write(self, batch) -> None:
        ws = self.workspace.id
        author = self.member.user_id if self.member else None
        ids = insert_rows(Interaction, ["workspace_id", "kind", "occurred_at", "initiated_by", "summary", "author_id"],
                          [(ws, Interaction.Kind.EMAIL, m.date, direction, (m.subject or NO_SUBJECT)[:10_000], author)
                           for m, direction, _people in batch], returning=True)
        insert_rows(InteractionParticipant, ["workspace_id", "interaction_id", "person_id"],
                    [(ws, iid, pid) for iid, (_m, _d, people) in zip(ids, batch) for pid in people])
        insert_rows(CapturedInteraction, ["workspace_id", "interaction_id", "source", "key", "thread", "member_id"],
                    [(ws, iid, CapturedInteraction.Source.MAIL, m.message_id[:500], self.threads[m.message_id][:500],
                      self.member.id if self.member else None) for iid, (m, _d, _p) in zip(ids, batch)])
        touched = {pid for _m, _d, people in batch for pid in people}
        contact_clocks_refresh(workspace=self.workspace, person_ids=touched)
