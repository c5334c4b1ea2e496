from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.cache import public_page
from samskab.core.errors import Conflict, DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import paginate
from samskab.core.responses import bad_request, deny
from samskab.organisation import queries as org_queries
from samskab.organisation.models import Body, BodyKind

from . import diff, lifecycle, pdf, queries, services
from . import rules as perms
from .forms import (
    DecisionForm,
    DeliveryForm,
    FollowUpForm,
    InputForm,
    ProposeForm,
    RecommendationForm,
    TermsForm,
    TransitionForm,
    committee_options,
)
from .lifecycle import State
from .models import Delivery, FollowUpItem, Recommendation, TaskCommittee, TermsVersion

# Views guard access by role (who may come here at all: a login or a 403); whether the moment
# is right is the predicate's "when", which the services enforce with a reason and the
# templates ask (``{% has_perm %}``) before they offer an action.


def _task(slug):
    return get_object_or_404(
        TaskCommittee.objects.select_related("body", "body__parent", "approved_version"),
        body__slug=slug,
    )


def _path(task, history):
    done, current, upcoming = lifecycle.path_position(task.state)
    # The date each step was (last) reached, for the step indicator's information line.
    reached = {change.target: change.date for change in history}
    steps = [{"state": s, "status": "done", "date": reached.get(s)} for s in done]
    steps.append({"state": State(current), "status": "current", "date": reached.get(current)})
    steps += [{"state": s, "status": "next", "date": None} for s in upcoming]
    return steps


def _detail_context(request, task, transition_form=None):
    user = request.user
    today = timezone.localdate()
    show_delivery = perms.can_view_result(user, task)
    delivery = Delivery.objects.filter(task=task).first() if show_delivery else None
    recommendations = (
        list(task.recommendations.select_related("referred_to", "follow_up"))
        if show_delivery
        else []
    )
    allowed = lifecycle.allowed_from(task.state)
    history = list(queries.state_history(task))
    if not perms.can_register_step(user, task):
        transition_form = None
    elif transition_form is None:
        transition_form = TransitionForm(
            initial={"expected_state": task.state, "date": today, "target": allowed[0].target},
            steps=allowed,
            drafter_choices=services.people_for_drafters(today),
        )
    members = org_queries.sort_by_role(org_queries.current_members(task.body, today))
    return {
        "task": task,
        "body": task.body,
        "steps": _path(task, history),
        "history": history,
        "members": members,
        # Former members are worth a link only when there are some.
        "has_former_members": not members and task.body.memberships.former(today).exists(),
        "terms": services.visible_version(user, task),
        "delivery": delivery,
        "recommendations": recommendations,
        "transition_form": transition_form,
        "proposers": list(task.proposed_by.all()),
        "drafters": list(task.drafters.all()),
        "today": today,
    }


@public_page
def detail(request, slug):
    task = (
        TaskCommittee.objects.filter(body__slug=slug)
        .select_related("body", "body__parent", "approved_version")
        .first()
    )
    if task is None:
        # A body registered without a process (e.g. entered in the admin): its own page.
        body = get_object_or_404(Body, slug=slug, kind=BodyKind.TASK_COMMITTEE)
        return redirect(body.get_absolute_url())
    return render(request, "taskcommittees/detail.html", _detail_context(request, task))


