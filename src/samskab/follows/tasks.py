"""The worker's part of the digests: one task walks who is due, one task per batch sends."""

from django_tasks import task


@task()
def queue_digests(frequency: str) -> int:
    from . import digest

    return digest.queue_due(frequency)


@task()
def send_batch(ids: list[int]) -> int:
    from . import digest

    return digest.send_batch(ids)
