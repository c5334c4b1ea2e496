from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "samskab.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from samskab.core.registry import NavItem, navigation
        from samskab.organisation.rules import is_secretariat

        navigation.register(NavItem(0, _("Front page"), "portal:front"))
        navigation.register(NavItem(90, _("Administration"), "admin:index", visible=is_secretariat))
