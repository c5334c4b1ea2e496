"""Recruitment's business rules: every write goes through here, from the pages and the API.

Each function takes the acting user (or, for an applicant without an account, the object the
private link opened), runs in a transaction, asks the predicate in ``rules.py``, writes the
audit entry for decisions and raises ``DomainError`` with a translated reason and its field.
Personal data never goes into the audit trail or a task's arguments.
"""

import datetime as dt
import secrets
from typing import cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.core import audit, email
from samskab.core.errors import DomainError
from samskab.organisation.models import District
from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from . import rules as perms
from .models import (
    Application,
    Background,
    Call,
    Channel,
    ChannelKind,
    Gender,
    Interest,
    Outcome,
)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MAX_MOTIVATION = 2000
MAX_NAME = 200
MAX_OCCUPATION = 200
MAX_PHONE = 30
MAX_INTRO = 5000
MAX_NOTE = 5000
MAX_TOPICS = 500
MIN_AGE = 15
REMIND_DAYS = 2
# The short link's code: letters and digits that cannot be mistaken for each other in print.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _require(predicate, user, obj=None):
    allowed = predicate(user, obj) if obj is not None else predicate(user)
    if not allowed:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def retention_months():
    return settings.RECRUITMENT_RETENTION_MONTHS


def deadline_at(day, time=None):
    """A deadline typed as a day (and a time, default 23:59) in Copenhagen, as an aware moment."""
    time = time or dt.time(23, 59)
    return dt.datetime.combine(day, time, tzinfo=COPENHAGEN)


def format_deadline(call):
    """The deadline as people read it, in Copenhagen time and the active language."""
    return date_format(timezone.localtime(call.deadline, COPENHAGEN), "DATETIME_FORMAT")


# --- Calls --------------------------------------------------------------------------------


def _unique(model, field, base):
    value, n = base, 2
    while model.objects.filter(**{field: value}).exists():
        value, n = f"{base}-{n}", n + 1
    return value


def _new_code():
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))
        if not Call.objects.filter(code=code).exists():
            return code


def _validate_deadline(deadline, now):
    if deadline is None:
        raise DomainError(_("Give the deadline for applications."), field="deadline")
    if deadline <= now:
        raise DomainError(_("The deadline must be in the future."), field="deadline")
    if deadline > now + dt.timedelta(days=366):
        raise DomainError(_("The deadline must be within a year."), field="deadline")


@transaction.atomic
def open_call(actor, task, *, deadline, intro="", now=None):
    """Open a call for the committee's citizen seats, made from its approved terms. A committee
    whose terms were just approved moves on to recruiting, through its own lifecycle."""
    _require(perms.can_manage, actor)
    now = now or timezone.now()
    # The committee's row, locked: two secretaries cannot open two calls at once.
    task = (
        TaskCommittee.objects.select_for_update(of=("self",)).select_related("body").get(pk=task.pk)
    )
    if task.state not in perms.CALL_STATES or task.approved_version_id is None:
        raise DomainError(
            _(
                "A call can be opened once the council has approved the terms of reference, "
                "and until the committee is appointed."
            ),
            code="state",
        )
    if any(call.is_open(now) for call in task.calls.all()):
        raise DomainError(_("The committee already has an open call."), code="state")
    _validate_deadline(deadline, now)
    intro = (intro or "").strip()
    if len(intro) > MAX_INTRO:
        raise DomainError(
            _("Keep the introduction under %(n)s characters.") % {"n": MAX_INTRO}, field="intro"
        )
    call = Call.objects.create(
        task=task,
        terms=task.approved_version,
        slug=_unique(Call, "slug", task.body.slug),
        code=_new_code(),
        intro=intro,
        deadline=deadline,
        opened_at=now,
        opened_by=_user(actor),
    )
    if task.state == State.APPROVED:
        task_services.transition(actor, task, State.RECRUITING, date=timezone.localdate(now))
    audit.record(actor, call, "open_call", deadline=call.deadline.isoformat())
    return call


@transaction.atomic
def update_call(actor, call, *, deadline, intro, now=None):
    """Change the deadline (e.g. extend it) or the introduction of a call."""
    _require(perms.can_edit_call, actor, call)
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if deadline != call.deadline:
        _validate_deadline(deadline, now)
    intro = (intro or "").strip()
    if len(intro) > MAX_INTRO:
        raise DomainError(
            _("Keep the introduction under %(n)s characters.") % {"n": MAX_INTRO}, field="intro"
        )
    changes = {}
    if deadline != call.deadline:
        changes["deadline"] = [call.deadline.isoformat(), deadline.isoformat()]
    call.deadline, call.intro = deadline, intro
    call.save(update_fields=["deadline", "intro"])
    audit.record(actor, call, "update_call", changes)
    return call


