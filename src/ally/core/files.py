"""Files Ally writes hold people's personal details: each is created readable by its owner only."""

import os


def open_private(path, mode: str = "w", **options):
    """`open(path, mode)` for writing, the file mode 0600 even when it existed with a wider one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, mode, **options)
