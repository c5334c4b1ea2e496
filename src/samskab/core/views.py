from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .errors import RequestRefused, too_large_message


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def error_404(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def error_500(request):
    return render(request, "core/error.html", {"status": 500}, status=500)


def error_403(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def error_400(request, exception=None):
    status, message = 400, None
    if isinstance(exception, RequestRefused):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        status, message = 413, too_large_message(exception)
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


def accessibility(request):
    """Tilgængelighedserklæring: what the law requires a Danish public web service to publish."""
    return render(request, "core/accessibility.html")


def privacy(request):
    """What personal data the service keeps, why, for how long, and the visitor's rights."""
    return render(request, "core/privacy.html")
