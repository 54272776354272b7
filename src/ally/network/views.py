"""Pages of the network app: asking for an introduction, recording how it went, an organization's power map."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import workspace_view
from ally.network import selectors, services
from ally.network.models import IntroductionRequest
from ally.network.power_map import power_map
from ally.people.selectors import access_organization, access_person


@workspace_view
@require_POST
def request_create(request):
    target = access_person(workspace=request.workspace, person_id=request.POST.get("person_id"))
    try:
        introducer = access_person(workspace=request.workspace, person_id=request.POST.get("introducer_id"))
        made = services.introduction_request_create(
            workspace=request.workspace, member=request.membership, introducer=introducer, target=target,
            path=_ids(request.POST.get("path", "")), score=_number(request.POST.get("score")))
    except (ValidationError, NotFound) as exc:
        messages.error(request, f"Could not ask for the introduction: {exc}")
        return redirect("people:detail", target.id)
    messages.success(request, f"Follow-up added: ask {introducer.name} to introduce you to {target.name}.")
    return redirect("network:request", made.id)


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()][:5]


def _number(text) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return 0.0
    return value if 0 <= value <= 1 else 0.0


@workspace_view
def request_detail(request, request_id):
    asked = selectors.access_introduction_request(workspace=request.workspace, request_id=request_id)
    return render(request, "network/request.html", {"asked": asked, "outcomes": [
        (value, label) for value, label in IntroductionRequest.Outcome.choices if value in services.DECIDED]})


@workspace_view
@require_POST
def request_decide(request, request_id):
    asked = selectors.access_introduction_request(workspace=request.workspace, request_id=request_id)
    try:
        services.introduction_request_decide(request=asked, outcome=request.POST.get("outcome", ""))
    except ValidationError as exc:
        return render(request, "network/request.html", {"asked": asked, "errors": exc.errors, "outcomes": [
            (value, label) for value, label in IntroductionRequest.Outcome.choices if value in services.DECIDED]},
            status=400)
    messages.success(request, f"Recorded: {asked.get_outcome_display().lower()}.")
    return redirect("network:request", asked.id)


@workspace_view
def organization_power_map(request, organization_id):
    organization = access_organization(workspace=request.workspace, organization_id=organization_id)
    return render(request, "network/power_map.html", {"organization": organization,
                                                      "map": power_map(workspace=request.workspace,
                                                                       organization=organization)})
