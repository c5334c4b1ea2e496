# Danish formats beyond Django's own (django/conf/locale/da/formats.py), which this extends:
# dates as "1. marts 2026", and dates typed the ways Danes type them.
DATETIME_FORMAT = r"j. F Y \k\l. H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
# The first format is the one a form shows; the DKFDS date picker reads and writes it too
# (data-dateformat="DD.MM.YYYY"). ISO (2026-03-01) is always accepted as well.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%d-%m-%y",
    "%d/%m/%y",
    "%d %m %Y",
    "%d%m%Y",
    "%Y-%m-%d",
]
