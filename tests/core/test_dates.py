import datetime as dt

from django.utils import timezone

from samskab.core import dates


def test_dates_from_1970_to_fifty_years_ahead_make_sense():
    today = timezone.localdate()
    assert dates.problem(dt.date(1970, 1, 1)) is None
    assert dates.problem(today) is None
    assert dates.problem(dt.date(today.year + 50, 12, 31)) is None
    assert dates.problem(None) is None


def test_year_one_and_far_futures_do_not():
    today = timezone.localdate()
    for absurd in (dt.date(1, 1, 1), dt.date(1969, 12, 31), dt.date(today.year + 51, 1, 1)):
        assert dates.problem(absurd) == (
            f"Angiv en dato mellem 01.01.1970 og 31.12.{today.year + 50}."
        )
