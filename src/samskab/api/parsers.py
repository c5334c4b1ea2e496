"""The API's request parsers: DRF's, with limits, and refusals in the API's error format.

DRF reads a JSON or form body straight from the socket, past Django's
DATA_UPLOAD_MAX_MEMORY_SIZE, and lets a RecursionError out of the JSON decoder (a 500 for
``[`` × 5,000). These read at most the limit, refuse deeper nesting than any of our payloads
has, and answer 400 or 413 with a reason in the request's language.
"""

import codecs
import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from .errors import BodyTooLarge

# Our deepest payload is an object in a list in an object (d'Hondt's groups); 32 levels leave
# room for any client's envelope while refusing what only an attack sends.
MAX_JSON_DEPTH = 32


def _body_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440


def _read(stream, limit: int) -> bytes:
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise BodyTooLarge(limit)
    return data


def _depth_exceeds(value, limit: int) -> bool:
    """Whether nesting goes deeper than ``limit``, walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _refuse_constant(name):
    raise ValueError(f"{name} is not a JSON number")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        data = _read(stream, _body_limit())
        try:
            text = codecs.decode(data, encoding)
            value = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as error:
            raise ParseError(self._too_deep()) from error
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The request body is not valid JSON (line %(line)d, column %(column)d).")
                % {"line": error.lineno, "column": error.colno}
            ) from error
        except (ValueError, LookupError) as error:  # bad encoding, NaN or Infinity
            raise ParseError(_("The request body is not valid JSON.")) from error
        if _depth_exceeds(value, MAX_JSON_DEPTH):
            raise ParseError(self._too_deep())
        return value

    @staticmethod
    def _too_deep():
        return _("The JSON is nested too deeply: at most %(n)d levels.") % {"n": MAX_JSON_DEPTH}


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        from django.http import QueryDict

        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            return QueryDict(_read(stream, _body_limit()), encoding=encoding)
        except ValueError as error:  # e.g. more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
            raise ParseError(_("The form data could not be read.")) from error


class MultiPartParser(parsers.MultiPartParser):
    # The body's size is capped before any parser runs (core.middleware.LimitRequestSize).
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as error:
            raise ParseError(_("The multipart data could not be read.")) from error
