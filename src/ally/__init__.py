"""Ally: a relationship-first CRM."""
