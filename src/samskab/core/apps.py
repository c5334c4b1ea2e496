from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskab.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import cache
        from .email import sync_texts

        cache.install()
        # Every migration writes, and every write starts a new page-cache generation; with the
        # database cache its table must exist before the first migration runs, so `migrate` on
        # a fresh database makes it first (a no-op when it exists or another cache is used).
        pre_migrate.connect(_cache_table, sender=self, dispatch_uid="samskab.core.cache_table")
        # After every migrate, each kind of email has its texts in the table to edit.
        post_migrate.connect(sync_texts, sender=self, dispatch_uid="samskab.core.sync_texts")


def _cache_table(sender, using, **kwargs):
    call_command("createcachetable", database=using, verbosity=0)
