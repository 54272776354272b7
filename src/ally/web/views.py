"""Shared pages: the home redirect, global search, switching workspace."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ally.core.pages import workspace_view
from ally.people.selectors import organization_list, person_list
from ally.workspaces.middleware import SESSION_KEY
from ally.workspaces.selectors import membership_for


def home(request):
    return redirect("agenda:today")


@workspace_view
def search(request):
    q = request.GET.get("q", "").strip()
    people = list(person_list(workspace=request.workspace, q=q)[:25]) if q else []
    organizations = list(organization_list(workspace=request.workspace, q=q)[:10]) if q else []
    return render(request, "web/search.html", {"q": q, "people": people, "organizations": organizations})


@require_POST
@workspace_view
def switch_workspace(request):
    membership = membership_for(user=request.user, workspace_id=int(request.POST.get("workspace", 0) or 0))
    if membership is not None:
        request.session[SESSION_KEY] = membership.workspace_id
    return redirect("agenda:today")
