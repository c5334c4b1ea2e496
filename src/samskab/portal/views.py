"""The portal: the front page and Min side, a read side over the domain apps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from samskab.core.cache import public_page
from samskab.core.pagination import paginate
from samskab.organisation import queries
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees import lifecycle


@public_page
def front(request):
    today = timezone.localdate()
    task_committees = Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).select_related("parent")
    # A committee with a process is running or completed as its state says (a cancelled one,
    # or one awaiting the council's decisions, is neither); a body registered without a
    # process (e.g. entered in the admin) goes by its dates.
    without_process = task_committees.filter(task__isnull=True)
    running = list(
        (
            task_committees.filter(task__state__in=lifecycle.RUNNING)
            | without_process.filter(start_date__isnull=False).active(today)
        ).order_by("start_date", "name")
    )
    completed_committees = task_committees.filter(
        task__state__in=lifecycle.COMPLETED
    ) | without_process.filter(end_date__lt=today)
    # A compact list (the most recent hundred; the link below it leads to all of them).
    completed = list(completed_committees.order_by("-end_date", "name")[:100])
    completed_count = completed_committees.count()
    return render(
        request,
        "portal/front.html",
        {
            "running": running,
            "completed": completed,
            "completed_count": completed_count,
            "today": today,
        },
    )


@login_required
def mine(request):
    """The person's own page: their seats and the data we hold about them."""
    person = getattr(request.user, "person", None)
    current, former = [], None
    if person:
        current, others = queries.seats_of(person)
        former = paginate(request, others, param="former")
    return render(
        request,
        "portal/mine.html",
        {"person": person, "current": current, "former": former},
    )
