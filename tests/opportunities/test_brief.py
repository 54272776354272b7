import datetime as dt

from django.utils import timezone

from ally.interactions.services import follow_up_add, follow_up_update, interaction_log
from ally.opportunities.brief import meeting_brief
from ally.opportunities.services import customer_question_answer, customer_question_ask, need_update
from ally.people.services import fact_add, person_create, relationship_add


def test_the_brief_gathers_what_to_remember_before_a_conversation(workspace, alice, olivia, membership, opportunity,
                                                                  rota_need, days_ago):
    # given little things, four conversations, promises, a question, and ties
    fact_add(person=alice, kind="interest", text="Training for the Boston marathon")
    for days in (20, 10, 5, 1):
        interaction_log(workspace=workspace, kind="call", summary=f"Call {days} days ago", participants=[alice],
                        occurred_at=days_ago(days))
    follow_up_add(person=alice, text="Send the case study", due_on=timezone.localdate() + dt.timedelta(days=2))
    done = follow_up_add(person=alice, text="Old promise", due_on=timezone.localdate())
    follow_up_update(follow_up=done, done=True)
    open_question = customer_question_ask(opportunity=opportunity, text="Can it do split shifts?")
    answered = customer_question_ask(opportunity=opportunity, text="Is there an app?")
    customer_question_answer(question=answered, answer="Yes")
    carol = person_create(workspace=workspace, name="Carol Connector")
    dave = person_create(workspace=workspace, name="Dave Distant")
    relationship_add(workspace=workspace, from_person=alice, to_person=carol, kind="friend")
    relationship_add(workspace=workspace, from_person=dave, to_person=alice, kind="manager")
    relationship_add(workspace=workspace, from_person=membership.person, to_person=carol, kind="colleague")
    # when
    brief = meeting_brief(person=alice, user=olivia)
    # then
    assert [f.text for f in brief.little_things] == ["Training for the Boston marathon"]
    assert [i.summary for i in brief.last_interactions] == ["Call 1 days ago", "Call 5 days ago", "Call 10 days ago"]
    assert [f.text for f in brief.follow_ups] == ["Send the case study"]
    assert [n.id for n in brief.needs] == [rota_need.id]
    assert [(o.opportunity.id, [q.id for q in o.open_questions]) for o in brief.opportunities] == [
        (opportunity.id, [open_question.id])]
    assert [(c.person.name, c.label, c.team_members) for c in brief.mutual_connections] == [
        ("Carol Connector", "friend", ("Olivia Owner",)), ("Dave Distant", "reports to", ())]
    assert len(brief.suggested_questions) == 3


def test_suggested_questions_follow_what_is_still_unknown(workspace, alice, olivia, rota_need):
    # a suspected efficiency need without a cost: ask them to say it, and what doing nothing costs
    first = meeting_brief(person=alice, user=olivia).suggested_questions
    assert [(s.question.driver, s.question.purpose) for s in first[:2]] == [("efficiency", "need"),
                                                                            ("efficiency", "cost")]
    # once they confirmed it and named the cost: why now, then other drivers
    need_update(need=rota_need, cost_of_doing_nothing="A day a month of my time")
    from ally.opportunities.services import need_set_status

    need_set_status(need=rota_need, status="confirmed")
    later = meeting_brief(person=alice, user=olivia).suggested_questions
    assert later[0].question.purpose == "timing"
    assert {s.question.purpose for s in later[1:]} == {"need"}


def test_the_brief_hides_other_peoples_private_interactions(workspace, alice, olivia, rex):
    from ally.workspaces.services import membership_add

    membership_add(workspace=workspace, user=rex)
    interaction_log(workspace=workspace, kind="note", summary="Rex's private note", participants=[alice],
                    private=True, author=rex)
    assert meeting_brief(person=alice, user=olivia).last_interactions == []
