from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import Conflict, DomainError
from samskab.core.forms import DateField, parse_integer
from samskab.core.pagination import paginate
from samskab.core.responses import deny
from samskab.organisation import queries as org_queries
from samskab.organisation.models import Body, Membership, Person
from samskab.recruitment.models import Application
from samskab.seats import dhondt
from samskab.taskcommittees.models import TaskCommittee

from . import pdf, queries, services
from . import rules as perms
from .models import Appointment, Kind, Status

MAX_ROWS = 30


def _rows_from_request(get):
    names = get.getlist("name")
    sizes = get.getlist("size")
    rows = []
    for index in range(max(len(names), len(sizes))):
        name = names[index].strip() if index < len(names) else ""
        size = sizes[index].strip() if index < len(sizes) else ""
        rows.append({"name": name, "size": size})
    return rows[:MAX_ROWS]


def _council_rows():
    term = org_queries.current_term()
    if not term:
        return []
    return [
        {"name": g.short_name, "size": str(g.size)}
        for g in org_queries.groups_with_sizes(term)
        if g.size > 0
    ]


def calculator(request):
    """Fordeling efter d'Hondt: a page anyone can use; the URL is the permalink.

    With JavaScript, htmx sends the form and swaps in only the calculator (the template's
    ``calculator`` partial) and pushes the URL; without it, the same GET renders the page."""
    get = request.GET
    rows = _council_rows() if get.get("council") else _rows_from_request(get)
    seats_text = get.get("seats", "").strip()
    seed = get.get("seed", "").strip() or None
    errors: dict = {}
    result = table = None
    submitted = "seats" in get
    filled = [(i, r) for i, r in enumerate(rows) if r["name"] or r["size"]]
    if submitted:
        try:
            seats = parse_integer(seats_text)
        except ValueError:
            errors["seats"] = _("The number of seats must be a whole number.")
        groups = []
        for index, row in filled:
            try:
                size = parse_integer(row["size"])
            except ValueError:
                errors[index] = _("The size must be a whole number.")
                continue
            groups.append((index, row["name"], size))
        if not filled and "seats" not in errors:
            errors["groups"] = _("Enter at least one group.")
        if not errors:
            try:
                result = dhondt.allocate(
                    seats, [dhondt.Group(n, s) for _i, n, s in groups], seed=seed
                )
            except dhondt.DhondtInputError as error:
                field = error.params.get("field", "")
                if field == "seats":
                    errors["seats"] = services.error_message(error)
                elif "index" in error.params:
                    errors[groups[error.params["index"]][0]] = services.error_message(error)
                else:
                    errors["groups"] = services.error_message(error)
        if result is not None:
            input_groups = [dhondt.Group(n, s) for _i, n, s in groups]
            table = services.quotient_table(result, input_groups)
    # Always offer a few empty rows to add groups.
    blank = max(3, 8 - len(rows))
    rows = rows + [{"name": "", "size": ""} for _ in range(blank)]
    rows = rows[: max(MAX_ROWS, len(filled))]
    for index, row in enumerate(rows):
        row["error"] = errors.get(index)
        row["number"] = index + 1
    permalink = None
    if result is not None:
        pairs = [("seats", seats_text)]
        for _i, row in filled:
            pairs += [("name", row["name"]), ("size", row["size"])]
        pairs.append(("seed", result.seed))
        permalink = "?" + urlencode(pairs)
    template = "appointment/calculator.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#calculator"
    response = render(
        request,
        template,
        {
            "rows": rows,
            "seats": seats_text if submitted else get.get("seats", ""),
            "seed": seed or "",
            "errors": errors,
            "result": result,
            "table": table,
            "permalink": permalink,
            "has_errors": bool(errors),
        },
    )
    # The same URL answers with the whole page or the partial: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- The appointment meeting --------------------------------------------------------------
# Views parse, call the service, render; the rules live in services.py and rules.py.


def _appointable():
    """Task committees the council can appoint now and that have no appointment yet."""
    return (
        TaskCommittee.objects.filter(state__in=services.APPOINTABLE, approved_version__isnull=False)
        .exclude(body__appointments__isnull=False)
        .select_related("body", "approved_version")
        .order_by("body__name")
    )


