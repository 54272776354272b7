"""Panel on the person page: their cases, unfinished first, with where each SLA clock stands."""

from ally.people.sections import PersonSection, register_person_section
from ally.support.selectors import person_cases


def cases_context(person, request) -> dict:
    return {"cases": person_cases(person=person)}


register_person_section(PersonSection(key="cases", title="Cases", template="support/_person_cases.html",
                                      context=cases_context, order=35))
