"""Domain errors shared by every app; the edges (pages, API, CLI) turn them into messages."""


class DomainError(Exception):
    """A rule of the domain refused the request; the message is meant for the user."""


class ValidationError(DomainError):
    """Bad input: carries one message per field so every edge can name the field and the problem."""

    def __init__(self, errors: dict[str, str] | str, field: str | None = None):
        if isinstance(errors, str):
            errors = {field or "__all__": errors}
        self.errors = errors
        super().__init__("; ".join(f"{name}: {message}" if name != "__all__" else message for name, message in errors.items()))


class NotFound(DomainError):
    """Missing, or in another workspace: the same answer either way, so existence never leaks."""

    def __init__(self, what: str = "object"):
        self.what = what
        super().__init__(f"{what} not found")


class Forbidden(DomainError):
    """The object is in the user's own workspace, but their role does not allow this (a 403, not a 404)."""
