"""The "Needs & decisions" panel on the person page: their needs, their opportunities, a link to the brief.

Three queries whatever the person's history: needs, opportunities, and the latest interactions for
the form's "in which interaction" choice.
"""

from ally.opportunities.forms import NeedForm
from ally.opportunities.selectors import person_needs, person_opportunities, person_recent_interactions
from ally.people.sections import PersonSection, register_person_section


def needs_context(person, request, need_form=None) -> dict:
    form = need_form or NeedForm()
    form.set_interactions(person_recent_interactions(person=person, user=request.user))
    opportunities = person_opportunities(person=person)
    return {
        "person": person,
        "needs": person_needs(person=person),
        "open_opportunities": [o for o in opportunities if o.is_open],
        "ended_opportunities": [o for o in opportunities if not o.is_open],
        "need_form": form,
    }


register_person_section(PersonSection(key="needs", title="Needs & decisions", template="opportunities/_needs_panel.html",
                                      context=needs_context, order=20))
