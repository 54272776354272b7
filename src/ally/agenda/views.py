"""The Today page and the "losing touch" view."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ally.agenda.selectors import today
from ally.core.pages import workspace_view
from ally.people.selectors import has_people, losing_touch


def _first_run(request):
    """An empty workspace (nobody but the team) opens onto a short start page instead of an empty Today."""
    if has_people(workspace=request.workspace):
        return None
    return render(request, "agenda/start.html", {})


@workspace_view
def today_page(request):
    if (start := _first_run(request)) is not None:
        return start
    agenda = today(workspace=request.workspace, user=request.user, membership=request.membership)
    return render(request, "agenda/today.html", {"agenda": agenda})


@workspace_view
def losing_touch_page(request):
    page = Paginator(losing_touch(workspace=request.workspace), 50).get_page(request.GET.get("page"))
    return render(request, "agenda/losing_touch.html", {"page": page})
