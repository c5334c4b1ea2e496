from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskab.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import cache
        from .email import sync_texts

        cache.install()
        # After every migrate, each kind of email has its texts in the table to edit.
        post_migrate.connect(sync_texts, sender=self, dispatch_uid="samskab.core.sync_texts")
