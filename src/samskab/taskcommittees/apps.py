from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskCommitteesConfig(AppConfig):
    name = "samskab.taskcommittees"
    label = "taskcommittees"
    verbose_name = _("Task committees")

    def ready(self):
        from samskab.core.registry import NavItem, demo_steps, generate_steps, navigation

        from .rules import can_view_portfolio

        demo_steps.register(200, "samskab.taskcommittees.demo:load")
        generate_steps.register(200, "samskab.taskcommittees.generate:processes")
        navigation.register(
            NavItem(30, _("Portfolio"), "taskcommittees:portfolio", visible=can_view_portfolio)
        )
        navigation.register(NavItem(40, _("What became of it"), "taskcommittees:accountability"))

        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.TaskCommittee,
            models.TermsVersion,
            models.Input,
            models.Delivery,
            models.Recommendation,
            models.FollowUpItem,
            models.ProgressNote,
        ):
            auditlog.register(model)
