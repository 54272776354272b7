"""Every write of the coach: a transcript attached to its interaction, its speakers corrected, a suggested
need recorded, and a workspace's own pushy phrases. Each recomputes the stored metrics it affects."""

import datetime as dt

from django.utils import timezone

from ally.coaching import lexicon
from ally.coaching.errors import TranscriptError
from ally.coaching.metrics import conversation_metrics
from ally.coaching.models import CoachingSettings, Speaker, Transcript
from ally.coaching.selectors import call_people, pushy_phrases
from ally.coaching.speakers import Candidate, map_speakers
from ally.coaching.transcripts import decode, parse_transcript
from ally.core.errors import ValidationError
from ally.core.validation import clean_int, clean_list, clean_text, in_workspace, raise_errors
from ally.interactions.models import Interaction
from ally.opportunities.services import need_record
from ally.people.models import Person
from ally.workspaces.audit import audit_record, audited
from ally.workspaces.models import Membership

# A two-hour call is about 300 kB of WebVTT; anything far beyond is not a call's transcript.
MAX_TRANSCRIPT_CHARACTERS = 5_000_000
MAX_PUSHY_PHRASES = 200
PHRASE_LENGTH = 200


def _read(data: str | bytes, filename: str) -> tuple[str, object]:
    """The transcript's text and its parse; a file that cannot be read is a ValidationError on `transcript`
    naming the line, raised before anything is written."""
    if not data:
        raise ValidationError({"transcript": "line 1: the transcript is empty"})
    if len(data) > MAX_TRANSCRIPT_CHARACTERS:
        raise ValidationError({"transcript": f"is larger than {MAX_TRANSCRIPT_CHARACTERS:,} characters"})
    try:
        parsed = parse_transcript(data, filename=filename or None)
    except TranscriptError as exc:
        raise ValidationError({"transcript": str(exc)}) from None
    return decode(data), parsed


def _candidates(interaction: Interaction) -> list[Candidate]:
    people, members = call_people(interaction)
    return [Candidate(person.id, person.name, person.id in members) for person in people]


def _measure(transcript: Transcript, *, phrases: tuple[str, ...] | None = None) -> None:
    """Recompute the stored metrics and the call's team member from the speakers as they now stand."""
    speakers = list(transcript.speakers.select_related("person__membership"))
    sellers = [speaker.name for speaker in speakers if speaker.seller]
    turns = parse_transcript(transcript.text).turns
    extra = tuple(pushy_phrases(workspace=transcript.workspace_id)) if phrases is None else phrases
    transcript.metrics = conversation_metrics(turns, sellers=sellers or None, extra_pushy_phrases=extra).as_json()
    transcript.seller = next((s.person.membership for s in speakers
                              if s.seller and s.person is not None and hasattr(s.person, "membership")), None)
    transcript.save(update_fields=["metrics", "seller", "updated_at"])


@audited
def transcript_attach(*, interaction: Interaction, data: str | bytes, filename: str = "", author=None) -> Transcript:
    """Attach a call's transcript to its interaction (replacing one attached before), map its speakers to the
    participants and team members, and measure it. A bad file changes nothing."""
    errors: dict[str, str] = {}
    filename = clean_text(filename, "filename", errors, max_length=200)
    raise_errors(errors)
    text, parsed = _read(data, filename)
    mapping = map_speakers(parsed.speakers, _candidates(interaction))
    replaced = Transcript.objects.filter(interaction=interaction).delete()[0] > 0
    transcript = Transcript.objects.create(workspace_id=interaction.workspace_id, interaction=interaction, text=text,
                                           format=parsed.format, filename=filename, uploaded_by=author)
    Speaker.objects.bulk_create([
        Speaker(workspace_id=interaction.workspace_id, transcript=transcript, name=name[:200], order=order,
                person_id=mapping.people[name].key if name in mapping.people else None,
                seller=name in mapping.sellers, how=mapping.how.get(name, ""))
        for order, name in enumerate(parsed.speakers)
    ])
    _measure(transcript)
    audit_record(workspace=interaction.workspace_id, action="transcript.attached", target=transcript,
                 changes={"format": [None, parsed.format], "speakers": [None, list(parsed.speakers)],
                          "replaced": [None, replaced]})
    return transcript


