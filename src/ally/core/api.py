"""Schema pieces every API router shares: error bodies, pagination, and safe scalar types.

The scalar types exist because the database refuses some values that JSON happily carries: a NUL
character in text (PostgreSQL), an id or offset past 64 bits, a datetime so far back that turning it
into UTC overflows. Each is refused here with a 422 naming the field, never a 500 from the database.
"""

import contextlib
import datetime as dt
from typing import Annotated

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from ally.core.errors import Forbidden, NotFound, ValidationError
from ally.core.validation import LIST_LENGTH, text_problem

# The largest value a 64-bit signed integer column holds; ids and offsets beyond it cannot exist.
MAX_ID = 2**63 - 1
MAX_LIMIT = 200


def _storable_text(value: str) -> str:
    # NUL, lone surrogates and control characters are refused for every text, in the body or the query; whether
    # a field may hold line breaks is the service's rule, so they pass here.
    problem = text_problem(value, multiline=True)
    if problem:
        raise PydanticCustomError("unstorable_text", problem)
    return value


def _plausible_moment(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise PydanticCustomError("naive_datetime", "needs a time zone, e.g. 2025-03-01T09:30:00Z")
    # Anything outside these years is a typo, and year 1 with an offset cannot even be turned into UTC.
    if not 1900 <= value.year <= 2200:
        raise PydanticCustomError("implausible_datetime", "must be between the years 1900 and 2200")
    return value


Text = Annotated[str, AfterValidator(_storable_text)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Moment = Annotated[dt.datetime, AfterValidator(_plausible_moment)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"How many items to return (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Field(ge=0, le=MAX_ID, description="How many items to skip.")]
# List fields (emails, phones, tags, participants, needs) hold at most LIST_LENGTH items, refused before any is read.
TextList = Annotated[list[Text], Field(max_length=LIST_LENGTH, description=f"At most {LIST_LENGTH} items.")]
IdList = Annotated[list[Id], Field(max_length=LIST_LENGTH, description=f"At most {LIST_LENGTH} ids.")]


class FieldError(Schema):
    field: str = Field(description="The input field at fault (`__all__` when it is the request as a whole).")
    message: str


class ValidationErrorOut(Schema):
    """422: what was wrong, one message per field."""

    detail: list[FieldError]


class MessageOut(Schema):
    """400, 401, 403, 404 and 413: one sentence saying what is wrong, not allowed, missing or too large."""

    detail: str


# Every endpoint can answer these; routers spread them into their `response=` maps so the
# OpenAPI document (and the clients generated from it) know the error bodies. 400 is a body that is
# not JSON at all (django-ninja's "Cannot parse request body"); 422 is JSON with bad values.
ERRORS = {400: MessageOut, 401: MessageOut, 403: MessageOut, 404: MessageOut, 413: MessageOut,
          422: ValidationErrorOut}


def page(queryset: QuerySet, *, limit: int, offset: int) -> dict:
    """One page of a list and the total count, in the `{"count": N, "items": [...]}` shape every list uses."""
    return {"count": queryset.count(), "items": list(queryset[offset:offset + limit])}


class InputSchema(Schema):
    """A request body: a field the API does not know is refused by name rather than silently ignored."""

    model_config = {"extra": "forbid"}


@contextlib.contextmanager
def api_field_names(names: dict[str, str]):
    """Report a service's field errors under the API's field names (`organization` → `organization_id`)."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError({names.get(field, field): message for field, message in error.errors.items()}) from error


def resolve(fetch, field: str, **ids):
    """A referenced object from the request body; missing or another workspace's becomes a 422 on `field`.

    A path's object that is not found is a 404, but an id inside a body is bad input like any other.
    """
    try:
        return fetch(**ids)
    except NotFound:
        raise ValidationError({field: "not found in this workspace"}) from None


def reject_nulls(changes: dict, *names: str) -> dict:
    """A PATCH may leave a required field out, but not set it to null."""
    nulls = [name for name in names if name in changes and changes[name] is None]
    if nulls:
        raise ValidationError({name: "cannot be null" for name in nulls})
    return changes


def require_owner(request) -> None:
    """Owners only (the team, workspace settings, the audit trail): another role gets a 403."""
    if request.membership.role != "owner":
        raise Forbidden("only the workspace's owners can do this")
