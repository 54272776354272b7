"""Relationship strength and warm introductions (pure cores; the Django app comes later).

- `ally.network.strength`: a 0..1 strength for every pair of people with a basis (contact, an
  explicit relationship, the same organization), computed over a whole workspace in numpy.
- `ally.network.paths`: a compact graph of those strengths and the exact search for the best warm
  introductions from the team to anyone.

Neither imports Django; both are documented in docs/network.md.
"""
