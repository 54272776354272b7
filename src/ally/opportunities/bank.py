"""Reading the discovery question bank seeds it the first time, from the defaults in question_bank.py."""

from ally.opportunities.models import QuestionBankSeed
from ally.opportunities.services import question_bank_seed
from ally.workspaces.audit import acting


def ensure_question_bank(*, workspace) -> None:
    """Seed the workspace's question bank the first time anyone reads it (a read with nothing to seed writes
    nothing and records nothing)."""
    if not QuestionBankSeed.objects.filter(workspace=workspace).exists():
        # Ally seeds its defaults, not the reader: a read-only member's first look at the bank works too.
        with acting(via="system", role=None):
            question_bank_seed(workspace=workspace)
