"""Pages of capture: address book downloads, a person's photo, and the suggested people."""

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ally.capture import selectors
from ally.capture.services.suggestions import suggestion_add, suggestion_ignore
from ally.capture.vcards import write_vcards
from ally.core.errors import NotFound, ValidationError
from ally.core.pages import render_page, workspace_view
from ally.people.selectors import access_person

VCARD_TYPE = "text/vcard; charset=utf-8"


def _vcard_response(cards, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((write_vcards([card]) for card in cards), content_type=VCARD_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view
def people_vcard(request):
    """Every person of the workspace as one address book."""
    return _vcard_response(selectors.people_cards(workspace=request.workspace),
                           f"{request.workspace.slug}-people.vcf")


@workspace_view
def person_vcard(request, person_id):
    try:
        person = access_person(workspace=request.workspace, person_id=person_id)
    except NotFound:
        raise Http404("No such person") from None
    return _vcard_response(selectors.people_cards(workspace=request.workspace, person_ids=[person.id]),
                           f"person-{person.id}.vcf")


@workspace_view
def person_photo(request, person_id):
    try:
        data, mime_type = selectors.access_photo(workspace=request.workspace, person_id=person_id)
    except NotFound:
        raise Http404("No photo") from None
    response = HttpResponse(data, content_type=mime_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@workspace_view
def suggestion_list(request):
    return render_page(request, "capture/suggestions.html",
                       {"suggestions": selectors.suggestions(workspace=request.workspace)})


@workspace_view
@require_POST
def suggestion_decide(request):
    """Add the suggested address as a person (then open them), or ignore it for good."""
    try:
        suggestion = selectors.access_suggestion(workspace=request.workspace, address=request.POST.get("address"))
    except NotFound:
        messages.error(request, "That address is no longer suggested.")
        return redirect("capture:suggestions")
    if request.POST.get("decision") == "ignore":
        suggestion_ignore(workspace=request.workspace, suggestion=suggestion)
        messages.success(request, f"{suggestion['address']} will not be suggested again.")
        return redirect("capture:suggestions")
    try:
        person = suggestion_add(workspace=request.workspace, suggestion=suggestion,
                                name=request.POST.get("name", ""), author=request.user)
    except ValidationError as error:
        messages.error(request, "; ".join(f"{field}: {why}" for field, why in error.errors.items()))
        return redirect("capture:suggestions")
    messages.success(request, f"Added {person.name}.")
    return redirect("people:detail", person_id=person.id)


@workspace_view
def mail_settings(request):
    """Each connected mailbox and calendar: last sync, counts, the last error in words, sync now, disconnect."""
    return render_page(request, "capture/mail_settings.html",
                       {"accounts": selectors.mail_accounts(workspace=request.workspace),
                        "calendars": selectors.calendar_subscriptions(workspace=request.workspace)})


@workspace_view
@require_POST
def mail_account_action(request, account_id, action):
    from ally.capture.services.accounts import mail_account_disconnect, mail_account_sync

    try:
        account = selectors.access_mail_account(workspace=request.workspace, account_id=account_id)
    except NotFound:
        raise Http404("No such mail account") from None
    if account.member_id != request.membership.id and request.membership.role != "owner":
        messages.error(request, "Only the mailbox's member (or an owner) can do that.")
    elif action == "sync":
        report = mail_account_sync(account=account)
        if account.last_error:
            messages.error(request, f"{account} could not be synced: {account.last_error}")
        else:
            messages.success(request, f"{account}: {report.imported} emails added.")
    elif action == "disconnect":
        keep = request.POST.get("captured") != "delete"
        mail_account_disconnect(account=account, delete_captured=not keep)
        messages.success(request, f"{account} disconnected" + ("." if keep else "; its emails were deleted."))
    else:
        raise Http404("No such action")
    return redirect("capture:mail_settings")


@workspace_view
@require_POST
def calendar_subscribe(request):
    """Subscribe the signed-in member's own calendar feed, then read it once."""
    from ally.capture.services.calendar import calendar_subscribe as subscribe
    from ally.capture.services.calendar import calendar_subscription_sync

    try:
        subscription = subscribe(workspace=request.workspace, member=request.membership,
                                 url=request.POST.get("url", ""))
    except ValidationError as error:
        messages.error(request, "; ".join(f"{field}: {why}" for field, why in error.errors.items()))
        return redirect("capture:mail_settings")
    report = calendar_subscription_sync(subscription=subscription)
    if subscription.last_error:
        messages.error(request, f"Subscribed, but the {subscription} could not be read: {subscription.last_error}")
    else:
        messages.success(request, f"Subscribed: {report.imported} meetings captured, {report.upcoming} upcoming.")
    return redirect("capture:mail_settings")


@workspace_view
@require_POST
def calendar_action(request, calendar_subscription_id, action):
    from ally.capture.services.calendar import calendar_subscription_sync, calendar_unsubscribe

    try:
        subscription = selectors.access_calendar_subscription(workspace=request.workspace,
                                                              subscription_id=calendar_subscription_id)
    except NotFound:
        raise Http404("No such calendar") from None
    if subscription.member_id != request.membership.id and request.membership.role != "owner":
        messages.error(request, "Only the calendar's member (or an owner) can do that.")
    elif action == "sync":
        report = calendar_subscription_sync(subscription=subscription)
        if subscription.last_error:
            messages.error(request, f"The {subscription} could not be synced: {subscription.last_error}")
        else:
            messages.success(request, f"The {subscription}: {report.imported} meetings added, {report.updated} "
                                      f"updated, {report.removed} removed, {report.upcoming} upcoming.")
    elif action == "disconnect":
        keep = request.POST.get("captured") != "delete"
        calendar_unsubscribe(subscription=subscription, delete_captured=not keep)
        messages.success(request, f"The {subscription} was disconnected"
                                  + ("." if keep else "; its meetings were deleted."))
    else:
        raise Http404("No such action")
    return redirect("capture:mail_settings")