@audited
def transcript_speaker_correct(*, transcript: Transcript, name: str, person: Person | None = None,
                               seller: bool | None = None) -> Speaker:
    """Say who a speaker is (or that they are nobody Ally knows), and whether they are on the seller's side
    (by default: when the person is a team member). The metrics are measured again."""
    errors: dict[str, str] = {}
    speaker = transcript.speakers.filter(name=name).first()
    if speaker is None:
        names = ", ".join(transcript.speakers.values_list("name", flat=True))
        errors["name"] = f"no speaker '{name}' in this transcript (the speakers are: {names})"
    in_workspace(transcript.workspace_id, person, "person", errors)
    raise_errors(errors)
    before = {"person": speaker.person_id, "seller": speaker.seller}
    speaker.person = person
    speaker.seller = seller if seller is not None else (person is not None and
                                                        Membership.objects.filter(person=person).exists())
    speaker.how = Speaker.How.CORRECTED if person is not None else Speaker.How.UNRESOLVED
    speaker.save(update_fields=["person", "seller", "how"])
    _measure(transcript)
    after = {"person": speaker.person_id, "seller": speaker.seller}
    audit_record(workspace=transcript.workspace_id, action="transcript.speaker_corrected", target=transcript,
                 label=f"{speaker.name} in {transcript}",
                 changes={key: [before[key], after[key]] for key in after})
    return speaker


def _customer_person(transcript: Transcript, speaker_name: str) -> Person | None:
    """Who said the need: the speaker's person when mapped to a customer, else the first participant who is not
    a team member."""
    speaker = transcript.speakers.filter(name=speaker_name, seller=False, person__isnull=False).first()
    if speaker is not None:
        return speaker.person
    return (transcript.interaction.participants.filter(membership__isnull=True).order_by("id").first())


@audited(delegates=True)
def transcript_need_record(*, transcript: Transcript, index, author=None):
    """Record a suggested need (the customer's sentence, `need_statements[index]`) as a Need, linked to the
    interaction and the moment it was said, through the opportunities app's service."""
    errors: dict[str, str] = {}
    statements = transcript.metrics.get("need_statements", [])
    number = clean_int(index, "index", errors, low=0, high=len(statements) - 1,
                       too_high=f"this call has {len(statements)} suggested needs (0 to {len(statements) - 1})")
    if number is None and not errors:
        errors["index"] = "is required"
    raise_errors(errors)
    statement = statements[number]
    person = _customer_person(transcript, statement["speaker"])
    if person is None:
        raise ValidationError({"index": f"'{statement['speaker']}' is nobody Ally knows and the interaction has "
                                        "no customer: correct the speaker first"})
    interaction = transcript.interaction
    said_at = interaction.occurred_at + dt.timedelta(seconds=statement["at_s"] or 0)
    return need_record(workspace=interaction.workspace, person=person, text=statement["quote"],
                       said_by=person, said_at=min(said_at, timezone.now()),
                       interaction=interaction, cost_of_doing_nothing=statement["cost"] or "", author=author)


def _clean_phrases(phrases, errors: dict) -> list[str]:
    items = clean_list(phrases, "pushy_phrases", errors, max_items=MAX_PUSHY_PHRASES)
    clean = []
    for number, phrase in enumerate(items, 1):
        text = clean_text(phrase, "pushy_phrases", errors, required=True, max_length=PHRASE_LENGTH)
        if "pushy_phrases" in errors:
            errors["pushy_phrases"] = f"phrase {number}: {errors['pushy_phrases']}"
            return []
        if not lexicon.normalise(text).strip():
            errors["pushy_phrases"] = f"phrase {number}: '{text}' has no words"
            return []
        clean.append(text)
    return list(dict.fromkeys(clean))


@audited
def coaching_phrases_set(*, workspace, phrases) -> CoachingSettings:
    """Set the workspace's own pushy phrases (added to the default lexicon) and measure every call again."""
    errors: dict[str, str] = {}
    clean = _clean_phrases(phrases, errors)
    raise_errors(errors)
    found, _ = CoachingSettings.objects.get_or_create(workspace=workspace)
    before = list(found.pushy_phrases)
    found.pushy_phrases = clean
    found.save()
    for transcript in Transcript.objects.filter(workspace=workspace).order_by("id"):
        _measure(transcript, phrases=tuple(clean))
    audit_record(workspace=workspace, action="coaching.phrases_set", target=found,
                 changes={"pushy_phrases": [before, clean]})
    return found
