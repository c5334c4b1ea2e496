from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "samskab.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
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
