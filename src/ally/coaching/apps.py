from django.apps import AppConfig


class CoachingConfig(AppConfig):
    """Conversation coaching from transcripts."""

    name = "ally.coaching"
    label = "coaching"
