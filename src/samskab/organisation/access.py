"""Who reaches which access level (``core.access.AccessLevel``), for one object and as a filter.

One place for the rule, which meetings use today and documents and threads will use:
- public: everybody, logged in or not;
- council: the current council members (and the secretariat);
- body: the current members of the body the content belongs to (and the secretariat);
- secretariat: the secretariat only.
The secretariat reaches every level.
"""

from django.db.models import Q

from samskab.core.access import AccessLevel

from .rules import current_body_ids, is_council_member, is_secretariat


def may_access(user, level, body) -> bool:
    """Whether ``user`` may read content at ``level`` that belongs to ``body``."""
    if level == AccessLevel.PUBLIC:
        return True
    if is_secretariat(user):
        return True
    if level == AccessLevel.COUNCIL:
        return is_council_member(user)
    if level == AccessLevel.BODY:
        return body is not None and body.pk in current_body_ids(user)
    return False


def access_q(user, level_field="access_level", body_field="body") -> Q:
    """A filter for the rows ``user`` may read, given the names of their level and body fields
    (for lists and feeds: one query whatever their length)."""
    if is_secretariat(user):
        return Q()
    q = Q(**{level_field: AccessLevel.PUBLIC})
    if is_council_member(user):
        q |= Q(**{level_field: AccessLevel.COUNCIL})
    bodies = current_body_ids(user)
    if bodies:
        q |= Q(**{level_field: AccessLevel.BODY, f"{body_field}__in": bodies})
    return q
