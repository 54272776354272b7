"""Reads of the coach, always within one workspace and only through interactions the member may see."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from ally.coaching import lexicon
from ally.coaching.benchmarks import BENCHMARKS
from ally.coaching.models import CoachingSettings, Speaker, Transcript
from ally.coaching.timeline import Timeline, speaking_timeline
from ally.coaching.transcripts import parse_transcript
from ally.core.errors import NotFound
from ally.interactions.selectors import access_interaction, visible_interactions
from ally.opportunities.models import Need
from ally.people.models import Person
from ally.workspaces.models import Membership


def transcript_of(interaction) -> Transcript | None:
    return Transcript.objects.filter(interaction=interaction).first()


def access_transcript(*, workspace, interaction_id, user) -> Transcript:
    """The transcript of an interaction this member may see; one NotFound for a missing or hidden one."""
    interaction = access_interaction(workspace=workspace, interaction_id=interaction_id, user=user)
    transcript = Transcript.objects.filter(interaction=interaction).select_related("interaction").first()
    if transcript is None:
        raise NotFound("transcript")
    return transcript


def transcript_speakers(transcript: Transcript) -> list[Speaker]:
    return list(transcript.speakers.select_related("person"))


def call_people(interaction) -> tuple[list[Person], set[int]]:
    """Who a speaker of this call may be: its participants and the team members (as their Person), by name;
    and which of them are team members."""
    members = set(Membership.objects.filter(workspace_id=interaction.workspace_id, person__isnull=False)
                  .values_list("person_id", flat=True))
    people = (Person.objects.filter(workspace_id=interaction.workspace_id)
              .filter(id__in=[*interaction.participants.values_list("id", flat=True), *members])
              .only("id", "name").order_by("name", "id"))
    return list(people), members


def pushy_phrases(*, workspace) -> list[str]:
    found = CoachingSettings.objects.filter(workspace=workspace).values_list("pushy_phrases", flat=True).first()
    return list(found or [])


def timeline_of(transcript: Transcript) -> Timeline:
    sellers = transcript.metrics.get("sellers") or None
    return speaking_timeline(parse_transcript(transcript.text), sellers=sellers)


@dataclass(frozen=True)
class Measured:
    """A metric beside its published benchmark (None where no benchmark was found)."""

    key: str
    value: object
    benchmark: object


SHOWN_METRICS = ("seller_talk_share", "seller_question_count", "open_question_count", "longest_seller_monologue_s",
                 "longest_customer_story_s", "patience_s", "interruptions", "filler_words_per_minute")


def measured(transcript: Transcript) -> list[Measured]:
    return [Measured(key, transcript.metrics.get(key), BENCHMARKS.get(key)) for key in SHOWN_METRICS]


def _phrase_pattern(phrase: str) -> re.Pattern:
    """The phrase as it may be written in a sentence: any case, any punctuation between words, apostrophes
    optional (as `lexicon.normalise` compares them)."""
    words = lexicon.normalise(phrase).split()
    word = lambda w: "['’]?".join(re.escape(c) for c in w)  # noqa: E731
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(word(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def highlighted(quote: str, phrase: str) -> tuple[str, str, str]:
    """(before, the phrase as said, after), for marking the pushy words in their sentence."""
    match = _phrase_pattern(phrase).search(quote)
    if match is None:
        return quote, "", ""
    return quote[:match.start()], match.group(0), quote[match.end():]


def recorded_needs(transcript: Transcript) -> set[str]:
    """The suggested needs already recorded from this call, by their words."""
    return set(Need.objects.filter(workspace_id=transcript.workspace_id, interaction_id=transcript.interaction_id)
               .values_list("text", flat=True))


def member_transcripts(*, workspace, membership, user) -> QuerySet[Transcript]:
    """A team member's calls, oldest first, among the interactions this member may see."""
    visible = visible_interactions(workspace=workspace, user=user)
    return (Transcript.objects.filter(workspace=workspace, seller=membership, interaction__in=visible)
            .select_related("interaction").order_by("interaction__occurred_at", "id"))


def team_members(*, workspace) -> list[Membership]:
    return list(Membership.objects.filter(workspace=workspace).select_related("user", "person").order_by("id"))


def access_member(*, workspace, membership_id) -> Membership:
    try:
        return Membership.objects.select_related("user", "person").get(workspace=workspace, id=int(membership_id))
    except (Membership.DoesNotExist, TypeError, ValueError):
        raise NotFound("team member") from None


def trend_points(transcripts) -> list[dict]:
    """One point per call: when it was and the three numbers a trend follows."""
    return [{"interaction_id": t.interaction_id, "occurred_at": t.interaction.occurred_at,
             "seller_talk_share": t.metrics.get("seller_talk_share"),
             "seller_question_count": t.metrics.get("seller_question_count"),
             "open_question_count": t.metrics.get("open_question_count"),
             "longest_seller_monologue_s": t.metrics.get("longest_seller_monologue_s")}
            for t in transcripts]


def asking_vs_telling_days(*, workspace, start: dt.date, end: dt.date) -> dict:
    """The summary from the first to the last day, both included, in the member's time zone."""
    zone = timezone.get_current_timezone()
    return asking_vs_telling(workspace=workspace, start_at=dt.datetime.combine(start, dt.time(), tzinfo=zone),
                             end_at=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=zone))


def asking_vs_telling(*, workspace, start_at, end_at) -> dict:
    """The workspace's calls in a period, summed up: how much the sellers talked and asked. Private
    interactions are left out: the summary is for everyone on the team."""
    rows = list(Transcript.objects.filter(workspace=workspace, interaction__private=False,
                                          interaction__occurred_at__gte=start_at, interaction__occurred_at__lt=end_at)
                .values_list("metrics", flat=True))
    calls = len(rows)
    shares = [m["seller_talk_share"] for m in rows if m.get("seller_talk_share") is not None]
    questions = sum(m.get("seller_question_count", 0) for m in rows)
    open_questions = sum(m.get("open_question_count", 0) for m in rows)
    return {
        "calls": calls,
        "mean_seller_talk_share": round(sum(shares) / len(shares), 4) if shares else None,
        "questions_per_call": round(questions / calls, 2) if calls else None,
        "open_question_share": round(open_questions / questions, 4) if questions else None,
        "pushy_phrases": sum(len(m.get("pushy_phrases", [])) for m in rows),
        "need_statements": sum(len(m.get("need_statements", [])) for m in rows),
    }
