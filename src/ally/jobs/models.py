from django.db import models


class JobSlot(models.Model):
    """One run of a periodic job for one time slot (e.g. the hour starting 09:00 UTC).

    Global, not a workspace's: the periodic jobs sweep every workspace. The unique slot is what makes a job
    run exactly once per slot however many schedulers (web processes, workers, machines) try to enqueue it.
    """

    name = models.CharField(max_length=100)
    slot_start = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot_start"], name="job_slot_once")]
        ordering = ["-slot_start"]

    def __str__(self):
        return f"{self.name} at {self.slot_start:%Y-%m-%d %H:%M}"
