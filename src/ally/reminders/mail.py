"""Sending mail over the one SMTP server `ALLY_SMTP_URL` names.

    smtp://user:pass@host:587?starttls=1      STARTTLS after connecting (the usual submission port)
    smtps://user:pass@host:465                TLS from the first byte
    smtp://host:25?from=ally@example.com      no login; the sender's address

The URL's user and password may be percent-encoded (an @ in a password is %40).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

TRUE = {"1", "true", "yes", "on"}
SMTP_TIMEOUT_SECONDS = 20
DEFAULT_SENDER = "Ally <ally@localhost>"


class MailNotConfigured(Exception):
    """ALLY_SMTP_URL is missing or is not an smtp:// or smtps:// URL."""


def _server(url: str) -> tuple[dict, str]:
    if not url:
        raise MailNotConfigured("ALLY_SMTP_URL is not set, so Ally cannot send email")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise MailNotConfigured("ALLY_SMTP_URL must look like smtp://user:pass@host:587?starttls=1")
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    use_ssl = parts.scheme == "smtps"
    use_tls = not use_ssl and query.get("starttls", "").lower() in TRUE
    try:
        port = parts.port or (465 if use_ssl else 587 if use_tls else 25)
    except ValueError:
        raise MailNotConfigured("ALLY_SMTP_URL has a port that is not a number") from None
    options = {"host": parts.hostname, "port": port, "username": unquote(parts.username or ""),
               "password": unquote(parts.password or ""), "use_tls": use_tls, "use_ssl": use_ssl,
               "timeout": SMTP_TIMEOUT_SECONDS}
    return options, query.get("from") or DEFAULT_SENDER


def send(*, to: str, subject: str, text: str, html: str) -> None:
    """One multipart message (plain text, with HTML as its alternative); raises what the server says on failure."""
    options, sender = _server(settings.ALLY_SMTP_URL)
    # Named explicitly: ALLY_SMTP_URL is the one mail setting, whatever EMAIL_BACKEND says.
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend", fail_silently=False, **options)
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=sender, to=[to], connection=connection)
    message.attach_alternative(html, "text/html")
    message.send()


def check_configured() -> None:
    """Raise MailNotConfigured unless ALLY_SMTP_URL names a server."""
    _server(settings.ALLY_SMTP_URL)
