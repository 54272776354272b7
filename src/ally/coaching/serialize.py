"""A transcript as a plain dict: built once, shown by the API and the CLI's --json alike."""

from ally.coaching.models import Transcript


def transcript_dict(transcript: Transcript) -> dict:
    return {
        "interaction_id": transcript.interaction_id,
        "format": transcript.format,
        "filename": transcript.filename,
        "seller_member_id": transcript.seller_id,
        "speakers": [{"name": s.name, "person_id": s.person_id, "person_name": s.person.name if s.person else None,
                      "seller": s.seller, "matched_by": s.how or None}
                     for s in transcript.speakers.select_related("person")],
        "metrics": transcript.metrics,
        "created_at": transcript.created_at,
        "updated_at": transcript.updated_at,
    }
