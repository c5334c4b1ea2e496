"""Documents on other apps' pages, without those apps importing the library."""

from django import template
from django.urls import reverse

from samskab.library import queries
from samskab.library import rules as perms

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_documents(context, meeting):
    """The meeting's documents the viewer may open: {"items": {item pk: [...]}, "meeting": [...]}
    in one query."""
    user = context["request"].user
    items: dict[int, list] = {}
    general = []
    for document in queries.visible_documents(user).filter(meeting=meeting).order_by("title"):
        if document.agenda_item_id:
            items.setdefault(document.agenda_item_id, []).append(document)
        else:
            general.append(document)
    return {"items": items, "meeting": general}


@register.filter
def for_item(documents, item):
    return documents["items"].get(item.pk, [])


@register.inclusion_tag("library/_related.html", takes_context=True)
def body_knowledge(context, body):
    """Documents, topics and related committees on a body's page."""
    user = context["request"].user
    return {
        # The follow button inside needs them (an inclusion tag's context is its own).
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "body": body,
        "documents": queries.list_queryset(user, body=body)[:6],
        "tags": queries.body_tags(user, body),
        "related": queries.related_bodies(user, body),
    }


def _attached(context, documents, body, upload_url, heading_id):
    user = context["request"].user
    return {
        "documents": list(documents.order_by("title")[:50]),
        "upload_url": upload_url if perms.can_upload(user, body) else None,
        "heading_id": heading_id,
    }


@register.inclusion_tag("library/_attached.html", takes_context=True)
def terms_documents(context, version):
    """The documents filed with a version of the terms of reference (annexes, background), as
    the viewer may open them, and a link to add one for those who may file in the body."""
    user = context["request"].user
    task = version.task
    url = reverse("library:upload") + f"?kommissorium={task.body.slug}&version={version.number}"
    documents = queries.visible_documents(user).filter(terms=version)
    return _attached(context, documents, task.body, url, "terms-documents")


@register.inclusion_tag("library/_attached.html", takes_context=True)
def delivery_documents(context, delivery):
    """The documents filed with a committee's result (the report's annexes, presentations)."""
    if delivery is None:
        return {"documents": [], "upload_url": None}
    user = context["request"].user
    task = delivery.task
    url = reverse("library:upload") + f"?resultat={task.body.slug}"
    documents = queries.visible_documents(user).filter(delivery=delivery)
    return _attached(context, documents, task.body, url, "result-documents")
