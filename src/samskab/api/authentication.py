"""How the API knows who is calling: a logged-in browser's session, or a personal API token
that its owner makes on Min side (accounts/services.py)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from samskab.accounts import services as accounts


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` with a key from ``accounts.ApiToken`` (stored hashed)."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        user = accounts.user_for_key(key)
        if user is None:
            raise exceptions.AuthenticationFailed(
                _("The token is unknown or revoked, or its owner no longer has API access.")
            )
        return (user, key)


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "rest_framework.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": (
                "The session of a browser logged in to the site. Writes also need the CSRF "
                "token: send the csrftoken cookie's value in the X-CSRFToken header."
            ),
        }


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                'A personal API token, sent as "Authorization: Token <key>". Council members '
                'and the secretariat make and revoke their tokens on "Min side" '
                "(/konto/api-noegler/) or through /api/v1/tokens/; a token acts as its owner."
            ),
        }
