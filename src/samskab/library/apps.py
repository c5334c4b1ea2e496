from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "samskab.library"
    label = "library"
    verbose_name = _("Documents")

    def ready(self):
        from samskab.core.registry import NavItem, demo_steps, generate_steps, navigation

        demo_steps.register(700, "samskab.library.demo:load")
        generate_steps.register(700, "samskab.library.generate:documents")
        generate_steps.register(990, "samskab.library.generate:search_index")
        navigation.register(NavItem(45, _("Documents"), "library:list"))
        navigation.register(NavItem(46, _("Search"), "library:search"))

        from samskab.follows.digest import register_saved_search

        from .queries import new_hits

        register_saved_search(new_hits)

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Document, models.DocumentVersion):
            auditlog.register(model, exclude_fields=["text"])
