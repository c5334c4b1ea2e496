from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentConfig(AppConfig):
    name = "samskab.appointment"
    label = "appointment"
    verbose_name = _("Appointment")

    def ready(self):
        from samskab.core.registry import (
            EmailKind,
            NavItem,
            demo_steps,
            email_kinds,
            generate_steps,
            navigation,
        )
        from samskab.recruitment import services as recruitment
        from samskab.taskcommittees import lifecycle

        from . import services
        from .rules import can_follow

        navigation.register(NavItem(50, _("d'Hondt calculator"), "appointment:dhondt"))
        navigation.register(
            NavItem(36, _("Appointments"), "appointment:meetings", visible=can_follow)
        )
        # The lifecycle step "appointed" requires a completed decision record.
        lifecycle.register_decision_record_check(services.record_reason)
        # A call's outcomes come from the decision record, not by hand.
        recruitment.register_outcome_check(services.outcome_reason)
        demo_steps.register(350, "samskab.appointment.demo:load")
        generate_steps.register(250, "samskab.appointment.generate:appointments")
        email_kinds.register(
            EmailKind(
                "appointment.appointed",
                _("Appointment: to an applicant the council appointed"),
                "appointment/email/appointed",
                "samskab.appointment.emails:appointed",
                ("name", "committee", "date", "reference", "group", "committee_url"),
            )
        )

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Appointment, models.Pick, models.Vacancy):
            auditlog.register(model)
