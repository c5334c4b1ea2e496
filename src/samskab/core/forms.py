"""Form fields that accept what people in Denmark type: "250.000,50", "24.2.2026".

Django parses numbers with the active language's decimal separator only (thousands separators
only when ``USE_THOUSAND_SEPARATOR`` is on, which would also put separators in every year
shown). These fields accept the Danish forms in both languages, and the international ones too.
Dates are parsed in the formats core/formats gives every language.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from . import dates

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"^(kr\.?|dkk)|(kr\.?|dkk|,-|\.-)$", re.IGNORECASE)


def _grouped(digits: str, separator: str) -> bool:
    """'250.000' with separator '.': thousands groups of exactly three digits."""
    return bool(re.fullmatch(r"\d{1,3}(?:" + re.escape(separator) + r"\d{3})+", digits))


def parse_decimal(text: str) -> Decimal:
    """A number as typed, Danish or international: '250.000,50', '250000,5', '250,000.50',
    '1 000', '250.000,50 kr.'. Where one separator could be either ('2.500'), the active
    language decides. Raises ``ValueError`` for anything else."""
    value = _CURRENCY.sub("", _SPACES.sub("", text or "")).strip()
    sign = ""
    if value[:1] in "-−":
        sign, value = "-", value[1:]
    if not value or not re.fullmatch(r"[\d.,]+", value) or not value[0].isdigit():
        raise ValueError(text)
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    if "," in value and "." in value:
        # Both are used: the last one separates the decimals.
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, fraction = value.rsplit(decimal, 1)
        if not _grouped(whole, thousands) and not whole.isdigit():
            raise ValueError(text)
        whole = whole.replace(thousands, "")
    elif "," in value or "." in value:
        separator = "," if "," in value else "."
        if value.count(separator) > 1 or (
            separator != decimal_separator and _grouped(value, separator)
        ):
            if not _grouped(value, separator):
                raise ValueError(text)
            whole, fraction = value.replace(separator, ""), ""
        else:
            whole, fraction = value.split(separator)
    else:
        whole, fraction = value, ""
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(text)
    try:
        return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
    except InvalidOperation as error:
        raise ValueError(text) from error


def parse_integer(text: str) -> int:
    """A whole number as typed ('1.000', '12'); ``ValueError`` for anything else ('2,5')."""
    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise ValueError(text)
    return int(number)


class NumberInput(forms.TextInput):
    """A text box for numbers (a browser's number box refuses "250.000,50" before we see it),
    showing the value the way the active language writes it."""

    def __init__(self, attrs=None, decimal_places: int | None = None):
        self.decimal_places = decimal_places
        base = {"inputmode": "decimal" if decimal_places else "numeric"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return formats.number_format(
                value, decimal_pos=self.decimal_places, use_l10n=True, force_grouping=True
            )
        return super().format_value(value)


class DecimalField(forms.DecimalField):
    widget = NumberInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.widget, NumberInput):
            self.widget.decimal_places = self.decimal_places
            self.widget.attrs["inputmode"] = "decimal"

    def widget_attrs(self, widget):
        # No HTML min/max/step: they belong to a browser's number box, not to a text box.
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class IntegerField(forms.IntegerField):
    widget = NumberInput

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_integer(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class DateField(forms.DateField):
    """A date typed the Danish way or chosen in a date box (the formats are the language's
    ``DATE_INPUT_FORMATS``, core/formats), within the sensible range (``core.dates``)."""

    default_validators = [dates.validate]
    default_error_messages = {
        "invalid": _("Enter a date as day.month.year, e.g. 24.2.2026."),
    }


def add_domain_error(form: forms.BaseForm, error) -> None:
    """Put each of a service's refusals (``DomainError.errors``) next to its field, or on the
    form when the field is not in it, keeping what was typed."""
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, str(message))
