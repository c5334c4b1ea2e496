"""The room shown on the task committees' pages without their views knowing it:
``{% load workspace %}{% room_origins task %}`` says which recommendations grew out of ideas
from the collaboration room. It names an idea's author only when they agreed to it
(``Idea.name_publicly``, off unless the author chooses it); the ideas themselves stay for the
committee's members."""

from django import template
from django.db.models import Count, Prefetch

from ..models import Draft, Idea

register = template.Library()


@register.inclusion_tag("workspace/_origins.html")
def room_origins(task):
    named = Idea.objects.filter(name_publicly=True).select_related("author").order_by("created")
    drafts = list(
        Draft.objects.filter(recommendation__task=task)
        .annotate(n_ideas=Count("ideas"))
        .filter(n_ideas__gt=0)
        .select_related("recommendation")
        .prefetch_related(Prefetch("ideas", queryset=named, to_attr="named_ideas"))
        .order_by("recommendation__number")
    )
    for draft in drafts:
        names = [idea.author.name for idea in draft.named_ideas]  # type: ignore[attr-defined]
        draft.authors = list(dict.fromkeys(names))  # type: ignore[attr-defined]
    return {"drafts": drafts, "body": task.body}