@transaction.atomic
def add_channel(actor, call, *, kind, name="", date=None):
    _require(perms.can_edit_call, actor, call)
    if kind not in ChannelKind.values:
        raise DomainError(_("Choose a channel from the list."), field="kind")
    name = (name or "").strip()
    if len(name) > 200:
        raise DomainError(_("Keep the name under 200 characters."), field="name")
    if date is None:
        raise DomainError(_("Give the date the call was published there."), field="date")
    if date < call.opened_at.astimezone(COPENHAGEN).date() - dt.timedelta(days=60):
        raise DomainError(_("The date is long before the call was opened."), field="date")
    if date > call.deadline.astimezone(COPENHAGEN).date():
        raise DomainError(_("The date is after the deadline."), field="date")
    channel = Channel.objects.create(call=call, kind=kind, name=name, date=date)
    audit.record(actor, call, "add_channel", kind=kind, name=name, date=date)
    return channel


@transaction.atomic
def remove_channel(actor, channel):
    _require(perms.can_edit_call, actor, channel.call)
    audit.record(actor, channel.call, "remove_channel", kind=channel.kind, date=channel.date)
    channel.delete()


def invite_register(actor, call):
    """Tell everyone on the register of interested citizens that the call is open."""
    _require(perms.can_invite, actor, call)
    interested = list(
        Interest.objects.filter(confirmed_at__isnull=False).values_list("pk", flat=True)
    )
    for pk in interested:
        email.queue("recruitment.invitation", pk, call=call.pk)
    audit.record(actor, call, "invite_register", count=len(interested))
    return len(interested)


# --- Applying -----------------------------------------------------------------------------

APPLICATION_FIELDS = [
    "name",
    "email",
    "phone",
    "birth_year",
    "gender",
    "district",
    "background",
    "occupation",
    "competences",
    "motivation",
    "heard_via",
    "future_calls",
]
# What the private link may change: everything but the address the application belongs to.
EDITABLE_FIELDS = [f for f in APPLICATION_FIELDS if f != "email"]


def validate_application(call, data, *, fields=APPLICATION_FIELDS, today=None):
    """Field errors for an application's data: {field: message}. The form shows them next to
    the fields; the service refuses with the first."""
    today = today or timezone.localdate()
    errors = {}

    def text(name, limit, required=True, label=None):
        value = (data.get(name) or "").strip()
        if required and not value:
            errors[name] = label
        elif len(value) > limit:
            errors[name] = _("Keep it under %(n)s characters.") % {"n": limit}
        return value

    if "name" in fields:
        text("name", MAX_NAME, label=_("Write your name."))
    if "email" in fields:
        address = (data.get("email") or "").strip()
        try:
            validate_email(address)
        except Exception:  # noqa: BLE001 - any refusal means the same to the applicant
            errors["email"] = _("Write an email address, e.g. navn@example.dk.")
    if "phone" in fields:
        phone = text("phone", MAX_PHONE, required=False)
        if phone and not all(c.isdigit() or c in " +-()" for c in phone):
            errors["phone"] = _("A phone number has digits, spaces and + only.")
    if "birth_year" in fields:
        year = data.get("birth_year")
        if not isinstance(year, int):
            errors["birth_year"] = _("Write your year of birth with four digits, e.g. 1979.")
        elif not (today.year - 110 <= year <= today.year - MIN_AGE):
            errors["birth_year"] = _("Applicants must be at least %(n)s years old.") % {
                "n": MIN_AGE
            }
            if year < today.year - 110:
                errors["birth_year"] = _("Write your year of birth with four digits, e.g. 1979.")
    if "gender" in fields and (data.get("gender") or "") not in ["", *Gender.values]:
        errors["gender"] = _("Choose one of the answers, or none.")
    if "district" in fields:
        district = data.get("district")
        if district is not None and not isinstance(district, District):
            errors["district"] = _("Choose your district from the list.")
    if "background" in fields and data.get("background") not in Background.values:
        errors["background"] = _("Choose the background that fits you best.")
    if "occupation" in fields:
        text("occupation", MAX_OCCUPATION, required=False)
    if "competences" in fields:
        sought = set(call.terms.competence_list)
        chosen = data.get("competences") or []
        if not isinstance(chosen, list) or any(c not in sought for c in chosen):
            errors["competences"] = _("Choose among the competences the call asks for.")
    if "motivation" in fields:
        text("motivation", MAX_MOTIVATION, label=_("Tell us briefly why you want to take part."))
    if "heard_via" in fields and (data.get("heard_via") or "") not in ["", *ChannelKind.values]:
        errors["heard_via"] = _("Choose a channel from the list.")
    return errors


