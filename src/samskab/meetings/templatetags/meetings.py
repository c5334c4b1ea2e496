"""Meetings shown on other apps' pages (a task committee's page) without their views knowing
the meetings app: ``{% load meetings %}{% body_meetings body %}``."""

from django import template

from samskab.meetings import queries

register = template.Library()


@register.inclusion_tag("meetings/_body_meetings.html", takes_context=True)
def body_meetings(context, body):
    user = context["request"].user
    meetings = queries.body_meetings(user, body, limit=5)
    return {
        "body": body,
        "upcoming": meetings["upcoming"],
        "past": meetings["past"],
        "items": queries.items_concerning(user, body, limit=5),
    }
