"""Relationship strength and warm-introduction paths."""
