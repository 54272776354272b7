"""Imports and exports of whole workspaces and address books."""