@require_POST
def transition(request, slug):
    task = _task(slug)
    if not perms.is_secretariat(request.user):
        return deny(request)
    form = TransitionForm(
        request.POST,
        steps=lifecycle.allowed_from(task.state),
        drafter_choices=services.people_for_drafters(),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.transition(
                request.user,
                task,
                data["target"],
                date=data["date"],
                reference=data["reference"],
                note=data["note"],
                expected_state=data["expected_state"] or None,
                drafters=list(data["drafters"]) if "drafters" in data else None,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            task.refresh_from_db()
            messages.success(
                request, _("The committee is now: %(state)s.") % {"state": task.get_state_display()}
            )
            return redirect(task.get_absolute_url())
    context = _detail_context(request, task, transition_form=form)
    return render(request, "taskcommittees/detail.html", context, status=400)


def propose(request):
    if not perms.can_propose(request.user):
        return deny(request)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.propose(
                request.user,
                name=data["name"],
                proposers=data["proposers"],
                rationale=data["rationale"],
                proposed_on=data["proposed_on"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The task committee was proposed."))
            return redirect(task.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "taskcommittees/propose.html", {"form": form}, status=status)


# --- Terms of reference -------------------------------------------------------------------


@public_page
def terms(request, slug):
    task = _task(slug)
    version = services.visible_version(request.user, task)
    if version is None:
        # No version yet (or none approved for this visitor): say where things stand and,
        # for those who may, how to write the first draft.
        return _render_terms_empty(request, task)
    return _render_terms(request, task, version)


def _render_terms_empty(request, task, status=200):
    context = {"task": task, "frozen_reason": lifecycle.terms_frozen_reason(task)}
    return render(request, "taskcommittees/terms_empty.html", context, status=status)


def _render_terms(request, task, version, input_form=None, status=200):
    user = request.user
    inputs = list(services.visible_inputs(user, task)) if perms.can_view_draft(user) else []
    return render(
        request,
        "taskcommittees/terms.html",
        {
            "task": task,
            "version": version,
            "is_approved": task.approved_version_id == version.pk,
            "inputs": [i for i in inputs if i.parent_id is None],
            "replies": _replies(inputs),
            "input_form": input_form
            or (
                InputForm(initial={"version": version.number})
                if perms.can_give_input(user, task)
                else None
            ),
            "pdf_available": pdf.available(),
            "seats": queries.seat_distribution(task, version),
        },
        status=status,
    )


def _replies(inputs):
    replies: dict[int, list[object]] = {}
    for entry in inputs:
        if entry.parent_id:
            replies.setdefault(entry.parent_id, []).append(entry)
    return replies


def versions(request, slug):
    task = _task(slug)
    if not perms.can_view_draft(request.user):
        return deny(request)
    page = paginate(request, task.versions.select_related("author").order_by("-number"))
    return render(request, "taskcommittees/versions.html", {"task": task, "page": page})


@public_page
def version(request, slug, number):
    task = _task(slug)
    version = get_object_or_404(task.versions, number=number)
    if version.pk != task.approved_version_id and not perms.can_view_draft(request.user):
        return deny(request)
    return _render_terms(request, task, version)


def compare(request, slug):
    task = _task(slug)
    if not perms.can_view_draft(request.user):
        return deny(request)
    try:
        a = int(request.GET.get("fra", ""))
        b = int(request.GET.get("til", ""))
    except ValueError:
        return bad_request(request, _("Choose two versions to compare."))
    old = get_object_or_404(task.versions, number=a)
    new = get_object_or_404(task.versions, number=b)
    return render(
        request,
        "taskcommittees/compare.html",
        {
            "task": task,
            "old": old,
            "new": new,
            "rows": diff.compare(old, new),
            "numbers": list(task.versions.values_list("number", flat=True)),
        },
    )


def version_pdf(request, slug, number):
    task = _task(slug)
    version = get_object_or_404(task.versions.select_related("receiving_committee"), number=number)
    if version.pk != task.approved_version_id and not perms.can_view_draft(request.user):
        return deny(request)
    if not pdf.available():
        return render(
            request,
            "taskcommittees/pdf_unavailable.html",
            {"task": task, "reason": pdf.unavailable_reason()},
            status=503,
        )
    content = pdf.render_terms(request, task, version)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="kommissorium-{task.body.slug}-v{version.number}.pdf"'
    )
    return response


def edit_terms(request, slug):
    task = _task(slug)
    if not perms.drafts_terms(request.user, task):
        return deny(request)
    current = services.latest_version(task)
    conflict = None
    if request.method == "POST":
        form = TermsForm(request.POST)
        if form.is_valid():
            try:
                version = services.save_terms(
                    request.user,
                    task,
                    form.content(),
                    base_version=form.cleaned_data["base_version"],
                    change_note=form.cleaned_data.get("change_note", ""),
                )
            except Conflict as error:
                conflict = error
                form.add_error(None, str(error.message))
                current = error.current
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": version.number})
                return redirect("taskcommittees:terms", slug=slug)
    else:
        if not perms.can_edit_terms(request.user, task):
            reason = lifecycle.terms_frozen_reason(task)
            # drafts_terms passed above, so only the state stops the edit and there is a reason.
            assert reason is not None
            messages.error(request, reason)
            return redirect("taskcommittees:terms", slug=slug)
        initial = services.terms_initial(task)
        if initial.get("budget_ore") is not None:
            initial["budget_kroner"] = Decimal(initial["budget_ore"]) / 100
        initial["base_version"] = current.number if current else 0
        form = TermsForm(initial=initial)
    rows = None
    if conflict and current is not None:
        # Show the other person's version beside what this person typed (nothing is lost).
        mine = TermsVersion(
            **{k: v for k, v in form.cleaned_data.items() if k in TermsVersion.CONTENT_FIELDS}
        )
        mine.budget_ore = form.content().get("budget_ore")
        rows = diff.compare(current, mine)
        data = cast(QueryDict, form.data).copy()
        data["base_version"] = str(current.number)
        form.data = data
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "taskcommittees/edit_terms.html",
        {
            "task": task,
            "form": form,
            "current": current,
            "conflict": conflict,
            "conflict_rows": rows,
        },
        status=status,
    )


@require_POST
def add_input(request, slug):
    task = _task(slug)
    if not perms.is_council_member(request.user):
        return deny(request)
    form = InputForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        parent = task.inputs.filter(pk=data["parent"]).first() if data.get("parent") else None
        if data.get("parent") and parent is None:
            form.add_error(None, _("The input you replied to no longer exists."))
        else:
            try:
                services.add_input(
                    request.user,
                    task,
                    text=data["text"],
                    version_number=data.get("version"),
                    parent=parent,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your input was sent to the drafters."))
                return redirect("taskcommittees:terms", slug=slug)
    version = services.visible_version(request.user, task)
    if version is None:
        return _render_terms_empty(request, task, status=400)
    return _render_terms(request, task, version, input_form=form, status=400)


# --- Delivery, recommendations, decisions -------------------------------------------------


def delivery(request, slug):
    task = _task(slug)
    if not perms.is_secretariat(request.user):
        return deny(request)
    current = Delivery.objects.filter(task=task).first()
    form = DeliveryForm(
        request.POST or None,
        request.FILES or None,
        initial={"summary": current.summary if current else ""},
    )
    rec_form = RecommendationForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_delivery(
                    request.user,
                    task,
                    summary=form.cleaned_data["summary"],
                    report=form.cleaned_data.get("report"),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The result was saved."))
                return redirect("taskcommittees:delivery", slug=slug)
        status = 400
    return _render_delivery(request, task, form, rec_form, status)


def _render_delivery(request, task, form, rec_form, status=200, decision_forms=None):
    recommendations = list(task.recommendations.select_related("referred_to"))
    decision_forms = decision_forms or {}
    choices = committee_options()
    for rec in recommendations:
        rec.form = decision_forms.get(rec.pk) or DecisionForm(
            prefix=f"r{rec.pk}",
            initial={"decided_on": timezone.localdate()},
            committee_choices=choices,
        )
    return render(
        request,
        "taskcommittees/delivery.html",
        {
            "task": task,
            "form": form,
            "rec_form": rec_form,
            "recommendations": recommendations,
            "delivery": Delivery.objects.filter(task=task).first(),
        },
        status=status,
    )


@require_POST
def add_recommendation(request, slug):
    task = _task(slug)
    if not perms.is_secretariat(request.user):
        return deny(request)
    rec_form = RecommendationForm(request.POST)
    if rec_form.is_valid():
        try:
            services.add_recommendation(request.user, task, text=rec_form.cleaned_data["text"])
        except DomainError as error:
            add_domain_error(rec_form, error)
        else:
            messages.success(request, _("The recommendation was added."))
            return redirect("taskcommittees:delivery", slug=slug)
    return _render_delivery(request, task, DeliveryForm(), rec_form, status=400)


@require_POST
def decide(request, slug, pk):
    task = _task(slug)
    if not perms.is_secretariat(request.user):
        return deny(request)
    rec = get_object_or_404(Recommendation, pk=pk, task=task)
    form = DecisionForm(request.POST, prefix=f"r{rec.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                request.user,
                rec,
                decision=data["decision"],
                reason=data["reason"],
                referred_to=data["referred_to"],
                decided_on=data["decided_on"],
                reference=data["reference"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("taskcommittees:delivery", slug=slug)
    return _render_delivery(
        request,
        task,
        DeliveryForm(),
        RecommendationForm(),
        status=400,
        decision_forms={rec.pk: form},
    )


def report(request, slug):
    task = _task(slug)
    if not perms.can_view_result(request.user, task):
        return deny(request)
    delivery = Delivery.objects.filter(task=task).first()
    if not delivery or not delivery.report:
        raise Http404
    # Always a download: an uploaded file is never shown as a page of this site.
    return FileResponse(
        delivery.report.open("rb"),
        as_attachment=True,
        filename=cast(str, delivery.report.name).rsplit("/", 1)[-1],
    )


# --- Portfolio and follow-up ------------------------------------------------------------


def portfolio(request):
    if not perms.can_view_portfolio(request.user):
        return deny(request)
    state = request.GET.get("state", "")
    qs = queries.portfolio_queryset()
    if state:
        if state not in State.values:
            return bad_request(request, _("Unknown state: choose one from the list."))
        qs = qs.filter(state=state)

    def current_page():
        page = paginate(request, qs.order_by("-proposed_on", "body__name"), per_page=40)
        page.object_list = queries.with_first_step(page.object_list)
        return page

    # Everything below the buttons is the same for every council member and the secretariat:
    # the template keeps it in a shared fragment, and these lazy values are computed only
    # when the fragment is not in the cache.
    page = SimpleLazyObject(current_page)
    return render(
        request,
        "taskcommittees/portfolio.html",
        {
            "page": page,
            "state": state,
            "states": State.choices,
            "counts": queries.state_counts,
            "running": queries.running_count,
            "by_committee": queries.by_committee,
            "timeline": SimpleLazyObject(lambda: queries.timeline(list(page))),
        },
    )


@public_page
def follow_up(request, slug):
    return _render_follow_up(request, _task(slug))


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up item on its page, with its update form for those who may update it."""

    item: FollowUpItem
    overdue: bool
    form: FollowUpForm | None = None
    open: bool = False


def _render_follow_up(request, task, bound=None, status=200):
    items = queries.follow_up_items().filter(recommendation__task=task)
    recommendations = list(task.recommendations.select_related("referred_to", "follow_up"))
    if not perms.can_view_result(request.user, task):
        recommendations = []
        items = items.none()
    can_update = perms.can_update_follow_up(request.user, task)
    rows = []
    for item in items.prefetch_related("notes"):
        if not can_update:
            rows.append(FollowUpRow(item, item.is_overdue()))
            continue
        opened = bound is not None and bound.prefix == f"f{item.pk}"
        form = (
            bound
            if bound is not None and opened
            else FollowUpForm(
                prefix=f"f{item.pk}", initial={"status": item.status, "due_date": item.due_date}
            )
        )
        rows.append(FollowUpRow(item, item.is_overdue(), form, opened))
    return render(
        request,
        "taskcommittees/follow_up.html",
        {
            "task": task,
            "items": rows,
            "recommendations": recommendations,
            "summary": queries.follow_up_summary(items),
        },
        status=status,
    )


@require_POST
def update_follow_up(request, pk):
    item = get_object_or_404(
        FollowUpItem.objects.select_related("recommendation__task__body"), pk=pk
    )
    if not perms.is_secretariat(request.user):
        return deny(request)
    form = FollowUpForm(request.POST, prefix=f"f{item.pk}")
    task = item.recommendation.task
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_follow_up(
                request.user,
                item,
                status=data["status"],
                due_date=data["due_date"],
                note=data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The follow-up was updated."))
            return redirect("taskcommittees:follow_up", slug=task.body.slug)
    return _render_follow_up(request, task, bound=form, status=400)


@public_page
def accountability(request):
    """What became of it: every committee's recommendations and their follow-up, public."""
    page = paginate(request, queries.accountability_rows())
    page.object_list = queries.with_recommendation_counts(page.object_list)
    items = FollowUpItem.objects.filter(lifecycle.result_public_q("recommendation__task__"))
    return render(
        request,
        "taskcommittees/accountability.html",
        {"page": page, "summary": queries.follow_up_summary(items)},
    )
