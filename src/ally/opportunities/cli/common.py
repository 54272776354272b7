"""What the opportunities commands share."""

PERSON_HELP = "An id, an email, or part of a name."
