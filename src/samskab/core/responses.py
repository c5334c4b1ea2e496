"""Responses the apps' views share."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def bad_request(request, message, status=400):
    """A page that says in plain words what was wrong with the request."""
    return render(request, "core/error.html", {"message": message, "status": status}, status=status)


def deny(request):
    """A refused page: the login page for a visitor, 403 for someone logged in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
