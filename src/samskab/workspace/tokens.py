"""The personal link in an invitation to a working group, as the surveys make theirs: the
invitation's random key, signed with the site's secret. A link cannot be guessed or forged
and carries no personal data; the invitation's end date, not the signature, ends access."""

import secrets

from django.core import signing

_SALT = "samskab.workspace.invitation"


def new_key() -> str:
    return secrets.token_urlsafe(24)


def make(invitation) -> str:
    return signing.Signer(salt=_SALT).sign(invitation.key)


def read(token: str) -> str | None:
    """The key a link carries, or None when the link was not made by us."""
    try:
        key = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return key or None
