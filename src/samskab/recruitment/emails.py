"""Who gets each kind of recruitment email, and what its text may use (core/email.py calls
these when the email is sent, so the task queue holds ids only)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samskab.core.email import Message, site_url

from . import services, tokens
from .models import Application, Call, Interest


def _application(pk):
    return Application.objects.select_related("call__task__body").filter(pk=pk).first()


def _context(application):
    call = application.call
    with translation.override(application.language):
        deadline = services.format_deadline(call)
    return {"name": application.name, "committee": call.task.body.name, "deadline": deadline}


def confirm(pk):
    application = _application(pk)
    if application is None:
        return None
    token = tokens.make(tokens.CONFIRM, application)
    return Message(
        application.email,
        application.language,
        {
            **_context(application),
            "confirm_url": site_url(reverse("recruitment:confirm", args=[token])),
            "valid_days": settings.RECRUITMENT_CONFIRM_DAYS,
        },
    )


def reminder(pk):
    """A reminder to an applicant who has not confirmed the address yet (while the call is
    open); nothing once it is confirmed, withdrawn or gone."""
    application = _application(pk)
    if application is None or application.confirmed_at or not application.call.is_open():
        return None
    return confirm(pk)


def receipt(pk):
    application = _application(pk)
    if application is None or application.confirmed_at is None:
        return None
    token = tokens.make(tokens.PRIVATE, application)
    return Message(
        application.email,
        application.language,
        {
            **_context(application),
            "private_url": site_url(reverse("recruitment:application", args=[token])),
        },
    )


def thanks(pk):
    application = _application(pk)
    if application is None:
        return None
    return Message(
        application.email,
        application.language,
        {**_context(application), "register_url": site_url(reverse("recruitment:register"))},
    )


def _deadline(call, language):
    with translation.override(language):
        return services.format_deadline(call)


def register(pk):
    interest = Interest.objects.filter(pk=pk).first()
    if interest is None:
        return None
    token = tokens.make(tokens.REGISTER, interest)
    return Message(
        interest.email,
        interest.language,
        {
            "name": interest.name,
            "confirm_url": site_url(reverse("recruitment:interest", args=[token])),
        },
    )


def invitation(pk, *, call):
    interest = Interest.objects.filter(pk=pk, confirmed_at__isnull=False).first()
    call = Call.objects.select_related("task__body").filter(pk=call).first()
    if interest is None or call is None or not call.is_open():
        return None
    token = tokens.make(tokens.REGISTER, interest)
    return Message(
        interest.email,
        interest.language,
        {
            "name": interest.name,
            "committee": call.task.body.name,
            "deadline": _deadline(call, interest.language),
            "call_url": site_url(call.get_absolute_url()),
            "leave_url": site_url(reverse("recruitment:interest", args=[token])),
        },
    )
