"""The task committee's business rules. Pages and API call these and nothing else.

Every function takes the acting user first, runs in a transaction, checks permission, writes
the audit entry and raises ``DomainError`` (or ``Conflict``) with a translated reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import rules
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core import audit, dates, uploads
from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError, Errors
from samskab.core.text import danish_slugify
from samskab.follows import services as follows
from samskab.organisation.models import Body, BodyKind, Membership, Person

from . import lifecycle
from . import rules as perms
from .lifecycle import State
from .models import (
    FOLLOWED_UP,
    Decision,
    Delivery,
    FollowUpItem,
    FollowUpStatus,
    Input,
    ProgressNote,
    Recommendation,
    StateChange,
    TaskCommittee,
    TermsVersion,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# Who acts: the request's user (anonymous visitors are refused by the predicates).
Actor: TypeAlias = "User | AnonymousUser"

PROPOSER_KINDS = (BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE)


def _require(
    can: rules.Predicate,
    user: Actor,
    obj: TaskCommittee | None = None,
    *,
    who: rules.Predicate | None = None,
    reason: Callable[[], str | None] | None = None,
    field: str | None = None,
) -> None:
    """Ask the predicate that says who and when (``rules.py``). When it refuses someone whom
    ``who`` allows, the moment is wrong and ``reason()`` says why; otherwise the person may
    not do this at all."""
    if can.test(user, obj):
        return
    if who is not None and reason is not None and who.test(user, obj):
        raise DomainError(reason(), field=field, code="state")
    raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _meeting_missing() -> str:
    return _("This is a council decision: give the council meeting it was taken at.")


def _date_errors(
    errors: Errors,
    field: str,
    value: dt.date | None,
    *,
    not_after_today: bool = True,
    not_before: dt.date | None = None,
    before: str = "",
) -> None:
    """The shared sense checks for a date someone entered (``core.dates``), then this
    action's own limits: not in the future, not before an earlier step."""
    if value is None:
        return
    problem = dates.problem(value)
    if problem:
        errors.add(field, problem)
    elif not_after_today and value > timezone.localdate():
        errors.add(field, _("The date cannot be in the future."))
    elif not_before is not None and value < not_before:
        errors.add(field, before % {"date": not_before.strftime("%d.%m.%Y")})


def _locked(task: TaskCommittee) -> TaskCommittee:
    """The task row, locked until the transaction ends (two secretaries, one committee)."""
    return (
        TaskCommittee.objects.select_for_update(of=("self",)).select_related("body").get(pk=task.pk)
    )


def latest_version(task: TaskCommittee) -> TermsVersion | None:
    return task.versions.order_by("-number").first()


# --- Proposal -----------------------------------------------------------------------------


@transaction.atomic
def propose(
    actor: Actor,
    *,
    name: str,
    proposers: Iterable[Body],
    rationale: str = "",
    proposed_on: dt.date | None = None,
) -> TaskCommittee:
    """Register a proposal. The first proposer named is the committee's home until the
    approved terms name the receiving committee."""
    _require(perms.can_propose, actor)
    errors = Errors()
    name = (name or "").strip()
    if not name:
        errors.add("name", _("Give the task committee a name."))
    proposer_list = list(proposers)
    if not proposer_list:
        errors.add(
            "proposers",
            _("Name at least one standing committee or the Finance Committee that proposes it."),
        )
    if any(b.kind not in PROPOSER_KINDS for b in proposer_list):
        errors.add(
            "proposers",
            _("Only standing committees and the Finance Committee can propose a task committee."),
        )
    on = proposed_on or timezone.localdate()
    _date_errors(errors, "proposed_on", on)
    errors.raise_if_any()
    base = danish_slugify(name)[:80] or "opgaveudvalg"
    slug, n = base, 2
    while Body.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name=name, slug=slug, parent=proposer_list[0], seats=15
    )
    task = TaskCommittee.objects.create(
        body=body, rationale=rationale, proposed_on=on, state_changed_on=on
    )
    task.proposed_by.set(proposer_list)
    StateChange.objects.create(task=task, target=State.PROPOSED, date=on, actor=_user(actor))
    audit.record(actor, task, "propose", {"state": ["", State.PROPOSED]}, date=on)
    return task


def _person(actor: Actor) -> Person:
    """The person behind the acting account (the predicates that let them act require one)."""
    person: Person | None = getattr(actor, "person", None) if actor.is_authenticated else None
    if person is None:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")
    return person


