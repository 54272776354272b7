"""Every path that sets a password (the CLI, pages, restores) checks it with Django's validators
(AUTH_PASSWORD_VALIDATORS in settings), and reports the problems under the `password` field."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError


def check_password(password, errors: dict, **user_fields) -> None:
    if not password:
        errors["password"] = "is required"
        return
    # An unsaved user carries the names the similarity check compares the password with.
    try:
        validate_password(password, user=get_user_model()(**user_fields))
    except DjangoValidationError as exc:
        errors["password"] = " ".join(message.rstrip(".") + "." for message in exc.messages).rstrip(".")
