"""The library's background work (run by the task worker): reading a document's text, and
working out which committees have similar text."""

from django_tasks import task


@task()
def read_text(document_pk: int, number: int) -> str:
    from . import services

    return services.read_text(document_pk, number)


# After the search index's own updates (priority 0): it reads what they wrote.
@task(priority=-10)
def refresh_similar(body_pk: int) -> int:
    from samskab.organisation.models import Body

    from . import similar

    body = Body.objects.filter(pk=body_pk).first()
    return len(similar.refresh(body)) if body is not None else 0
