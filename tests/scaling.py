"""Query counts at two sizes of a generated municipality (``samskab generate``).

A list page must run the same number of queries however much history the municipality has:
each app's tests name their pages (a function of the generated data), and one test
(tests/test_scaling.py) generates a small and a larger municipality once (each inside a
transaction that is rolled back), counts the queries of every app's pages at both sizes and
compares them. Generating is most of the time: once for all the apps, not once per app."""

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


def query_counts(scale, page_sets) -> dict[str, dict[str, int]]:
    """Generate a municipality at ``scale`` and count the queries of each page of each set.

    ``page_sets`` maps a set's name to ``pages(data)``, which gives ``{label: (who, url)}``;
    who is a key of :func:`clients` or an email. Every anonymous page is counted as rendered
    afresh (the data were just written), so the page cache's own queries are part of the
    figure. A page that two sets both visit is counted cold by the first (a logged-in page's
    shared fragments are then cached); the sets run in the same order at both sizes."""
    counts: dict[str, dict[str, int]] = {}
    try:
        with transaction.atomic():
            call_command("generate", scale=scale, stdout=io.StringIO(), stderr=io.StringIO())
            data = Data()
            for name, pages in page_sets.items():
                by_who = clients()
                counts[name] = {}
                for label, (who, url) in pages(data).items():
                    # ``who`` is a key of clients(), or the email of the user a page needs.
                    client = by_who[who] if who in by_who else _client(who)
                    counts[name][label] = count_queries(client, url)
            raise _Undo
    except _Undo:
        pass
    return counts


def assert_same_queries_at_two_sizes(page_sets):
    """``page_sets``: ``{name: (pages, most)}``; every page of a set runs at most ``most``
    queries, and the same number at both sizes."""
    pages = {name: pages for name, (pages, _most) in page_sets.items()}
    small = query_counts(SMALL, pages)
    large = query_counts(LARGE, pages)
    grown = {
        f"{name}: {page}": (n, large[name][page])
        for name, counts in small.items()
        for page, n in counts.items()
        if n != large[name][page]
    }
    assert not grown, f"queries (small, large) of pages that grew: {grown}"
    too_many = {
        f"{name}: {page}": n
        for name, counts in small.items()
        for page, n in counts.items()
        if n > page_sets[name][1]
    }
    assert not too_many, f"more queries than the set allows: {too_many}"
