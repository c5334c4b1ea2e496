"""One GIN index per kind the search finds, on PostgreSQL.

modelsearch keeps every kind in one table and finds a kind's hits with ``content_type_id`` and
``(title || body) @@ query``. In one index over all kinds, a common word lists tens of thousands
of rows, and every kind read that whole list, even a kind without a single hit: 10 to 25 ms each
for meetings, agenda items and recommendations at 100,000 documents. An index per kind holds
that kind's rows only, and a kind without the word answers in a fraction of a millisecond.

A kind's content type id is known only once its content type exists, so the indexes are made
after every ``migrate`` (``post_migrate``, connected in ``apps.py``), each only when missing.
"""

from __future__ import annotations

from django.db import connections

INDEX_NAME = "samskab_search_kind_{}_gin"


def _kinds(using: str) -> dict[str, int]:
    """{model label: content type id} of every kind the search index holds."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.index import get_indexed_models

    types = ContentType.objects.db_manager(using)
    return {model._meta.label: int(types.get_for_model(model).pk) for model in get_indexed_models()}


def index_names(using: str = "default") -> dict[str, str]:
    """{model label: the name of its index}."""
    return {label: INDEX_NAME.format(pk) for label, pk in _kinds(using).items()}


def ensure(using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return  # SQLite's FTS5 table is its own index
    if "modelsearch_indexentry" not in connection.introspection.table_names():
        return  # migrated back before the search index's own table
    with connection.cursor() as cursor:
        for pk in _kinds(using).values():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX_NAME.format(pk)} ON modelsearch_indexentry "
                f"USING gin ((title || body)) WHERE content_type_id = {pk}"
            )