def _user(actor: Actor) -> User | None:
    """The account to record as the one who acted (none for an anonymous visitor)."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


# --- Transitions --------------------------------------------------------------------------


@transaction.atomic
def transition(
    actor: Actor,
    task: TaskCommittee,
    target: str,
    *,
    date: dt.date | None = None,
    reference: str = "",
    note: str = "",
    expected_state: str | None = None,
    drafters: Sequence[Person] | None = None,
) -> TaskCommittee:
    """Move the committee to ``target``, if the lifecycle table allows it and its
    preconditions hold. ``expected_state`` guards against a change made meanwhile."""
    task = _locked(task)
    _require(
        perms.can_register_step,
        actor,
        task,
        who=perms.is_secretariat,
        reason=lambda: _("The task committee has no further steps."),
        field="target",
    )
    on = date or timezone.localdate()
    if expected_state and expected_state != task.state:
        raise Conflict(
            _(
                "The committee's state was changed meanwhile (it is now '%(state)s'). Nothing was "
                "changed; check and try again."
            )
            % {"state": State(task.state).label},
            current=task,
        )
    step = lifecycle.find(task.state, target)
    if step is None:
        raise DomainError(
            _("A task committee cannot go from '%(source)s' to '%(target)s'.")
            % {
                "source": State(task.state).label,
                "target": State(target).label if target in State.values else target,
            },
            field="target",
        )
    # Every refusal at once, each with its field, so the form can be put right in one go.
    errors = Errors()
    if step.council_decision and not (reference or "").strip():
        errors.add("reference", _meeting_missing())
    _date_errors(
        errors,
        "date",
        on,
        not_before=task.state_changed_on,
        before=_("The date cannot be before the previous step (%(date)s)."),
    )
    if drafters is not None and not step.appoints_drafters:
        errors.add(
            "drafters", _("Drafters are appointed when the drafting starts, not at this step.")
        )
    if step.check is not None and "date" not in errors:
        reason = step.check(task, lifecycle.StepInput(on=on, drafters=drafters, note=note))
        if reason:
            errors.add(step.check_field, reason)
            errors.raise_if_any(code="precondition")
    errors.raise_if_any()
    source = task.state
    _apply_effects(task, step, on, drafters)
    task.state = target
    task.state_changed_on = on
    task.save(update_fields=["state", "state_changed_on", "approved_version"])
    StateChange.objects.create(
        task=task,
        source=source,
        target=target,
        date=on,
        reference=reference.strip(),
        note=note.strip(),
        actor=_user(actor),
    )
    audit.record(
        actor,
        task,
        "transition",
        {"state": [source, target]},
        date=on,
        reference=reference,
        note=note,
    )
    _tell_about_step(task, target, on)
    return task


def _tell_about_step(task: TaskCommittee, target: str, on: dt.date) -> None:
    """Tell the council what needs it (a draft open for input, decisions due) and the body's
    followers that it took a step; they read it in their next digest."""
    name = task.body.name
    with translation.override(settings.LANGUAGE_CODE):
        news = _("%(name)s: %(state)s") % {"name": name, "state": State(target).label}
        if target in lifecycle.OPEN_FOR_INPUT:
            needs = _("The draft terms of reference for %(name)s are open for your input")
            url = reverse("taskcommittees:terms", args=[task.body.slug])
        elif target in lifecycle.AWAITING_DECISIONS:
            needs = _("The recommendations of %(name)s await the council's decisions")
            url = reverse("taskcommittees:delivery", args=[task.body.slug])
        else:
            needs = ""
    follows.notify_followers(
        "taskcommittees.step", targets=[task.body], title=news, url=task.get_absolute_url()
    )
    if needs:
        council = Membership.objects.current(on).filter(
            body__kind=BodyKind.COUNCIL, person__user__isnull=False
        )
        for membership in council.select_related("person__user")[:100]:
            follows.notify(
                membership.person.user,
                "taskcommittees.needs_council",
                title=needs % {"name": name},
                url=url,
                access_level=AccessLevel.COUNCIL,
            )


def _apply_effects(
    task: TaskCommittee, step: lifecycle.Transition, on: dt.date, drafters: Sequence[Person] | None
) -> None:
    body, target = task.body, step.target
    if drafters is not None and step.appoints_drafters:
        task.drafters.set(drafters)
    elif target == State.APPROVED:
        terms = latest_version(task)
        # The step's precondition (``terms_complete``) has checked that there are terms.
        assert terms is not None
        task.approved_version = terms
        # The approved terms decide where the committee belongs and when it runs.
        body.parent = terms.receiving_committee
        body.start_date = body.start_date or terms.start_date
        body.end_date = body.end_date or terms.end_date
        body.seats = terms.seats
        body.save(update_fields=["parent", "start_date", "end_date", "seats"])
    elif target == State.WORKING and (not body.start_date or body.start_date > on):
        # The work starts when it starts, even before the date the terms planned.
        body.start_date = on
        body.save(update_fields=["start_date"])
    elif target == State.RESULT_PRESENTED:
        Delivery.objects.update_or_create(task=task, defaults={"presented_on": on})
    elif target == State.DELIVERED:
        Delivery.objects.filter(task=task).update(delivered_on=on)
    elif target == State.FOLLOWING_UP:
        receiving = (
            task.approved_version.receiving_committee if task.approved_version else body.parent
        )
        for rec in task.recommendations.filter(decision__in=FOLLOWED_UP):
            # A referral is followed up at the committee it was sent on to.
            owner = rec.referred_to or receiving
            # Approved terms name the receiving committee (``terms_complete``).
            assert owner is not None
            FollowUpItem.objects.get_or_create(
                recommendation=rec,
                defaults={
                    "owner": owner,
                    "due_date": (rec.decided_on or on) + dt.timedelta(days=365),
                },
            )
    if target in lifecycle.ENDS_MEMBERSHIPS:
        # The committee's work ends: its members become former members (history is kept).
        Membership.objects.current(on).filter(body=body).update(end_date=on)
        fields = []
        if not body.end_date or body.end_date > on:
            body.end_date = on
            fields.append("end_date")
        if body.start_date and body.start_date > on:
            # Ended before the planned start: it never ran, and has no start to show.
            body.start_date = None
            fields.append("start_date")
        if fields:
            body.save(update_fields=fields)


# --- Terms of reference -------------------------------------------------------------------


@transaction.atomic
def save_terms(
    actor: Actor,
    task: TaskCommittee,
    data: Mapping[str, Any],
    *,
    base_version: int,
    change_note: str = "",
) -> TermsVersion:
    """Save the terms of reference as a new version.

    ``base_version`` is the number of the version the editor started from (0 for the first).
    If somebody saved a newer version meanwhile, nothing is saved: ``Conflict`` carries the
    current version so the editor can see both."""
    task = _locked(task)
    _require(
        perms.can_edit_terms,
        actor,
        task,
        who=perms.drafts_terms,
        reason=lambda: lifecycle.terms_frozen_reason(task),
    )
    current = latest_version(task)
    current_number = current.number if current else 0
    if base_version != current_number:
        raise Conflict(
            _(
                "Somebody saved version %(n)s while you were editing. Your text was not saved: "
                "compare it with the current version below and save again."
            )
            % {"n": current_number},
            current=current,
        )
    errors = validate_terms(data)
    if errors:
        raise DomainError.collect(errors)
    version = TermsVersion(
        task=task,
        number=current_number + 1,
        author=_user(actor),
        change_note=(change_note or "").strip()[:300],
    )
    for field in TermsVersion.CONTENT_FIELDS:
        if field in data:
            setattr(version, field, data[field])
    version.save()
    audit.record(actor, version, "save_terms", {"version": [current_number, version.number]})
    return version


# The largest Danish council (Copenhagen's) has 55 members.
MAX_COUNCIL_MEMBERS = 55
MAX_MEMBERS = 100


def validate_terms(data: Mapping[str, Any]) -> dict[str | None, str]:
    """Field errors for terms of reference data: the service refuses them, and the form shows
    them next to their fields before it calls the service."""
    errors: dict[str | None, str] = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("Give the terms of reference a title.")
    start, end = data.get("start_date"), data.get("end_date")
    for field in ("start_date", "end_date"):
        problem = dates.problem(data.get(field))
        if problem:
            errors[field] = problem
    if start and end and end < start and "end_date" not in errors:
        errors["end_date"] = _("The end cannot be before the start.")
    committee = data.get("receiving_committee")
    if committee is not None and committee.kind not in PROPOSER_KINDS:
        errors["receiving_committee"] = _(
            "The receiving committee must be a standing committee or the Finance Committee."
        )
    if (data.get("council_members") or 0) > MAX_COUNCIL_MEMBERS:
        errors["council_members"] = _("No council has more than %(n)s members.") % {
            "n": MAX_COUNCIL_MEMBERS
        }
    if (data.get("council_members") or 0) + (data.get("citizens") or 0) > MAX_MEMBERS:
        errors["citizens"] = _("A task committee has at most %(n)s members.") % {"n": MAX_MEMBERS}
    return errors


def terms_initial(task: TaskCommittee) -> dict[str, Any]:
    """The data a new version starts from: the latest version, or the proposal."""
    current = latest_version(task)
    if current:
        return {f: getattr(current, f) for f in TermsVersion.CONTENT_FIELDS}
    return {
        "title": task.body.name,
        "background": task.rationale,
        "council_members": TermsVersion._meta.get_field("council_members").get_default(),
        "citizens": TermsVersion._meta.get_field("citizens").get_default(),
        "receiving_committee": task.body.parent,
    }


def visible_version(user: Actor, task: TaskCommittee) -> TermsVersion | None:
    """The version a user may read: drafts for council members and the secretariat,
    otherwise only the approved (frozen) version."""
    if perms.can_view_draft(user):
        return latest_version(task)
    return task.approved_version


def visible_versions(user: Actor, task: TaskCommittee) -> QuerySet[TermsVersion]:
    qs = task.versions.select_related("receiving_committee", "author")
    if perms.can_view_draft(user):
        return qs
    return qs.filter(pk=task.approved_version_id) if task.approved_version_id else qs.none()


# --- Input on drafts ----------------------------------------------------------------------


@transaction.atomic
def add_input(
    actor: Actor,
    task: TaskCommittee,
    *,
    text: str,
    version_number: int | None = None,
    parent: Input | None = None,
) -> Input:
    task = _locked(task)
    _require(
        perms.can_give_input,
        actor,
        task,
        who=perms.is_council_member,
        reason=lambda: _("Input can only be given while the terms of reference are a draft."),
    )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write your input before you send it."), field="text")
    version = (
        task.versions.filter(number=version_number).first()
        if version_number
        else latest_version(task)
    )
    if version is None:
        raise DomainError(_("There is no draft to give input on yet."), field="version")
    if parent is not None and parent.task_id != task.pk:
        raise DomainError(_("You can only reply to input on the same committee."), field="parent")
    entry = Input.objects.create(
        task=task, version=version, parent=parent, author=_person(actor), text=text[:10000]
    )
    audit.record(actor, entry, "input", version=version.number)
    return entry


def visible_inputs(user: Actor, task: TaskCommittee) -> QuerySet[Input]:
    qs = task.inputs.select_related("author", "version")
    if perms.can_see_all_input(user, task):
        return qs
    person = getattr(user, "person", None)
    # A council member sees their own input and the replies to it.
    return qs.filter(Q(author=person) | Q(parent__author=person)) if person else qs.none()


# --- Delivery, recommendations and decisions ----------------------------------------------


@transaction.atomic
def save_delivery(
    actor: Actor, task: TaskCommittee, *, summary: str, report: UploadedFile | None = None
) -> Delivery:
    task = _locked(task)
    _require(
        perms.can_edit_result,
        actor,
        task,
        who=perms.is_secretariat,
        reason=lambda: _("The result can only be edited while the committee is working."),
    )
    if report is not None:
        uploads.validate_upload(report, field="report")
    delivery, _created = Delivery.objects.get_or_create(task=task)
    delivery.summary = (summary or "").strip()
    if report is not None:
        delivery.report = report
    delivery.save()
    audit.record(actor, delivery, "save_delivery")
    return delivery


@transaction.atomic
def add_recommendation(actor: Actor, task: TaskCommittee, *, text: str) -> Recommendation:
    task = _locked(task)
    _require(
        perms.can_edit_result,
        actor,
        task,
        who=perms.is_secretariat,
        reason=lambda: _("Recommendations can only be added while the committee is working."),
        field="text",
    )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the recommendation."), field="text")
    number = (task.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    rec = Recommendation.objects.create(task=task, number=number, text=text)
    audit.record(actor, rec, "add_recommendation", number=number)
    return rec


# A decision other than a plain adoption says why: what changed, why not, why elsewhere.
REASON_REQUIRED = frozenset(Decision) - {Decision.ADOPTED, Decision.PENDING}


def reason_required(decision: str) -> bool:
    return decision in REASON_REQUIRED


@transaction.atomic
def decide(
    actor: Actor,
    recommendation: Recommendation,
    *,
    decision: str,
    reason: str = "",
    referred_to: Body | None = None,
    decided_on: dt.date | None = None,
    reference: str = "",
) -> Recommendation:
    """Record the council's decision on one recommendation. A decision is taken once."""
    rec = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("task")
        .get(pk=recommendation.pk)
    )
    _require(
        perms.can_decide,
        actor,
        rec.task,
        who=perms.is_secretariat,
        reason=lambda: _("The council decides on recommendations once they are delivered."),
    )
    if rec.decision != Decision.PENDING:
        raise DomainError(
            _("The council has already decided on recommendation %(n)s (%(decision)s).")
            % {"n": rec.number, "decision": rec.get_decision_display()},
            code="already_decided",
        )
    errors = Errors()
    if decision not in Decision.values or decision == Decision.PENDING:
        errors.add("decision", _("Choose the council's decision."))
    if reason_required(decision) and not (reason or "").strip():
        errors.add("reason", _("Give the reason for the decision."))
    if decision == Decision.REFERRED and referred_to is None:
        errors.add("referred_to", _("Choose the committee it is sent on to."))
    if referred_to is not None and referred_to.kind not in PROPOSER_KINDS:
        errors.add(
            "referred_to",
            _("A recommendation is sent on to a standing committee or the Finance Committee."),
        )
    _date_errors(
        errors,
        "decided_on",
        decided_on,
        not_before=rec.task.state_changed_on,
        before=_("The council decides after the delivery (%(date)s)."),
    )
    if not (reference or "").strip():
        errors.add("reference", _meeting_missing())
    errors.raise_if_any()
    rec.decision = decision
    rec.reason = (reason or "").strip()
    rec.referred_to = referred_to if decision == Decision.REFERRED else None
    rec.decided_on = decided_on or timezone.localdate()
    rec.reference = reference.strip()
    rec.save()
    audit.record(
        actor, rec, "decide", {"decision": [Decision.PENDING, decision]}, reference=reference
    )
    return rec


