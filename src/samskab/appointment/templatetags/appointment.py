from django import template
from django.utils.translation import gettext as _

from samskab.core import charts
from samskab.core.templatetags.core import label_for, number

register = template.Library()


@register.simple_tag
def seat_chart(result, labels=None, caption=None):
    """The seats each group won, as bars beside the table of the same numbers."""
    bars = [
        charts.Bar(label=label_for(labels, name), value=count, shown=number(count))
        for name, count in result.seats.items()
    ]
    return charts.bar_chart(
        bars,
        caption=caption or _("Seats per group"),
        columns=[_("Group"), _("Seats")],
        maximum=max(result.seats.values(), default=0),
    )


@register.inclusion_tag("appointment/_committee_appointment.html", takes_context=True)
def committee_appointment(context, task):
    """On a task committee's page: its decision record (or the meeting in progress, for those
    who follow it), its vacancies, and for the secretariat the way to the meeting."""
    from samskab.appointment import queries, services
    from samskab.appointment import rules as perms
    from samskab.appointment.models import Appointment

    user = context["request"].user
    appointment = Appointment.objects.filter(body_id=task.body_id).order_by("-date", "-id").first()
    visible = appointment is not None and perms.can_view(user, appointment)
    return {
        "appointment": appointment if visible else None,
        "vacancies": queries.vacancies(task.body) if visible else [],
        "can_start": appointment is None
        and perms.can_manage(user)
        and task.state in services.APPOINTABLE
        and task.approved_version_id is not None,
    }


@register.simple_tag(takes_context=True)
def terms_appointment(context, task):
    """For a task committee's terms of reference: the council's real appointment, when there
    is one this visitor may see (a completed decision record is public; a meeting in progress
    is for those who follow it), as the record's context; None otherwise, and the terms page
    keeps its illustration."""
    from samskab.appointment import queries
    from samskab.appointment import rules as perms
    from samskab.appointment.models import Appointment, Kind

    appointment = (
        Appointment.objects.filter(body_id=task.body_id, kind=Kind.TASK_COMMITTEE)
        .select_related("body", "meeting")
        .order_by("-date", "-id")
        .first()
    )
    if appointment is None or not perms.can_view(context["request"].user, appointment):
        return None
    return {**queries.state(appointment), "due": None}
