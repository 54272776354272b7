"""Panels on the person page: what they own (purchases, check-ins, satisfaction) and their referrals."""

from ally.ownership.selectors import person_ownership, person_referrals
from ally.people.sections import PersonSection, register_person_section


def ownership_context(person, request) -> dict:
    return {"ownership": person_ownership(person=person)}


def referrals_context(person, request) -> dict:
    return {"referrals": person_referrals(person=person)}


register_person_section(PersonSection(key="ownership", title="Ownership", template="ownership/_person_ownership.html",
                                      context=ownership_context, order=30))
register_person_section(PersonSection(key="referrals", title="Referrals", template="ownership/_person_referrals.html",
                                      context=referrals_context, order=40))