def _clean(data, fields):
    values = {}
    for name in fields:
        value = data.get(name)
        if name in ("name", "phone", "occupation", "motivation"):
            value = (value or "").strip()
        elif name == "email":
            value = (value or "").strip().lower()
        elif name in ("gender", "heard_via"):
            value = value or ""
        elif name == "competences":
            value = list(dict.fromkeys(value or []))
        elif name == "future_calls":
            value = bool(value)
        values[name] = value
    return values


def _refuse_closed(call):
    if not call.is_open():
        raise DomainError(
            _("The call closed on %(deadline)s: applications can no longer be sent or changed.")
            % {"deadline": format_deadline(call)},
            code="closed",
        )


def _raise_first(errors):
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)


def _pending_json(values):
    data = dict(values)
    data["district"] = values["district"].pk if values.get("district") else None
    return data


def apply(call, data, *, language="da", consent=False):
    """A citizen's application. Nothing counts until the address is confirmed by the link we
    email. A second application from the same address to the same call does not make a second
    one: it is kept aside and replaces the first when the address is confirmed again, so
    nobody can change someone else's application by knowing their address."""
    _refuse_closed(call)
    _raise_first(validate_application(call, data))
    if not consent:
        raise DomainError(
            _("Your application can only be received with your consent."), field="consent"
        )
    values = _clean(data, APPLICATION_FIELDS)
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    now = timezone.now()
    # The first application of a day schedules the erasure of those never confirmed.
    if not Application.objects.filter(created__date=now.date()).exists():
        schedule_retention(now.date() + dt.timedelta(days=settings.RECRUITMENT_CONFIRM_DAYS + 1))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call, language=language, consent_at=now, **values
            )
    except IntegrityError:
        # The same address applied before (perhaps at this very moment): keep the new text
        # aside until the address is confirmed.
        with transaction.atomic():
            application = Application.objects.select_for_update().get(
                call=call, email=values["email"]
            )
            application.pending = _pending_json(values)
            application.language = language
            application.save(update_fields=["pending", "language", "updated"])
    email.queue("recruitment.confirm", application.pk)
    if application.confirmed_at is None:
        # Two days later, a reminder if the address is still not confirmed.
        email.queue(
            "recruitment.reminder", application.pk, run_after=now + dt.timedelta(days=REMIND_DAYS)
        )
    return application


@transaction.atomic
def confirm(application, *, now=None):
    """The applicant followed the link we emailed: the address is theirs."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    call = application.call
    if application.pending:
        # A later application from the same address replaces the first, while the call is open.
        if not call.is_open(now):
            application.pending = None
            application.save(update_fields=["pending"])
            _refuse_closed(call)
        values = dict(application.pending)
        # A district missing from the pending values matches nothing, as wanted.
        district = cast(int, values.get("district"))
        values["district"] = District.objects.filter(pk=district).first()
        for name in EDITABLE_FIELDS:
            if name in values:
                setattr(application, name, values[name])
        application.pending = None
        application.withdrawn_at = None
        application.consent_at = now
    elif application.withdrawn_at is not None:
        raise DomainError(_("You withdrew this application."), code="withdrawn")
    first = application.confirmed_at is None
    if first:
        if not call.is_open(now):
            _refuse_closed(call)
        application.confirmed_at = now
    application.save()
    if application.future_calls:
        _join_register(application, now)
    email.queue("recruitment.receipt", application.pk)
    return application


def _join_register(application, now):
    """An applicant who asked to hear about future calls joins the register (their address is
    confirmed already)."""
    Interest.objects.get_or_create(
        email=application.email,
        defaults={
            "name": application.name,
            "district": application.district,
            "language": application.language,
            "consent_at": now,
            "confirmed_at": now,
        },
    )


@transaction.atomic
def update_application(application, data):
    """The applicant changes their application through the private link, until the deadline."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    if application.withdrawn_at is not None:
        raise DomainError(_("You withdrew this application."), code="withdrawn")
    _refuse_closed(application.call)
    _raise_first(validate_application(application.call, data, fields=EDITABLE_FIELDS))
    for name, value in _clean(data, EDITABLE_FIELDS).items():
        setattr(application, name, value)
    application.save()
    if application.future_calls and application.confirmed_at:
        _join_register(application, timezone.now())
    return application


