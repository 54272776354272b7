"""The one error a bad transcript raises.

A ``ValueError`` subclass, like the value core's errors, so edges that already turn bad input into
a 400 or a CLI message keep working. It always names a line of the file: a person fixing an export
needs to know where to look, not that "parsing failed".
"""


class TranscriptError(ValueError):
    """A transcript cannot be read. ``line`` is 1-based; ``message`` says what is wrong there."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")
