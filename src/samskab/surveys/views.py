"""Survey pages: parse input, call a service or a query, render. No rule of their own."""

import csv
import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import paginate
from samskab.core.responses import bad_request, deny
from samskab.meetings.models import Meeting
from samskab.organisation.rules import person_of

from . import charts, queries, services
from . import rules as perms
from .forms import (
    AnswerForm,
    AutomaticRoundForm,
    ComparisonForm,
    OpenRoundForm,
    PulseForm,
    QuestionForm,
    QuestionSetForm,
    TextForm,
)
from .models import (
    AGREEMENT_CHOICES,
    SCALE_VALUES,
    Answer,
    AutomaticRound,
    Kind,
    Question,
    QuestionSet,
    Round,
)


def _posted(request):
    """The form's data on a POST, even an empty one (so that it is refused with reasons)."""
    return request.POST if request.method == "POST" else None


def _round(request, pk):
    """The round, if the visitor may see its page; otherwise it does not exist for them."""
    round_ = get_object_or_404(
        Round.objects.select_related("body", "question_set", "meeting__body"), pk=pk
    )
    if not perms.can_view_round(request.user, round_):
        raise Http404
    return round_


# --- Overview and rounds ------------------------------------------------------------------------


def index(request):
    user = request.user
    page = paginate(request, queries.visible_rounds(user))
    now = timezone.now()
    return render(
        request,
        "surveys/index.html",
        {
            "page": page,
            "now": now,
            "can_manage": perms.can_manage(user),
            "threshold": services.threshold(),
            "has_person": perms.can_see_own_invitations(user),
        },
    )


