"""The product's URLs plus ``/bench/bare/``: the cheapest Django view, served the same way
(same middleware, same gunicorn), the baseline every page is compared with. Only the bench
uses this URL conf (bench/settings.py); the product's own has no such view."""

from django.http import HttpResponse
from django.urls import include, path

from samskab.config.urls import handler400, handler403, handler404, handler500  # noqa: F401


def bare(request):
    return HttpResponse(b"<!DOCTYPE html><title>bare</title><p>ok</p>")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("samskab.config.urls")),
]
