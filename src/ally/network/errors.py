"""Errors raised by the network cores.

All are ``ValueError`` subclasses, so an edge that already maps bad input to a 400 or a CLI error
keeps working; the message names the row, line, field or node and the problem.
"""


class NetworkError(ValueError):
    """Bad input to a network core."""


class GraphInputError(NetworkError):
    """An edge list or EDGES.csv cannot be turned into a graph (bad id, strength out of (0, 1],
    missing header, wrong number of fields). The message names the row or line."""


class UnknownNodeError(NetworkError):
    """A team member or target is not a node of the graph (people without any tie are not in it)."""


class StrengthInputError(NetworkError):
    """Contact events, relationships or organizations given to the strength core are inconsistent
    (unknown kind, arrays of different lengths, a non-finite time). The message names the field."""
