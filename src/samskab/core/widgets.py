import datetime as dt

from django import forms
from django.utils.formats import get_format

# strftime directives → the tokens the DKFDS date picker's data-dateformat understands.
_TOKENS = {"%d": "DD", "%m": "MM", "%Y": "YYYY"}
PICKER_FORMATS = {"DD/MM/YYYY", "DD-MM-YYYY", "DD.MM.YYYY", "DD MM YYYY", "DD/MM-YYYY"}


def picker_format():
    """The active language's first date input format, as the date picker spells it."""
    text = get_format("DATE_INPUT_FORMATS")[0]
    for directive, token in _TOKENS.items():
        text = text.replace(directive, token)
    return text if text in PICKER_FORMATS else "DD.MM.YYYY"


def date_example():
    """A date written the way the date field expects it (for the field's hint)."""
    return dt.date(2026, 3, 24).strftime(get_format("DATE_INPUT_FORMATS")[0])


class DatePickerInput(forms.DateInput):
    """The DKFDS date picker: a text field people may type in (24.03.2026, 24-3-2026 …), which
    the design system's JavaScript enhances with a calendar. Without JavaScript it is a plain
    text field; the server accepts every format in DATE_INPUT_FORMATS, and ISO."""

    input_type = "text"
    template_name = "core/widgets/date_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["dateformat"] = picker_format()
        return context
