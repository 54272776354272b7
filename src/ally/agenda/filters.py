"""Today's one filter, the same on the page (`?kind=`), the API (`kind=`) and the CLI (`--kind`)."""

import typing

from pydantic import Field, field_validator

from ally.core.filters import ListFilter
from ally.core.today import kind_labels


class TodayFilter(ListFilter):
    """`kind` (repeatable) keeps only some kinds of items: `follow_up`, `birthday`, `check_in`, ..."""

    PAGE_PARAMETERS: typing.ClassVar[frozenset] = frozenset({"page", "all"})

    kind: list[str] | None = Field(None, max_length=50, description="Keep only these kinds (repeatable): "
                                   "keep_in_touch, follow_up, birthday, dated_fact, check_in, revisit, ...")

    @field_validator("kind")
    @classmethod
    def _known(cls, kinds):
        if not kinds:
            return None
        known = kind_labels()
        unknown = [kind for kind in kinds if kind not in known]
        if unknown:
            raise ValueError(f"unknown kind '{unknown[0]}'; Today knows {', '.join(known)}")
        return list(dict.fromkeys(kinds))

    @property
    def kinds(self) -> set[str] | None:
        return set(self.kind) if self.kind else None
