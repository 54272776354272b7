"""The API of imports: merging two records of one person (with a dry run)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from ally.core.api import ERRORS, Id, InputSchema, api_field_names, resolve
from ally.imports.merge import person_merge
from ally.people import selectors

router = Router()


class MergeIn(InputSchema):
    other_id: Id
    dry_run: bool = False


class FieldChange(Schema):
    field: str
    before: Any
    after: Any


class MergePlanOut(Schema):
    keep_id: int
    merge_id: int
    dry_run: bool
    field_changes: list[FieldChange]
    moved: dict[str, int]
    dropped: dict[str, int]


@router.post("/people/{person_id}/merge", response={200: MergePlanOut, **ERRORS},
             summary="Merge a duplicate into this person")
def merge_person(request: HttpRequest, person_id: Id, payload: MergeIn):
    """Fold the person `other_id` into this one and delete `other_id`; `dry_run` shows the plan and writes nothing."""
    keep = selectors.access_person(workspace=request.workspace, person_id=person_id)
    other = resolve(selectors.access_person, "other_id", workspace=request.workspace, person_id=payload.other_id)
    with api_field_names({"merge": "other_id"}):
        plan = person_merge(keep=keep, merge=other, dry_run=payload.dry_run, author=request.user)
    return {
        "keep_id": plan.keep_id, "merge_id": plan.merge_id, "dry_run": plan.dry_run,
        "field_changes": [{"field": name, "before": before, "after": after}
                          for name, (before, after) in plan.field_changes.items()],
        "moved": plan.moved, "dropped": plan.dropped,
    }
