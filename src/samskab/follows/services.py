"""Follow, unfollow, choose the digest, unsubscribe; and the one way apps report events.

Other apps call ``notify`` (one person: a draft open for their input, an invitation, a
mention, a decision due) or ``notify_followers`` (everyone who follows one of the event's
targets: a new document in a body, on a topic). Both write rows. What ``notify`` writes needs
the person, so it is also emailed at once (kind ``follows.notification``, queued with the
row's id only) unless they turned immediate emails off; an emailed notification is marked
``emailed_at`` and the digest does not repeat it. Everything else waits for the digest, which
the worker sends (``tasks.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core import audit, email
from samskab.core.access import AccessLevel
from samskab.core.errors import DomainError

from .models import DigestSettings, Follow, Frequency, Notification

# What may be followed, by the name the pages and the API use.
FOLLOWABLE = {"body": ("organisation", "body"), "topic": ("library", "tag")}
MAX_FOLLOWS = 200
FAN_OUT_BATCH = 1000


def _require_login(actor):
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Log in to follow."), code="forbidden")


def target_kind(obj) -> str | None:
    label = (obj._meta.app_label, obj._meta.model_name)
    return next((k for k, v in FOLLOWABLE.items() if v == label), None)


def settings_for(user) -> DigestSettings:
    found = DigestSettings.objects.filter(user=user).first()
    return found or DigestSettings.objects.create(user=user)


@transaction.atomic
def follow(actor, target=None, *, query="") -> Follow:
    """Follow an object (a body, a topic) or a saved search. Following twice is one follow."""
    _require_login(actor)
    query = " ".join((query or "").split())[:200]
    if (target is None) == (not query):
        raise DomainError(_("Follow either something or a search."), field="target")
    if target is not None and target_kind(target) is None:
        raise DomainError(_("This cannot be followed."), field="target")
    if Follow.objects.filter(user=actor).count() >= MAX_FOLLOWS:
        raise DomainError(
            _("You follow %(n)s things already: unfollow some first.") % {"n": MAX_FOLLOWS},
            field="target",
        )
    lookup = {"user": actor, "query": query, "content_type": None, "object_id": None}
    if target is not None:
        lookup["content_type"] = ContentType.objects.get_for_model(target)
        lookup["object_id"] = target.pk
    existing = Follow.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    created = Follow.objects.create(**lookup)
    settings_for(actor)
    audit.record(actor, created, "follow")
    return created


@transaction.atomic
def unfollow(actor, follow_: Follow) -> None:
    _require_login(actor)
    if follow_.user_id != actor.pk:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")
    audit.record(actor, follow_, "unfollow")
    follow_.delete()


@transaction.atomic
def set_frequency(actor, frequency: str) -> DigestSettings:
    _require_login(actor)
    if frequency not in Frequency.values:
        raise DomainError(_("Choose how often from the list."), field="frequency")
    found = settings_for(actor)
    found.frequency = frequency
    found.save(update_fields=["frequency"])
    return found


@transaction.atomic
def set_digest(actor, *, frequency: str, immediate: bool) -> DigestSettings:
    """How often the digest comes, and whether what needs the person is emailed at once."""
    _require_login(actor)
    if frequency not in Frequency.values:
        raise DomainError(_("Choose how often from the list."), field="frequency")
    found = DigestSettings.objects.select_for_update().get(pk=settings_for(actor).pk)
    changes: dict[str, list] = {}
    if found.frequency != frequency:
        changes["frequency"] = [found.frequency, frequency]
    if found.immediate != bool(immediate):
        changes["immediate"] = [found.immediate, bool(immediate)]
    found.frequency = frequency
    found.immediate = bool(immediate)
    found.save(update_fields=["frequency", "immediate"])
    if changes:
        audit.record(actor, found, "set_digest", changes=changes)
    return found


def wants_immediate(user) -> bool:
    """Whether ``user`` gets what needs them by email at once (on unless they turned it off)."""
    found = DigestSettings.objects.filter(user=user).values_list("immediate", flat=True).first()
    return True if found is None else bool(found)


_STOP_SALT = "samskab.follows.stop_immediate"


def stop_immediate_token(user) -> str:
    """The link in every immediate email that turns them off without logging in: the
    account's id, signed (a person without digest settings has no other token yet)."""
    from django.core import signing

    return signing.Signer(salt=_STOP_SALT).sign(str(user.pk))


