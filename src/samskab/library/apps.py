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

        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from samskab.organisation.models import Body
        from samskab.taskcommittees.models import TaskCommittee

        # A committee's words change with its body's text and its approved terms: the worker
        # works out its similar committees again after the change is committed.
        post_save.connect(_body_saved, sender=Body, dispatch_uid="library-similar-body")
        post_save.connect(_task_saved, sender=TaskCommittee, dispatch_uid="library-similar-task")

        from django.db.models.signals import post_migrate

        from . import search_indexes

        # An index per kind the search finds (PostgreSQL), once the content types exist.
        post_migrate.connect(search_indexes.ensure, sender=self, dispatch_uid="library-search")

        from . import topics
        from .models import Document

        # The topics each body's documents carry (related committees) follow the documents.
        pre_save.connect(topics.document_saving, sender=Document, dispatch_uid="library-topics")
        post_save.connect(topics.document_saved, sender=Document, dispatch_uid="library-topics")
        post_delete.connect(topics.document_deleted, sender=Document, dispatch_uid="library-topics")
        m2m_changed.connect(
            topics.tags_changed, sender=Document.tags.through, dispatch_uid="library-topics"
        )

        from auditlog.registry import auditlog

        from . import models

        for model in (models.Document, models.DocumentVersion):
            auditlog.register(model, exclude_fields=["text"])


def _refresh_similar_later(body_pk):
    from django.db import transaction

    def enqueue():
        from .tasks import refresh_similar

        refresh_similar.enqueue(body_pk)

    transaction.on_commit(enqueue)


def _body_saved(sender, instance, raw=False, **kwargs):
    from samskab.organisation.models import BodyKind

    if not raw and instance.kind == BodyKind.TASK_COMMITTEE:
        _refresh_similar_later(instance.pk)


def _task_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.approved_version_id:
        _refresh_similar_later(instance.body_id)
