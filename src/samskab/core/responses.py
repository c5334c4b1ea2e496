"""Responses the apps' views share."""

from django.shortcuts import render


def bad_request(request, message, status=400):
    """A page that says in plain words what was wrong with the request."""
    return render(request, "core/error.html", {"message": message, "status": status}, status=status)
