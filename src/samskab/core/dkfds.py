"""Texts for the design system's JavaScript (date picker, character counter, menu) in the
active language; DKFDS ships them in Danish only. base.html writes them as JSON for samskab.js."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def texts():
    """The design system's JavaScript texts in the active language (read by samskab.js)."""
    months = [
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    ]
    days = [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]
    month_keys = [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ]  # fmt: skip
    day_keys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    date_picker = {
        "open_calendar": _("Open calendar"),
        "choose_a_date": _("Choose a date"),
        "choose_a_date_between": _(
            "Choose a date between {minDay} {minMonthStr} {minYear} "
            "and {maxDay} {maxMonthStr} {maxYear}"
        ),
        "choose_a_date_before": _(
            "Choose a date. You can choose up to {maxDay} {maxMonthStr} {maxYear}."
        ),
        "choose_a_date_after": _(
            "Choose a date. You can choose from {minDay} {minMonthStr} {minYear} on."
        ),
        "aria_label_date": _("{dayStr} {day} {monthStr} {year}"),
        "current_month_displayed": _("Showing {monthLabel} {focusedYear}"),
        "first_possible_date": _("First possible date"),
        "last_possible_date": _("Last possible date"),
        "previous_year": _("One year back"),
        "previous_month": _("One month back"),
        "next_month": _("One month forward"),
        "next_year": _("One year forward"),
        "select_month": _("Choose month"),
        "select_year": _("Choose year"),
        "previous_years": _("{years} years back"),
        "next_years": _("{years} years forward"),
        "guide": _(
            "With the keyboard, the left and right arrow keys change the day, up and down the "
            "week, Page Up and Page Down the month, and Shift with Page Up or Page Down the year. "
            "Home and End go to the start or end of a week."
        ),
        "months_displayed": _("Choose a month"),
        "years_displayed": _("Showing the years {start} to {end}. Choose a year."),
    }
    # Each language's own capitals: "March" in English, "marts" in Danish.
    date_picker.update(dict(zip(month_keys, months, strict=True)))
    date_picker.update(dict(zip(day_keys, days, strict=True)))
    return {
        "date_picker": date_picker,
        "character_limit": {
            "character_remaining": _("You have {value} character left"),
            "characters_remaining": _("You have {value} characters left"),
            "character_too_many": _("You have {value} character too many"),
            "characters_too_many": _("You have {value} characters too many"),
        },
        "more": pgettext("main menu", "More"),
    }
