"""The room's own emails, for people without an account only (see ``notify.py``): the
invitation (the guest's credential), a guest's mention with their guest link, and a former
member's follow-up news with its opt-out link. core/email.py calls these when the email is
sent, so the queue holds ids only. People with an account hear through ``follows``."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from samskab.core.email import Message, site_url
from samskab.organisation.models import Person

from . import tokens
from .models import Invitation, Post


def _guest_link(person, body):
    invitation = (
        Invitation.objects.filter(person=person, body=body, expires_on__gte=timezone.localdate())
        .order_by("-expires_on")
        .first()
    )
    return reverse("workspace:guest", args=[tokens.make(invitation)]) if invitation else None


def mention(pk, person):
    post = Post.objects.select_related("thread", "thread__body", "author").filter(pk=pk).first()
    recipient = Person.objects.select_related("user").filter(pk=person).first()
    if post is None or recipient is None or post.is_hidden or not recipient.contact_email:
        return None
    link = post.thread.get_absolute_url()
    if recipient.user_id is None:
        link = _guest_link(recipient, post.thread.body)
        if link is None:
            return None
    return Message(
        recipient.contact_email,
        settings.LANGUAGE_CODE,
        {
            "name": recipient.name,
            "author": post.author.name,
            "room": post.thread.body.name,
            "thread": post.thread.title,
            "link": site_url(link),
        },
    )


def invitation(pk, person):
    invitation = (
        Invitation.objects.select_related("person", "body", "body__parent").filter(pk=pk).first()
    )
    if invitation is None or invitation.expires_on < timezone.localdate():
        return None
    if not invitation.person.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        expires = formats.date_format(invitation.expires_on, "DATE_FORMAT")
    parent = invitation.body.parent
    return Message(
        invitation.person.email,
        settings.LANGUAGE_CODE,
        {
            "name": invitation.person.name,
            "room": invitation.body.name,
            "committee": parent.name if parent else "",
            "expires": expires,
            "link": site_url(reverse("workspace:guest", args=[tokens.make(invitation)])),
        },
    )


def follow_up(pk, person):
    from samskab.taskcommittees.lifecycle import FOLLOW_UP_OPEN
    from samskab.taskcommittees.models import ProgressNote

    from .models import FollowUpOptOut

    note = (
        ProgressNote.objects.select_related(
            "item", "item__recommendation", "item__recommendation__task__body"
        )
        .filter(pk=pk)
        .first()
    )
    recipient = Person.objects.select_related("user").filter(pk=person).first()
    if note is None or recipient is None or not recipient.contact_email:
        return None
    task = note.item.recommendation.task
    if task.state not in FOLLOW_UP_OPEN:
        return None  # the follow-up closed before the email went out
    if FollowUpOptOut.objects.filter(person=recipient, body=task.body).exists():
        return None
    return Message(
        recipient.contact_email,
        settings.LANGUAGE_CODE,
        {
            "name": recipient.name,
            "committee": task.body.name,
            "recommendation": note.item.recommendation.text,
            "status": note.item.get_status_display(),
            "note": note.text,
            "link": site_url(reverse("taskcommittees:follow_up", args=[task.body.slug])),
            "opt_out": site_url(
                reverse("workspace:opt_out", args=[tokens.make_opt_out(recipient, task.body)])
            ),
        },
    )
