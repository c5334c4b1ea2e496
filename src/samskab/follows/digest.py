"""Building and sending digests, in batches, on the worker.

``queue_due(frequency)`` walks the people due a digest by primary key, a batch at a time,
and queues one task per batch (``tasks.send_batch``); a batch builds each person's digest
from their waiting notifications and saved searches, keeps only what they may open now, and
queues the batch's emails as one task (ids only, sent over one connection: core/email.py).
Nothing loads every follower at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from samskab.core import email
from samskab.organisation.access import may_access

from .models import DigestSettings, Follow, Frequency, Notification
from .services import stop_immediate_token

BATCH = 500
MAX_ITEMS = 50
MAX_HITS = 5
# A little less than the period, so a digest sent a few minutes late is not skipped next time.
PERIOD = {
    Frequency.DAILY: dt.timedelta(hours=20),
    Frequency.WEEKLY: dt.timedelta(days=6, hours=20),
}

# Functions (user, query, since) -> [(title, url)] for saved searches, filled by the apps that
# can search (the library registers its own in its AppConfig.ready()).
saved_searches: list[Callable] = []


def register_saved_search(function: Callable) -> None:
    if function not in saved_searches:
        saved_searches.append(function)


# Functions (user, level, body) -> bool by the prefix of a notification's kind, for apps whose
# readers are not only those ``may_access`` lets in (the collaboration room: a task
# committee's members also read its working groups, former members keep reading). Registered
# in the app's AppConfig.ready(), as the saved searches are.
access_rules: dict[str, Callable] = {}


def register_access_rule(kind_prefix: str, function: Callable) -> None:
    access_rules[kind_prefix] = function


def may_open(user, notification: Notification) -> bool:
    """Whether ``user`` may open what ``notification`` points at, now."""
    for prefix, rule in access_rules.items():
        if notification.kind.startswith(prefix):
            return bool(rule(user, notification.access_level, notification.body))
    return may_access(user, notification.access_level, notification.body)


def due(frequency: str, now: dt.datetime | None = None):
    now = now or timezone.now()
    return DigestSettings.objects.filter(frequency=frequency).filter(
        Q(last_sent__isnull=True) | Q(last_sent__lt=now - PERIOD[Frequency(frequency)])
    )


def queue_due(frequency: str, now: dt.datetime | None = None) -> int:
    """Queue the batches of everyone due a ``frequency`` digest; answers how many batches."""
    from .tasks import send_batch

    batches, last = 0, 0
    while True:
        ids = list(
            due(frequency, now)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return batches
        send_batch.enqueue(ids)
        batches += 1
        last = ids[-1]


def _waiting(user_ids) -> dict[int, list[Notification]]:
    """The oldest waiting notifications of each person of a batch, at most ``MAX_ITEMS * 2``
    each, in one query (what was emailed at once is not repeated in the digest)."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    rows = (
        Notification.objects.filter(
            user_id__in=user_ids, digested_at__isnull=True, emailed_at__isnull=True
        )
        .select_related("body")
        .annotate(place=Window(RowNumber(), partition_by=[F("user_id")], order_by=F("id").asc()))
        .filter(place__lte=MAX_ITEMS * 2)
        .order_by("user_id", "id")
    )
    waiting: dict[int, list[Notification]] = {}
    for notification in rows:
        waiting.setdefault(notification.user_id, []).append(notification)
    return waiting


def _saved_queries(user_ids) -> dict[int, list[str]]:
    queries: dict[int, list[str]] = {}
    for user_id, query in (
        Follow.objects.filter(user_id__in=user_ids)
        .exclude(query="")
        .order_by("user_id", "id")
        .values_list("user_id", "query")
    ):
        if len(queries.setdefault(user_id, [])) < 20:
            queries[user_id].append(query)
    return queries


def build(
    settings: DigestSettings,
    waiting: list[Notification] | None = None,
    queries: list[str] | None = None,
) -> tuple[list[Notification], list[tuple[str, str]], list[int]]:
    """The notifications (that the person may open) and saved-search hits for one digest, and
    the notifications it settles (shown, or out of the person's reach). ``send_batch`` passes
    what it read for the whole batch; alone, it reads the person's own."""
    user = settings.user
    if waiting is None:
        waiting = _waiting([user.pk]).get(user.pk, [])
    if queries is None:
        queries = _saved_queries([user.pk]).get(user.pk, [])
    reachable = [n for n in waiting if may_open(user, n)]
    items = reachable[:MAX_ITEMS]
    shown = {n.pk for n in items}
    settled = [n.pk for n in waiting if n.pk in shown or n not in reachable]
    since = settings.last_sent or (timezone.now() - PERIOD[Frequency.WEEKLY])
    hits: list[tuple[str, str]] = []
    for query in queries:
        for search in saved_searches:
            hits += [(title, url) for title, url in search(user, query, since)[:MAX_HITS]]
    return items, hits, settled


