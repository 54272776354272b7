"""The person page's log form and timeline (main column) and promises (aside)."""

from ally.interactions.forms import InteractionForm
from ally.interactions.selectors import person_follow_ups, person_timeline
from ally.people.sections import PersonSection, register_person_section


def log_and_timeline_context(person, request, form=None) -> dict:
    return {"log_form": form or InteractionForm(), "timeline": person_timeline(person=person, user=request.user)}


def follow_ups_context(person, request) -> dict:
    return {"follow_ups": person_follow_ups(person=person)}


register_person_section(PersonSection(key="log_and_timeline", title="Log and timeline", order=0, bare=True,
                                      template="interactions/_log_and_timeline.html",
                                      context=log_and_timeline_context))
register_person_section(PersonSection(key="follow_ups", title="Promises", order=80, column="aside",
                                      template="interactions/_follow_ups.html", context=follow_ups_context))
