"""Meeting pages: parse input, call a service or a query, render. No rule of their own."""

import datetime as dt
import re
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.cache import public_page
from samskab.core.errors import Conflict, DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import paginate
from samskab.core.responses import bad_request, deny
from samskab.organisation.models import Body
from samskab.organisation.rules import person_of

from . import ics, queries, services
from . import rules as perms
from .forms import (
    AttendanceForm,
    CancelForm,
    GuestForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
    RegistrationForm,
    SeriesForm,
    StepForm,
    rule_for,
)
from .models import AgendaItem, Meeting, Presence, Response

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _posted(request):
    """The posted data, or None (an empty post is still a post: its form is bound)."""
    return request.POST if request.method == "POST" else None


def _meeting(request, pk):
    """The meeting if the visitor may see it; otherwise as if it did not exist (a login first
    for anonymous visitors, who may have access once logged in)."""
    meeting = queries.meeting_or_none(request.user, pk)
    if meeting is None:
        if not request.user.is_authenticated and Meeting.objects.filter(pk=pk).exists():
            return None, redirect_to_login(request.get_full_path())
        raise Http404
    return meeting, None


def _item(meeting, number):
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting", "meeting__body", "concerns"),
        meeting=meeting,
        number=number,
    )


def _body_filter(request):
    slug = request.GET.get("organ", "")
    if not slug:
        return None, None
    body = Body.objects.filter(slug=slug).first()
    if body is None:
        return None, bad_request(request, _("Unknown body: choose one from the list."))
    return body, None


# --- Lists and calendars -------------------------------------------------------------------


def meeting_list(request):
    body, error = _body_filter(request)
    if error:
        return error
    past = request.GET.get("tidligere", "") == "1"
    page = paginate(request, queries.list_queryset(request.user, body=body, past=past))
    return render(
        request,
        "meetings/list.html",
        {
            "page": page,
            "body": body,
            "past": past,
            "bodies": queries.bodies_with_meetings(),
            "can_plan": perms.can_plan(request.user),
        },
    )


def calendar_month(request):
    body, error = _body_filter(request)
    if error:
        return error
    today = timezone.localdate()
    year, month = today.year, today.month
    if value := request.GET.get("maaned", ""):
        match = MONTH.match(value)
        if not match or not (1 <= int(match[2]) <= 12) or not (1900 < int(match[1]) < 3000):
            return bad_request(request, _("Give the month as year and month, e.g. 2026-03."))
        year, month = int(match[1]), int(match[2])
    meetings = queries.in_month(request.user, year, month, body=body)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "meetings/month.html",
        {
            "weeks": queries.month_grid(year, month, meetings),
            "meetings": meetings,
            "month": first,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "body": body,
            "bodies": queries.bodies_with_meetings(),
            "today": today,
        },
    )


# --- Planning ------------------------------------------------------------------------------


def plan(request):
    if not perms.can_plan(request.user):
        return deny(request)
    initial = {}
    if slug := request.GET.get("organ"):
        initial["body"] = Body.objects.filter(slug=slug).first()
    form = MeetingForm(_posted(request), initial=initial)
    clashes: list[object] | bool = []
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(
                request.user,
                body=form.cleaned_data["body"],
                allow_double_booking=form.cleaned_data["allow_double_booking"],
                **form.service_kwargs(),
            )
        except DomainError as error:
            add_domain_error(form, error)
            clashes = error.code == "double_booking"
        else:
            messages.success(request, _("The meeting was planned."))
            return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/plan.html",
        {"form": form, "clash": clashes, "series": False},
        status=status,
    )


def plan_series(request):
    if not perms.can_plan(request.user):
        return deny(request)
    form = SeriesForm(_posted(request))
    clash = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = form.service_kwargs()
        kwargs.pop("capacity", None)
        try:
            series, meetings = services.plan_series(
                request.user,
                body=data["body"],
                first_start=kwargs.pop("start"),
                first_end=kwargs.pop("end"),
                rule=rule_for(data["repeat"], data["date"]),
                until=data["until"],
                allow_double_booking=data["allow_double_booking"],
                **kwargs,
            )
        except DomainError as error:
            add_domain_error(form, error)
            clash = error.code == "double_booking"
        else:
            messages.success(
                request,
                _("%(n)s meetings were planned. Each can now be moved on its own.")
                % {"n": len(meetings)},
            )
            url = reverse("meetings:list") + f"?organ={series.body.slug}"
            return redirect(url)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/plan.html", {"form": form, "clash": clash, "series": True}, status=status
    )


