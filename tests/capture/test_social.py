"""LinkedIn's messages.csv, as "Get a copy of your data" writes it."""

import datetime as dt

import pytest

from ally.capture.social import Profile, SocialError, read_linkedin_messages, repair_mojibake

HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
          "FOLDER")
OLIVIA = "https://www.linkedin.com/in/olivia-owner"
RENEE = "https://www.linkedin.com/in/renee-dupont"
BOB = "https://www.linkedin.com/in/bob-builder"


def export(*rows: str, header: str = HEADER) -> bytes:
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def test_each_row_is_a_message_with_its_sender_recipients_and_utc_date():
    messages, warnings = read_linkedin_messages(export(
        f'2-NTg3YjNm,,Renée Dupont,{RENEE},Olivia Owner,{OLIVIA},2023-06-11 15:33:58 UTC,,"Hi Olivia, loved the talk.'
        f'\nCoffee?",INBOX',
        f"2-NTg3YjNm,,Olivia Owner,{OLIVIA},Renée Dupont,{RENEE},2023-06-12 08:01:00 UTC,,Gladly!,INBOX",
    ))
    assert warnings == []
    first, second = messages
    assert first.conversation_id == "2-NTg3YjNm" and first.network == "linkedin"
    assert first.sender == Profile("Renée Dupont", RENEE)
    assert first.recipients == [Profile("Olivia Owner", OLIVIA)]
    assert first.date == dt.datetime(2023, 6, 11, 15, 33, 58, tzinfo=dt.UTC)
    assert first.content == "" and first.folder == "INBOX"  # Ally keeps who and when, not what
    assert (first.line, second.line) == (2, 4)  # the quoted content spans two lines


def test_content_is_kept_only_when_asked_for():
    messages, _ = read_linkedin_messages(export(
        f'c1,,Renée Dupont,{RENEE},Olivia Owner,{OLIVIA},2023-06-11 15:33:58 UTC,Intro,"Hi, there",INBOX'),
        keep_content=True)
    assert (messages[0].content, messages[0].subject) == ("Hi, there", "Intro")


def test_a_group_conversation_pairs_names_with_profile_urls():
    messages, _ = read_linkedin_messages(export(
        f'c2,Launch team,Olivia Owner,{OLIVIA},"Renée Dupont, Bob Builder","{RENEE},{BOB}",2024-01-05 10:00:00 UTC,,'
        f"x,INBOX"))
    assert messages[0].recipients == [Profile("Renée Dupont", RENEE), Profile("Bob Builder", BOB)]
    assert messages[0].conversation_title == "Launch team"


def test_names_encoded_twice_by_the_export_are_repaired():
    messages, _ = read_linkedin_messages(export(
        f"c3,,RenÃ©e Dupont,{RENEE},Olivia Owner,{OLIVIA},2024-01-05 10:00:00 UTC,,x,INBOX"))
    assert messages[0].sender.name == "Renée Dupont"
    assert repair_mojibake("São Paulo") == "São Paulo" and repair_mojibake("itâ€™s") == "it’s"


def test_newer_exports_with_more_columns_and_drafts_skipped():
    header = HEADER + ",ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION ARCHIVED"
    messages, _ = read_linkedin_messages(export(
        f"c4,,Olivia Owner,{OLIVIA},Bob Builder,{BOB},2024-02-01 09:00:00 UTC,,sent,INBOX,,No,No",
        f"c4,,Olivia Owner,{OLIVIA},Bob Builder,{BOB},2024-02-02 09:00:00 UTC,,draft,INBOX,,Yes,No",
        header=header))
    assert [m.date.day for m in messages] == [1]


def test_a_row_with_a_bad_date_is_reported_by_line_and_the_rest_read():
    messages, warnings = read_linkedin_messages(export(
        f"c5,,Olivia Owner,{OLIVIA},Bob Builder,{BOB},yesterday,,x,INBOX",
        f"c5,,Bob Builder,{BOB},Olivia Owner,{OLIVIA},2024-02-02 09:00:00 UTC,,y,INBOX"))
    assert len(messages) == 1
    assert [(w.line, w.message) for w in warnings] == [(2, "DATE 'yesterday' is not a date; the message is skipped")]


