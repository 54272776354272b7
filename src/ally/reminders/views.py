"""The public calendar feed, and the member's reminder settings (calendar address and morning email)."""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_POST, require_safe

from ally.core.errors import ValidationError
from ally.core.pages import apply_errors, own_account, workspace_view
from ally.reminders import selectors, services
from ally.reminders.agenda import member_time
from ally.reminders.feed import calendar_document, etag
from ally.reminders.forms import DigestForm

# Calendar apps poll every few minutes to hours: one rendering serves them all for this long.
FEED_CACHE_SECONDS = 600


def _cached_document(feed) -> bytes:
    with member_time(feed.membership):
        day = timezone.localdate()
    # The secret's hash is in the key, so a rotated address never serves the old one's cached document.
    key = f"reminders:feed:{feed.secret_hash}:{day.isoformat()}"
    document = cache.get(key)
    if document is None:
        document = calendar_document(membership=feed.membership)
        cache.set(key, document, FEED_CACHE_SECONDS)
    return document


@require_safe
def calendar_feed(request, secret):
    """The calendar a calendar app subscribes to; anyone holding the secret address may read it, nobody else."""
    feed = selectors.feed_for_secret(raw=secret)
    if feed is None:
        raise Http404("no such calendar feed")
    document = _cached_document(feed)
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag(document)
    response["Cache-Control"] = f"private, max-age={FEED_CACHE_SECONDS}"
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _page(request, *, digest_form=None, new_address=None, status=200):
    membership = request.membership
    subscription = selectors.member_digest(membership=membership)
    if digest_form is None:
        digest_form = DigestForm(initial={"enabled": bool(subscription and subscription.enabled),
                                          "at": subscription.send_at.strftime("%H:%M") if subscription else "07:30"})
    response = render(request, "reminders/settings.html", {
        "feed": selectors.member_feed(membership=membership), "new_address": new_address,
        "digest_form": digest_form, "subscription": subscription,
        "deliveries": selectors.recent_deliveries(membership=membership),
        "time_zone": membership.effective_time_zone,
    }, status=status)
    # A new address is in this page: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@workspace_view
def reminder_settings(request):
    return _page(request)


@workspace_view
@own_account
@require_POST
def feed_settings(request):
    """Create or rotate (the address is shown on this response only), or revoke the member's calendar address."""
    if request.POST.get("action") == "revoke":
        services.calendar_feed_revoke(membership=request.membership)
        messages.success(request, "Revoked your calendar address: calendars using it get nothing more.")
        return redirect("reminders:settings")
    _, raw = services.calendar_feed_create(membership=request.membership)
    return _page(request, new_address=request.build_absolute_uri(reverse("reminders:feed", args=[raw])))


@workspace_view
@own_account
@require_POST
def digest_settings(request):
    form = DigestForm(request.POST)
    if form.is_valid():
        try:
            services.digest_settings_update(membership=request.membership, enabled=form.cleaned_data["enabled"],
                                            send_at=form.cleaned_data["at"] or None)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Saved your morning email settings.")
            return redirect("reminders:settings")
    return _page(request, digest_form=form, status=422)
