"""The coach's pages: one call measured, a team member's trends, the team, and the workspace's own phrases."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ally.coaching import charts, selectors, services
from ally.coaching.benchmarks import BENCHMARKS
from ally.coaching.forms import PhrasesForm, TranscriptForm
from ally.coaching.lexicon import PUSHY_PHRASES
from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, workspace_view
from ally.interactions.selectors import access_interaction
from ally.people.selectors import access_person


def _interaction(request, interaction_id):
    return access_interaction(workspace=request.workspace, interaction_id=interaction_id, user=request.user)


def _coaching_page(request, interaction, *, form=None, status=200):
    transcript = selectors.transcript_of(interaction)
    context = {"interaction": interaction, "transcript": transcript, "form": form or TranscriptForm()}
    if transcript is not None:
        recorded = selectors.recorded_needs(transcript)
        metrics = transcript.metrics
        context.update(
            metrics=metrics, measured=selectors.measured(transcript), timeline=selectors.timeline_of(transcript),
            speakers=selectors.transcript_speakers(transcript), people=selectors.call_people(interaction)[0],
            pushy=[(hit, selectors.highlighted(hit["quote"], hit["phrase"])) for hit in metrics["pushy_phrases"]],
            needs=[(n, need, need["quote"] in recorded) for n, need in enumerate(metrics["need_statements"])],
        )
    return render(request, "coaching/interaction.html", context, status=status)


@workspace_view
def interaction_coaching(request, interaction_id):
    return _coaching_page(request, _interaction(request, interaction_id))


def _uploaded(form) -> tuple[str | bytes, str]:
    upload = form.cleaned_data["transcript"]
    if upload is not None:
        return upload.read(services.MAX_TRANSCRIPT_CHARACTERS + 1), upload.name
    return form.cleaned_data["text"], ""


@workspace_view
@require_POST
def transcript_upload(request, interaction_id):
    interaction = _interaction(request, interaction_id)
    form = TranscriptForm(request.POST, request.FILES)
    if form.is_valid():
        data, filename = _uploaded(form)
        try:
            services.transcript_attach(interaction=interaction, data=data, filename=filename, author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc, {"filename": "transcript"})
        else:
            messages.success(request, "Transcript attached and measured.")
            return redirect("coaching:interaction", interaction.id)
    return _coaching_page(request, interaction, form=form, status=422)


def _person(request, value: str):
    if not value:
        return None
    try:
        return access_person(workspace=request.workspace, person_id=value)
    except NotFound:
        raise ValidationError({"person": "not found in this workspace"}) from None


@workspace_view
@require_POST
def speaker_correct(request, interaction_id):
    transcript = selectors.access_transcript(workspace=request.workspace, interaction_id=interaction_id,
                                             user=request.user)
    side = request.POST.get("side", "")
    try:
        services.transcript_speaker_correct(transcript=transcript, name=request.POST.get("name", ""),
                                            person=_person(request, request.POST.get("person", "")),
                                            seller={"seller": True, "customer": False}.get(side))
    except ValidationError as exc:
        messages.error(request, str(exc))
        return _coaching_page(request, transcript.interaction, status=422)
    messages.success(request, "Speaker corrected; the call is measured again.")
    return redirect("coaching:interaction", interaction_id)


@workspace_view
@require_POST
def need_record(request, interaction_id):
    transcript = selectors.access_transcript(workspace=request.workspace, interaction_id=interaction_id,
                                             user=request.user)
    try:
        need = services.transcript_need_record(transcript=transcript, index=request.POST.get("index"),
                                               author=request.user)
    except ValidationError as exc:
        messages.error(request, str(exc))
        return _coaching_page(request, transcript.interaction, status=422)
    messages.success(request, f"Recorded as a need of {need.person.name}.")
    return redirect("coaching:interaction", interaction_id)


@workspace_view
def team(request):
    return render(request, "coaching/team.html", {"members": selectors.team_members(workspace=request.workspace)})


@workspace_view
def member_trends(request, membership_id):
    member = selectors.access_member(workspace=request.workspace, membership_id=membership_id)
    points = selectors.trend_points(selectors.member_transcripts(workspace=request.workspace, membership=member,
                                                                 user=request.user))
    return render(request, "coaching/member.html", {"member": member, "points": points, "benchmarks": BENCHMARKS,
                                                    "charts": charts.trend_charts(points) if points else []})


@workspace_view
def phrases(request):
    current = selectors.pushy_phrases(workspace=request.workspace)
    form = PhrasesForm(request.POST or None, initial={"pushy_phrases": "\n".join(current)})
    if request.method == "POST" and form.is_valid():
        lines = [line.strip() for line in form.cleaned_data["pushy_phrases"].splitlines() if line.strip()]
        try:
            services.coaching_phrases_set(workspace=request.workspace, phrases=lines)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Pushy phrases saved; every call is measured again.")
            return redirect("coaching:phrases")
    return render(request, "coaching/phrases.html", {"form": form, "defaults": PUSHY_PHRASES},
                  status=422 if form.is_bound and form.errors else 200)
