from django.db import models


class ImportLock(models.Model):
    """Held while an import writes people into a workspace: two imports planning against the same people at once
    would each create whoever the other is creating. One row per workspace, so only one can hold it."""

    workspace = models.OneToOneField("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    holder = models.CharField(max_length=200)
    started_at = models.DateTimeField()

    def __str__(self):
        return f"import into workspace {self.workspace_id} by {self.holder}"
