"""Workspaces, memberships and the request's workspace scope."""
