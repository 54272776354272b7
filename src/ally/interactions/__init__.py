"""Interactions, the person's timeline and follow-up promises."""
