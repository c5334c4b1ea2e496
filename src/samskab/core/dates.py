"""The one rule for whether a date someone entered makes sense, used by services and forms."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Today's councils, committees and their records all begin after the municipal reform of 1970;
# an earlier date is a typing error (year 1, 202 for 2026).
EARLIEST = dt.date(1970, 1, 1)
# Plans, terms and due dates reach a few years ahead, never decades.
YEARS_AHEAD = 50


def latest(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return dt.date(today.year + YEARS_AHEAD, 12, 31)


def problem(value: dt.date | None) -> str | None:
    """Why ``value`` is not a date anyone means here, or None when it is (or is empty)."""
    if value is None:
        return None
    if EARLIEST <= value <= latest():
        return None
    return _("Enter a date between %(first)s and %(last)s.") % {
        "first": EARLIEST.strftime("%d.%m.%Y"),
        "last": latest().strftime("%d.%m.%Y"),
    }


def validate(value: dt.date | None) -> None:
    """``problem`` as a Django validator (for form and model fields)."""
    message = problem(value)
    if message:
        raise ValidationError(message, code="date_out_of_range")