def edit(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_edit_meeting(request.user, meeting):
        return deny(request)
    form = MeetingEditForm(
        _posted(request), initial=MeetingEditForm.initial_for(meeting), fixed_body=meeting.body
    )
    clash = False
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            services.update_meeting(
                request.user,
                meeting,
                expected_sequence=form.cleaned_data["sequence"],
                allow_double_booking=form.cleaned_data["allow_double_booking"],
                **kwargs,
            )
        except Conflict as error:
            form.add_error(None, str(error.message))
            # The editor gets the current revision, so the next save goes through.
            data = cast(QueryDict, form.data).copy()
            data["sequence"] = str(error.current.sequence)
            form.data = data
        except DomainError as error:
            add_domain_error(form, error)
            clash = error.code == "double_booking"
        else:
            messages.success(request, _("The meeting was changed."))
            return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/edit.html",
        {"form": form, "meeting": meeting, "clash": clash, "cancel_form": CancelForm()},
        status=status,
    )


@require_POST
def cancel(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_cancel_meeting(request.user, meeting):
        return deny(request)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_meeting(request.user, meeting, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was cancelled."))
            return redirect(meeting)
    return render(
        request,
        "meetings/edit.html",
        {
            "form": MeetingEditForm(
                initial=MeetingEditForm.initial_for(meeting), fixed_body=meeting.body
            ),
            "meeting": meeting,
            "cancel_form": form,
        },
        status=400,
    )


@require_POST
def held(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_mark_held(request.user, meeting):
        return deny(request)
    try:
        services.mark_held(request.user, meeting)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The meeting is registered as held."))
    return redirect(meeting)


@require_POST
def propose(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_edit_agenda(request.user, meeting):
        return deny(request)
    try:
        added = services.propose_joint_agenda(request.user, meeting)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(n)s items were added to the agenda.") % {"n": len(added)})
    return redirect(meeting)


# --- The meeting page ----------------------------------------------------------------------


def _detail_context(request, meeting, *, forms=None):
    user = request.user
    items = queries.detail_items(user, meeting)
    tasks = queries.tasks_by_body(items)
    can_edit_agenda = perms.can_edit_agenda(user, meeting)
    forms = forms or {}
    rows = []
    for item in items:
        task = tasks.get(item.concerns_id)
        row = {"item": item, "task": task, "steps": list(item.steps.all())}
        if perms.can_write_minutes(user, item):
            row["minutes_form"] = forms.get(("minutes", item.pk)) or MinutesForm(
                initial={"minutes": item.minutes}, prefix=f"i{item.number}"
            )
        row["can_approve"] = perms.can_approve_minutes(user, item) and bool(item.minutes)
        if task is not None and can_edit_agenda:
            steps = queries.lifecycle_steps(task)
            if steps:
                row["step_form"] = forms.get(("step", item.pk)) or StepForm(
                    steps=steps, prefix=f"s{item.number}"
                )
        rows.append(row)
    now = timezone.now()
    can_invite = perms.can_invite(user, meeting)
    return {
        "meeting": meeting,
        "rows": rows,
        "can_invite": can_invite,
        "invitations": queries.invitations(meeting) if perms.can_plan(user) else [],
        "guest_form": forms.get("guest") or (GuestForm() if can_invite else None),
        "can_register": perms.can_register(user, meeting),
        "places_left": services.places_left(meeting),
        "attendance": queries.attendance(meeting) if meeting.start <= now else [],
        "can_edit": perms.can_edit_meeting(user, meeting),
        "can_edit_agenda": can_edit_agenda,
        "can_mark_held": perms.can_mark_held(user, meeting) and meeting.start <= now,
        "can_record_attendance": perms.can_record_attendance(user, meeting),
        "hidden_closed": not perms.can_view_closed_items(user, meeting)
        and meeting.items.filter(is_closed=True).exists(),
        "is_joint": meeting.kind == "joint",
        "started": meeting.start <= now,
    }


def detail(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


def _item_form_page(request, meeting, item=None):
    if not perms.can_edit_agenda(request.user, meeting):
        return deny(request)
    initial = {}
    if item is not None:
        initial = {
            "title": item.title,
            "text": item.text,
            "concerns": item.concerns,
            "purpose": item.purpose,
            "is_closed": item.is_closed,
        }
    form = ItemForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if item is None:
                item = services.add_item(request.user, meeting, **data)
            else:
                item = services.update_item(request.user, item, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The agenda was saved."))
            return redirect(item.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/item_form.html",
        {"form": form, "meeting": meeting, "item": item},
        status=status,
    )


def item_add(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    return _item_form_page(request, meeting)


def item_edit(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    item = _item(meeting, number)
    if item.is_closed and not perms.can_view_closed_items(request.user, meeting):
        raise Http404
    return _item_form_page(request, meeting, item)


@require_POST
def item_move(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_edit_agenda(request.user, meeting):
        return deny(request)
    item = _item(meeting, number)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return bad_request(request, _("Move the item up or down."))
    try:
        item = services.move_item(request.user, item, up=direction == "up")
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(item.get_absolute_url())


@require_POST
def item_remove(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_edit_agenda(request.user, meeting):
        return deny(request)
    item = _item(meeting, number)
    try:
        services.remove_item(request.user, item)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The item was removed from the agenda."))
    return redirect(meeting)


def _detail_with(request, meeting, form_key, form):
    context = _detail_context(request, meeting, forms={form_key: form})
    return render(request, "meetings/detail.html", context, status=400)


@require_POST
def minutes(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    item = _item(meeting, number)
    if not perms.can_write_minutes(request.user, item):
        if item.minutes_frozen and perms.can_plan(request.user):
            messages.error(request, str(services._frozen_error(item).message))
            return redirect(item.get_absolute_url())
        return deny(request)
    form = MinutesForm(request.POST, prefix=f"i{item.number}")
    if form.is_valid():
        try:
            services.write_minutes(request.user, item, text=form.cleaned_data["minutes"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The minutes of item %(n)s were saved.") % {"n": number})
            return redirect(item.get_absolute_url())
    return _detail_with(request, meeting, ("minutes", item.pk), form)


@require_POST
def approve(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    item = _item(meeting, number)
    if not perms.can_plan(request.user):
        return deny(request)
    try:
        services.approve_minutes(request.user, item)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The minutes of item %(n)s are approved and frozen.") % {"n": number}
        )
    return redirect(item.get_absolute_url())


@require_POST
def step(request, pk, number):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_edit_agenda(request.user, meeting):
        return deny(request)
    item = _item(meeting, number)
    task = queries.task_of(item)
    if task is None:
        raise Http404
    form = StepForm(request.POST, steps=queries.lifecycle_steps(task), prefix=f"s{number}")
    if form.is_valid():
        try:
            services.register_step(
                request.user, item, form.cleaned_data["target"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            task.refresh_from_db()
            messages.success(
                request,
                _("%(committee)s is now: %(state)s.")
                % {"committee": task.body.name, "state": task.get_state_display()},
            )
            return redirect(item.get_absolute_url())
    return _detail_with(request, meeting, ("step", item.pk), form)


def attendance(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_record_attendance(request.user, meeting):
        return deny(request)
    recorded = {
        a.person_id: a.presence
        for a in queries.attendance(meeting)
        if a.presence != Presence.SUBSTITUTE
    }
    people = list(services.expected_people(meeting))
    form = AttendanceForm(
        _posted(request),
        people=people,
        substitutes=queries.substitute_candidates(meeting),
        recorded=recorded,
    )
    if request.method == "POST" and form.is_valid():
        rows = form.rows()
        if form.is_valid():
            try:
                services.record_attendance(request.user, meeting, rows)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The attendance was saved."))
                return redirect(meeting.get_absolute_url() + "#fremmoede")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/attendance.html",
        {"form": form, "meeting": meeting, "people": people},
        status=status,
    )


# --- Invitations and registration ---------------------------------------------------------


@require_POST
def invite(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_invite(request.user, meeting):
        return deny(request)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            services.invite_guest(
                request.user,
                meeting,
                name=form.cleaned_data["name"],
                email_address=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(meeting.get_absolute_url() + "#invitationer")
    return _detail_with(request, meeting, "guest", form)


def register(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    if not perms.can_register(request.user, meeting):
        return bad_request(request, _("Registration for this meeting is closed."), status=410)
    form = RegistrationForm(_posted(request))
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.register(
                meeting,
                name=form.cleaned_data["name"],
                email_address=form.cleaned_data["email"],
                language=request.LANGUAGE_CODE,
            )
        except DomainError as error:
            add_domain_error(form, error)
    status = 400 if request.method == "POST" and done is None else 200
    return render(
        request,
        "meetings/register.html",
        {
            "meeting": meeting,
            "form": form,
            "done": done,
            "places_left": services.places_left(meeting),
        },
        status=status,
    )


def respond(request, token):
    """The page an invitation's links open. GET shows the question; only the POST answers."""
    try:
        invitation = services.invitation_for_token(token)
    except DomainError as error:
        status = 410 if error.code == "expired" else 400 if error.code == "forged" else 404
        return bad_request(request, error.message, status=status)
    answered = None
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return bad_request(request, _("Choose whether you will come."))
        try:
            invitation = services.respond(token, accept=answer == "accept")
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            answered = invitation.response
    return render(
        request,
        "meetings/respond.html",
        {
            "invitation": invitation,
            "meeting": invitation.meeting,
            "suggested": {"ja": "accept", "nej": "decline"}.get(request.GET.get("svar", "")),
            "answered": answered,
            "accepted": Response.ACCEPTED,
        },
    )


# --- Calendars (iCalendar) -----------------------------------------------------------------


def _ics(content, filename, *, same_for_everyone=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A meeting's file and a personal feed tell what the requester may see: never a shared
    # cache's copy. The public and body feeds hold what anybody may see.
    scope = "public" if same_for_everyone else "private"
    response["Cache-Control"] = f"{scope}, max-age=300"
    return response


def meeting_ics(request, pk):
    meeting, response = _meeting(request, pk)
    if response:
        return response
    one = Meeting.objects.filter(pk=meeting.pk).select_related("body")
    content = ics.calendar_for(request.user, one, name=meeting.title)
    return _ics(content, f"moede-{meeting.pk}.ics")


# The feeds every calendar program polls are the same for everybody: served from the page
# cache while no meeting changed (a year of meetings took 120 ms to write out).
@public_page
def public_feed(request):
    content = ics.calendar_for(None, queries.public_feed(), name=_("Public meetings"))
    return _ics(content, "offentlige-moeder.ics", same_for_everyone=True)


@public_page
def body_feed(request, slug):
    body = get_object_or_404(Body, slug=slug)
    # Calendar programs send no login: a body's feed holds what anybody may see.
    content = ics.calendar_for(None, queries.body_feed(body), name=body.name)
    return _ics(content, f"{body.slug}.ics", same_for_everyone=True)


def personal_feed(request, token):
    user = services.user_for_token(token)
    if user is None:
        # The same plain answer for a forged, mistyped or revoked address.
        return HttpResponse(
            _("This calendar address is not valid (any more). Get a new one on your page."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    content = ics.calendar_for(user, queries.personal_feed(user), name=_("My meetings"))
    return _ics(content, "mine-moeder.ics")


@login_required
def my_calendar(request):
    token = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "new":
            token, _record = services.create_calendar_token(request.user)
        elif action == "revoke":
            services.revoke_calendar_tokens(request.user)
            messages.success(request, _("Your calendar address was revoked. It no longer works."))
            return redirect("meetings:my_calendar")
        else:
            return bad_request(request, _("Choose to make a new address or revoke the old one."))
    active = request.user.calendar_tokens.filter(revoked__isnull=True).first()
    feed_url = (
        request.build_absolute_uri(reverse("meetings:personal_feed", args=[token]))
        if token
        else None
    )
    return render(
        request,
        "meetings/my_calendar.html",
        {
            "active": active,
            "feed_url": feed_url,
            "person": person_of(request.user),
            "public_url": request.build_absolute_uri(reverse("meetings:public_feed")),
        },
    )
