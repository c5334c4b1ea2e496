"""The library's background work: reading a document's text (run by the task worker)."""

from django_tasks import task


@task()
def read_text(document_pk: int, number: int) -> str:
    from . import services

    return services.read_text(document_pk, number)
