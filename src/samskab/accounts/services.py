"""The account's business rules: personal API tokens. Pages and the API call these."""

import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samskab.core import audit
from samskab.core.errors import DomainError

from . import rules as perms
from .models import ApiToken, User

# A person needs a handful of tokens (a script, a report, a test system), not hundreds.
MAX_TOKENS = 10
KEY_PREFIX = "smk_"
NAME_LENGTH = 100  # ApiToken.name's max_length


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def tokens_of(user) -> list[ApiToken]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(ApiToken.objects.filter(user=user))


@transaction.atomic
def create_token(actor, *, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor; returns it and its key, which is shown this once only."""
    if not perms.can_use_api(actor):
        raise DomainError(
            _("API tokens are for council members and the secretariat."), code="forbidden"
        )
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name, e.g. what it is for."), field="name")
    if len(name) > NAME_LENGTH:
        raise DomainError(_("The name is too long (at most 100 characters)."), field="name")
    # Locks the account's row: two requests at once cannot both pass the count below.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if ApiToken.objects.filter(user=actor).count() >= MAX_TOKENS:
        raise DomainError(
            _("You already have %(n)d tokens. Revoke one you no longer use first.")
            % {"n": MAX_TOKENS},
            field="name",
        )
    if ApiToken.objects.filter(user=actor, name=name).exists():
        raise DomainError(_("You already have a token with this name."), field="name")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=actor, name=name, prefix=key[: len(KEY_PREFIX) + 4], digest=_digest(key)
            )
    except IntegrityError as error:  # the same name saved by a parallel request
        raise DomainError(_("You already have a token with this name."), field="name") from error
    audit.record(actor, token, "create_token", name=name)
    return token, key


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> None:
    """Revoke one of the actor's own tokens (the secretariat revokes others' in the back
    office). Revoking stays possible after API access ends."""
    if not getattr(actor, "is_authenticated", False) or token.user_id != actor.pk:
        raise DomainError(_("This is not one of your tokens."), code="forbidden")
    audit.record(actor, token, "revoke_token", name=token.name)
    token.delete()


def user_for_key(key: str):
    """The account a key belongs to, or None: unknown or revoked, an inactive account, or an
    owner who no longer has API access (a council seat that ended)."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(key)).first()
    if token is None or not token.user.is_active or not perms.can_use_api(token.user):
        return None
    return token.user
