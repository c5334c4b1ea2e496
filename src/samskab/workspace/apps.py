from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "samskab.workspace"
    label = "workspace"
    verbose_name = _("Collaboration room")

    def ready(self):
        from samskab.core.registry import EmailKind, demo_steps, email_kinds, generate_steps
        from samskab.follows.digest import register_access_rule

        from . import rules  # registers the permissions

        # The room's notifications reach whom the room lets read (a committee's members read
        # its working groups, former members keep reading): the digest and the immediate
        # email ask the room's rule, not only the access level.
        register_access_rule("workspace.", rules.reaches)

        demo_steps.register(700, "samskab.workspace.demo:load")
        generate_steps.register(700, "samskab.workspace.generate:rooms")
        email_kinds.register(
            EmailKind(
                "workspace.mention",
                _("Collaboration room: a guest without an account was mentioned in a post"),
                "workspace/email/mention",
                "samskab.workspace.emails:mention",
                ("name", "author", "room", "thread", "link"),
            )
        )
        email_kinds.register(
            EmailKind(
                "workspace.invitation",
                _("Collaboration room: an invitation to a working group"),
                "workspace/email/invitation",
                "samskab.workspace.emails:invitation",
                ("name", "room", "committee", "expires", "link"),
            )
        )

        email_kinds.register(
            EmailKind(
                "workspace.follow_up",
                _("Collaboration room: follow-up news for former members without an account"),
                "workspace/email/follow_up",
                "samskab.workspace.emails:follow_up",
                ("name", "committee", "recommendation", "status", "note", "link", "opt_out"),
            )
        )
        # Former members hear of the follow-up: every progress note is a new ProgressNote
        # row, so listening for those needs no change to the task committees.
        from django.db.models.signals import post_save

        from samskab.taskcommittees.models import ProgressNote

        post_save.connect(_progress_noted, sender=ProgressNote, dispatch_uid="workspace.follow_up")

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Thread, models.Post, models.Idea, models.Draft, models.Invitation):
            auditlog.register(model)


def _progress_noted(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from .services import on_progress_note

    on_progress_note(instance)