@transaction.atomic
def withdraw(application):
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    if application.withdrawn_at is not None:
        raise DomainError(_("You withdrew this application."), code="withdrawn")
    _refuse_closed(application.call)
    application.withdrawn_at = timezone.now()
    application.shortlisted = False
    application.save(update_fields=["withdrawn_at", "shortlisted", "updated"])
    return application


def export_data(application):
    """Everything we hold about an applicant, for the applicant (GDPR art. 15 and 20)."""
    call = application.call
    return {
        "call": {"committee": call.terms.title, "deadline": call.deadline.isoformat()},
        "application": {
            "name": application.name,
            "email": application.email,
            "phone": application.phone,
            "birth_year": application.birth_year,
            "gender": application.gender,
            "district": application.district.name if application.district else None,
            "background": application.background,
            "occupation": application.occupation,
            "competences": application.competences,
            "motivation": application.motivation,
            "heard_via": application.heard_via,
            "future_calls": application.future_calls,
            "language": application.language,
            "consent_at": application.consent_at.isoformat(),
            "applied": application.created.isoformat(),
            "confirmed_at": application.confirmed_at and application.confirmed_at.isoformat(),
            "withdrawn_at": application.withdrawn_at and application.withdrawn_at.isoformat(),
            "outcome": application.outcome,
            "shortlisted": application.shortlisted,
            "note_by_the_secretariat": application.note,
        },
        "retention": _(
            "Kept until %(months)s months after the committee is appointed, then erased."
        )
        % {"months": retention_months()},
    }


@transaction.atomic
def erase(application):
    """The applicant asks for their data to be erased: the application goes, at any time.
    Once a pool's statistics are kept (after the appointment) they hold no trace of anyone."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    call_id = application.call_id
    application.delete()
    return call_id


# --- The secretariat's work on the pool ---------------------------------------------------


@transaction.atomic
def mark(actor, application, *, shortlisted=None, note=None):
    """Shortlist an applicant, or write the secretariat's note about them."""
    _require(perms.can_mark, actor, application.call)
    application = Application.objects.select_for_update().get(pk=application.pk)
    changes = {}
    if shortlisted is not None and shortlisted != application.shortlisted:
        if shortlisted and (application.confirmed_at is None or application.withdrawn_at):
            raise DomainError(
                _("Only confirmed applications that were not withdrawn can be shortlisted."),
                field="shortlisted",
            )
        changes["shortlisted"] = [application.shortlisted, shortlisted]
        application.shortlisted = shortlisted
    if note is not None:
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise DomainError(
                _("Keep the note under %(n)s characters.") % {"n": MAX_NOTE}, field="note"
            )
        if note != application.note:
            changes["note"] = ["…", "…"]  # the note itself stays out of the audit trail
            application.note = note
    application.save(update_fields=["shortlisted", "note", "updated"])
    if changes:
        audit.record(actor, application, "mark", changes)
    return application


# --- The standing register of interested citizens -----------------------------------------


def validate_interest(data):
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Write your name.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("Keep it under %(n)s characters.") % {"n": MAX_NAME}
    try:
        validate_email((data.get("email") or "").strip())
    except Exception:  # noqa: BLE001
        errors["email"] = _("Write an email address, e.g. navn@example.dk.")
    district = data.get("district")
    if district is not None and not isinstance(district, District):
        errors["district"] = _("Choose your district from the list.")
    if len((data.get("topics") or "").strip()) > MAX_TOPICS:
        errors["topics"] = _("Keep it under %(n)s characters.") % {"n": MAX_TOPICS}
    return errors


def join_register(data, *, language="da", consent=False):
    """Sign up for the register. The address is confirmed by a link before anyone is invited;
    signing up again with a confirmed address changes nothing (and says nothing about it)."""
    _raise_first(validate_interest(data))
    if not consent:
        raise DomainError(_("We can only keep your address with your consent."), field="consent")
    address = data["email"].strip().lower()
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with transaction.atomic():
        interest, created = Interest.objects.select_for_update().get_or_create(
            email=address,
            defaults={
                "name": data["name"].strip(),
                "district": data.get("district"),
                "topics": (data.get("topics") or "").strip(),
                "language": language,
                "consent_at": timezone.now(),
            },
        )
    if created or interest.confirmed_at is None:
        email.queue("recruitment.register", interest.pk)
    return interest


