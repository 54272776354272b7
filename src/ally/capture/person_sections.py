"""Panel on the person page: what their address card says beyond Ally's fields (photo, addresses, URLs)."""

from ally.capture.models import ContactDetails
from ally.people.sections import PersonSection, register_person_section


def card_context(person, request) -> dict:
    details = ContactDetails.objects.filter(workspace=person.workspace_id, person=person).defer("photo").first()
    return {"details": details}


register_person_section(PersonSection(key="address_card", title="Address card", template="capture/_person_card.html",
                                      context=card_context, order=15, column="aside"))


def meetings_context(person, request) -> dict:
    from django.utils import timezone

    from ally.capture.selectors import upcoming_meetings

    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    meetings = list(upcoming_meetings(workspace=person.workspace_id, start=start, person=person,
                                      viewer=getattr(request, "membership", None))[:10])
    return {"meetings": meetings} if meetings else None  # no panel for someone with no meeting ahead


register_person_section(PersonSection(key="upcoming_meetings", title="Upcoming meetings",
                                      template="capture/_person_meetings.html", context=meetings_context, order=14,
                                      column="aside"))