def user_for_stop_token(token: str):
    from django.contrib.auth import get_user_model
    from django.core import signing

    try:
        pk = int(signing.Signer(salt=_STOP_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


@transaction.atomic
def stop_immediate(token: str) -> DigestSettings:
    """Stop the emails at once from the link in one (no login: the signed link is the proof);
    what needs the person then comes in their digest."""
    user = user_for_stop_token(token)
    if user is None:
        raise DomainError(_("The link is not valid."), field="token", code="not_found")
    found = DigestSettings.objects.select_for_update().get(pk=settings_for(user).pk)
    if found.immediate:
        found.immediate = False
        found.save(update_fields=["immediate"])
        audit.record(None, found, "stop_immediate")
    return found


@transaction.atomic
def unsubscribe(token: str) -> DigestSettings:
    """Stop the digests from the link in one (no login: the token is the proof)."""
    found = DigestSettings.objects.select_for_update().filter(token=token).first()
    if found is None:
        raise DomainError(_("The link is not valid."), field="token", code="not_found")
    found.frequency = Frequency.NEVER
    found.save(update_fields=["frequency"])
    audit.record(None, found, "unsubscribe")
    return found


def _user_of(recipient):
    return getattr(recipient, "user", None) if hasattr(recipient, "user_id") else recipient


def notify(
    recipient,
    kind: str,
    obj=None,
    *,
    title: str,
    url: str,
    access_level: str = AccessLevel.PUBLIC,
    body=None,
    context: str = "",
    stop_url: str = "",
) -> Notification | None:
    """Tell one person (a user, or a person with an account) about something that needs
    them: an email at once (unless they chose to wait for the digest), else their next
    digest. ``context`` is one line saying where it happened; ``stop_url`` a page that stops
    this kind of news without logging in, when the reporting app has one. Nobody with no
    account: None (an app that must reach people without an account says how itself)."""
    user = _user_of(recipient)
    if user is None or not getattr(user, "pk", None):
        return None
    immediate = bool(user.email) and user.is_active and wants_immediate(user)
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        title=title[:300],
        url=url[:500] or (obj.get_absolute_url() if obj is not None else ""),
        access_level=access_level,
        body=body,
        context=context[:300],
        stop_url=stop_url[:500],
        emailed_at=timezone.now() if immediate else None,
    )
    if immediate:
        # Ids only: the worker finds the address, and checks access, when it sends.
        email.queue("follows.notification", notification.pk)
    return notification


def notify_followers(
    kind: str,
    *,
    targets: Iterable,
    title: str,
    url: str,
    access_level: str = AccessLevel.PUBLIC,
    body=None,
    exclude_user=None,
) -> int:
    """Tell everyone who follows one of ``targets``; written in batches (many followers never
    sit in memory at once). Whether each may open it is decided when the digest is built."""
    condition = Q()
    for target in targets:
        condition |= Q(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    if not condition:
        return 0
    followers = (
        Follow.objects.filter(condition)
        .exclude(user__digest_settings__frequency=Frequency.NEVER)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    if exclude_user is not None:
        followers = followers.exclude(user_id=exclude_user.pk)
    count = 0
    batch: list[Notification] = []
    for user_id in followers.iterator(chunk_size=FAN_OUT_BATCH):
        batch.append(
            Notification(
                user_id=user_id,
                kind=kind,
                title=title[:300],
                url=url[:500],
                access_level=access_level,
                body=body,
            )
        )
        if len(batch) >= FAN_OUT_BATCH:
            Notification.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    Notification.objects.bulk_create(batch)
    return count + len(batch)
