from django import template

from samskab.follows import queries, services

register = template.Library()


@register.inclusion_tag("follows/_button.html", takes_context=True)
def follow_button(context, target=None, q=""):
    """Follow or unfollow ``target`` (a body, a topic) or the search ``q``, from any page."""
    request = context["request"]
    user = request.user
    current = queries.following_search(user, q) if q else queries.following(user, target)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "user": user,
        "kind": services.target_kind(target) if target is not None else "",
        "target": target,
        "q": q,
        "current": current,
    }