def open_round(request):
    if not perms.can_manage(request.user):
        return deny(request)
    form = OpenRoundForm(_posted(request), initial=_open_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.open_round(
                request.user,
                data["body"],
                data["question_set"],
                closes_at=services.closing_time(data["closes_on"]),
                kind=data["kind"],
                title=data["title"],
                remind_days=data["remind_days"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The round is open. The members get their personal links by email."),
            )
            return redirect(round_.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/open.html", {"form": form}, status=status)


def open_pulse(request, meeting_pk):
    """ "How did this meeting go?": a pulse round for one held meeting of a task committee."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)
    if not perms.can_open_pulse(request.user, meeting):
        if perms.may_ask_pulse(request.user, meeting):
            return bad_request(
                request,
                _(
                    "A pulse is asked once, after a meeting of a task committee has been held: "
                    "this meeting is not held yet, or it has been asked about already."
                ),
            )
        return deny(request)
    standard = services.pulse_question_set()
    initial = {
        "closes_on": timezone.localdate() + dt.timedelta(days=services.PULSE_DAYS_OPEN),
        "question_set": standard.pk if standard else None,
    }
    form = PulseForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.open_pulse(
                request.user,
                meeting,
                data["question_set"],
                closes_at=services.closing_time(data["closes_on"]),
                remind_days=data["remind_days"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The pulse is open. The members get their personal links by email."),
            )
            return redirect(meeting.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/pulse.html", {"form": form, "meeting": meeting}, status=status)


def _open_initial(request):
    initial: dict[str, object] = {"closes_on": timezone.localdate() + dt.timedelta(days=21)}
    body = request.GET.get("udvalg", "")
    if body.isdigit():
        initial["body"] = int(body)
    standard = QuestionSet.objects.filter(family="standard").order_by("-version").first()
    if standard:
        initial["question_set"] = standard.pk
    return initial


def _agreement_chart(qr):
    bars = [
        charts.DivergingBar(str(cell.label), cell.counts, cell.n) for cell in qr.cells if cell.shown
    ]
    return charts.diverging(bars) if bars else None


def _options(question):
    if question.kind == Kind.SCALE:
        return [(v, str(v)) for v in SCALE_VALUES]
    return list(enumerate(question.option_list()))


def _choice_chart(qr):
    shown = [cell for cell in qr.cells if cell.shown]
    if not shown:
        return None
    groups = [
        charts.BarGroup(
            label,
            [(charts.AUDIENCE_COLOURS[cell.audience], cell.pct(value)) for cell in shown],
        )
        for value, label in _options(qr.question)
    ]
    return charts.grouped_bars(groups)


def _number(value, decimals=1):
    return "" if value is None else formats.number_format(value, decimal_pos=decimals)


def _present(results):
    """For each question: its picture, and the table with the same numbers. A group below the
    threshold gets a row (agreement) or a note (choices) that says so, and no number."""
    items = []
    for qr in results.questions:
        q = qr.question
        shown = [cell for cell in qr.cells if cell.shown]
        item = {
            "result": qr,
            "question": q,
            "chart": None,
            "columns": [],
            "rows": [],
            "hidden": [cell.label for cell in qr.cells if not cell.shown],
        }
        if q.kind == Kind.AGREEMENT:
            item["chart"] = _agreement_chart(qr)
            item["columns"] = [
                _("Group"),
                *[
                    format_html("{} {}", charts.swatch(charts.AGREEMENT_COLOURS[v]), label)
                    for v, label in AGREEMENT_CHOICES
                ],
                q.get_headline_display(),
                _("Answers"),
            ]
            item["rows"] = [
                {
                    "header": cell.label,
                    "cells": [charts.percent(cell.pct(v)) for v, _label in AGREEMENT_CHOICES]
                    + [charts.percent(cell.headline(q)), cell.n],
                }
                for cell in shown
            ]
        elif q.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE):
            item["chart"] = _choice_chart(qr)
            item["columns"] = [
                _("Answer"),
                *[
                    format_html(
                        "{} {}", charts.swatch(charts.AUDIENCE_COLOURS[cell.audience]), cell.label
                    )
                    for cell in shown
                ],
            ]
            item["rows"] = [
                {"header": label, "cells": [charts.percent(cell.pct(v)) for cell in shown]}
                for v, label in _options(q)
            ]
            if q.kind == Kind.SCALE:
                item["rows"].append(
                    {"header": _("Mean"), "cells": [_number(cell.mean) for cell in shown]}
                )
            item["rows"].append({"header": _("Answers"), "cells": [cell.n for cell in shown]})
            if not shown:
                item["rows"] = []
        items.append(item)
    return items


def round_detail(request, pk):
    round_ = _round(request, pk)
    user = request.user
    results = None
    if perms.can_view_results(user, round_):
        results = queries.round_results(round_)
    return render(
        request,
        "surveys/round.html",
        {
            "round": round_,
            "results": results,
            "items": _present(results) if results else [],
            "legend": charts.legend(
                [(charts.AUDIENCE_COLOURS[g.audience], g.label) for g in results.groups]
            )
            if results
            else "",
            "can_manage": perms.can_manage(user),
            "can_close": perms.can_close(user, round_),
            "can_publish": perms.can_publish(user, round_),
            "can_moderate": perms.can_moderate_texts(user, round_),
            "is_open": round_.is_open(),
            "invited": round_.invitations.count() if perms.can_manage(user) else None,
            "progress": _progress(round_) if perms.can_manage(user) else None,
            "threshold": services.threshold(),
        },
    )


def _progress(round_):
    """While the round is open, the secretariat sees how many answered, per group, but only
    from the threshold up (below it, the page says so and shows no number)."""
    counts = queries.group_counts([round_.pk])
    limit = services.threshold()
    rows = []
    for audience in queries.AUDIENCES:
        invited, answered = counts.get((round_.pk, audience), (0, 0))
        if invited:
            rows.append(
                {
                    "label": queries.AUDIENCE_PLURAL[audience],
                    "answered": answered if answered >= limit else None,
                }
            )
    return rows


@require_POST
def close_round(request, pk):
    round_ = _round(request, pk)
    if not perms.can_manage(request.user):
        return deny(request)
    try:
        services.close_round(request.user, round_)
    except DomainError as error:
        return bad_request(request, error.message)
    messages.success(request, _("The round is closed: it takes no more answers."))
    return redirect(round_.get_absolute_url())


@require_POST
def publish_round(request, pk):
    round_ = _round(request, pk)
    if not perms.can_manage(request.user):
        return deny(request)
    published = request.POST.get("published") == "1"
    try:
        services.publish(request.user, round_, published=published)
    except DomainError as error:
        return bad_request(request, error.message)
    messages.success(
        request,
        _("The results are published.") if published else _("The results are no longer public."),
    )
    return redirect(round_.get_absolute_url())


def texts(request, pk):
    round_ = _round(request, pk)
    if not perms.can_moderate_texts(request.user, round_):
        return deny(request)
    failed = None
    if request.method == "POST":
        answer = _answer_from(request.POST.get("answer"), round_)
        form = TextForm(request.POST)
        if answer is None:
            return bad_request(request, _("That answer is not in this round."))
        if form.is_valid():
            try:
                services.moderate_text(
                    request.user,
                    answer,
                    text=form.cleaned_data["text"],
                    published=form.cleaned_data["publish"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("surveys:texts", pk=round_.pk)
        failed = (answer.pk, form)
    answers = list(queries.texts_to_moderate(round_))
    entries = []
    for answer in answers:
        if failed and failed[0] == answer.pk:
            form = failed[1]
        else:
            form = TextForm(
                initial={
                    "text": answer.published_text or answer.text,
                    "publish": answer.is_published,
                },
                prefix=None,
            )
        entries.append({"answer": answer, "form": form})
    return render(
        request,
        "surveys/texts.html",
        {"round": round_, "entries": entries, "threshold": services.threshold()},
        status=400 if failed else 200,
    )


def _answer_from(value, round_):
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        return None
    return (
        Answer.objects.filter(pk=key, round=round_, question__kind=Kind.TEXT)
        .select_related("question", "round")
        .first()
    )


def _csv(filename, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheets read the Danish letters right
    writer = csv.writer(response, delimiter=";")
    for row in rows:
        writer.writerow(row)
    return response


def round_csv(request, pk):
    round_ = _round(request, pk)
    if not perms.can_view_results(request.user, round_):
        raise Http404
    results = queries.round_results(round_, with_texts=False)
    return _csv(f"evaluering-{round_.pk}.csv", queries.round_csv_rows(results))


# --- Comparison -----------------------------------------------------------------------------------


def _comparison(request):
    questions = queries.comparable_questions(request.user)
    data = request.GET.copy()
    # Everyone lands on the first question without choosing one.
    if "question" not in data and questions:
        data["question"] = str(questions[0].pk)
    form = ComparisonForm(data, questions=questions)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    comp = queries.comparison(
        request.user,
        d["question"],
        first_year=d.get("first_year"),
        last_year=d.get("last_year"),
        label_all=_("All committees"),
        label_year=_("All committees, %(year)s"),
    )
    return form, comp


MAX_COMMITTEE_ROWS = 60


def compare(request):
    form, comp = _comparison(request)
    chart = None
    rows = []
    committees: list[queries.ComparisonRow] = []
    if comp is not None:
        q = comp.question
        # A picture of hundreds of committees helps nobody: beyond a screenful the page shows
        # the totals and asks for fewer years (the CSV always has every committee).
        committees = comp.committees if len(comp.committees) <= MAX_COMMITTEE_ROWS else []
        all_rows = [comp.total, *comp.years, *committees]
        for row in all_rows:
            rows.append(
                {
                    "row": row,
                    "cells": [
                        {
                            "cell": cell,
                            "headline": charts.percent(cell.headline(q)),
                            "agree": charts.percent(cell.agree),
                            "disagree": charts.percent(cell.disagree),
                        }
                        for cell in row.cells.values()
                    ],
                }
            )
        chart = charts.grouped_bars(
            [
                charts.BarGroup(
                    f"{row.label} ({row.year})" if row.round else row.label,
                    [
                        (charts.AUDIENCE_COLOURS[a], cell.headline(q))
                        for a, cell in row.cells.items()
                    ],
                )
                for row in all_rows
            ]
        )
    status = 400 if request.GET and form.errors else 200
    return render(
        request,
        "surveys/compare.html",
        {
            "form": form,
            "comparison": comp,
            "chart": chart,
            "rows": rows,
            "committees_left_out": len(comp.committees) if comp and not committees else 0,
            "legend": charts.legend(
                [
                    (charts.AUDIENCE_COLOURS[a], queries.AUDIENCE_PLURAL[a])
                    for a in queries.AUDIENCES
                ]
            ),
            "threshold": services.threshold(),
        },
        status=status,
    )


def compare_csv(request):
    form, comp = _comparison(request)
    if comp is None:
        return bad_request(request, _("Choose a question that some round has asked."))
    return _csv("evaluering-sammenligning.csv", queries.comparison_csv_rows(comp))


# --- Answering ------------------------------------------------------------------------------------


def answer(request, token):
    try:
        invitation = services.invitation_for(token)
    except services.BadLink as error:
        return render(
            request,
            "surveys/bad_link.html",
            {"message": error.message},
            status=error.status,
        )
    round_ = invitation.round
    questions = services.questions_for(round_, invitation.audience)
    form = AnswerForm(questions, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(token, form.raw())
        except services.BadLink as error:
            return render(
                request, "surveys/bad_link.html", {"message": error.message}, status=error.status
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "surveys/thanks.html", {"round": round_})
    return render(
        request,
        "surveys/answer.html",
        {"round": round_, "form": form, "audience": invitation.get_audience_display()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def mine(request):
    person = person_of(request.user)
    invitations = list(services.open_invitations(person)) if person else []
    return render(
        request,
        "surveys/mine.html",
        {
            "person": person,
            "invitations": [
                {"invitation": i, "link": None if i.answered else services.link(i)}
                for i in invitations
            ],
        },
    )


# --- Question sets -------------------------------------------------------------------------------


def question_sets(request):
    if not perms.can_manage(request.user):
        return deny(request)
    form = QuestionSetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            question_set = services.create_set(request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question set was made. Add its questions."))
            return redirect(question_set.get_absolute_url())
    return render(
        request,
        "surveys/question_sets.html",
        {
            "sets": QuestionSet.objects.order_by("family", "-version"),
            "form": form,
            "automatic": AutomaticRound.objects.select_related("question_set").order_by("state"),
            "automatic_form": AutomaticRoundForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def automatic(request):
    if not perms.can_manage(request.user):
        return deny(request)
    form = AutomaticRoundForm(request.POST)
    if form.is_valid():
        try:
            services.set_automatic(request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:question_sets")
    return render(
        request,
        "surveys/question_sets.html",
        {
            "sets": QuestionSet.objects.order_by("family", "-version"),
            "form": QuestionSetForm(),
            "automatic": AutomaticRound.objects.select_related("question_set").order_by("state"),
            "automatic_form": form,
        },
        status=400,
    )


def _render_set(request, question_set, *, set_form=None, question_form=None, status=200):
    if set_form is None:
        set_form = QuestionSetForm(
            initial={
                "family": question_set.family,
                "name": question_set.name,
                "description": question_set.description,
            }
        )
    set_form.fields["family"].disabled = True
    return render(
        request,
        "surveys/question_set.html",
        {
            "set": question_set,
            "questions": list(question_set.questions.all()),
            "editable": perms.can_edit_set(request.user, question_set),
            "set_form": set_form,
            "question_form": question_form or QuestionForm(),
            "rounds": question_set.rounds.select_related("body").order_by("-closes_at")[:20],
        },
        status=status,
    )


def question_set(request, pk):
    if not perms.can_manage(request.user):
        return deny(request)
    question_set = get_object_or_404(QuestionSet, pk=pk)
    if request.method != "POST":
        return _render_set(request, question_set)
    form = QuestionSetForm(request.POST, initial={"family": question_set.family})
    form.fields["family"].disabled = True
    if form.is_valid():
        try:
            services.update_set(
                request.user,
                question_set,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(question_set.get_absolute_url())
    return _render_set(request, question_set, set_form=form, status=400)


@require_POST
def add_question(request, pk):
    if not perms.can_manage(request.user):
        return deny(request)
    question_set = get_object_or_404(QuestionSet, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(request.user, question_set, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question was added."))
            return redirect(question_set.get_absolute_url())
    return _render_set(request, question_set, question_form=form, status=400)


def _question(pk, question_pk):
    return get_object_or_404(
        Question.objects.select_related("question_set"), pk=question_pk, question_set_id=pk
    )


def edit_question(request, pk, question_pk):
    if not perms.can_manage(request.user):
        return deny(request)
    question = _question(pk, question_pk)
    initial = {
        name: getattr(question, name)
        for name in ("text", "key", "kind", "asked_of", "options", "headline", "required")
    }
    form = QuestionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(request.user, question, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(question.question_set.get_absolute_url())
    return render(
        request,
        "surveys/question.html",
        {
            "question": question,
            "set": question.question_set,
            "form": form,
            "editable": perms.can_edit_set(request.user, question.question_set),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def delete_question(request, pk, question_pk):
    if not perms.can_manage(request.user):
        return deny(request)
    question = _question(pk, question_pk)
    try:
        services.delete_question(request.user, question)
    except DomainError as error:
        return bad_request(request, error.message)
    messages.success(request, _("The question was removed."))
    return redirect(question.question_set.get_absolute_url())


@require_POST
def new_version(request, pk):
    if not perms.can_manage(request.user):
        return deny(request)
    question_set = get_object_or_404(QuestionSet, pk=pk)
    try:
        copy = services.new_version(request.user, question_set)
    except DomainError as error:
        return bad_request(request, error.message)
    messages.success(
        request, _("Version %(version)d was made: change it here.") % {"version": copy.version}
    )
    return redirect(copy.get_absolute_url())
