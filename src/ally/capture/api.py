"""The API of capture: address books in and out, mailboxes and calendars in, and the people they suggest."""

import datetime as dt
import tempfile
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from ally.capture import selectors
from ally.capture.services.calendar import (
    calendar_import,
    calendar_subscribe,
    calendar_subscription_sync,
    calendar_unsubscribe,
)
from ally.capture.services.cards import people_import_vcard
from ally.capture.services.mail import mail_import
from ally.capture.services.social import social_import
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


class CalendarImportIn(ImportIn):
    content: str = Field(max_length=MAX_UPLOAD_CHARS, description="An .ics file's text (iCalendar).")
    member_id: Id | None = Field(None, description="The team member whose calendar it is (floating times are read "
                                                   "in their time zone).")


class CalendarReportOut(Schema):
    dry_run: bool
    events: int
    counts: dict[str, int]
    warnings: list[str]


class SubscriptionIn(InputSchema):
    url: str = Field(max_length=2000, description="The calendar's private iCal address (http, https or webcal).")
    member_id: Id = Field(description="The team member whose calendar it is.")


class SubscriptionOut(Schema):
    id: int
    member_id: int
    host: str
    name: str
    last_sync_at: dt.datetime | None
    last_error: str
    events_read: int
    meetings_captured: int
    upcoming: int


class SyncOut(Schema):
    subscription: SubscriptionOut
    report: CalendarReportOut


class UnsubscribeQuery(Schema):
    delete_captured: bool = Field(False, description="Delete the meetings it captured too.")


def _subscription(request, subscription_id: int):
    return selectors.access_calendar_subscription(workspace=request.workspace, subscription_id=subscription_id)


@router.post("/imports/calendar", response={200: CalendarReportOut, **ERRORS}, summary="Import meetings from a calendar")
def import_calendar(request: HttpRequest, payload: CalendarImportIn):
    """Past events with known people become meeting interactions, future ones upcoming meetings; once per event
    and occurrence (UID and RECURRENCE-ID). A file that is not a calendar, or is cut short, is a 422 on `file`
    and nothing is written; `dry_run` writes nothing."""
    member = None
    if payload.member_id is not None:
        member = resolve(access_membership, "member_id", workspace=request.workspace, membership_id=payload.member_id)
    report = calendar_import(workspace=request.workspace, data=payload.content.encode("utf-8"), member=member,
                             dry_run=payload.dry_run)
    return report.as_dict()


@router.get("/calendar-subscriptions", response={200: list[SubscriptionOut], **ERRORS},
            summary="Subscribed calendars")
def list_subscriptions(request: HttpRequest):
    """Each feed: its host (never its secret address), last sync, counts, the last error in words."""
    return list(selectors.calendar_subscriptions(workspace=request.workspace))


@router.post("/calendar-subscriptions", response={201: SubscriptionOut, **ERRORS}, summary="Subscribe a calendar")
def subscribe(request: HttpRequest, payload: SubscriptionIn):
    """Store the feed (its address encrypted); it is read by the next periodic sync, or now with `.../sync`."""
    member = resolve(access_membership, "member_id", workspace=request.workspace, membership_id=payload.member_id)
    return Status(201, calendar_subscribe(workspace=request.workspace, member=member, url=payload.url))


@router.post("/calendar-subscriptions/{subscription_id}/sync", response={200: SyncOut, **ERRORS},
             summary="Sync a calendar now")
def sync_subscription(request: HttpRequest, subscription_id: Id):
    """Read the feed again; a feed that cannot be read is the subscription's `last_error`, not an error answer."""
    subscription = _subscription(request, subscription_id)
    report = calendar_subscription_sync(subscription=subscription)
    return {"subscription": subscription, "report": report.as_dict()}


@router.delete("/calendar-subscriptions/{subscription_id}", response={204: None, **ERRORS},
               summary="Unsubscribe a calendar")
def unsubscribe(request: HttpRequest, subscription_id: Id, filters: Query[UnsubscribeQuery]):
    calendar_unsubscribe(subscription=_subscription(request, subscription_id), delete_captured=filters.delete_captured)
    return Status(204, None)


class SocialImportIn(ImportIn):
    content: str = Field(max_length=MAX_UPLOAD_CHARS, description="A LinkedIn messages.csv's text.")
    member_id: Id | None = Field(None, description="The team member whose export it is.")


class SocialReportOut(Schema):
    dry_run: bool
    messages: int
    counts: dict[str, int]
    warnings: list[str]


@router.post("/imports/social", response={200: SocialReportOut, **ERRORS}, summary="Import social network messages")
def import_social(request: HttpRequest, payload: SocialImportIn):
    """Each message with a known person becomes a `social` interaction (never its text); `dry_run` writes nothing."""
    member = None
    if payload.member_id is not None:
        member = resolve(access_membership, "member_id", workspace=request.workspace, membership_id=payload.member_id)
    report = social_import(workspace=request.workspace, data=payload.content.encode("utf-8"), member=member,
                           dry_run=payload.dry_run)
    return report.as_dict()