def send_batch(ids: list[int], now: dt.datetime | None = None) -> int:
    """Build and queue the digests of one batch; answers how many emails were queued. The
    batch's notifications and saved searches are read in two queries and settled in two
    updates, and its emails go out as one task; what remains per person is the access
    check."""
    now = now or timezone.now()
    chosen = [
        s
        for s in DigestSettings.objects.filter(pk__in=ids).select_related("user").order_by("pk")
        if s.frequency != Frequency.NEVER and s.user.is_active
    ]
    user_ids = [s.user_id for s in chosen]
    with transaction.atomic():
        waiting = _waiting(user_ids)
        queries = _saved_queries(user_ids)
        settled: list[int] = []
        outgoing: list[tuple[int, dict]] = []
        for settings in chosen:
            items, hits, done = build(
                settings, waiting.get(settings.user_id, []), queries.get(settings.user_id, [])
            )
            settled += done
            if items or hits:
                outgoing.append(
                    (settings.pk, {"ids": [n.pk for n in items], "hits": [list(h) for h in hits]})
                )
        # The batch's emails are one task, sent over one connection.
        email.queue_batch("follows.digest", outgoing)
        sent = len(outgoing)
        Notification.objects.filter(pk__in=settled).update(digested_at=now)
        DigestSettings.objects.filter(pk__in=[s.pk for s in chosen]).update(last_sent=now)
    return sent


VARIABLES = ("name", "count", "items", "unsubscribe_url", "settings_url")


def message(pk, *, ids=(), hits=()):
    """The digest email (core/email.py kind ``follows.digest``)."""
    from django.conf import settings as conf

    found = DigestSettings.objects.select_related("user__person").filter(pk=pk).first()
    if found is None or found.frequency == Frequency.NEVER or not found.user.email:
        return None
    notifications = Notification.objects.filter(user=found.user, pk__in=list(ids)).order_by("id")
    lines = [f"- {n.title}\n  {email.site_url(n.url)}" for n in notifications]
    lines += [f"- {title}\n  {email.site_url(url)}" for title, url in hits]
    if not lines:
        return None
    person = getattr(found.user, "person", None)
    return email.Message(
        to=found.user.email,
        language=conf.LANGUAGE_CODE,
        context={
            "name": person.name if person else found.user.email,
            "count": len(lines),
            "items": "\n".join(lines),
            "unsubscribe_url": email.site_url(reverse("follows:unsubscribe", args=[found.token])),
            "settings_url": email.site_url(reverse("follows:mine")),
        },
    )


NOTIFICATION_VARIABLES = (
    "name",
    "title",
    "link",
    "context",
    "settings_url",
    "stop_url",
    "stop_immediate_url",
)


def notification_message(pk):
    """The email at once about one notification (core/email.py kind ``follows.notification``):
    nothing when the person has meanwhile turned immediate emails off, lost their account or
    address, or may no longer open what it points at."""
    from django.conf import settings as conf

    found = Notification.objects.select_related("user", "body").filter(pk=pk).first()
    if found is None or not found.user.is_active or not found.user.email:
        return None
    chosen = DigestSettings.objects.filter(user=found.user).first()
    if chosen is not None and not chosen.immediate:
        # Turned off after it was queued: it goes into the digest instead.
        Notification.objects.filter(pk=pk).update(emailed_at=None)
        return None
    if not may_open(found.user, found):
        return None
    person = getattr(found.user, "person", None)
    return email.Message(
        to=found.user.email,
        language=conf.LANGUAGE_CODE,
        context={
            "name": person.name if person else found.user.email,
            "title": found.title,
            "link": email.site_url(found.url),
            "context": found.context,
            "settings_url": email.site_url(reverse("follows:mine")),
            "stop_url": email.site_url(found.stop_url) if found.stop_url else "",
            "stop_immediate_url": email.site_url(
                reverse("follows:stop_immediate", args=[stop_immediate_token(found.user)])
            ),
        },
    )
