"""Keep the secret calendar addresses out of the logs.

A calendar program can only send the secret in the address, and Django logs the address of
every refused request ("Not Found: /kalender/personlig/…"). This filter, set on Django's
request loggers in the settings, replaces the secret before any handler sees the record."""

import logging
import re

SECRET = re.compile(r"(/kalender/personlig/|/moeder/svar/)[^/\s\"'?]+")


def redact(text: str) -> str:
    return SECRET.sub(r"\1[hidden]", text)


class RedactCalendarTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in args)
        return True
