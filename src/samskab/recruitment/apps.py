from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "samskab.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from samskab.core.registry import (
            EmailKind,
            NavItem,
            demo_steps,
            email_kinds,
            navigation,
        )

        from .rules import can_view_pool

        demo_steps.register(300, "samskab.recruitment.demo:load")
        navigation.register(NavItem(20, _("Get involved"), "recruitment:calls"))
        navigation.register(
            NavItem(35, _("Recruitment"), "recruitment:manage", visible=can_view_pool)
        )
        for key, label, variables in EMAILS:
            email_kinds.register(
                EmailKind(
                    f"recruitment.{key}",
                    label,
                    f"recruitment/email/{key}",
                    f"samskab.recruitment.emails:{key}",
                    variables,
                )
            )

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Call, models.Channel):
            auditlog.register(model)


_APPLICATION = ("name", "committee", "deadline")
EMAILS = [
    (
        "confirm",
        _("Application: confirm your email address"),
        (*_APPLICATION, "confirm_url", "valid_days"),
    ),
    (
        "reminder",
        _("Application: reminder to confirm the email address"),
        (*_APPLICATION, "confirm_url", "valid_days"),
    ),
    ("receipt", _("Application: receipt with the private link"), (*_APPLICATION, "private_url")),
    (
        "thanks",
        _("Application: thanks to an applicant who was not appointed"),
        (*_APPLICATION, "register_url"),
    ),
    ("register", _("Register of interested citizens: confirm"), ("name", "confirm_url")),
    (
        "invitation",
        _("Register of interested citizens: a new call is open"),
        ("name", "committee", "deadline", "call_url", "leave_url"),
    ),
]
