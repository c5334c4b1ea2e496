"""What every page shows: the site's name and the navigation, built from what the apps register
(``core.registry.navigation``)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from samskab.core.registry import navigation as registry
from samskab.organisation.models import Municipality


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool


def navigation(request):
    # A request refused before authentication (a NUL byte, a bad host) has no user yet.
    user = getattr(request, "user", None) or AnonymousUser()
    path = request.path
    items = []
    for item in registry:
        if item.visible is not None and not item.visible(user):
            continue
        url = reverse(item.url_name)
        # The front page is current only on itself; a section is current on its sub-pages too.
        current = path == url if url == "/" else path.startswith(url)
        items.append(Link(str(item.label), url, current))
    return {"nav_items": items}


def site(request):
    def name():
        municipality = Municipality.objects.only("name").first()
        return municipality.name if municipality else _("Samskab")

    return {
        "site_name": SimpleLazyObject(name),
        "site_logo": _logo_url(settings.SITE_LOGO),
        "site_contact": {
            "email": settings.CONTACT_EMAIL,
            "phone": settings.CONTACT_PHONE,
            "phone_href": "".join(c for c in settings.CONTACT_PHONE if c.isdigit() or c == "+"),
        },
    }


def _logo_url(logo):
    if not logo or logo.startswith(("/", "https://", "http://")):
        return logo
    return static(logo)
