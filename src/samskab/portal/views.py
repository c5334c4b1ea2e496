"""The portal: the front page and Min side, a read side over the domain apps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.accounts import rules as account_rules
from samskab.accounts import services as account_services
from samskab.accounts.models import ApiToken
from samskab.core.cache import public_page
from samskab.core.errors import DomainError
from samskab.core.pagination import paginate
from samskab.library import queries as library_queries
from samskab.meetings import queries as meeting_queries
from samskab.organisation import queries
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees import lifecycle

from . import dashboard
from .forms import ApiTokenForm


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
            "public_meetings": meeting_queries.public_upcoming(limit=5),
            "my_meetings": meeting_queries.my_upcoming(request.user, limit=5),
        },
    )


@login_required
def mine(request):
    """The person's own page: their seats and the data we hold about them."""
    person = getattr(request.user, "person", None)
    live = dashboard.live_processes(request.user)
    my_meetings = meeting_queries.my_upcoming(request.user, limit=10)
    current, former = [], None
    if person:
        current, others = queries.seats_of(person)
        former = paginate(request, others, param="former")
    return render(
        request,
        "portal/mine.html",
        {
            "person": person,
            "current": current,
            "former": former,
            "my_meetings": my_meetings,
            "awaits": [
                (dashboard.HEADINGS[key], items)
                for key, items in dashboard.awaits(request.user, live).items()
            ],
            "running": dashboard.running_committees(live=live),
            "recent_documents": library_queries.recent(request.user),
            "recent_decisions": library_queries.recent_decisions(request.user),
            "committees": dashboard.my_committees(request.user, current, live, my_meetings),
        },
    )


@login_required
def api_tokens(request):
    """The person's own API tokens: make one (its key shown this once), see and revoke them."""
    if not account_rules.can_use_api(request.user):
        raise PermissionDenied
    form = ApiTokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _token, new_key = account_services.create_token(
                    request.user, name=form.cleaned_data["name"]
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                status = 200
                form = ApiTokenForm()
    response = render(
        request,
        "portal/api_tokens.html",
        {
            "form": form,
            "tokens": account_services.tokens_of(request.user),
            "new_key": new_key,
        },
        status=status,
    )
    if new_key:
        # The key is in this page only: no cache, no back button, may keep it.
        add_never_cache_headers(response)
    return response


@require_POST
@login_required
def revoke_api_token(request, pk):
    # Someone else's token is as unknown as one that never existed.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    account_services.revoke_token(request.user, token)
    messages.success(
        request, _("The token “%(name)s” was revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("portal:api_tokens")
