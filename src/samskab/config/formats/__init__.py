"""Formats that differ from Django's for each language (``FORMAT_MODULE_PATH``).

Dates are typed the Danish way in both languages: "24.2.2026", "24-02-2026", "24/2/2026", with
two-digit years too, and ISO ("2026-02-24", what a browser's date box sends). Day before
month always: an English page in a Danish municipality means 24/2, never February the 24th's
American order. Every form's date field (the admin's too) reads these.
"""

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%d-%m-%y",
    "%d/%m/%y",
    "%Y-%m-%d",
]
