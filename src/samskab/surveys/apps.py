from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samskab.surveys"
    label = "surveys"
    verbose_name = _("Evaluation")

    def ready(self):
        from django.db.models.signals import post_save

        from samskab.core.registry import (
            EmailKind,
            NavItem,
            demo_steps,
            email_kinds,
            generate_steps,
            navigation,
        )
        from samskab.taskcommittees.models import StateChange

        demo_steps.register(600, "samskab.surveys.demo:load")
        generate_steps.register(600, "samskab.surveys.generate:rounds")
        navigation.register(NavItem(50, _("Evaluation"), "surveys:index"))
        variables = ("name", "committee", "title", "closes", "link")
        email_kinds.register(
            EmailKind(
                "surveys.invitation",
                _("Evaluation: the personal link to a survey"),
                "surveys/email/invitation",
                "samskab.surveys.emails:invitation",
                variables,
            )
        )
        email_kinds.register(
            EmailKind(
                "surveys.reminder",
                _("Evaluation: a reminder before the survey closes"),
                "surveys/email/reminder",
                "samskab.surveys.emails:reminder",
                variables,
            )
        )
        # A round may open at a step of a task committee's life. Every step is a new
        # StateChange row, so listening for those needs no change to the task committees.
        post_save.connect(_state_changed, sender=StateChange, dispatch_uid="surveys.state_changed")

        from auditlog.registry import auditlog

        from . import models

        # Not Invitation or Answer: an audit entry's time would date an answer (models.py).
        for model in (models.QuestionSet, models.Question, models.Round, models.AutomaticRound):
            auditlog.register(model)


def _state_changed(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from .services import on_state_change

    on_state_change(instance.task.body, instance.target, instance.actor)
