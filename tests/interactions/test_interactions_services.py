import datetime as dt

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.models import FollowUp, Interaction
from ally.interactions.services import (
    follow_up_add,
    follow_up_update,
    interaction_delete,
    interaction_log,
    interaction_update,
)


def test_logging_a_call_resets_the_keep_in_touch_clock(alice, days_ago):
    # given Alice was last contacted 45 days ago on a 30-day cadence
    interaction_log(workspace=alice.workspace, kind="call", summary="Old call", participants=[alice],
                    occurred_at=days_ago(45))
    alice.refresh_from_db()
    assert alice.touch_due_at < timezone.now()
    # when
    interaction_log(workspace=alice.workspace, kind="call", summary="Caught up on the garden", participants=[alice])
    # then
    alice.refresh_from_db()
    assert alice.touch_due_at > timezone.now() + dt.timedelta(days=29)
    assert alice.interaction_count == 2


def test_any_kind_of_interaction_resets_the_clock_for_every_participant(alice, bob):
    interaction_log(workspace=alice.workspace, kind="social", summary="Liked their post", participants=[alice, bob])
    alice.refresh_from_db(), bob.refresh_from_db()
    assert alice.last_contact_at == bob.last_contact_at is not None


def test_logging_an_older_interaction_does_not_move_the_clock_back(alice, days_ago):
    recent = interaction_log(workspace=alice.workspace, kind="call", summary="Recent", participants=[alice])
    interaction_log(workspace=alice.workspace, kind="note", summary="Backfilled note", participants=[alice],
                    occurred_at=days_ago(100))
    alice.refresh_from_db()
    assert alice.last_contact_at == recent.occurred_at


def test_deleting_the_latest_interaction_restores_the_previous_clock(alice, days_ago):
    older = interaction_log(workspace=alice.workspace, kind="call", summary="Older", participants=[alice],
                            occurred_at=days_ago(20))
    latest = interaction_log(workspace=alice.workspace, kind="call", summary="Latest", participants=[alice])
    interaction_delete(interaction=latest)
    alice.refresh_from_db()
    assert alice.last_contact_at == older.occurred_at


def test_moving_an_interaction_in_time_recomputes_the_clock(alice, days_ago):
    interaction = interaction_log(workspace=alice.workspace, kind="call", summary="Call", participants=[alice])
    interaction_update(interaction=interaction, occurred_at=days_ago(40))
    alice.refresh_from_db()
    assert alice.touch_due_at < timezone.now()


@pytest.mark.parametrize("changes, field", [
    ({"kind": "telegram"}, "kind"),
    ({"summary": "   "}, "summary"),
    ({"initiated_by": "someone"}, "initiated_by"),
    ({"occurred_at": timezone.now() + dt.timedelta(days=3)}, "occurred_at"),
    ({"participants": []}, "participants"),
])
def test_a_bad_interaction_names_the_field_and_writes_nothing(alice, changes, field):
    arguments = {"workspace": alice.workspace, "kind": "call", "summary": "Hello", "participants": [alice], **changes}
    with pytest.raises(ValidationError) as error:
        interaction_log(**arguments)
    assert field in error.value.errors
    assert not Interaction.objects.exists()


def test_a_participant_from_another_workspace_is_refused(alice, rita):
    with pytest.raises(ValidationError) as error:
        interaction_log(workspace=alice.workspace, kind="call", summary="Hi", participants=[alice, rita])
    assert error.value.errors == {"participants": "not found in this workspace"}
    rita.refresh_from_db()
    assert rita.last_contact_at is None


def test_a_promise_made_in_an_interaction_becomes_a_follow_up(alice):
    due = timezone.localdate() + dt.timedelta(days=2)
    interaction = interaction_log(workspace=alice.workspace, kind="meeting", summary="Demo",
                                  participants=[alice], follow_ups=[("Send the case study", due)])
    follow_up = FollowUp.objects.get()
    assert (follow_up.person_id, follow_up.interaction_id, follow_up.due_on) == (alice.id, interaction.id, due)


def test_a_bad_promise_stops_the_whole_interaction(alice):
    with pytest.raises(ValidationError):
        interaction_log(workspace=alice.workspace, kind="meeting", summary="Demo", participants=[alice],
                        follow_ups=[("", timezone.localdate())])
    assert not Interaction.objects.exists() and not FollowUp.objects.exists()


def test_completing_a_follow_up_records_when(alice):
    follow_up = follow_up_add(person=alice, text="Send the deck", due_on=timezone.localdate())
    follow_up_update(follow_up=follow_up, done=True)
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None


def test_a_follow_up_needs_text_and_a_real_date(alice):
    with pytest.raises(ValidationError) as error:
        follow_up_add(person=alice, text=" ", due_on="2026-02-30")
    assert set(error.value.errors) == {"text", "due_on"}
