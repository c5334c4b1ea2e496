from django import template

from .. import queries
from .. import rules as perms

register = template.Library()


@register.inclusion_tag("recruitment/_committee_call.html", takes_context=True)
def committee_call(context, task):
    """The committee's call on its own page (and the secretariat's button to open one)."""
    user = context["request"].user
    return {
        "task": task,
        "call": queries.call_for_task(task),
        "can_open": perms.can_open_call(user, task),
        "can_view_pool": perms.can_view_pool(user),
    }
