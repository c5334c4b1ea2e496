from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentConfig(AppConfig):
    name = "samskab.appointment"
    label = "appointment"
    verbose_name = _("Appointment")

    def ready(self):
        from samskab.core.registry import NavItem, navigation

        navigation.register(NavItem(50, _("d'Hondt calculator"), "appointment:dhondt"))
