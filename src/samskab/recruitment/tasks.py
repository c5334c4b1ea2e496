"""Recruitment's background work (Django's tasks API; the worker runs it)."""

from django_tasks import task

from . import services


@task()
def erase_expired_task() -> int:
    return services.erase_expired()
