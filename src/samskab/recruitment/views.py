"""Recruitment's pages: the public call and application, the applicant's private link, and the
pool for the secretariat and the council. Views parse input, call a service or a query and
render; the rules are in ``rules.py`` and ``services.py``."""

import csv
import io
import json

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import paginate
from samskab.core.responses import deny
from samskab.organisation.models import District
from samskab.taskcommittees.models import TaskCommittee

from . import abuse, breadth, charts, queries, services, tokens
from . import rules as perms
from .forms import (
    ApplicationForm,
    ChannelForm,
    ConcludeForm,
    EditCallForm,
    InterestForm,
    MarkForm,
    OpenCallForm,
    PoolFilterForm,
    default_deadline,
)
from .models import Application, Call, Channel, Interest

POOL_PAGE = 50


def _call(slug):
    return get_object_or_404(Call.objects.select_related("task__body", "terms"), slug=slug)


def _bad_link(request, error):
    return render(
        request, "recruitment/bad_link.html", {"message": error.message}, status=error.status
    )


def _short_url(request, call):
    return request.build_absolute_uri(reverse("recruitment:short", args=[call.code]))


# --- Public: the calls and applying -------------------------------------------------------


def calls(request):
    return render(
        request,
        "recruitment/calls.html",
        {"calls": list(queries.open_calls()), "now": timezone.now()},
    )


def call(request, slug):
    call = _call(slug)
    return render(
        request,
        "recruitment/call.html",
        {
            "call": call,
            "terms": call.terms,
            "body": call.task.body,
            "is_open": call.is_open(),
            "short_url": _short_url(request, call),
            "can_manage": perms.can_manage(request.user),
        },
    )


def qr(request, slug):
    """The short link as a QR code, for print (SVG scales to any size)."""
    call = _call(slug)
    code = segno.make(_short_url(request, call), error="m")
    svg = io.BytesIO()
    # A standalone file (namespace, viewBox, no fixed size): it scales to any print size.
    code.save(svg, kind="svg", scale=8, border=2, dark="#000", light="#fff", omitsize=True)
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="qr-{call.slug}.svg"'
    return response


def short(request, code):
    call = get_object_or_404(Call, code=code.lower())
    return redirect(call.get_absolute_url())


def _consent_context(call):
    return {"months": services.retention_months(), "committee": call.task.body.name}


