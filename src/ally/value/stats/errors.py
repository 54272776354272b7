"""Errors raised by the customer-value core.

Both are ``ValueError`` subclasses so callers that already treat bad input as a ``ValueError``
keep working; the message always names the field or row and the problem.
"""


class ValueModelError(ValueError):
    """A model cannot be fitted or evaluated on the data given (too few customers, no repeat
    purchases, inconsistent frequency/recency/age, parameters out of range)."""


class TransactionsError(ValueError):
    """A transactions file cannot be read: empty file, missing column, unparsable date or amount,
    negative amount. The message names the column or the row."""
