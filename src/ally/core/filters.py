"""One filter definition per list, read from a page's query string, the API's query and the CLI's options.

A list's filter is a `ListFilter` (a pydantic model, so django-ninja documents it as the API's query
parameters): the same names and the same rules on every edge.

    class AuditFilter(ListFilter):
        person: Id | None = None
        kind: Text | None = None

    filters = AuditFilter.from_query(request.GET)     # a page; bad values raise ValidationError
    def list_audit(request, filters: Query[AuditFilter])  # the API (ninja validates it)
    filters = AuditFilter.parse({"person": person})   # the CLI

A bad value is one ValidationError naming the field (a 400 on a page, a 422 from the API, one line and
exit 1 from the CLI), never a 500.
"""

import datetime as dt
import types
import typing

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from ally.core.errors import ValidationError
from ally.core.validation import EARLIEST_YEAR, LATEST_YEAR


def _plausible_day(value: dt.date) -> dt.date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


# A day a list is filtered by (YYYY-MM-DD), in the kit's one range of years.
Day = typing.Annotated[dt.date, AfterValidator(_plausible_day)]


def day_start(day: dt.date) -> dt.datetime:
    """The first moment of `day` in the active time zone (the member's): where a filter's day range starts."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def not_before(first: str):
    """A validator for a range's last day: before the first day (`first`) is an error naming the last, not an empty
    list. Use it as `_range = field_validator("end")(not_before("start"))`; `first` must be declared earlier."""

    def check(value, info):
        start = info.data.get(first)
        if value is not None and start is not None and value < start:
            raise ValueError(f"is before {first} ({start.isoformat()})")
        return value

    return check


def field_errors(error: PydanticValidationError) -> dict[str, str]:
    """A pydantic error as {field: message}, the shape every edge shows."""
    errors: dict[str, str] = {}
    for problem in error.errors():
        name = ".".join(str(part) for part in problem.get("loc", ()) if not isinstance(part, int)) or "__all__"
        errors.setdefault(name, problem.get("msg", "is invalid").removeprefix("Value error, "))
    return errors


class ListFilter(BaseModel):
    """A list's filters. Unknown parameters are refused by name; a blank value means "not filtered"."""

    model_config = ConfigDict(extra="forbid")

    # Parameters a page's query string carries that are not filters (paging, sorting widgets, htmx).
    PAGE_PARAMETERS: typing.ClassVar[frozenset] = frozenset({"page"})

    @classmethod
    def parse(cls, values: dict):
        """The filter from plain values (the CLI's options), blank ones left out."""
        try:
            return cls.model_validate({name: value for name, value in values.items() if value not in (None, "", [])})
        except PydanticValidationError as exc:
            raise ValidationError(field_errors(exc)) from None

    @classmethod
    def from_query(cls, query) -> "ListFilter":
        """The filter from a page's query string; repeatable fields take every value given."""
        values: dict = {}
        for name in query:
            if name in cls.PAGE_PARAMETERS:
                continue
            field = cls.model_fields.get(name)
            repeated = field is not None and typing.get_origin(_unwrap(field.annotation)) is list
            values[name] = [v for v in query.getlist(name) if v != ""] if repeated else query.get(name)
        return cls.parse(values)

    def active(self) -> dict:
        """The filters in use, for a page's "clear filters" link and the next page's query string."""
        return {name: value for name, value in self.model_dump().items() if value not in (None, "", [], False)}


def _unwrap(annotation):
    """list[str] | None -> list[str]; Annotated[X, ...] -> X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else annotation
    return annotation