@transaction.atomic
def confirm_interest(interest):
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.confirmed_at is None:
        interest.confirmed_at = timezone.now()
        interest.save(update_fields=["confirmed_at"])
    return interest


@transaction.atomic
def leave_register(interest):
    Interest.objects.filter(pk=interest.pk).delete()


# --- After the appointment ----------------------------------------------------------------


# Checks that say why the secretariat may not register a call's outcome by hand because a
# decision record decides it. The appointment app registers one when it loads (apps.py), so
# that recruitment needs no import of it (it imports recruitment).
_outcome_checks: list = []


def register_outcome_check(check):
    """``check(call)`` returns the reason the outcome comes from elsewhere, or None."""
    if check not in _outcome_checks:
        _outcome_checks.append(check)


def manual_conclusion_refused(call):
    """Why the outcome of ``call`` cannot be registered by hand (None: it can)."""
    for check in _outcome_checks:
        reason = check(call)
        if reason:
            return reason
    return None


@transaction.atomic
def conclude(actor, call, *, appointed, on=None, by_decision_record=False):
    """Register the appointment's outcome for the pool: ``appointed`` are the applications the
    council named (the appointment creates their memberships). Everybody else in the pool is
    thanked by email; the personal data is erased when the retention period ends.

    By hand (the page and the API) only where no decision record decides it: a committee
    appointed at the appointment meeting gets its outcomes from the record, which calls this
    with ``by_decision_record``."""
    _require(perms.can_manage, actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not perms.can_conclude(actor, call):
        raise DomainError(
            _("The appointment can be registered once the call has closed, and only once."),
            code="state",
        )
    if not by_decision_record:
        reason = manual_conclusion_refused(call)
        if reason:
            raise DomainError(reason, field="appointed", code="state")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="on")
    pool = Application.objects.in_pool().filter(call=call)
    chosen = {a.pk for a in appointed}
    if not chosen <= set(pool.values_list("pk", flat=True)):
        raise DomainError(
            _("Only confirmed applicants of this call can be registered as appointed."),
            field="appointed",
        )
    pool.filter(pk__in=chosen).update(outcome=Outcome.APPOINTED)
    others = list(pool.exclude(pk__in=chosen).values_list("pk", flat=True))
    pool.filter(pk__in=others).update(outcome=Outcome.NOT_APPOINTED)
    call.appointed_on = on
    call.retain_until = add_months(on, retention_months())
    call.save(update_fields=["appointed_on", "retain_until"])
    for pk in others:
        email.queue("recruitment.thanks", pk)
    schedule_retention(call.retain_until)
    audit.record(
        actor,
        call,
        "conclude",
        date=on,
        appointed=len(chosen),
        not_appointed=len(others),
        retain_until=call.retain_until,
    )
    return call


def schedule_retention(day):
    """Run the retention task on ``day`` (at night), where the task backend can wait; the
    ``samskab recruitment_retention`` command does the same from a scheduler."""
    from django_tasks import default_task_backend

    from .tasks import erase_expired_task

    if default_task_backend.supports_defer:
        at = dt.datetime.combine(day, dt.time(3, 0), tzinfo=COPENHAGEN)
        erase_expired_task.using(run_after=at).enqueue()


@transaction.atomic
def erase_expired(now=None):
    """Erase what is kept no longer: the applications of calls whose retention period has
    ended (their anonymous statistics are kept on the call first), and addresses that were
    never confirmed. Idempotent; returns how many applications were erased."""
    from . import breadth

    now = now or timezone.now()
    today = timezone.localdate(now)
    erased = 0
    for call in Call.objects.select_for_update().filter(
        retain_until__lte=today, anonymised_at__isnull=True
    ):
        call.statistics = breadth.count(call)
        erased += call.applications.all().delete()[0]
        call.anonymised_at = now
        call.save(update_fields=["statistics", "anonymised_at"])
        audit.record(None, call, "erase_personal_data", applications=call.statistics["total"])
    stale = now - dt.timedelta(days=settings.RECRUITMENT_CONFIRM_DAYS)
    erased += Application.objects.filter(confirmed_at__isnull=True, created__lt=stale).delete()[0]
    Interest.objects.filter(confirmed_at__isnull=True, created__lt=stale).delete()
    return erased


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
