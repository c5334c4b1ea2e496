"""The digest bench's in-process steps (``bench/digest.py`` runs them against its database):

- ``setup N``: N followers of a public body, each with a daily digest due, two waiting
  notifications, and every tenth also a saved search; written in bulk.
- ``queue``: queues the task that walks everyone due a daily digest (``follows.tasks``).
- ``count``: how many digests were settled and how many emails were queued and sent.

Prints JSON."""

import json
import sys
import time

import django


def setup(n: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from samskab.core.access import AccessLevel
    from samskab.follows.models import DigestSettings, Follow, Frequency, Notification
    from samskab.organisation.models import Body, BodyKind

    started = time.monotonic()
    body = Body.objects.create(
        name="Opgaveudvalget for fremtidens idrætsfaciliteter",
        slug="fremtidens-idraetsfaciliteter",
        kind=BodyKind.TASK_COMMITTEE,
    )
    User = get_user_model()
    batch = 5000
    for first in range(0, n, batch):
        numbers = range(first, min(first + batch, n))
        with transaction.atomic():
            users = User.objects.bulk_create(
                [User(email=f"foelger.{i}@example.org", password="!") for i in numbers]  # noqa: S106 - unusable
            )
            DigestSettings.objects.bulk_create(
                [DigestSettings(user=u, frequency=Frequency.DAILY, immediate=False) for u in users]
            )
            Follow.objects.bulk_create(
                [Follow(user=u, query="idrætsfaciliteter") for u in users[::10]]
            )
            Notification.objects.bulk_create(
                [
                    Notification(
                        user=u,
                        kind=kind,
                        title=title,
                        url=body.get_absolute_url(),
                        access_level=AccessLevel.PUBLIC,
                        body=body,
                    )
                    for u in users
                    for kind, title in (
                        ("taskcommittees.decision_due", "Byrådet beslutter kommissoriet"),
                        ("taskcommittees.draft_open", "Udkast til kommissorium er åbent for input"),
                    )
                ]
            )
    return {"followers": n, "seconds": round(time.monotonic() - started, 1)}


def queue() -> dict:
    from samskab.follows.tasks import queue_digests

    queue_digests.enqueue("daily")
    return {"queued": True}


def count() -> dict:
    from django_tasks_db.models import DBTaskResult

    from samskab.follows.models import DigestSettings, Notification

    return {
        "digests": DigestSettings.objects.filter(last_sent__isnull=False).count(),
        "waiting": Notification.objects.filter(digested_at__isnull=True).count(),
        # A batch's emails are one task, which answers how many it sent.
        "emails": sum(
            DBTaskResult.objects.filter(
                task_path__endswith="send_emails", status="SUCCESSFUL"
            ).values_list("return_value", flat=True)
        ),
        "failed": DBTaskResult.objects.filter(status="FAILED").count(),
        "unfinished": DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).count(),
    }


def main(argv):
    django.setup()
    if argv[0] == "setup":
        result = setup(int(argv[1]))
    elif argv[0] == "queue":
        result = queue()
    else:
        result = count()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
