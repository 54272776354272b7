"""One shape per object of the reminders app (a member's calendar feed, their morning email settings),
shared by the API's responses and the CLI's `--json`."""

import datetime as dt

from django.urls import reverse
from ninja import Field, Schema

from ally.reminders import selectors
from ally.reminders.agenda import public_url


class FeedOut(Schema):
    exists: bool = Field(description="Whether the member has a calendar address now.")
    prefix: str | None = Field(description="The secret's first characters, to recognise the address.")
    created_at: dt.datetime | None
    rotated_at: dt.datetime | None
    url: str | None = Field(None, description="The address itself: only in the answer that created or replaced it.")


class DeliveryOut(Schema):
    day: dt.date = Field(description="The member's local day the email was for.")
    status: str = Field(description="claimed, sent, nothing_due or failed")
    attempts: int
    item_count: int
    error: str
    sent_at: dt.datetime | None


class DigestOut(Schema):
    enabled: bool
    at: str | None = Field(description="HH:MM, the member's local time the email goes out.")
    time_zone: str
    deliveries: list[DeliveryOut] = Field(description="The last few emails, newest first.")


def feed_address(raw: str) -> str:
    return public_url(reverse("reminders:feed", args=[raw]))


def feed_json(*, membership, raw: str | None = None) -> dict:
    feed = selectors.member_feed(membership=membership)
    return FeedOut(exists=feed is not None, prefix=feed.prefix if feed else None,
                   created_at=feed.created_at if feed else None, rotated_at=feed.rotated_at if feed else None,
                   url=feed_address(raw) if raw else None).model_dump()


def digest_json(*, membership) -> dict:
    subscription = selectors.member_digest(membership=membership)
    deliveries = [DeliveryOut.model_validate({name: getattr(delivery, name) for name in DeliveryOut.model_fields})
                  for delivery in selectors.recent_deliveries(membership=membership)]
    return DigestOut(enabled=bool(subscription and subscription.enabled),
                     at=subscription.send_at.strftime("%H:%M") if subscription else None,
                     time_zone=membership.effective_time_zone, deliveries=deliveries).model_dump()
