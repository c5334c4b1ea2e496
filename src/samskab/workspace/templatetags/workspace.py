"""The room shown on the task committees' pages without their views knowing it:
``{% load workspace %}{% room_origins task %}`` says which recommendations grew out of ideas
from the collaboration room. It names nobody: the ideas' authors have not consented to be named
on a public page, and the ideas themselves are for the committee's members."""

from django import template
from django.db.models import Count

from ..models import Draft

register = template.Library()


@register.inclusion_tag("workspace/_origins.html")
def room_origins(task):
    drafts = list(
        Draft.objects.filter(recommendation__task=task)
        .annotate(n_ideas=Count("ideas"))
        .filter(n_ideas__gt=0)
        .select_related("recommendation")
        .order_by("recommendation__number")
    )
    return {"drafts": drafts, "body": task.body}
