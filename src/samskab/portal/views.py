"""The portal: the front page and Min side, a read side over the domain apps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from samskab.meetings import queries as meeting_queries
from samskab.organisation.models import Body, BodyKind, Membership


def front(request):
    today = timezone.localdate()
    task_committees = Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).select_related("parent")
    # A committee runs from its first day (set when it is appointed or its terms approved).
    running = list(
        task_committees.filter(start_date__isnull=False)
        .active(today)
        .order_by("start_date", "name")
    )
    # A compact list (the most recent hundred; the link below it leads to all of them).
    completed = list(task_committees.filter(end_date__lt=today).order_by("-end_date", "name")[:100])
    completed_count = task_committees.filter(end_date__lt=today).count()
    return render(
        request,
        "portal/front.html",
        {
            "running": running,
            "completed": completed,
            "completed_count": completed_count,
            "today": today,
            "public_meetings": meeting_queries.public_upcoming(limit=5),
            "my_meetings": meeting_queries.my_upcoming(request.user, limit=5),
        },
    )


@login_required
def mine(request):
    """The person's own page: their seats and the data we hold about them."""
    person = getattr(request.user, "person", None)
    today = timezone.localdate()
    memberships = []
    if person:
        memberships = list(
            Membership.objects.filter(person=person).select_related("body").order_by("-start_date")
        )
    return render(
        request,
        "portal/mine.html",
        {
            "person": person,
            "current": [m for m in memberships if m.is_current(today)],
            "former": [m for m in memberships if not m.is_current(today)],
            "my_meetings": meeting_queries.my_upcoming(request.user, limit=10),
        },
    )
