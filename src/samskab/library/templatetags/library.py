"""Documents on other apps' pages, without those apps importing the library."""

from django import template

from samskab.library import queries

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
