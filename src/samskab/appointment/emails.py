"""Who gets each kind of appointment email, and what its text may use (core/email.py calls
these when the email is sent, so the task queue holds ids only)."""

from samskab.core.email import Message, site_url
from samskab.recruitment.models import Application

from .models import Appointment, Pick, Vacancy


def appointed(pk, *, appointment=None, vacancy=None):
    application = Application.objects.select_related("call__task__body").filter(pk=pk).first()
    if application is None:
        return None
    if appointment is not None:
        record = Appointment.objects.select_related("body").filter(pk=appointment).first()
        made = (
            Pick.objects.select_related("named_by")
            .filter(appointment=appointment, application=application)
            .first()
        )
        if record is None or made is None:
            return None
        body, date, reference, group = record.body, record.date, record.reference, made.named_by
    else:
        filled = Vacancy.objects.select_related("body", "group").filter(pk=vacancy).first()
        if filled is None:
            return None
        body, date, reference, group = filled.body, filled.date, filled.reference, filled.group
    return Message(
        application.email,
        application.language,
        {
            "name": application.name,
            "committee": body.name,
            "date": date.strftime("%d.%m.%Y"),
            "reference": reference,
            "group": group.label,
            "committee_url": site_url(body.get_absolute_url()),
        },
    )
