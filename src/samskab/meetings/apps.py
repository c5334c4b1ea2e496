from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samskab.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from samskab.core.registry import NavItem, demo_steps, generate_steps, navigation

        demo_steps.register(400, "samskab.meetings.demo:load")
        generate_steps.register(400, "samskab.meetings.generate:meetings")
        navigation.register(NavItem(25, _("Meetings"), "meetings:list"))

        from samskab.core.registry import EmailKind, email_kinds

        from .mail import CANCELLATION_VARIABLES, VARIABLES

        for key, label, variables in (
            ("invitation", _("Invitation to a meeting"), VARIABLES),
            ("reminder", _("Reminder before a meeting"), VARIABLES),
            ("registration", _("Registration for a workshop"), VARIABLES),
            ("cancellation", _("A meeting is cancelled"), CANCELLATION_VARIABLES),
        ):
            email_kinds.register(
                EmailKind(
                    f"meetings.{key}",
                    label,
                    f"meetings/email/{key}",
                    f"samskab.meetings.mail:{key}",
                    variables,
                )
            )

        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Meeting,
            models.Series,
            models.AgendaItem,
            models.Attendance,
            models.Invitation,
        ):
            auditlog.register(model)