def _start_context(request, values=None, errors=None):
    term = org_queries.current_term()
    groups = services.council_groups(term, timezone.localdate()) if term else []
    values = values or {}
    council = Body.objects.filter(kind="council", term=term).first() if term is not None else None
    if council is not None and council.appointments.filter(kind=Kind.CONSTITUTION).exists():
        council = None
    chosen = (
        {key: values.getlist(key) for key in values if key.startswith("competence_")}
        if hasattr(values, "getlist")
        else {}
    )
    return {
        "council": council,
        "council_meetings": queries.council_meetings()[:60],
        "chosen_competences": chosen,
        "tasks": _appointable(),
        "groups": [
            {
                "name": g.short_name,
                "label": g.label,
                "size": g.size,
                "value": values.get(f"size_{g.short_name}", g.size),
                "departure": values.get(f"departure_{g.short_name}", ""),
            }
            for g in groups
        ],
        "values": values,
        "errors": errors or {},
        "today": timezone.localdate(),
    }


def meetings(request):
    """The appointments: those in progress and the decision records; the secretariat starts
    one here."""
    if not perms.can_follow(request.user):
        return deny(request)
    page = paginate(request, queries.appointments())
    return render(
        request,
        "appointment/meetings.html",
        {"page": page, **(_start_context(request) if perms.can_manage(request.user) else {})},
    )


@require_POST
def start(request):
    if not perms.can_manage(request.user):
        return deny(request)
    post = request.POST
    errors: dict = {}
    council = Body.objects.filter(slug=post.get("council", ""), kind="council").first()
    task = TaskCommittee.objects.filter(body__slug=post.get("task", "")).first()
    if task is None and council is None:
        errors["task"] = _("Choose the task committee.")
    min_age = None
    if post.get("min_age", "").strip():
        try:
            min_age = parse_integer(post["min_age"])
        except ValueError:
            errors["min_age"] = _("The minimum age must be a whole number.")
    meeting = None
    if post.get("meeting", "").strip():
        meeting = queries.council_meetings().filter(pk=_int(post["meeting"]) or 0).first()
        if meeting is None:
            errors["meeting"] = _("Choose one of the council's meetings from the list.")
    try:
        date = DateField(required=False).clean(post.get("date", ""))
    except ValidationError as error:
        errors["date"] = error.messages[0]
        date = None
    sizes = {}
    departure = {}
    for key, value in post.items():
        if key.startswith("size_"):
            try:
                sizes[key[5:]] = parse_integer(value)
            except ValueError:
                errors["sizes"] = _("The size of group %(name)s must be a whole number.") % {
                    "name": key[5:]
                }
        elif key.startswith("departure_") and key != "departure_note" and value.strip():
            try:
                departure[key[10:]] = parse_integer(value)
            except ValueError:
                errors["departure"] = _("Group %(name)s's seats must be a whole number.") % {
                    "name": key[10:]
                }
    if not errors and council is not None:
        try:
            appointment = services.start_constitution(
                request.user,
                council,
                date=date,
                reference=post.get("reference", ""),
                seed=post.get("seed", "").strip() or None,
            )
        except DomainError as error:
            errors = {(f or "task"): str(m) for f, m in error.errors.items()}
        else:
            messages.success(request, _("The constitution meeting is open."))
            return redirect(appointment)
    elif not errors and task is not None:
        try:
            appointment = services.start(
                request.user,
                task,
                date=date,
                reference=post.get("reference", ""),
                sizes=sizes,
                sizes_note=post.get("sizes_note", ""),
                seed=post.get("seed", "").strip() or None,
                require_pool=post.get("require_pool") == "on",
                physical_lot=[
                    name.strip() for name in post.get("physical_lot", "").split(",") if name.strip()
                ]
                or None,
                departure=departure or None,
                departure_note=post.get("departure_note", ""),
                unanimous=post.get("unanimous") == "on",
                residents_only=post.get("residents_only") == "on",
                min_age=min_age,
                competences=post.getlist(f"competence_{task.body.slug}"),
                meeting=meeting,
            )
        except DomainError as error:
            errors = {(f or "task"): str(m) for f, m in error.errors.items()}
        else:
            messages.success(request, _("The appointment meeting is open."))
            return redirect(appointment)
    page = paginate(request, queries.appointments())
    return render(
        request,
        "appointment/meetings.html",
        {"page": page, **_start_context(request, post, errors)},
        status=400,
    )


