"""IMAP mailboxes: connect one (credentials encrypted), sync it incrementally, disconnect it."""

from django.db import transaction
from django.utils import timezone

from ally.capture import credentials
from ally.capture.imap import LOCAL_HOSTS, FolderState, MailAccountError, sync_account
from ally.capture.imap import MailAccount as ImapAccount
from ally.capture.models import CapturedInteraction, MailAccount, MailFolderState
from ally.capture.services.mail import MailReport, MailWriter
from ally.core.validation import clean_int, clean_list, clean_text, raise_errors
from ally.interactions.clocks import contact_clocks_refresh
from ally.interactions.models import Interaction
from ally.workspaces.audit import acting, audit_record, audited, current_actor

DEFAULT_FOLDERS = ("INBOX",)


@audited
def mail_account_add(*, workspace, member, host: str, username: str, password: str, port: int | None = None,
                     folders=DEFAULT_FOLDERS) -> MailAccount:
    """Connect a team member's mailbox. TLS always, except to this machine (a local server), where plain is used."""
    errors: dict[str, str] = {}
    host = clean_text(host, "host", errors, required=True, max_length=253).lower()
    username = clean_text(username, "username", errors, required=True, max_length=254)
    if not password:
        errors["password"] = "is required"
    port = clean_int(port, "port", errors, low=1, high=65535) if port not in (None, "") else None
    folders = [clean_text(f, "folders", errors, required=True, max_length=500)
               for f in clean_list(list(folders or DEFAULT_FOLDERS), "folders", errors)]
    if member.workspace_id != workspace.id:
        errors["member"] = "not found in this workspace"
    raise_errors(errors)
    account = MailAccount.objects.create(
        workspace=workspace, member=member, host=host, port=port, username=username,
        security="plain" if host in LOCAL_HOSTS else "tls", password_encrypted=credentials.encrypt(password),
        folders=list(dict.fromkeys(folders)))
    audit_record(workspace=workspace, action="mail_account.added", target=account,
                 changes={"host": [None, host], "username": [None, username], "folders": [None, account.folders]})
    return account


@audited(atomic=False)
def mail_account_sync(*, account: MailAccount) -> MailReport:
    """Read what arrived in the account's folders since the last sync, a batch at a time.

    Each batch's interactions and its folder's new state are committed together, so a sync interrupted
    half-way resumes after the last batch stored, without duplicates. A server that cannot be reached, or
    refuses the login, is recorded as the account's last error in words; nothing is raised.
    """
    actor = current_actor()
    report = MailReport(dry_run=False)
    states = {s.folder: FolderState(s.uidvalidity, s.last_uid)
              for s in MailFolderState.objects.filter(account=account)}
    error = ""
    with acting(user=actor.user, token=actor.token, via="import"):
        writer = MailWriter(account.workspace, account.member, report, dry_run=False)
        try:
            imap = ImapAccount(host=account.host, port=account.port, username=account.username,
                               password=credentials.decrypt(account.password_encrypted), security=account.security)
            for batch in sync_account(imap, states, folders=account.folders):
                _store_batch(account, writer, batch)
        except (MailAccountError, ValueError) as exc:
            error = str(exc)
    MailAccount.objects.filter(id=account.id).update(last_sync_at=timezone.now(), last_error=error)
    account.refresh_from_db()
    audit_record(workspace=account.workspace_id, action="mail_account.synced", target=account,
                 changes={"emails": [None, report.imported], "error": [None, error or None]})
    return report


@transaction.atomic
def _store_batch(account: MailAccount, writer: MailWriter, batch) -> None:
    before = writer.report.imported
    for message in batch.messages:
        writer.add(message)
    writer.flush()
    MailFolderState.objects.update_or_create(
        account=account, folder=batch.folder,
        defaults={"workspace_id": account.workspace_id, "uidvalidity": batch.state.uidvalidity,
                  "last_uid": batch.state.last_uid})
    MailAccount.objects.filter(id=account.id).update(
        messages_read=account.messages_read + len(batch.messages),
        emails_captured=account.emails_captured + writer.report.imported - before)
    account.messages_read += len(batch.messages)
    account.emails_captured += writer.report.imported - before


@audited
def mail_account_disconnect(*, account: MailAccount, delete_captured: bool = False) -> None:
    """Forget the account and its credentials; with `delete_captured`, the emails it captured go too."""
    deleted = 0
    if delete_captured:
        captured = CapturedInteraction.objects.filter(workspace=account.workspace_id, member=account.member,
                                                      source=CapturedInteraction.Source.MAIL)
        interactions = Interaction.objects.filter(id__in=captured.values("interaction_id"))
        people = set(interactions.values_list("participations__person_id", flat=True)) - {None}
        deleted, _ = interactions.delete()
        contact_clocks_refresh(workspace=account.workspace_id, person_ids=people)
    audit_record(workspace=account.workspace_id, action="mail_account.disconnected", target=account,
                 changes={"deleted_emails": [None, deleted]})
    account.delete()
