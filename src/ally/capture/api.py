"""The API of capture: address books in and out, mailboxes in, and the people they suggest."""

import datetime as dt
import tempfile
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from ally.capture import selectors
from ally.capture.services.cards import people_import_vcard
from ally.capture.services.mail import mail_import
from ally.capture.services.suggestions import suggestion_add, suggestion_ignore
from ally.capture.vcards import write_vcards
from ally.core.api import ERRORS, Id, InputSchema, resolve
from ally.people import selectors as people_selectors
from ally.people.serialize import person_json
from ally.workspaces.selectors import access_membership

router = Router()
MAX_UPLOAD_CHARS = 50_000_000
VCARD_TYPE = "text/vcard; charset=utf-8"


class ImportIn(InputSchema):
    content: str = Field(max_length=MAX_UPLOAD_CHARS, description="The file's text.")
    dry_run: bool = False


class MailImportIn(ImportIn):
    content: str = Field(max_length=MAX_UPLOAD_CHARS, description="An mbox file's text (one or many messages).")
    member_id: Id | None = Field(None, description="The team member whose mailbox it is.")


class ImportReportOut(Schema):
    dry_run: bool
    rows: int
    counts: dict[str, int]
    new: list[int]
    updated: list[int]
    unchanged: list[int]
    duplicate_in_file: list[dict[str, int]]
    invalid: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    warnings: list[str]


class MailReportOut(Schema):
    dry_run: bool
    messages: int
    counts: dict[str, int]
    warnings: list[str]


class SuggestionOut(Schema):
    address: str
    name: str
    messages: int
    last_seen: dt.datetime | None


class SuggestionIn(InputSchema):
    address: str = Field(max_length=254)
    name: str = Field("", max_length=200, description="For `add`: the person's name (default: as the mail names them).")


class VCardQuery(Schema):
    person_id: list[Id] = Field(None, description="Only these people (repeatable); default: everyone.")


@router.post("/imports/vcard", response={200: ImportReportOut, **ERRORS}, summary="Import people from a vCard file")
def import_vcard(request: HttpRequest, payload: ImportIn):
    """Match the cards' people with people Ally knows, as the CSV import does; `dry_run` writes nothing."""
    report = people_import_vcard(workspace=request.workspace, data=payload.content.encode("utf-8"),
                                 dry_run=payload.dry_run)
    return report.as_dict()


@router.get("/exports/vcard", response=ERRORS, summary="Download people as a vCard 4.0 address book",
            openapi_extra={"responses": {200: {"description": "The address book, vCard 4.0",
                                               "content": {"text/vcard": {"schema": {"type": "string"}}}}}})
def export_vcard(request: HttpRequest, filters: Query[VCardQuery]):
    cards = selectors.people_cards(workspace=request.workspace, person_ids=filters.person_id or None)
    return HttpResponse(write_vcards(cards), content_type=VCARD_TYPE)


@router.post("/imports/mail", response={200: MailReportOut, **ERRORS}, summary="Import email interactions")
def import_mail(request: HttpRequest, payload: MailImportIn):
    """Metadata only (never the body), one interaction per Message-ID; `dry_run` writes nothing."""
    member = None
    if payload.member_id is not None:
        member = resolve(access_membership, "member_id", workspace=request.workspace, membership_id=payload.member_id)
    with tempfile.NamedTemporaryFile(suffix=".mbox") as mbox:
        mbox.write(payload.content.encode("utf-8", errors="surrogateescape"))
        mbox.flush()
        report = mail_import(workspace=request.workspace, path=mbox.name, member=member, dry_run=payload.dry_run)
    return report.as_dict()


@router.get("/suggestions", response={200: list[SuggestionOut], **ERRORS}, summary="Suggested people")
def list_suggestions(request: HttpRequest):
    """Unknown addresses the team exchanged at least two messages with."""
    return selectors.suggestions(workspace=request.workspace)


@router.post("/suggestions/add", response={201: dict, **ERRORS}, summary="Add a suggested person")
def add_suggestion(request: HttpRequest, payload: SuggestionIn):
    suggestion = resolve(selectors.access_suggestion, "address", workspace=request.workspace, address=payload.address)
    person = suggestion_add(workspace=request.workspace, suggestion=suggestion, name=payload.name,
                            author=request.user)
    return 201, person_json(people_selectors.access_person(workspace=request.workspace, person_id=person.id), request.user)


@router.post("/suggestions/ignore", response={204: None, **ERRORS}, summary="Never suggest an address again")
def ignore_suggestion(request: HttpRequest, payload: SuggestionIn):
    suggestion = resolve(selectors.access_suggestion, "address", workspace=request.workspace, address=payload.address)
    suggestion_ignore(workspace=request.workspace, suggestion=suggestion)
    return 204, None
