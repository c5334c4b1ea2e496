import datetime as dt

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import date_format

MARCH_1 = dt.date(2026, 3, 1)


@pytest.mark.parametrize(("language", "shown"), [("da", "1. marts 2026"), ("en", "1 March 2026")])
def test_dates_read_the_way_the_language_writes_them(language, shown):
    with translation.override(language):
        assert date_format(MARCH_1) == shown


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("da", "1.3.2026"),
        ("da", "01.03.2026"),
        ("da", "01-03-2026"),
        ("da", "01032026"),
        ("da", "2026-03-01"),
        ("en", "01/03/2026"),
        ("en", "2026-03-01"),
    ],
)
def test_date_fields_accept_dates_as_people_type_them(language, typed):
    with translation.override(language):
        field = forms.DateField()
        assert field.clean(typed) == MARCH_1


def test_date_fields_refuse_a_date_that_does_not_exist():
    with translation.override("da"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("31.02.2026")
