"""Who gets each survey email, and what its text may use (core/email.py calls these when the
email is sent, so the task queue holds the invitation's id only, never an address or a link)."""

from django.conf import settings
from django.utils import formats, timezone, translation

from samskab.core.email import Message, site_url

from . import services
from .models import Invitation


def _message(pk):
    invitation = (
        Invitation.objects.select_related("person__user", "round", "round__body")
        .filter(pk=pk)
        .first()
    )
    # Answered meanwhile, or the round closed: nothing to send any more.
    if invitation is None or invitation.answered or not invitation.round.is_open():
        return None
    # The address of the person's account if they have one (linking clears the other).
    if not invitation.person.contact_email:
        return None
    round_ = invitation.round
    with translation.override(settings.LANGUAGE_CODE):
        closes = formats.date_format(timezone.localtime(round_.end()).date(), "DATE_FORMAT")
    return Message(
        invitation.person.contact_email,
        settings.LANGUAGE_CODE,
        {
            "name": invitation.person.name,
            "committee": round_.body.name,
            "title": round_.title,
            "closes": closes,
            "link": site_url(services.link(invitation)),
        },
    )


def invitation(pk):
    return _message(pk)


def reminder(pk):
    return _message(pk)
