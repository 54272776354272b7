"""Panels on the person and organization pages: who on the team knows them, and warm introductions."""

from ally.network.selectors import latest_snapshot, organization_introductions, person_introductions, person_known_by
from ally.people.sections import PersonSection, register_organization_section, register_person_section


def known_by_context(person, request) -> dict:
    return {"known_by": person_known_by(workspace=request.workspace, person=person)}


def introductions_context(person, request) -> dict | None:
    if request.membership.person_id == person.id:
        return None  # a team member needs no introduction to themselves
    intros = person_introductions(workspace=request.workspace, person=person)
    return {"introductions": [intro for intro in intros if not intro.direct],
            "direct": [intro for intro in intros if intro.direct],
            "snapshot": latest_snapshot(workspace=request.workspace)}


def organization_introductions_context(organization, request) -> dict:
    return {"introductions": organization_introductions(workspace=request.workspace, organization=organization),
            "snapshot": latest_snapshot(workspace=request.workspace)}


register_person_section(PersonSection(key="known_by", title="Who on the team knows them",
                                      template="network/_person_known_by.html", context=known_by_context, order=5,
                                      column="aside"))
register_person_section(PersonSection(key="introductions", title="Warm introductions",
                                      template="network/_person_introductions.html", context=introductions_context,
                                      order=15))
register_organization_section(PersonSection(key="introductions", title="Warm introductions",
                                            template="network/_organization_introductions.html",
                                            context=organization_introductions_context, order=15))
