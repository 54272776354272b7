from django.utils import timezone

from ally.core.words import activate_date_style, reset_date_style
from ally.workspaces.audit import acting
from ally.workspaces.clock import activate_member_time
from ally.workspaces.selectors import membership_for

SESSION_KEY = "ally_workspace_id"


class WorkspaceMiddleware:
    """Puts the signed-in user's workspace and membership on the request, and activates their time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = request.membership = None
        style = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            membership = membership_for(user=user, workspace_id=request.session.get(SESSION_KEY))
            if membership is not None:
                request.membership, request.workspace = membership, membership.workspace
                activate_member_time(membership=membership)
                style = membership.date_style
        date_style = activate_date_style(style)
        try:
            # Writes from a page are the signed-in member's (the API's token check narrows this to the token).
            with acting(user=user if user is not None and user.is_authenticated else None, via="web",
                        role=getattr(request.membership, "role", None)):
                return self.get_response(request)
        finally:
            timezone.deactivate()
            reset_date_style(date_style)
