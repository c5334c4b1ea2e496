"""Every notification the room sends goes through ``notify``, by one rule:

- **A person with an account** hears through the follow-and-digest machinery
  (``follows.services.notify``): a notification row, emailed at once (kind
  ``follows.notification``) unless they chose to wait for their digest. This covers mentions
  and a former member's follow-up news; the latter carries the no-login opt-out link
  (``tokens.make_opt_out``) as the notification's ``stop_url``.
- **A person without an account** has no digest and no settings: the room writes to them
  directly, and only with the signed link that is their way in or out. The invitation to a
  working group *is* the guest's credential (like a password-reset link), so it is always
  sent directly (``workspace.invitation``); a guest mentioned in a thread gets the mention
  with their guest link (``workspace.mention``); a former member without an account gets the
  follow-up news with its opt-out link (``workspace.follow_up``). ``emails.py`` renders these.

The queue holds ids only (core/email.py); the address is found when the email is sent.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskab.core import email
from samskab.core.access import AccessLevel
from samskab.follows import services as follows

from . import tokens


def notify(person, kind: str, obj) -> None:
    """Tell ``person`` about ``obj`` (``kind``: "mention" for a post, "invitation" for an
    invitation to a working group, "follow_up" for a progress note on a recommendation)."""
    if kind == "invitation" or person.user_id is None:
        email.queue(f"workspace.{kind}", obj.pk, person=person.pk)
        return
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "mention":
            _mention(person, obj)
        elif kind == "follow_up":
            _follow_up(person, obj)
        else:
            raise ValueError(kind)


def _mention(person, post):
    thread = post.thread
    follows.notify(
        person.user,
        "workspace.mention",
        title=_("%(author)s mentioned you in »%(thread)s«")
        % {"author": post.author.name, "thread": thread.title},
        url=thread.get_absolute_url(),
        access_level=thread.access_level,
        body=thread.body,
        context=_("In the collaboration room of %(room)s.") % {"room": thread.body.name},
    )


def _follow_up(person, note):
    recommendation = note.item.recommendation
    body = recommendation.task.body
    follows.notify(
        person.user,
        "workspace.follow_up",
        title=_("News about the follow-up of %(committee)s") % {"committee": body.name},
        url=reverse("taskcommittees:follow_up", args=[body.slug]),
        access_level=AccessLevel.PUBLIC,
        body=body,
        context=_("Recommendation %(number)s (%(status)s): %(note)s")
        % {
            "number": recommendation.number,
            "status": note.item.get_status_display(),
            "note": note.text,
        },
        stop_url=reverse("workspace:opt_out", args=[tokens.make_opt_out(person, body)]),
    )
