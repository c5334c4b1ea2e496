import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from samskab.organisation.models import (
    Body,
    BodyKind,
    Membership,
    Person,
    TermOfOffice,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


def _generate(**options):
    stderr = io.StringIO()
    call_command(
        "generate", scale=0.02, today=TODAY, stdout=io.StringIO(), stderr=stderr, **options
    )
    return stderr.getvalue()


def test_generate_builds_twenty_years_of_councils_and_committees():
    progress = _generate()
    terms = list(TermOfOffice.objects.order_by("start_date"))
    assert [t.name for t in terms] == [
        "2010–2013",
        "2014–2017",
        "2018–2021",
        "2022–2025",
        "2026–2029",
    ]
    councils = Body.objects.filter(kind=BodyKind.COUNCIL)
    assert councils.count() == 5
    current = councils.get(term=terms[-1])
    assert Membership.objects.current(TODAY).filter(body=current).count() == 19
    assert Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).count() == 8
    assert Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).active(TODAY).exists()
    assert Person.objects.count() == 400
    assert "100% task committee memberships" in progress


class _Undo(Exception):
    pass


def _snapshot():
    from samskab.taskcommittees.models import TaskCommittee

    return (
        list(Membership.objects.order_by("id").values_list("person__name", "body__slug", "role")),
        list(
            TaskCommittee.objects.order_by("body__slug").values_list(
                "body__slug", "state", "approved_version__number", "state_changed_on"
            )
        ),
    )


def test_generate_is_deterministic_for_a_seed():
    # Generate, look, undo (a savepoint rolled back), generate again: the same data.
    try:
        with transaction.atomic():
            _generate(seed=7)
            first = _snapshot()
            raise _Undo
    except _Undo:
        pass
    assert len(first[0]) > 100
    assert {state for _slug, state, _v, _d in first[1]} >= {"closed", "working"}
    _generate(seed=7)
    assert _snapshot() == first


def test_generate_refuses_a_database_that_has_data(world):
    with pytest.raises(CommandError) as error:
        _generate()
    assert "fresh database" in str(error.value)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's VACUUM")
@pytest.mark.django_db(transaction=True)
def test_generate_leaves_postgresql_vacuumed_as_a_grown_database_is():
    """Right after the bulk load no page was marked all-visible, so a count read the whole
    table where a database vacuumed over the years reads an index (43 against 10 ms for the
    document list at 100,000 documents): generate vacuums as well as analyses."""
    from django.db import connection

    call_command("generate", scale=0.005, today=TODAY, stdout=io.StringIO(), stderr=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = 'library_document'")
        (all_visible,) = cursor.fetchone()
    assert all_visible > 0
