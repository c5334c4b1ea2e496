"""The task committee's business rules. Pages and API call these and nothing else.

Every function takes the acting user first, runs in a transaction, checks permission, writes
the audit entry and raises ``DomainError`` (or ``Conflict``) with a translated reason.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core import audit, uploads
from samskab.core.errors import Conflict, DomainError
from samskab.core.text import danish_slugify
from samskab.organisation.models import Body, BodyKind, Membership, Person, Role

from . import lifecycle
from . import rules as perms
from .lifecycle import State
from .models import (
    ADOPTING,
    FINISHED,
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

PROPOSER_KINDS = (BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE)


def _require(predicate, user, obj=None):
    allowed = predicate(user, obj) if obj is not None else predicate(user)
    if not allowed:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _locked(task):
    """The task row, locked until the transaction ends (two secretaries, one committee)."""
    return TaskCommittee.objects.select_for_update().select_related("body").get(pk=task.pk)


def latest_version(task):
    return task.versions.order_by("-number").first()


# --- Proposal -----------------------------------------------------------------------------


@transaction.atomic
def propose(actor, *, name, proposers, rationale="", proposed_on=None):
    _require(perms.can_manage, actor)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the task committee a name."), field="name")
    proposers = list(proposers)
    if not proposers:
        raise DomainError(
            _("Name at least one standing committee or the Finance Committee that proposes it."),
            field="proposers",
        )
    if any(b.kind not in PROPOSER_KINDS for b in proposers):
        raise DomainError(
            _("Only standing committees and the Finance Committee can propose a task committee."),
            field="proposers",
        )
    base = danish_slugify(name)[:80] or "opgaveudvalg"
    slug, n = base, 2
    while Body.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    on = proposed_on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="proposed_on")
    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name=name, slug=slug, parent=proposers[0], seats=15
    )
    task = TaskCommittee.objects.create(
        body=body, rationale=rationale, proposed_on=on, state_changed_on=on
    )
    task.proposed_by.set(proposers)
    StateChange.objects.create(task=task, target=State.PROPOSED, date=on, actor=_user(actor))
    audit.record(actor, task, "propose", {"state": ["", State.PROPOSED]}, date=on)
    return task


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Transitions --------------------------------------------------------------------------


def _is_council_member(person, on):
    return (
        Membership.objects.current(on).filter(person=person, body__kind=BodyKind.COUNCIL).exists()
    )


def _check(task, name, on, drafters, note):
    """Precondition checks, by the name the lifecycle table gives. Returns a reason or None."""
    if name == "drafters":
        people = drafters if drafters is not None else list(task.drafters.all())
        if len(people) != 2:
            return _("cannot appoint drafters: the council appoints exactly two council members.")
        if any(not _is_council_member(p, on) for p in people):
            return _("cannot appoint drafters: both drafters must be council members.")
    elif name == "has_draft":
        if not task.versions.exists():
            return _("cannot send to a joint meeting: there is no draft of the terms of reference.")
    elif name == "terms_complete":
        terms = latest_version(task)
        if terms is None:
            return _("cannot approve: there are no terms of reference.")
        if terms.receiving_committee_id is None:
            return _("cannot approve: the terms of reference name no receiving standing committee.")
        if not terms.assignment.strip():
            return _("cannot approve: the terms of reference do not describe the task.")
        if not terms.deliverables.strip():
            return _("cannot approve: the terms of reference name no deliverables.")
        if terms.council_members < 2:
            return _(
                "cannot approve: the committee needs at least two council members "
                "(the chair and the vice-chair)."
            )
        if not (terms.start_date and terms.end_date):
            return _("cannot approve: the terms of reference give no time frame.")
    elif name == "members_appointed":
        terms = task.approved_version
        members = (
            Membership.objects.current(on)
            .filter(body=task.body)
            .exclude(role__in=[Role.SECRETARY, Role.EXPERT])
        )
        politicians = members.filter(is_council_member=True).count()
        citizens = members.filter(is_council_member=False).count()
        if not politicians and not citizens:
            return _("cannot register the appointment: the committee has no members yet.")
        if not members.filter(role=Role.CHAIR, is_council_member=True).exists():
            return _("cannot register the appointment: the chair must be a council member.")
        if terms and politicians > terms.council_members:
            return _("cannot register the appointment: more council members than the terms allow.")
        if terms and citizens > terms.citizens:
            return _("cannot register the appointment: more citizens than the terms allow.")
    elif name == "has_recommendations":
        if not task.recommendations.exists():
            return _("cannot register the result: the committee has no recommendations yet.")
    elif name == "delivery_complete":
        delivery = Delivery.objects.filter(task=task).first()
        if delivery is None or not delivery.summary.strip():
            return _("cannot register the delivery: the result has no summary.")
    elif name == "recommendations_decided":
        if task.recommendations.filter(decision=Decision.PENDING).exists():
            return _(
                "cannot start the follow-up: the council has not decided every recommendation."
            )
    elif name == "follow_up_finished":
        open_items = FollowUpItem.objects.filter(recommendation__task=task).exclude(
            status__in=FINISHED
        )
        if open_items.exists():
            return _("cannot close: some follow-up items are neither done nor dropped.")
    elif name == "reason" and not (note or "").strip():
        return _("cannot cancel: give the reason in the note.")
    return None


@transaction.atomic
def transition(
    actor, task, target, *, date=None, reference="", note="", expected_state=None, drafters=None
):
    """Move the committee to ``target``, if the lifecycle table allows it and its
    preconditions hold. ``expected_state`` guards against a change made meanwhile."""
    _require(perms.can_manage, actor)
    task = _locked(task)
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
    if step.council_decision and not (reference or "").strip():
        raise DomainError(
            _("This is a council decision: give the council meeting it was taken at."),
            field="reference",
        )
    if on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="date")
    if drafters is not None and task.state != State.PROPOSED:
        raise DomainError(
            _("Drafters are appointed when the drafting starts, not at this step."),
            field="drafters",
        )
    if on < task.state_changed_on:
        raise DomainError(
            _("The date cannot be before the previous step (%(date)s).")
            % {"date": task.state_changed_on.strftime("%d.%m.%Y")},
            field="date",
        )
    if step.check:
        reason = _check(task, step.check, on, drafters, note)
        if reason:
            raise DomainError(reason[0].upper() + reason[1:], code="precondition")
    source = task.state
    _apply_effects(task, target, on, drafters)
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
    return task


def _apply_effects(task, target, on, drafters):
    body = task.body
    if target == State.DRAFTING and drafters is not None and task.state == State.PROPOSED:
        task.drafters.set(drafters)
    elif target == State.APPROVED:
        terms = latest_version(task)
        task.approved_version = terms
        # The approved terms decide where the committee belongs and when it runs.
        body.parent = terms.receiving_committee
        body.start_date = body.start_date or terms.start_date
        body.end_date = body.end_date or terms.end_date
        body.seats = terms.seats
        body.save(update_fields=["parent", "start_date", "end_date", "seats"])
    elif target == State.WORKING and not body.start_date:
        body.start_date = on
        body.save(update_fields=["start_date"])
    elif target == State.RESULT_PRESENTED:
        Delivery.objects.update_or_create(task=task, defaults={"presented_on": on})
    elif target == State.DELIVERED:
        Delivery.objects.filter(task=task).update(delivered_on=on)
    elif target == State.FOLLOWING_UP:
        owner = task.approved_version.receiving_committee if task.approved_version else body.parent
        for rec in task.recommendations.filter(decision__in=ADOPTING):
            FollowUpItem.objects.get_or_create(
                recommendation=rec,
                defaults={
                    "owner": owner,
                    "due_date": (rec.decided_on or on) + dt.timedelta(days=365),
                },
            )
    if target in (State.DELIVERED, State.CANCELLED):
        # The committee's work ends: its members become former members (history is kept).
        Membership.objects.current(on).filter(body=body).update(end_date=on)
        if not body.end_date or body.end_date > on:
            body.end_date = on
            body.save(update_fields=["end_date"])


# --- Terms of reference -------------------------------------------------------------------


@transaction.atomic
def save_terms(actor, task, data, *, base_version, change_note=""):
    """Save the terms of reference as a new version.

    ``base_version`` is the number of the version the editor started from (0 for the first).
    If somebody saved a newer version meanwhile, nothing is saved: ``Conflict`` carries the
    current version so the editor can see both."""
    task = _locked(task)
    _require(perms.can_edit_terms, actor, task)
    if task.state not in lifecycle.TERMS_EDITABLE:
        if task.approved_version:
            message = _(
                "The terms of reference are frozen: they were approved as version %(n)s."
            ) % {"n": task.approved_version.number}
        elif task.state == State.CANCELLED:
            message = _("The task committee was cancelled.")
        else:
            message = _(
                "The draft is at the joint meeting as it was discussed there: return it for "
                "revision to change it."
            )
        raise DomainError(message, code="frozen")
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
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
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


def validate_terms(data):
    """Field errors for terms of reference data (also used by the forms)."""
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("Give the terms of reference a title.")
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("The end cannot be before the start.")
    committee = data.get("receiving_committee")
    if committee is not None and committee.kind not in PROPOSER_KINDS:
        errors["receiving_committee"] = _(
            "The receiving committee must be a standing committee or the Finance Committee."
        )
    if (data.get("council_members") or 0) > 55:
        errors["council_members"] = _("No council has more than 55 members.")
    if (data.get("council_members") or 0) + (data.get("citizens") or 0) > 100:
        errors["citizens"] = _("A task committee has at most 100 members.")
    return errors


def terms_initial(task):
    """The data a new version starts from: the latest version, or the proposal."""
    current = latest_version(task)
    if current:
        return {f: getattr(current, f) for f in TermsVersion.CONTENT_FIELDS}
    return {
        "title": task.body.name,
        "background": task.rationale,
        "council_members": 5,
        "citizens": 10,
        "receiving_committee": task.body.parent,
    }


def visible_version(user, task):
    """The version a user may read: drafts for council members and the secretariat,
    otherwise only the approved (frozen) version."""
    if perms.can_view_draft(user):
        return latest_version(task)
    return task.approved_version


def visible_versions(user, task):
    qs = task.versions.select_related("receiving_committee", "author")
    if perms.can_view_draft(user):
        return qs
    return qs.filter(pk=task.approved_version_id) if task.approved_version_id else qs.none()


RESULT_PUBLIC = lifecycle.RESULT_PUBLIC


def delivery_visible(user, task):
    """The result is public once presented at a joint meeting; before, council only. A result
    that was presented stays public even if the committee is cancelled afterwards."""
    if perms.can_view_draft(user) or task.state in RESULT_PUBLIC:
        return True
    return (
        task.state == State.CANCELLED
        and Delivery.objects.filter(task=task, presented_on__isnull=False).exists()
    )


# --- Input on drafts ----------------------------------------------------------------------


@transaction.atomic
def add_input(actor, task, *, text, version_number=None, parent=None):
    _require(perms.can_give_input, actor)
    task = _locked(task)
    if task.state not in (State.DRAFTING, State.DRAFT_AT_JOINT_MEETING):
        raise DomainError(_("Input can only be given while the terms of reference are a draft."))
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
        task=task, version=version, parent=parent, author=actor.person, text=text[:10000]
    )
    audit.record(actor, entry, "input", version=version.number)
    return entry


def visible_inputs(user, task):
    qs = task.inputs.select_related("author", "version")
    if perms.can_see_all_input(user, task):
        return qs
    person = getattr(user, "person", None)
    # A council member sees their own input and the replies to it.
    return qs.filter(Q(author=person) | Q(parent__author=person)) if person else qs.none()


# --- Delivery, recommendations and decisions ----------------------------------------------

DELIVERY_STATES = {State.APPOINTED, State.WORKING, State.RESULT_PRESENTED}


@transaction.atomic
def save_delivery(actor, task, *, summary, report=None):
    _require(perms.can_manage, actor)
    task = _locked(task)
    if task.state not in DELIVERY_STATES:
        raise DomainError(_("The result can only be edited while the committee is working."))
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
def add_recommendation(actor, task, *, text):
    _require(perms.can_manage, actor)
    task = _locked(task)
    if task.state not in DELIVERY_STATES:
        raise DomainError(
            _("Recommendations can only be added while the committee is working."), field="text"
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the recommendation."), field="text")
    number = (task.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    rec = Recommendation.objects.create(task=task, number=number, text=text)
    audit.record(actor, rec, "add_recommendation", number=number)
    return rec


@transaction.atomic
def decide(
    actor, recommendation, *, decision, reason="", referred_to=None, decided_on=None, reference=""
):
    """Record the council's decision on one recommendation. A decision is taken once."""
    _require(perms.can_manage, actor)
    rec = (
        Recommendation.objects.select_for_update().select_related("task").get(pk=recommendation.pk)
    )
    if rec.task.state != State.DELIVERED:
        raise DomainError(_("The council decides on recommendations once they are delivered."))
    if rec.decision != Decision.PENDING:
        raise DomainError(
            _("The council has already decided on recommendation %(n)s (%(decision)s).")
            % {"n": rec.number, "decision": rec.get_decision_display()},
            code="already_decided",
        )
    if decision not in Decision.values or decision == Decision.PENDING:
        raise DomainError(_("Choose the council's decision."), field="decision")
    if decision != Decision.ADOPTED and not (reason or "").strip():
        raise DomainError(_("Give the reason for the decision."), field="reason")
    if decision == Decision.REFERRED and referred_to is None:
        raise DomainError(_("Choose the committee it is sent on to."), field="referred_to")
    if referred_to is not None and referred_to.kind not in PROPOSER_KINDS:
        raise DomainError(
            _("A recommendation is sent on to a standing committee or the Finance Committee."),
            field="referred_to",
        )
    if decided_on and decided_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="decided_on")
    if decided_on and decided_on < rec.task.state_changed_on:
        raise DomainError(
            _("The council decides after the delivery (%(date)s).")
            % {"date": rec.task.state_changed_on.strftime("%d.%m.%Y")},
            field="decided_on",
        )
    if not (reference or "").strip():
        raise DomainError(
            _("This is a council decision: give the council meeting it was taken at."),
            field="reference",
        )
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
def update_follow_up(actor, item, *, status=None, due_date=None, note=""):
    _require(perms.can_manage, actor)
    item = (
        FollowUpItem.objects.select_for_update()
        .select_related("recommendation__task")
        .get(pk=item.pk)
    )
    if item.recommendation.task.state != State.FOLLOWING_UP:
        raise DomainError(
            _("The follow-up can only be updated while the committee is being followed up.")
        )
    changes = {}
    if status is not None:
        if status not in FollowUpStatus.values:
            raise DomainError(_("Choose a status from the list."), field="status")
        if status != item.status:
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


def people_for_drafters(on=None):
    """Current council members (the choices for drafters)."""
    on = on or timezone.localdate()
    return (
        Person.objects.filter(
            memberships__in=Membership.objects.current(on).filter(body__kind=BodyKind.COUNCIL)
        )
        .distinct()
        .order_by("name")
    )
