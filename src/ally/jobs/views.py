"""The owners' page of background jobs: queued, running and failed, with why a failed job failed."""

from ally.core.pages import owner_view, render_page
from ally.jobs.selectors import recent_jobs

STATUSES = ("ready", "running", "failed", "successful")


@owner_view
def job_list(request):
    status = request.GET.get("status") if request.GET.get("status") in STATUSES else None
    return render_page(request, "jobs/job_list.html", {"jobs": recent_jobs(workspace=request.workspace, status=status),
                                                        "status": status, "statuses": STATUSES})
