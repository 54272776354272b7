"""Two-factor login with an authenticator app (TOTP, django-otp) and one-time recovery codes (django-otp's
static device). The writes (enabling, disabling, new recovery codes, a workspace requiring it) are services in
`ally.workspaces.services`; this module holds what they and the login step share.

A user has two factors when they have a confirmed TOTP device. Their session is then "verified" (django-otp's
`request.user.is_verified()`) only after they gave a code on /login/code/, or when they confirmed the device
in that session; `gate` below sends an unverified session to that step before anything else, whichever way the
password was given (the login page or the admin's), and a member of a workspace that requires two factors and
has no device yet to /settings/two-factor/. API bearer tokens are unaffected: a token is its own credential.
"""

import re
import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import segno
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp.models import VerifyNotAllowed
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
KEY_RE = re.compile(r"^[0-9a-f]{40}$")
# Wrong codes one session may try after its password before it must give the password again (each wrong code
# also doubles the device's own wait, django-otp's throttling, which holds across sessions).
MAX_CODE_ATTEMPTS = 5
ATTEMPTS_SESSION_KEY = "ally_two_factor_attempts"
# Paths an unverified session may still reach: signing out, the code step or enrolment, static files, the API
# (bearer tokens, never the session).
ALWAYS_OPEN = ("/static/", "/api/", "/logout/", "/favicon")


def new_key() -> str:
    """A fresh TOTP secret: 20 random bytes, hex-encoded as django-otp stores it."""
    return random_hex(20)


def valid_key(key) -> bool:
    return isinstance(key, str) and bool(KEY_RE.match(key))


def secret_text(key: str) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    encoded = b32encode(unhexlify(key)).decode()
    return " ".join(encoded[i:i + 4] for i in range(0, len(encoded), 4))


def config_url(*, user, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key, name=APP_DEVICE_NAME).config_url


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG, drawn on the server (no script, no image request)."""
    svg = segno.make(url, error="m").svg_inline(scale=5, title="QR code for your authenticator app")
    return mark_safe(svg)  # noqa: S308 - segno's own markup of a URL we built


def totp_step(key: str, code: str) -> int | None:
    """The time step `code` matches for `key` (now, or one step either side), or None."""
    code = normalise(code)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = TOTP(unhexlify(key), 30, 0, 6, 0)
    totp.time = time.time()
    return totp.t() if totp.verify(int(code), tolerance=1) else None


def normalise(code) -> str:
    return re.sub(r"[\s-]", "", str(code or "")).lower()[:40]


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new ones (each works once); the caller shows them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


class CodeRefused(Exception):
    """A code that did not verify, with the reason to show."""


def verify(user, code):
    """The device that accepts `code` for `user`: a six-digit code from their app, else a recovery code (used up
    by this). Raises CodeRefused with the reason; a device that just refused codes refuses all for a while."""
    code = normalise(code)
    if not code:
        raise CodeRefused("enter the six-digit code from your app, or a recovery code")
    devices = [app_device(user)] if code.isdigit() and len(code) == 6 else \
        list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        if device is None:
            continue
        allowed, data = device.verify_is_allowed()
        if not allowed:
            if data and data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                raise CodeRefused("too many wrong codes: wait a few seconds, then enter the code your app shows")
            raise CodeRefused("this code cannot be checked now; try again in a moment")
        if device.verify_token(code):
            return device
    raise CodeRefused("is not a valid code (the app's code changes every 30 seconds; a recovery code works once)")


def _redirect_with_next(name: str, request):
    target = reverse(name)
    if request.method == "GET" and request.get_full_path() not in ("/", target):
        target += "?" + urlencode({"next": request.get_full_path()})
    return redirect(target)


def gate(get_response):
    """Before any page: a signed-in user with two factors whose session gave no code goes to the code step; a
    member of a workspace requiring two factors with none set up goes to set it up. (After django-otp's
    OTPMiddleware and Ally's WorkspaceMiddleware.)"""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(ALWAYS_OPEN):
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified:
                code_step = reverse("two_factor_login")
                if has_two_factor(user):
                    if request.path != code_step:
                        return _redirect_with_next("two_factor_login", request)
                elif (getattr(request, "workspace", None) is not None and request.workspace.require_two_factor
                      and request.path != reverse("workspaces:two_factor")):
                    return _redirect_with_next("workspaces:two_factor", request)
        return get_response(request)

    return middleware
