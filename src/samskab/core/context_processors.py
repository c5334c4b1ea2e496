from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def site(request):
    def name():
        from samskab.organisation.models import Municipality

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


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


def navigation(request):
    """The main menu: ``nav_items``, each with ``label``, ``url`` and ``current``."""

    def items():
        user = request.user
        links = [
            (_("Front page"), reverse("organisation:front")),
            (_("The council"), reverse("organisation:council")),
            (_("Committees and bodies"), reverse("organisation:bodies")),
        ]
        if user.has_perm("taskcommittees.view_portfolio"):
            links.append((_("Portfolio"), reverse("taskcommittees:portfolio")))
        links += [
            (_("What became of it"), reverse("taskcommittees:accountability")),
            (_("d'Hondt calculator"), reverse("appointment:dhondt")),
        ]
        if user.is_staff:
            links.append((_("Administration"), reverse("admin:index")))
        return [NavItem(label, url, url == request.path) for label, url in links]

    return {"nav_items": SimpleLazyObject(items)}
