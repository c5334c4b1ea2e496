from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "samskab.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from samskab.core.registry import NavItem, demo_steps, generate_steps, navigation

        demo_steps.register(100, "samskab.organisation.demo:load")
        generate_steps.register(100, "samskab.organisation.generate:build")
        navigation.register(NavItem(10, _("The council"), "organisation:council"))
        navigation.register(NavItem(20, _("Committees and bodies"), "organisation:bodies"))

        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Municipality,
            models.District,
            models.TermOfOffice,
            models.Party,
            models.Group,
            models.Person,
            models.Body,
            models.Membership,
        ):
            auditlog.register(model)
