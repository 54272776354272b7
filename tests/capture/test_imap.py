"""Following a mailbox on a real IMAP server (Dovecot, see conftest.py): first and later syncs."""

import socket

import imapclient
import pytest

from ally.capture.imap import FolderState, MailAccount, MailAccountError, MailSession, sync_account

from .samples import message


def account(server, **changes) -> MailAccount:
    settings = {"host": server.host, "port": server.port, "username": server.user, "password": server.password,
                "security": "plain", "timeout": 10}
    return MailAccount(**(settings | changes))


def client(server) -> imapclient.IMAPClient:
    """The test's own connection, standing for the mail client that changes the mailbox."""
    connection = imapclient.IMAPClient(server.host, port=server.port, ssl=False, timeout=10)
    connection.login(server.user, server.password)
    return connection


def deliver(server, folder, *subjects):
    with client(server) as mail:
        if folder != "INBOX" and not mail.folder_exists(folder):
            mail.create_folder(folder)
        for number, subject in enumerate(subjects):
            mail.append(folder, message(From=f"Sender {number} <s{number}@example.com>", To="olivia@acme.example",
                                        Subject=subject, Message_ID=f"<{subject.replace(' ', '-')}@example.com>",
                                        Date="Mon, 1 Jan 2024 10:00:00 +0000"))


def sync(server, folder, state=None, **options):
    with MailSession(account(server)) as session:
        return list(session.sync_folder(folder, state, **options))


def test_a_first_sync_reads_every_header_and_leaves_the_mail_unread(imap_server):
    deliver(imap_server, "INBOX", "one", "two", "three")
    (batch,) = sync(imap_server, "INBOX")
    assert [m.subject for m in batch.messages] == ["one", "two", "three"]
    assert [m.uid for m in batch.messages] == [1, 2, 3]
    assert batch.messages[0].message_id == "one@example.com" and batch.messages[0].folder == "INBOX"
    assert batch.messages[0].position == "INBOX UID 1"
    assert batch.state.last_uid == 3 and batch.state.uidvalidity > 0 and not batch.restarted
    with client(imap_server) as mail:
        mail.select_folder("INBOX", readonly=True)
        assert all(b"\\Seen" not in flags for flags in mail.get_flags([1, 2, 3]).values())


def test_headers_come_in_batches_each_with_the_state_to_save(imap_server):
    deliver(imap_server, "INBOX", "a", "b", "c", "d", "e")
    batches = sync(imap_server, "INBOX", batch_size=2)
    assert [[m.subject for m in b.messages] for b in batches] == [["a", "b"], ["c", "d"], ["e"]]
    assert [b.state.last_uid for b in batches] == [2, 4, 5]
    assert [b.remaining for b in batches] == [3, 1, 0]


def test_a_later_sync_reads_only_what_arrived_since(imap_server):
    deliver(imap_server, "INBOX", "old one", "old two")
    (first,) = sync(imap_server, "INBOX")
    deliver(imap_server, "INBOX", "new one")
    (second,) = sync(imap_server, "INBOX", first.state)
    assert [m.subject for m in second.messages] == ["new one"]
    assert second.state == FolderState(first.state.uidvalidity, 3)
    (third,) = sync(imap_server, "INBOX", second.state)  # nothing new: "4:*" still answers UID 3
    assert third.messages == [] and third.state == second.state


def test_a_renumbered_folder_is_read_again_from_the_start_and_says_so(imap_server):
    deliver(imap_server, "Clients", "before")
    (first,) = sync(imap_server, "Clients")
    with client(imap_server) as mail:  # the folder is deleted and made again: new UIDVALIDITY
        mail.delete_folder("Clients")
    deliver(imap_server, "Clients", "after one", "after two")
    (again,) = sync(imap_server, "Clients", first.state)
    assert again.restarted and again.state.uidvalidity != first.state.uidvalidity
    assert [m.subject for m in again.messages] == ["after one", "after two"]
    assert again.note.startswith("folder 'Clients' was renumbered on the server (UIDVALIDITY")
    assert again.note.endswith("reading it again from the start")


def test_messages_deleted_on_the_server_are_noticed(imap_server):
    deliver(imap_server, "INBOX", "keep", "delete me", "keep too")
    (batch,) = sync(imap_server, "INBOX")
    with client(imap_server) as mail:
        mail.select_folder("INBOX")
        mail.delete_messages([2])
        mail.expunge()
    with MailSession(account(imap_server)) as session:
        now = session.existing_uids("INBOX")
    assert now.uids == {1, 3}
    assert now.deleted([m.uid for m in batch.messages], batch.state) == {2}
    renumbered = FolderState(batch.state.uidvalidity + 1, 3)
    assert now.deleted([1, 2, 3], renumbered) == {1, 2, 3}


def test_a_wrong_password_is_a_clear_error(imap_server):
    with pytest.raises(MailAccountError) as refused:
        MailSession(account(imap_server, password="not-the-password"))
    assert str(refused.value) == "the server refused the username or password"


def test_every_folder_is_synced_on_one_connection(imap_server):
    deliver(imap_server, "INBOX", "in inbox")
    deliver(imap_server, "Sent", "in sent")
    batches = list(sync_account(account(imap_server), {}))
    assert {b.folder: [m.subject for m in b.messages] for b in batches} == {"INBOX": ["in inbox"],
                                                                            "Sent": ["in sent"]}


def test_snippets_are_fetched_only_when_asked_for(imap_server):
    deliver(imap_server, "INBOX", "with body")
    (plain,) = sync(imap_server, "INBOX")
    (snipped,) = sync(imap_server, "INBOX", snippet_chars=50)
    assert plain.messages[0].snippet == "" and snipped.messages[0].snippet == "Hello."


def test_a_missing_folder_is_a_clear_error(imap_server):
    with MailSession(account(imap_server)) as session, pytest.raises(MailAccountError, match="cannot open folder"):
        list(session.sync_folder("Nope"))


def test_a_password_never_travels_to_another_machine_without_tls():
    with pytest.raises(MailAccountError, match="refusing to send the password to mail.example.com without TLS"):
        MailSession(MailAccount(host="mail.example.com", username="u", password="p", security="plain"))
    assert "secret-pw" not in repr(MailAccount(host="h", username="u", password="secret-pw"))


def test_a_server_that_is_not_there_is_a_clear_error():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(MailAccountError, match=f"could not connect to 127.0.0.1:{port}"):
        MailSession(MailAccount(host="127.0.0.1", port=port, username="u", password="p", security="plain",
                                timeout=5))


def test_a_server_without_tls_is_refused_when_tls_is_asked_for(imap_server):
    with pytest.raises(MailAccountError, match=f"the TLS handshake with 127.0.0.1:{imap_server.port} failed"):
        MailSession(account(imap_server, security="tls"))
    with pytest.raises(MailAccountError, match=f"127.0.0.1:{imap_server.port} would not start TLS"):
        MailSession(account(imap_server, security="starttls"))
