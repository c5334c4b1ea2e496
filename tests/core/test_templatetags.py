from fractions import Fraction

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from samskab.core.templatetags.core import number, quotient, widget


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("da", Fraction(12, 5), "2,4"),
        ("en", Fraction(12, 5), "2.4"),
        ("da", Fraction(12, 7), "1,71"),
    ],
)
def test_quotient_is_a_decimal_with_the_exact_fraction_in_its_title(language, value, shown):
    with translation.override(language):
        html = str(quotient(value))
    assert f">{shown}<" in html
    assert f'title="{value.numerator}/{value.denominator}"' in html


def test_whole_quotient_is_just_the_number():
    with translation.override("da"):
        assert quotient(Fraction(6, 1)) == "6"


def test_numbers_and_money_read_the_danish_way():
    with translation.override("da"):
        assert number(2.4, 1) == "2,4"
        assert number(1234) == "1.234"
        rendered = Template("{% load core %}{{ ore|kroner }}").render(Context({"ore": 25_000_050}))
        assert rendered == "250.000,50 kr."


class Limited(forms.Form):
    name = forms.CharField(max_length=20)


def test_widget_with_a_limit_leaves_the_counting_to_the_counter():
    html = widget(Limited()["name"])
    assert "maxlength" not in html
    assert 'aria-describedby="id_name-limit-message"' in html
    assert "input-width-xs" in html
