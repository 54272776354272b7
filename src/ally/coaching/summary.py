"""What the coach adds to pages of apps below it, as HTML, through the hooks those apps call (apps.py)."""

import datetime as dt

from django.template.loader import render_to_string

from ally.coaching import selectors
from ally.coaching.benchmarks import BENCHMARKS
from ally.coaching.forms import TranscriptForm


def customers_made_section(*, request, start: dt.date, end: dt.date) -> str:
    """Customers made's "asking vs telling" cards: the period's calls, summed up."""
    summary = selectors.asking_vs_telling_days(workspace=request.workspace, start=start, end=end)
    return render_to_string("coaching/_asking_vs_telling.html", {"summary": summary, "benchmarks": BENCHMARKS},
                            request=request)


def interaction_section(*, request, interaction) -> str:
    """The interaction page's transcript card: the upload form, and a link to the coaching once attached."""
    context = {"interaction": interaction, "form": TranscriptForm(), "transcript": selectors.transcript_of(interaction)}
    return render_to_string("coaching/_interaction_transcript.html", context, request=request)
