"""Surveys shown on other apps' pages without their views knowing the surveys app: a meeting's
pulse (``{% meeting_pulse meeting %}``), a task committee's rounds
(``{% committee_surveys body %}``) and a person's open surveys on Min side
(``{% my_surveys person %}``)."""

from django import template
from django.utils import timezone

from samskab.organisation.models import BodyKind

from .. import queries, services
from .. import rules as perms

register = template.Library()


@register.inclusion_tag("surveys/_meeting_pulse.html", takes_context=True)
def meeting_pulse(context, meeting):
    """The pulse rounds of a held task committee meeting the user may open, and the button to
    ask for one where the rules allow."""
    user = context["request"].user
    if meeting.body.kind != BodyKind.TASK_COMMITTEE:
        return {"rounds": [], "can_open": False}
    return {
        "meeting": meeting,
        "rounds": list(queries.visible_rounds(user).filter(meeting=meeting)),
        "can_open": perms.can_open_pulse(user, meeting),
        "now": timezone.now(),
    }


@register.inclusion_tag("surveys/_committee_surveys.html", takes_context=True)
def committee_surveys(context, body, limit=5):
    """The committee's latest survey rounds the user may open (the secretariat all of them,
    everybody else the published ones)."""
    user = context["request"].user
    return {
        "body": body,
        "rounds": list(queries.visible_rounds(user).filter(body=body)[:limit]),
        "can_manage": perms.can_manage(user),
        "now": timezone.now(),
    }


@register.inclusion_tag("surveys/_my_surveys.html")
def my_surveys(person):
    """The person's invitations to open rounds, each with its personal link until answered."""
    invitations = list(services.open_invitations(person)) if person else []
    return {
        "invitations": [
            {"invitation": i, "link": None if i.answered else services.link(i)} for i in invitations
        ]
    }
