import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from samskab.core.forms import DateField, DecimalField, IntegerField, parse_decimal


@pytest.mark.parametrize(
    ("typed", "danish", "english"),
    [
        ("250.000,50", "250000.50", "250000.50"),
        ("250,000.50", "250000.50", "250000.50"),
        ("250000,5", "250000.5", "250000.5"),
        ("250 000", "250000", "250000"),
        ("250.000,50 kr.", "250000.50", "250000.50"),
        ("1.234.567", "1234567", "1234567"),
        ("12", "12", "12"),
        ("-3,5", "-3.5", "-3.5"),
        # One separator before three digits: the language decides.
        ("2.500", "2500", "2.500"),
        ("2,500", "2.500", "2500"),
    ],
)
def test_parse_decimal_reads_numbers_as_people_type_them(typed, danish, english):
    with translation.override("da"):
        assert parse_decimal(typed) == Decimal(danish)
    with translation.override("en"):
        assert parse_decimal(typed) == Decimal(english)


@pytest.mark.parametrize("typed", ["", "abc", "1.2.3", "1,2,3", "1.23.456", "12a", ",5", "--1"])
def test_parse_decimal_refuses_what_is_no_number(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


def test_decimal_field_shows_its_value_the_danish_way():
    class Form(forms.Form):
        budget = DecimalField(decimal_places=2, max_digits=14)

    with translation.override("da"):
        html = str(Form(initial={"budget": Decimal("250000.5")})["budget"])
    assert 'value="250.000,50"' in html
    assert 'inputmode="decimal"' in html
    assert 'type="text"' in html


def test_integer_field_accepts_thousands_and_refuses_fractions():
    field = IntegerField()
    with translation.override("da"):
        assert field.clean("1.000") == 1000
        with pytest.raises(forms.ValidationError):
            field.clean("2,5")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    "typed", ["24.2.2026", "24.02.2026", "24-02-2026", "24/2/2026", "24.2.26", "2026-02-24"]
)
def test_date_field_accepts_danish_dates_in_both_languages(language, typed):
    with translation.override(language):
        assert DateField().clean(typed) == dt.date(2026, 2, 24)


@pytest.mark.parametrize("typed", ["0001-01-01", "1.1.1900", "1.1.9999"])
def test_date_field_refuses_absurd_years(typed):
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        DateField().clean(typed)
    assert "Enter a date between 01.01.1970 and" in error.value.messages[0]


def test_date_field_says_how_to_write_a_date():
    with translation.override("da"), pytest.raises(forms.ValidationError) as error:
        DateField().clean("31.2.2026")
    assert error.value.messages == ["Angiv datoen som dag.måned.år, fx 24.2.2026."]
