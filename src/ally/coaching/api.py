"""The coach's API: a transcript attached to an interaction and measured, its speakers corrected, its
suggested needs recorded; a team member's trends, the workspace's summary and its own pushy phrases."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from ally.coaching import selectors, services
from ally.coaching.lexicon import PUSHY_PHRASES
from ally.coaching.serialize import transcript_dict
from ally.core.api import ERRORS, Id, InputSchema, Text, resolve
from ally.core.errors import ValidationError
from ally.interactions.selectors import access_interaction
from ally.opportunities.api.needs import NeedOut
from ally.opportunities.serialize import need_dict
from ally.people.selectors import access_person

router = Router()


class SpeakerOut(Schema):
    name: str
    person_id: int | None
    person_name: str | None
    seller: bool
    matched_by: str | None


class TranscriptOut(Schema):
    interaction_id: int
    format: str
    filename: str
    seller_member_id: int | None
    speakers: list[SpeakerOut]
    metrics: dict
    created_at: dt.datetime
    updated_at: dt.datetime


class TranscriptIn(InputSchema):
    text: Text
    filename: Text = ""


class SpeakerIn(InputSchema):
    name: Text
    person_id: Id | None = None
    seller: bool | None = None


class NeedFromCallIn(InputSchema):
    index: int


class TrendPoint(Schema):
    interaction_id: int
    occurred_at: dt.datetime
    seller_talk_share: float | None
    seller_question_count: int | None
    open_question_count: int | None
    longest_seller_monologue_s: float | None


class TrendsOut(Schema):
    member_id: int
    calls: list[TrendPoint]


class SummaryOut(Schema):
    start: dt.date
    end: dt.date
    calls: int
    mean_seller_talk_share: float | None
    questions_per_call: float | None
    open_question_share: float | None
    pushy_phrases: int
    need_statements: int


class PhrasesOut(Schema):
    pushy_phrases: list[str]
    default_phrases: list[str]


class PhrasesIn(InputSchema):
    pushy_phrases: list[Text]


def _transcript(request, interaction_id):
    return selectors.access_transcript(workspace=request.workspace, interaction_id=interaction_id, user=request.user)


@router.post("/interactions/{interaction_id}/transcript", response={201: TranscriptOut, **ERRORS},
             summary="Attach a call's transcript to an interaction and measure it")
def attach_transcript(request: HttpRequest, interaction_id: Id, payload: TranscriptIn):
    """`text` is the file's content (WebVTT, SRT or 'Name: text' lines); a file that cannot be read is a 422 on
    `transcript` naming the line, and nothing is saved. A transcript attached before is replaced."""
    interaction = access_interaction(workspace=request.workspace, interaction_id=interaction_id, user=request.user)
    transcript = services.transcript_attach(interaction=interaction, data=payload.text, filename=payload.filename,
                                            author=request.user)
    return Status(201, transcript_dict(transcript))


@router.get("/interactions/{interaction_id}/transcript", response={200: TranscriptOut, **ERRORS},
            summary="Get an interaction's transcript: its speakers and what the coach measured")
def get_transcript(request: HttpRequest, interaction_id: Id):
    return transcript_dict(_transcript(request, interaction_id))


@router.patch("/interactions/{interaction_id}/transcript/speakers", response={200: TranscriptOut, **ERRORS},
              summary="Correct who a speaker is (and their side); the call is measured again")
def correct_speaker(request: HttpRequest, interaction_id: Id, payload: SpeakerIn):
    transcript = _transcript(request, interaction_id)
    person = None if payload.person_id is None else resolve(access_person, "person_id", workspace=request.workspace,
                                                            person_id=payload.person_id)
    services.transcript_speaker_correct(transcript=transcript, name=payload.name, person=person,
                                        seller=payload.seller)
    return transcript_dict(transcript)


@router.post("/interactions/{interaction_id}/transcript/needs", response={201: NeedOut, **ERRORS},
             summary="Record a suggested need (need_statements[index]) as a Need")
def record_need(request: HttpRequest, interaction_id: Id, payload: NeedFromCallIn):
    need = services.transcript_need_record(transcript=_transcript(request, interaction_id), index=payload.index,
                                           author=request.user)
    return Status(201, need_dict(need))


@router.get("/coaching/trends", response={200: TrendsOut, **ERRORS},
            summary="A team member's calls, oldest first: talk share, questions, longest monologue")
def member_trends(request: HttpRequest, member_id: Id):
    member = selectors.access_member(workspace=request.workspace, membership_id=member_id)
    transcripts = selectors.member_transcripts(workspace=request.workspace, membership=member, user=request.user)
    return {"member_id": member.id, "calls": selectors.trend_points(transcripts)}


@router.get("/coaching/summary", response={200: SummaryOut, **ERRORS},
            summary="Asking vs telling: the workspace's calls in a period (default: the last 90 days)")
def summary(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None):
    last = end or timezone.localdate()
    first = start or last - dt.timedelta(days=89)
    if first > last:
        raise ValidationError({"start": "is after the end"})
    found = selectors.asking_vs_telling_days(workspace=request.workspace, start=first, end=last)
    return {"start": first, "end": last, **found}


def _phrases(request) -> dict:
    return {"pushy_phrases": selectors.pushy_phrases(workspace=request.workspace),
            "default_phrases": [p.phrase for p in PUSHY_PHRASES]}


@router.get("/coaching/phrases", response={200: PhrasesOut, **ERRORS}, summary="The pushy phrases the coach looks for")
def get_phrases(request: HttpRequest):
    return _phrases(request)


@router.put("/coaching/phrases", response={200: PhrasesOut, **ERRORS},
            summary="Set the workspace's own pushy phrases (added to the defaults); every call is measured again")
def set_phrases(request: HttpRequest, payload: PhrasesIn):
    services.coaching_phrases_set(workspace=request.workspace, phrases=payload.pushy_phrases)
    return _phrases(request)
