"""Shared page layout, static assets and page components."""
