"""Shared pages: the home redirect, global search, switching workspace, a refused login."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ally.core.errors import ValidationError
from ally.core.pages import bad_query, own_account, workspace_view
from ally.people.filters import PersonFilter
from ally.people.selectors import organization_list, person_list
from ally.workspaces.middleware import SESSION_KEY
from ally.workspaces.selectors import membership_for


def home(request):
    return redirect("agenda:today")


@workspace_view
def search(request):
    q = request.GET.get("q", "").strip()
    try:
        filters = PersonFilter.parse({"q": q})
    except ValidationError as exc:
        return bad_query(request, exc)
    people = list(person_list(workspace=request.workspace, filters=filters)[:25]) if q else []
    organizations = list(organization_list(workspace=request.workspace, q=q)[:10]) if q else []
    return render(request, "web/search.html", {"q": q, "people": people, "organizations": organizations})


@require_POST
@workspace_view
@own_account
def switch_workspace(request):
    chosen = request.POST.get("workspace", "")
    if not chosen.isdigit() or len(chosen) > 18:
        return bad_query(request, ValidationError({"workspace": f"'{chosen[:40]}' is not a workspace id"}))
    membership = membership_for(user=request.user, workspace_id=int(chosen))
    if membership is not None:
        request.session[SESSION_KEY] = membership.workspace_id
    return redirect("agenda:today")


def login_refused(request, original_response=None, credentials=None):
    """The login page when django-axes refuses an attempt: too many failures for this username or address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    refusal = (f"Too many failed logins for this username or from this address. "
               f"Logins are paused for {minutes} minutes; try again later.")
    return render(request, "web/login.html", {"form": AuthenticationForm(request), "refusal": refusal,
                                              "next": request.POST.get("next", "")}, status=429)
