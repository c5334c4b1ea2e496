# English for a Danish public service: British day-month order ("1 March 2026"), never the
# US-style "March 1, 2026" of Django's default English formats.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1
# The DKFDS date picker writes the first one (data-dateformat="DD/MM/YYYY").
# Day before month always: an English page in a Danish municipality means 24/2.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%d-%m-%y",
    "%d %m %Y",
    "%d%m%Y",
    "%Y-%m-%d",
]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"]
