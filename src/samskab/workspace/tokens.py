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


_OPT_OUT_SALT = "samskab.workspace.follow_up_opt_out"


def make_opt_out(person, body) -> str:
    """The link in a follow-up email that ends them: the person and the committee, signed."""
    return signing.Signer(salt=_OPT_OUT_SALT).sign(f"{person.pk}.{body.pk}")


def read_opt_out(token: str) -> tuple[int, int] | None:
    try:
        value = signing.Signer(salt=_OPT_OUT_SALT).unsign(token)
        person, body = value.split(".")
        return int(person), int(body)
    except (signing.BadSignature, ValueError):
        return None