# --- Follow-up ----------------------------------------------------------------------------


@transaction.atomic
def update_follow_up(
    actor: Actor,
    item: FollowUpItem,
    *,
    status: str | None = None,
    due_date: dt.date | None = None,
    note: str = "",
) -> FollowUpItem:
    item = (
        FollowUpItem.objects.select_for_update(of=("self",))
        .select_related("recommendation__task")
        .get(pk=item.pk)
    )
    _require(
        perms.can_update_follow_up,
        actor,
        item.recommendation.task,
        who=perms.is_secretariat,
        reason=lambda: _(
            "The follow-up can only be updated while the committee is being followed up."
        ),
    )
    errors = Errors()
    if status is not None and status not in FollowUpStatus.values:
        errors.add("status", _("Choose a status from the list."))
    decided_on = item.recommendation.decided_on
    _date_errors(
        errors,
        "due_date",
        due_date,
        not_after_today=False,
        not_before=decided_on,
        before=_("The due date cannot be before the council's decision (%(date)s)."),
    )
    errors.raise_if_any()
    changes: dict[str, list[str]] = {}
    if status is not None and status != item.status:
        changes["status"] = [item.status, status]
        item.status = status
    if due_date is not None and due_date != item.due_date:
        changes["due_date"] = [str(item.due_date), str(due_date)]
        item.due_date = due_date
    note = (note or "").strip()
    if not changes and not note:
        raise DomainError(_("Write a progress note or change the status."), field="note")
    item.save()
    if note:
        ProgressNote.objects.create(item=item, text=note, author=_user(actor))
    audit.record(actor, item, "follow_up", changes, note=note)
    return item


def people_for_drafters(on: dt.date | None = None) -> QuerySet[Person]:
    """Current council members (the choices for drafters)."""
    on = on or timezone.localdate()
    return (
        Person.objects.filter(
            memberships__in=Membership.objects.current(on).filter(body__kind=BodyKind.COUNCIL)
        )
        .distinct()
        .order_by("name")
    )
