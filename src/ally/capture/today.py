"""Today source from capture: the meetings of the day in the member's calendar, each linking to its brief."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ally.capture.selectors import upcoming_meetings
from ally.core.today import TodayContext, TodayItem, today_source

MEETING_URGENCY = 2.0  # a meeting today is as pressing as a promise a couple of days late


@today_source("meeting", label="Meeting", dated=True, opens="the brief")
def meetings_today(ctx: TodayContext) -> list[TodayItem]:
    """One item per known person in each of today's meetings: "Meeting with Priya Raman at 15:00"."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(ctx.today, dt.time(), zone)
    end = start + dt.timedelta(days=1)
    items = []
    for meeting in upcoming_meetings(workspace=ctx.workspace, start=start, end=end, member=ctx.membership):
        at = "all day" if meeting.all_day else f"at {timezone.localtime(meeting.starts_at, zone):%H:%M}"
        for person in meeting.people.all():
            items.append(TodayItem(
                kind="meeting", person_id=person.id, person_name=person.name, due=ctx.today,
                reason=f"Meeting with {person.name} {at}: “{meeting.summary}”", urgency=MEETING_URGENCY,
                opener=f"Prepare: {meeting.summary}", url=reverse("opportunities:brief", args=[person.id]),
                details={"meeting_id": meeting.id, "starts_at": meeting.starts_at.isoformat()}))
    return items