def test_keys_are_stable_across_imports_and_differ_per_message():
    data = export(f"c6,,Olivia Owner,{OLIVIA},Bob Builder,{BOB},2024-02-01 09:00:00 UTC,,x,INBOX",
                  f"c6,,Bob Builder,{BOB},Olivia Owner,{OLIVIA},2024-02-01 09:05:00 UTC,,y,INBOX")
    first, _ = read_linkedin_messages(data)
    again, _ = read_linkedin_messages(data)
    assert [m.key for m in first] == [m.key for m in again]
    assert len({m.key for m in first}) == 2


def test_a_connections_file_is_not_a_messages_export():
    with pytest.raises(SocialError, match="not a LinkedIn messages export: the header lacks conversation id"):
        read_linkedin_messages(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")


# The import: messages with known people become social interactions, once each.
@pytest.fixture
def known(workspace):
    from ally.people.services import person_create

    renee = person_create(workspace=workspace, name="Renée Dupont", how_we_met=f"LinkedIn connection since 2021 "
                                                                                f"({RENEE}/)")
    bob = person_create(workspace=workspace, name="Bob Builder")
    return renee, bob


MESSAGES = (
    f'2-abc,,Renée Dupont,{RENEE},Olivia Owner,{OLIVIA},2023-06-11 15:33:58 UTC,Intro,"Hi Olivia",INBOX',
    f"2-abc,,Olivia Owner,{OLIVIA},Renée Dupont,{RENEE},2023-06-12 08:01:00 UTC,,Gladly!,INBOX",
    f"2-def,,Olivia Owner,{OLIVIA},Bob Builder,{BOB},2023-07-01 09:00:00 UTC,,Hello Bob,INBOX",
    f"2-xyz,,Olivia Owner,{OLIVIA},Stranger,https://www.linkedin.com/in/stranger,2023-07-02 09:00:00 UTC,,Hi,INBOX",
)


@pytest.mark.django_db
def test_a_messages_export_becomes_social_interactions_once(workspace, membership, known):
    from ally.capture.services.social import social_import
    from ally.interactions.models import Interaction

    renee, bob = known
    report = social_import(workspace=workspace, data=export(*MESSAGES), member=membership)
    assert report.as_dict()["counts"] == {"imported": 3, "already_imported": 0, "no_known_person": 1}
    first, reply, hello = Interaction.objects.filter(workspace=workspace, kind="social").order_by("occurred_at")
    assert first.summary == "LinkedIn message: Intro" and first.initiated_by == "they"
    assert list(first.participants.all()) == [renee]  # matched by profile URL, in how-we-met
    assert reply.initiated_by == "we" and reply.author == membership.user and "Gladly" not in reply.summary
    assert list(hello.participants.all()) == [bob]  # matched by name
    assert first.capture.source == "social" and first.capture.thread == "2-abc"
    renee.refresh_from_db()
    assert renee.last_contact_at == reply.occurred_at
    again = social_import(workspace=workspace, data=export(*MESSAGES), member=membership)
    assert again.imported == 0 and again.already_imported == 3


@pytest.mark.django_db
def test_a_file_that_is_not_a_messages_export_writes_nothing(workspace, known, ally_command, tmp_path, api):
    from ally.capture.services.social import social_import
    from ally.core.errors import ValidationError
    from ally.interactions.models import Interaction

    with pytest.raises(ValidationError) as error:
        social_import(workspace=workspace, data=b"Name,Email\nA,a@example.com\n")
    assert "not a LinkedIn messages export" in error.value.errors["file"]
    dry = social_import(workspace=workspace, data=export(*MESSAGES), dry_run=True)
    assert dry.imported == 3 and not Interaction.objects.filter(workspace=workspace).exists()
    path = tmp_path / "messages.csv"
    path.write_bytes(export(*MESSAGES))
    result = ally_command("import", "social", path, "--member", "olivia", "-w", "acme")
    assert result.exit_code == 0, result.output
    assert "social interactions added" in result.output
    response = api.post("/imports/social", {"content": export(*MESSAGES).decode("utf-8-sig")})
    assert response.status_code == 200 and response.json()["counts"]["already_imported"] == 3
    bad = api.post("/imports/social", {"content": "Name,Email\n"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "file"
