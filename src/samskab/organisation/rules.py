"""Who someone is in the organisation, as rules predicates (one place for each role)."""

import rules
from django.utils import timezone

from .models import BodyKind, Membership


def person_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def _current_memberships(user):
    # Cached on the user object, which lives for one request: roles are asked many times
    # per page but must never outlive the request (no state in process memory).
    cache = getattr(user, "_samskab_memberships", None)
    if cache is None:
        # By the user's id, so that asking for roles never loads the person on its own.
        cache = (
            list(
                Membership.objects.current(timezone.localdate())
                .filter(person__user=user.pk)
                .values_list("body_id", "body__kind", "is_council_member")
            )
            if getattr(user, "is_authenticated", False)
            else []
        )
        user._samskab_memberships = cache
    return cache


def current_body_ids(user) -> set[int]:
    """The bodies the user currently sits in (empty for anonymous visitors)."""
    return {body for body, _kind, _c in _current_memberships(user)}


@rules.predicate
def is_secretariat(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)


@rules.predicate
def is_council_member(user):
    return any(kind == BodyKind.COUNCIL for _b, kind, _c in _current_memberships(user))


@rules.predicate
def is_member_of(user, body):
    return body is not None and any(b == body.pk for b, _k, _c in _current_memberships(user))
