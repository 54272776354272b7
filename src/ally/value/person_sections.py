"""Lifetime value panels: on the person page (P(alive), purchases expected, lifetime value) and on the
organization page (the value of its people who are customers). One query each, read from the stored
predictions of the current fit; hidden for people and organizations without any."""

from ally.people.sections import PersonSection, register_organization_section, register_person_section
from ally.value.selectors import AT_RISK_P_ALIVE, VALUABLE_TOP_PERCENT, organization_value, person_value


def person_value_context(person, request) -> dict | None:
    value = person_value(person=person)
    if value is None:
        return None
    return {"value": value, "at_risk": value.top_percent <= VALUABLE_TOP_PERCENT and value.p_alive < AT_RISK_P_ALIVE,
            "threshold": AT_RISK_P_ALIVE, "top_percent": VALUABLE_TOP_PERCENT}


def organization_value_context(organization, request) -> dict | None:
    value = organization_value(workspace=request.workspace, organization=organization)
    return None if value is None else {"value": value}


register_person_section(PersonSection(key="value", title="Lifetime value", template="value/_person_value.html",
                                      context=person_value_context, order=35))
register_organization_section(PersonSection(key="value", title="Lifetime value",
                                            template="value/_organization_value.html",
                                            context=organization_value_context, order=35))
