"""Authentication backends: Django's and allauth's, loading a signed-in user together with the
person they are, in the one query that every logged-in request makes anyway."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend

from .models import User


class _UserWithPerson:
    def get_user(self, user_id):
        user = User._default_manager.select_related("person").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class PasswordBackend(_UserWithPerson, ModelBackend):
    """Username and password (the admin's login form)."""


class AccountBackend(_UserWithPerson, AllauthBackend):
    """allauth's login by email and password."""
