"""Mail credentials encrypted at rest: Fernet, with a key derived from the installation's SECRET_KEY.

The key is derived (HKDF-SHA256 with a purpose of its own) rather than being SECRET_KEY itself, so
the secret that signs sessions is never used directly as an encryption key.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"ally.capture mail account passwords"


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(password: str) -> str:
    return _fernet().encrypt(password.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The password; ValueError when SECRET_KEY changed since it was stored (the account must be added again)."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError("the stored password cannot be read (the installation's secret changed); "
                         "add the account again") from None
