"""What every page response carries beyond its content: privacy of logged-in pages, and who is asking."""

from django.conf import settings
from django.utils.cache import patch_cache_control


def private_pages(get_response):
    """A logged-in page holds one member's data: no shared cache (a proxy, a CDN) may keep it."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response

    return middleware


def client_address(request) -> str | None:
    """The address a login attempt came from, for throttling. Behind the reverse proxy that ALLY_PUBLIC_URL
    names, every request comes from the proxy, so the client is the last X-Forwarded-For hop: the one the
    proxy itself appended (earlier hops are whatever the client claimed)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.PUBLIC_URL else ""
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR")
