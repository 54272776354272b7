"""IMAP mail accounts: connected with an encrypted password, synced incrementally (against a real Dovecot where
installed), and shown on the settings page with their last error in words."""

import socket

import pytest

from ally.capture.models import MailAccount, MailFolderState
from ally.capture.services.accounts import mail_account_add, mail_account_disconnect, mail_account_sync
from ally.core.errors import ValidationError
from ally.interactions.models import Interaction
from ally.people.services import person_create
from tests.capture.test_imap import client, deliver

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def senders(workspace):
    """The people the test mail comes from (deliver() sends from s0@, s1@... example.com)."""
    return [person_create(workspace=workspace, name=f"Sender {n}", emails=[f"s{n}@example.com"]) for n in range(4)]


def _account(workspace, membership, server, **more):
    return mail_account_add(workspace=workspace, member=membership, host=server.host, port=server.port,
                            username=server.user, password=server.password, **more)


def test_the_password_is_stored_encrypted_and_never_shown(workspace, membership, client_olivia):
    account = mail_account_add(workspace=workspace, member=membership, host="imap.example.com",
                               username="olivia", password="s3cret-pw")
    assert "s3cret-pw" not in account.password_encrypted and account.security == "tls"
    assert "s3cret-pw" not in client_olivia.get("/settings/mail/").content.decode()


def test_bad_input_names_the_field_and_writes_nothing(workspace, membership):
    with pytest.raises(ValidationError) as error:
        mail_account_add(workspace=workspace, member=membership, host="", username="u", password="", port=70000)
    assert set(error.value.errors) == {"host", "password", "port"}
    assert not MailAccount.objects.exists()


def test_a_server_that_cannot_be_reached_is_the_last_error_in_words_on_the_settings_page(
        workspace, membership, client_olivia):
    account = mail_account_add(workspace=workspace, member=membership, host="127.0.0.1", port=_closed_port(),
                               username="olivia", password="pw")
    response = client_olivia.post(f"/settings/mail/{account.id}/sync/")
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.last_error and account.last_sync_at
    page = client_olivia.get("/settings/mail/").content.decode()
    assert "Last sync failed" in page and "refused" in page


def test_the_cli_adds_and_syncs_and_fails_clearly(workspace, membership, ally_command, tmp_path):
    secret = tmp_path / "password"
    secret.write_text("pw\n")
    added = ally_command("mail", "account", "add", "--member", "olivia", "--host", "127.0.0.1", "--port",
                         _closed_port(), "--username", "olivia", "--password-file", secret, "-w", "acme")
    assert added.exit_code == 0, added.output
    account = MailAccount.objects.get()
    assert "pw" != account.password_encrypted
    synced = ally_command("mail", "sync", "--account", account.id, "-w", "acme")
    assert synced.exit_code != 0 and "error:" in synced.output and "Traceback" not in synced.output
    assert ally_command("mail", "sync", "-w", "acme").exit_code != 0  # neither --account nor --all


def test_another_workspaces_account_is_unreachable(workspace, membership, client_olivia, ally_command, rex,
                                                   other_workspace):
    from ally.workspaces.models import Membership

    theirs = mail_account_add(workspace=other_workspace, member=Membership.objects.get(user=rex),
                              host="imap.rival.example", username="rex", password="pw")
    assert client_olivia.post(f"/settings/mail/{theirs.id}/sync/").status_code == 404
    assert "imap.rival.example" not in client_olivia.get("/settings/mail/").content.decode()
    result = ally_command("mail", "sync", "--account", theirs.id, "-w", "acme")
    assert result.exit_code != 0 and "not found" in result.output


def test_first_sync_then_only_what_arrived_since(workspace, membership, senders, imap_server):
    deliver(imap_server, "INBOX", "one", "two")
    account = _account(workspace, membership, imap_server)
    assert mail_account_sync(account=account).imported == 2
    deliver(imap_server, "INBOX", "three")
    again = mail_account_sync(account=account)
    assert again.messages == 1 and again.imported == 1  # only the new message is read
    assert Interaction.objects.filter(workspace=workspace, kind="email").count() == 3
    account.refresh_from_db()
    assert account.last_error == "" and account.emails_captured == 3


def test_a_changed_uidvalidity_reads_the_folder_again_without_duplicates(workspace, membership, senders,
                                                                          imap_server):
    deliver(imap_server, "INBOX", "one", "two")
    account = _account(workspace, membership, imap_server)
    mail_account_sync(account=account)
    MailFolderState.objects.filter(account=account).update(uidvalidity=1)
    report = mail_account_sync(account=account)
    assert report.messages == 2 and report.already_imported == 2 and report.imported == 0


def test_a_wrong_password_is_a_clear_error_not_a_crash(workspace, membership, imap_server, client_olivia):
    account = mail_account_add(workspace=workspace, member=membership, host=imap_server.host,
                               port=imap_server.port, username=imap_server.user, password="wrong")
    mail_account_sync(account=account)
    account.refresh_from_db()
    assert account.last_error
    assert "Last sync failed" in client_olivia.get("/settings/mail/").content.decode()


def test_disconnecting_can_delete_what_it_captured(workspace, membership, senders, imap_server):
    deliver(imap_server, "INBOX", "one", "two")
    account = _account(workspace, membership, imap_server)
    mail_account_sync(account=account)
    with client(imap_server) as mail:  # a message deleted on the server is not read again
        mail.select_folder("INBOX")
        mail.delete_messages([1])
        mail.expunge()
    assert mail_account_sync(account=account).messages == 0
    mail_account_disconnect(account=account, delete_captured=True)
    assert not Interaction.objects.filter(workspace=workspace).exists() and not MailAccount.objects.exists()