def _appointment(request, pk):
    appointment = get_object_or_404(
        Appointment.objects.select_related(
            "body", "task", "chair", "vice_chair", "term", "meeting"
        ),
        pk=pk,
    )
    if not perms.can_view(request.user, appointment):
        raise Http404
    return appointment


def _meeting_context(request, appointment, errors=None, values=None):
    context = queries.state(appointment)
    if perms.can_pick(request.user, appointment) and appointment.kind == Kind.CONSTITUTION:
        context["candidates"] = list(queries.council_candidates(appointment, again=True))
        context["committees"] = queries.free_committees(appointment)
        context["pool"] = []
    elif perms.can_pick(request.user, appointment):
        context["candidates"] = list(queries.council_candidates(appointment))
        context["pool"] = queries.pool(appointment, queries.terms_competences(appointment))
        context["competences"] = queries.terms_competences(appointment)
    for m in context.get("candidates") or []:
        m.choice = f"p{m.person_id}"
    context.update(
        {
            "errors": errors or {},
            "values": values or {},
            "can_manage": perms.can_manage(request.user),
            "can_follow": perms.can_follow(request.user),
            "pdf_available": pdf.available(),
            "pdf_reason": pdf.unavailable_reason(),
            "members": (
                Membership.objects.filter(body=appointment.body)
                .select_related("person", "group")
                .order_by("start_date", "id")
                if appointment.status == Status.COMPLETED
                else []
            ),
            "vacancies": queries.vacancies(appointment.body)
            if appointment.status == Status.COMPLETED
            else [],
        }
    )
    return context


def meeting(request, pk):
    """The live meeting on every screen; once completed, the decision record. htmx asks every
    few seconds with the version it shows: nothing new answers 204 (the screen, and a form
    being filled in, stay as they are); a new step answers the live region."""
    appointment = _appointment(request, pk)
    if request.htmx and not request.htmx.history_restore_request:
        since = request.GET.get("since", "")
        if since == str(appointment.version):
            return HttpResponse(status=204)
        return render(
            request, "appointment/meeting.html#live", _meeting_context(request, appointment)
        )
    return render(request, "appointment/meeting.html", _meeting_context(request, appointment))


