"""The reminders API: the token's member's calendar feed address and morning email settings."""

from django.http import HttpRequest
from ninja import Field, Router, Status

from ally.core.api import ERRORS, InputSchema, Text
from ally.core.errors import NotFound
from ally.reminders import services
from ally.reminders.serialize import DigestOut, FeedOut, digest_json, feed_json

router = Router()


@router.get("/reminders/feed", response={200: FeedOut, **ERRORS}, summary="Your calendar feed (never its address)")
def get_feed(request: HttpRequest):
    return feed_json(membership=request.membership)


@router.post("/reminders/feed", response={201: FeedOut, **ERRORS},
             summary="Create your calendar feed, or replace its address")
def create_feed(request: HttpRequest):
    """The answer holds the address (`url`) once; Ally keeps only its hash. An older address stops working."""
    _, raw = services.calendar_feed_create(membership=request.membership)
    return Status(201, feed_json(membership=request.membership, raw=raw))


@router.delete("/reminders/feed", response={204: None, **ERRORS}, summary="Revoke your calendar feed")
def revoke_feed(request: HttpRequest):
    if not services.calendar_feed_revoke(membership=request.membership):
        raise NotFound("you have no calendar feed")
    return Status(204, None)


class DigestIn(InputSchema):
    enabled: bool = Field(description="false stops the morning email.")
    at: Text | None = Field(None, description="HH:MM in your time zone; required the first time it is turned on.")


@router.get("/reminders/digest", response={200: DigestOut, **ERRORS}, summary="Your morning email settings")
def get_digest(request: HttpRequest):
    return digest_json(membership=request.membership)


@router.put("/reminders/digest", response={200: DigestOut, **ERRORS}, summary="Turn your morning email on or off")
def put_digest(request: HttpRequest, body: DigestIn):
    services.digest_settings_update(membership=request.membership, enabled=body.enabled, send_at=body.at)
    return digest_json(membership=request.membership)
