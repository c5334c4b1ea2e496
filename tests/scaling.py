"""Query counts at two sizes of a generated municipality (``samskab generate``).

A list page must run the same number of queries however much history the municipality has:
each test generates a small and a larger municipality (each inside a transaction that is
rolled back), counts the queries of its pages at both sizes and compares them."""

import io
from datetime import date

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskab.accounts.models import User
from samskab.organisation.generate import SECRETARIAT_EMAIL
from samskab.organisation.models import Body, BodyKind, Person
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

# 8 and 60 task committees (the lists page at 40 and 50); 400 and 3,000 people.
SMALL, LARGE = 0.02, 0.15


class _Undo(Exception):
    pass


class Data:
    """Named things of a generated municipality, for building the pages' addresses."""

    def __init__(self):
        self.working = (
            TaskCommittee.objects.filter(state=State.WORKING)
            .order_by("-body__start_date", "body__slug")
            .select_related("body")[0]
        )
        self.closed = (
            TaskCommittee.objects.filter(state=State.CLOSED, recommendations__isnull=False)
            .order_by("-body__end_date", "body__slug")
            .select_related("body")[0]
        )
        # A standing committee of an ended term (its members are former members, a list
        # that grows with history) with the most task committees under it.
        self.standing = (
            Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE, end_date__lt=date.today())
            .annotate(n=Count("children"))
            .order_by("-n", "slug")[0]
        )
        self.council_member = (
            Person.objects.filter(memberships__body__kind=BodyKind.COUNCIL)
            .annotate(n=Count("memberships"))
            .order_by("-n", "pk")[0]
        )


def _client(email=None):
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def clients():
    council = (
        User.objects.filter(email__startswith="council", person__isnull=False)
        .annotate(n=Count("person__memberships"))
        .order_by("-n", "pk")
    )
    return {
        "anonymous": _client(),
        "council member": _client(council[0].email),
        "secretariat": _client(SECRETARIAT_EMAIL),
    }


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def query_counts(scale, pages) -> dict[str, int]:
    """Generate a municipality at ``scale`` and count the queries of each page.

    ``pages(data)`` gives ``{label: (who, url)}``; who is a key of :func:`clients` or an
    email. Every anonymous page is counted as rendered afresh (the data were just written), so
    the page cache's own queries are part of the figure."""
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            call_command("generate", scale=scale, stdout=io.StringIO(), stderr=io.StringIO())
            by_who = clients()
            for label, (who, url) in pages(Data()).items():
                # ``who`` is a key of clients(), or the email of the user a page needs.
                client = by_who[who] if who in by_who else _client(who)
                counts[label] = count_queries(client, url)
            raise _Undo
    except _Undo:
        pass
    return counts


def assert_same_queries_at_two_sizes(pages, most: int):
    small = query_counts(SMALL, pages)
    large = query_counts(LARGE, pages)
    grown = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grown, f"queries (small, large) of pages that grew: {grown}"
    too_many = {page: n for page, n in small.items() if n > most}
    assert not too_many, f"more than {most} queries: {too_many}"
