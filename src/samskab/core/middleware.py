from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .errors import RequestRefused, RequestTooLarge


class LanguageMiddleware:
    """Danish first: the language is the visitor's explicit choice (a cookie), else Danish.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show an English
    page to most visitors of a Danish public service; here English is something one chooses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class LimitRequestSizeMiddleware:
    """Refuse a body larger than the largest upload plus the form around it (413), before
    anything reads it: Django would otherwise spool any size of file to disk first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.UPLOAD_MAX_SIZE + (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            raise RequestTooLarge(limit)
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """Refuse input containing NUL characters with a 400.

    PostgreSQL cannot store or even compare text containing NUL (it raises an error, which
    would surface as a 500); no legitimate form field, address or JSON text contains one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            # Raised, not answered here: the site's 400 handler answers in the page's or the
            # API's format, and in the visitor's language.
            raise RequestRefused(_("The request contains a NUL character, which is not allowed."))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return True
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.content_type or ""
            if content_type.startswith("multipart/"):
                return any("\x00" in v for values in request.POST.lists() for v in values[1])
            body = request.body
            return b"\x00" in body or b"\\u0000" in body or b"%00" in body
        return False