def apply(request, slug):
    call = _call(slug)
    if not call.is_open():
        return render(request, "recruitment/closed.html", {"call": call}, status=410)
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, call=call)
        if not abuse.allow(request, "apply"):
            form.add_error(
                None,
                _("Too many applications were sent from your connection. Try again in an hour."),
            )
            status = 429
        elif abuse.is_bot(request.POST):
            return redirect("recruitment:sent", slug=call.slug)
        elif form.is_valid():
            try:
                services.apply(
                    call,
                    form.values(),
                    language=request.LANGUAGE_CODE,
                    consent=form.cleaned_data["consent"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return redirect("recruitment:sent", slug=call.slug)
        status = status if status != 200 else 400
    else:
        form = ApplicationForm(call=call)
    return render(
        request,
        "recruitment/apply.html",
        {"call": call, "form": form, **_consent_context(call)},
        status=status,
    )


def sent(request, slug):
    call = _call(slug)
    return render(
        request,
        "recruitment/sent.html",
        {"call": call, "valid_days": settings.RECRUITMENT_CONFIRM_DAYS},
    )


def confirm(request, token):
    """The link in the first email. Opening it shows a button; only the button (a POST)
    confirms, so a mail scanner that opens links confirms nothing."""
    try:
        application = tokens.read(
            tokens.CONFIRM,
            token,
            Application.objects.select_related("call__task__body"),
            max_age=tokens.confirm_max_age(),
        )
    except tokens.BadLink as error:
        return _bad_link(request, error)
    if request.method == "POST":
        try:
            services.confirm(application)
        except DomainError as error:
            return render(
                request,
                "recruitment/confirm.html",
                {"application": application, "call": application.call, "error": error.message},
                status=400,
            )
        messages.success(
            request,
            _("Thank you. Your application is received; we have emailed you a receipt."),
        )
        return redirect("recruitment:application", token=tokens.make(tokens.PRIVATE, application))
    return render(
        request,
        "recruitment/confirm.html",
        {"application": application, "call": application.call},
    )


def _private(token):
    return tokens.read(
        tokens.PRIVATE,
        token,
        Application.objects.select_related("call__task__body", "call__terms", "district"),
    )


def application(request, token):
    """The applicant's own page: see, change (until the deadline), withdraw, export, erase."""
    try:
        application = _private(token)
    except tokens.BadLink as error:
        return _bad_link(request, error)
    editable = perms.can_change_application(None, application)
    status = 200
    form = None
    if editable:
        if request.method == "POST":
            form = ApplicationForm(request.POST, call=application.call, editing=True)
            if form.is_valid():
                try:
                    services.update_application(application, form.values())
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("Your changes are saved."))
                    return redirect("recruitment:application", token=token)
            status = 400
        else:
            form = ApplicationForm(
                call=application.call,
                editing=True,
                initial=ApplicationForm.initial_from(application),
            )
    return render(
        request,
        "recruitment/application.html",
        {
            "application": application,
            "call": application.call,
            "token": token,
            "form": form,
            "editable": editable,
            "age_band": queries.age_band(application),
            **_consent_context(application.call),
        },
        status=status,
    )


@require_POST
def withdraw(request, token):
    try:
        application = _private(token)
    except tokens.BadLink as error:
        return _bad_link(request, error)
    try:
        services.withdraw(application)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("recruitment:application", token=token)


def data(request, token):
    try:
        application = _private(token)
    except tokens.BadLink as error:
        return _bad_link(request, error)
    content = json.dumps(services.export_data(application), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="min-ansoegning.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def erase(request, token):
    try:
        application = _private(token)
    except tokens.BadLink as error:
        return _bad_link(request, error)
    services.erase(application)
    return render(request, "recruitment/erased.html", {})


def register(request):
    status = 200
    if request.method == "POST":
        form = InterestForm(request.POST)
        if not abuse.allow(request, "register"):
            form.add_error(
                None, _("Too many sign-ups were sent from your connection. Try again in an hour.")
            )
            status = 429
        elif abuse.is_bot(request.POST):
            return render(request, "recruitment/register_sent.html", {})
        elif form.is_valid():
            try:
                services.join_register(
                    form.cleaned_data,
                    language=request.LANGUAGE_CODE,
                    consent=form.cleaned_data["consent"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return render(request, "recruitment/register_sent.html", {})
        status = status if status != 200 else 400
    else:
        form = InterestForm()
    return render(request, "recruitment/register.html", {"form": form}, status=status)


def interest(request, token):
    """The link in the register's emails: confirm the address, or leave the register."""
    try:
        interest = tokens.read(tokens.REGISTER, token, Interest.objects.all())
    except tokens.BadLink as error:
        return _bad_link(request, error)
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            services.leave_register(interest)
            return render(request, "recruitment/register_left.html", {})
        services.confirm_interest(interest)
        messages.success(request, _("Thank you. We will write to you when a new call opens."))
        return redirect("recruitment:interest", token=token)
    return render(request, "recruitment/interest.html", {"interest": interest})


# --- The secretariat and the council ------------------------------------------------------


def manage(request):
    if not perms.can_view_pool(request.user):
        return deny(request)
    calls = list(queries.all_calls().order_by("-opened_at", "-id"))
    waiting = []
    if perms.can_manage(request.user):
        waiting = [
            task
            for task in TaskCommittee.objects.filter(state__in=perms.CALL_STATES)
            .select_related("body")
            .prefetch_related("calls")
            .order_by("body__name")
            if perms.task_accepts_call(request.user, task)
        ]
    return render(
        request,
        "recruitment/manage.html",
        {"calls": calls, "waiting": waiting, "can_manage": perms.can_manage(request.user)},
    )


def open_call(request, task_slug):
    task = get_object_or_404(
        TaskCommittee.objects.select_related("body", "approved_version"), body__slug=task_slug
    )
    if not perms.can_manage(request.user):
        return deny(request)
    status = 200
    if request.method == "POST":
        form = OpenCallForm(request.POST)
        if form.is_valid():
            try:
                call = services.open_call(
                    request.user,
                    task,
                    deadline=form.deadline(),
                    intro=form.cleaned_data["intro"],
                )
            except DomainError as error:
                if error.field == "deadline":
                    error.field = "deadline_date"
                add_domain_error(form, error)
            else:
                messages.success(request, _("The call is open."))
                return redirect("recruitment:overview", slug=call.slug)
        status = 400
    else:
        form = OpenCallForm(initial={"deadline_date": default_deadline()})
    return render(
        request,
        "recruitment/open.html",
        {
            "task": task,
            "terms": task.approved_version,
            "form": form,
            "can_open": perms.can_open_call(request.user, task),
        },
        status=status,
    )


def _overview(request, call, *, edit_form=None, channel_form=None, conclude_form=None, status=200):
    user = request.user
    counts = queries.all_calls().filter(pk=call.pk).values("applicants", "unconfirmed").first()
    can_edit = perms.can_edit_call(user, call)
    local_deadline = timezone.localtime(call.deadline, services.COPENHAGEN)
    if can_edit and edit_form is None:
        edit_form = EditCallForm(
            initial={
                "deadline_date": local_deadline.date(),
                "deadline_time": local_deadline.time().replace(second=0, microsecond=0),
                "intro": call.intro,
            }
        )
    if can_edit and channel_form is None:
        channel_form = ChannelForm(initial={"date": timezone.localdate()})
    can_conclude = perms.can_conclude(user, call)
    # Where the council's decision record decides the outcomes, the form gives way to why.
    decided_elsewhere = services.manual_conclusion_refused(call) if can_conclude else None
    can_conclude = can_conclude and not decided_elsewhere
    if can_conclude and conclude_form is None:
        conclude_form = ConcludeForm(call=call, initial={"on": timezone.localdate()})
    return render(
        request,
        "recruitment/overview.html",
        {
            "call": call,
            "body": call.task.body,
            "counts": counts,
            "channels": list(call.channels.all()),
            "edit_form": edit_form if can_edit else None,
            "channel_form": channel_form if can_edit else None,
            "can_edit": can_edit,
            "conclude_form": conclude_form if can_conclude else None,
            "decided_elsewhere": decided_elsewhere,
            "can_invite": perms.can_invite(user, call),
            "can_manage": perms.can_manage(user),
            "is_open": call.is_open(),
            "short_url": _short_url(request, call),
            "interested": Interest.objects.filter(confirmed_at__isnull=False).count()
            if perms.can_manage(user)
            else None,
        },
        status=status,
    )


def overview(request, slug):
    call = _call(slug)
    if not perms.can_view_pool(request.user):
        return deny(request)
    return _overview(request, call)


@require_POST
def edit(request, slug):
    call = _call(slug)
    if not perms.can_manage(request.user):
        return deny(request)
    form = EditCallForm(request.POST)
    if form.is_valid():
        try:
            services.update_call(
                request.user, call, deadline=form.deadline(), intro=form.cleaned_data["intro"]
            )
        except DomainError as error:
            if error.field == "deadline":
                error.field = "deadline_date"
            add_domain_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("recruitment:overview", slug=call.slug)
    return _overview(request, call, edit_form=form, status=400)


@require_POST
def add_channel(request, slug):
    call = _call(slug)
    if not perms.can_manage(request.user):
        return deny(request)
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            services.add_channel(request.user, call, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The channel was added."))
            return redirect("recruitment:overview", slug=call.slug)
    return _overview(request, call, channel_form=form, status=400)


@require_POST
def remove_channel(request, slug, pk):
    call = _call(slug)
    if not perms.can_manage(request.user):
        return deny(request)
    channel = get_object_or_404(Channel, pk=pk, call=call)
    try:
        services.remove_channel(request.user, channel)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The channel was removed."))
    return redirect("recruitment:overview", slug=call.slug)


@require_POST
def invite(request, slug):
    call = _call(slug)
    if not perms.can_manage(request.user):
        return deny(request)
    try:
        n = services.invite_register(request.user, call)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(n)s interested citizens are being invited by email.") % {"n": n}
        )
    return redirect("recruitment:overview", slug=call.slug)


@require_POST
def conclude(request, slug):
    call = _call(slug)
    if not perms.can_manage(request.user):
        return deny(request)
    form = ConcludeForm(request.POST, call=call)
    if form.is_valid():
        try:
            services.conclude(
                request.user,
                call,
                appointed=list(form.cleaned_data["appointed"]),
                on=form.cleaned_data["on"],
            )
        except DomainError as error:
            if error.code == "state":
                messages.error(request, str(error.message))
                return redirect("recruitment:overview", slug=call.slug)
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The appointment is registered; the other applicants are thanked.")
            )
            return redirect("recruitment:overview", slug=call.slug)
    return _overview(request, call, conclude_form=form, status=400)


def _filters(request, call):
    with_gender = perms.can_see_contact(request.user)
    form = PoolFilterForm(
        request.GET or None, call=call, age_bands=breadth.AGE_BANDS, with_gender=with_gender
    )
    values = {}
    if form.is_bound:
        form.is_valid()
        # A filter with a value that is not on the list is left out, never an error page.
        values = {k: v for k, v in form.cleaned_data.items() if v}
    return form, values, with_gender


def pool(request, slug):
    call = _call(slug)
    if not perms.can_view_pool(request.user):
        return deny(request)
    form, values, with_gender = _filters(request, call)
    page = paginate(request, queries.pool(call, values, with_gender=with_gender), POOL_PAGE)
    sought = call.terms.competence_list
    year = breadth.reference_year(call)
    for application in page:
        application.band = next(
            (b for b in breadth.AGE_BANDS if b.contains(year - application.birth_year)), None
        )
        application.matches = [(c, c in application.competences) for c in sought]
    return render(
        request,
        "recruitment/pool.html",
        {
            "call": call,
            "body": call.task.body,
            "page": page,
            "form": form,
            "filtered": bool(values),
            "sought": sought,
            "can_see_contact": perms.can_see_contact(request.user),
            "can_mark": perms.can_mark(request.user, call),
            "anonymised": call.anonymised_at is not None,
        },
    )


def _csv_cell(value):
    # A cell that a spreadsheet would run as a formula is kept as text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def pool_csv(request, slug):
    call = _call(slug)
    if not perms.can_view_pool(request.user):
        return deny(request)
    _form, values, with_gender = _filters(request, call)
    contact = perms.can_see_contact(request.user)
    sought = call.terms.competence_list
    year = breadth.reference_year(call)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ansoegere-{call.slug}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read the Danish letters right
    writer = csv.writer(response, delimiter=";")
    header = [_("Name"), _("District"), _("Age"), _("Background"), _("Occupation")]
    if contact:
        header += [_("Email"), _("Phone"), _("Gender")]
    header += [*sought, _("Motivation"), _("Shortlisted")]
    writer.writerow(header)
    for a in queries.pool(call, values, with_gender=with_gender).iterator(chunk_size=500):
        band = next((b for b in breadth.AGE_BANDS if b.contains(year - a.birth_year)), None)
        row = [
            a.name,
            a.district.name if a.district else _("outside the municipality"),
            band.label if band else "",
            a.get_background_display(),
            a.occupation,
        ]
        if contact:
            row += [a.email, a.phone, a.get_gender_display()]
        row += [_("yes") if c in a.competences else "" for c in sought]
        row += [a.motivation, _("yes") if a.shortlisted else ""]
        writer.writerow([_csv_cell(v) for v in row])
    return response


def applicant(request, slug, pk):
    call = _call(slug)
    if not perms.can_view_pool(request.user):
        return deny(request)
    application = get_object_or_404(
        Application.objects.in_pool().select_related("district"), pk=pk, call=call
    )
    application.call = call
    can_mark = perms.can_mark(request.user, call)
    form = None
    status = 200
    if can_mark:
        if request.method == "POST":
            form = MarkForm(request.POST)
            if form.is_valid():
                try:
                    services.mark(
                        request.user,
                        application,
                        shortlisted=form.cleaned_data["shortlisted"],
                        note=form.cleaned_data["note"],
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("recruitment:applicant", slug=call.slug, pk=application.pk)
            status = 400
        else:
            form = MarkForm(
                initial={"shortlisted": application.shortlisted, "note": application.note}
            )
    elif request.method == "POST":
        return deny(request)
    return render(
        request,
        "recruitment/applicant.html",
        {
            "call": call,
            "application": application,
            "band": queries.age_band(application),
            "matches": [(c, c in application.competences) for c in call.terms.competence_list],
            "can_see_contact": perms.can_see_contact(request.user),
            "form": form,
        },
        status=status,
    )


def breadth_view(request, slug):
    call = _call(slug)
    if not perms.can_view_pool(request.user):
        return deny(request)
    report = breadth.report_for(call)
    figures = [(dimension, charts.bars(dimension)) for dimension in report.dimensions]
    return render(
        request,
        "recruitment/breadth.html",
        {
            "call": call,
            "body": call.task.body,
            "report": report,
            "figures": figures,
            "population": District.objects.exists(),
        },
    )


def register_list(request):
    if not perms.can_manage(request.user):
        return deny(request)
    page = paginate(
        request, Interest.objects.select_related("district").order_by("-created", "id"), 100
    )
    return render(
        request,
        "recruitment/register_list.html",
        {"page": page, "confirmed": Interest.objects.filter(confirmed_at__isnull=False).count()},
    )
