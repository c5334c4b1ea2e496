from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskCommitteesConfig(AppConfig):
    name = "samskab.taskcommittees"
    label = "taskcommittees"
    verbose_name = _("Task committees")

    def ready(self):
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
