"""Conversation coaching from transcripts."""