def _refused(request, appointment, error, values):
    if isinstance(error, Conflict):
        messages.error(request, str(error.message))
        return redirect(appointment)
    errors = {(f or "pick"): str(m) for f, m in error.errors.items()}
    appointment.refresh_from_db()
    return render(
        request,
        "appointment/meeting.html",
        _meeting_context(request, appointment, errors, values),
        status=400,
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
def pick(request, pk):
    appointment = _appointment(request, pk)
    if not perms.can_manage(request.user):
        return deny(request)
    post = request.POST
    person = application = None
    who = post.get("who", "")
    if who.startswith("p") and _int(who[1:]):
        person = Person.objects.filter(pk=_int(who[1:])).first()
    elif who.startswith("a") and _int(who[1:]):
        application = Application.objects.filter(pk=_int(who[1:])).first()
    if person is None and application is None:
        appointment.refresh_from_db()
        return render(
            request,
            "appointment/meeting.html",
            _meeting_context(
                request,
                appointment,
                {"who": _("Choose a council member or an applicant.")},
                post,
            ),
            status=400,
        )
    if appointment.kind == Kind.CONSTITUTION:
        try:
            services.pick_committee_seat(
                request.user,
                appointment,
                number=_int(post.get("number")) or 0,
                version=_int(post.get("version")) or 0,
                person=person,
                committee=Body.objects.filter(slug=post.get("committee", "")).first(),
                named_by=post.get("named_by", "").strip() or None,
                note=post.get("note", ""),
            )
        except DomainError as error:
            return _refused(request, appointment, error, post)
        return redirect(appointment)
    try:
        services.pick(
            request.user,
            appointment,
            number=_int(post.get("number")) or 0,
            version=_int(post.get("version")) or 0,
            person=person,
            application=application,
            named_by=post.get("named_by", "").strip() or None,
            note=post.get("note", ""),
        )
    except DomainError as error:
        return _refused(request, appointment, error, post)
    return redirect(appointment)


@require_POST
def chairs(request, pk):
    appointment = _appointment(request, pk)
    if not perms.can_manage(request.user):
        return deny(request)
    post = request.POST
    people = Person.objects.in_bulk(
        [i for i in (_int(post.get("chair")), _int(post.get("vice_chair"))) if i]
    )
    try:
        services.choose_chairs(
            request.user,
            appointment,
            chair=people.get(_int(post.get("chair"))),
            vice_chair=people.get(_int(post.get("vice_chair"))),
            version=_int(post.get("version")) or 0,
        )
    except DomainError as error:
        return _refused(request, appointment, error, post)
    messages.success(request, _("The decision record is completed and the members are appointed."))
    return redirect(appointment)


def record_pdf(request, pk):
    appointment = _appointment(request, pk)
    if appointment.status != Status.COMPLETED:
        raise Http404
    if not pdf.available():
        return render(
            request,
            "appointment/pdf_unavailable.html",
            {"appointment": appointment, "reason": pdf.unavailable_reason()},
            status=503,
        )
    content = pdf.render_record(request, appointment, queries.state(appointment))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="udpegning-{appointment.body.slug}-{appointment.date:%Y-%m-%d}.pdf"'
    )
    return response


# --- Vacancies ----------------------------------------------------------------------------


def vacancies(request, slug):
    """A committee's vacancies: who left, and whom the same group named instead."""
    body = get_object_or_404(Body, slug=slug)
    if not perms.can_fill_vacancy(request.user):
        return deny(request)
    return _vacancy_page(request, body)


def _vacancy_page(request, body, errors=None, values=None, status=200):
    task = getattr(body, "task", None) if hasattr(body, "task") else None
    call = services.latest_call(task) if task is not None else None
    pool = (
        Application.objects.in_pool()
        .filter(call=call)
        .exclude(outcome="appointed")
        .order_by("name")
        if call is not None
        else []
    )
    return render(
        request,
        "appointment/vacancies.html",
        {
            "body": body,
            "seats": queries.open_seats_for(body),
            "vacancies": queries.vacancies(body),
            "pool": pool,
            "council": Membership.objects.current()
            .filter(body__kind="council")
            .select_related("person", "group")
            .order_by("group__short_name", "person__name"),
            "errors": errors or {},
            "values": values or {},
            "today": timezone.localdate(),
        },
        status=status,
    )


@require_POST
def fill_vacancy(request, slug):
    body = get_object_or_404(Body, slug=slug)
    if not perms.can_fill_vacancy(request.user):
        return deny(request)
    post = request.POST
    membership = Membership.objects.filter(pk=_int(post.get("membership")) or 0, body=body).first()
    who = post.get("who", "")
    person = application = None
    if who.startswith("p") and _int(who[1:]):
        person = Person.objects.filter(pk=_int(who[1:])).first()
    elif who.startswith("a") and _int(who[1:]):
        application = Application.objects.filter(pk=_int(who[1:])).first()
    errors = {}
    if membership is None:
        errors["membership"] = _("Choose the member who left.")
    if person is None and application is None:
        errors["who"] = _("Choose the replacement.")
    date = None
    try:
        date = DateField().clean(post.get("date", ""))
    except ValidationError as error:
        errors["date"] = error.messages[0]
    if not errors:
        try:
            services.fill_vacancy(
                request.user,
                membership,
                date=date,
                reference=post.get("reference", ""),
                person=person,
                application=application,
                note=post.get("note", ""),
            )
        except DomainError as error:
            errors = {(f or "membership"): str(m) for f, m in error.errors.items()}
        else:
            messages.success(request, _("The seat is filled."))
            return redirect("appointment:vacancies", slug=body.slug)
    return _vacancy_page(request, body, errors, post, status=400)
