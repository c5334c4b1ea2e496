"""Every list runs a bounded number of queries, the same at two sizes of a generated
municipality (tests/scaling.py). Each app's tests name their pages; the two municipalities are
generated once for all of them."""

import pytest

from .api.test_api import _api_lists
from .appointment.scaling_pages import _appointment_pages
from .library.scaling_pages import _pages as _library_pages
from .organisation.test_pages import _organisation_pages
from .portal.scaling_pages import _pages as _portal_pages
from .scaling import assert_same_queries_at_two_sizes
from .taskcommittees.test_http import _task_committee_pages
from .workspace.scaling_pages import _room_pages

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Each set of pages, and the most queries any of its pages may run.
PAGE_SETS = {
    "organisation": (_organisation_pages, 16),
    "task committees": (_task_committee_pages, 30),
    "appointment": (_appointment_pages, 30),
    "library": (_library_pages, 30),
    "portal": (_portal_pages, 45),
    "room": (_room_pages, 30),
    "API lists": (_api_lists, 12),
}


def test_every_list_runs_the_same_queries_at_two_sizes():
    assert_same_queries_at_two_sizes(PAGE_SETS)
