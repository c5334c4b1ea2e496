"""The surveys' business rules. Pages, the API, the demo and the task worker call these.

Every write takes the acting user first (the answering member has no account: their link is
their authority), runs in a transaction, asks the rules predicate and raises ``DomainError``
with a translated reason and the field it concerns. Answers are never written to the audit
log (models.py says why).
"""

import datetime as dt
import logging
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.core import audit, email
from samskab.core.errors import DomainError
from samskab.meetings.models import Meeting
from samskab.organisation.models import Body, BodyKind, Membership, Role

from . import rules as perms
from . import tokens
from .models import (
    AGREEMENT_CHOICES,
    MAX_OPTIONS,
    SCALE_VALUES,
    Answer,
    AskedOf,
    Audience,
    AutomaticRound,
    Headline,
    Invitation,
    Kind,
    Question,
    QuestionSet,
    Round,
    RoundKind,
)

log = logging.getLogger(__name__)

INVITATION_EMAIL = "surveys.invitation"
REMINDER_EMAIL = "surveys.reminder"
MAX_TEXT = 5000
MAX_DAYS_OPEN = 120
MAX_REMIND_DAYS = 30
# The question set family a pulse after a meeting uses unless another is chosen.
PULSE_FAMILY = "puls"
PULSE_DAYS_OPEN = 7


def threshold() -> int:
    """The fewest answers a group needs before anything of its results is shown."""
    return max(1, int(getattr(settings, "SURVEYS_MIN_ANSWERS", 5)))


def _require(predicate, user, obj=None):
    allowed = predicate(user, obj) if obj is not None else predicate(user)
    if not allowed:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _require_now(predicate, actor, obj, message):
    """Who may, then when: somebody who may never do it is refused as such; the secretariat
    asking at the wrong moment is told why not now."""
    if predicate(actor, obj):
        return
    _require(perms.can_manage, actor)
    raise DomainError(message, code="state")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Question sets ---------------------------------------------------------------------------

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def validate_set(*, family, name):
    family = (family or "").strip()
    if not family or not _KEY.match(family) or len(family) > 60:
        raise DomainError(
            _("Give a short name of lower-case letters, digits and hyphens, e.g. 'standard'."),
            field="family",
        )
    if not (name or "").strip():
        raise DomainError(_("Give the question set a name."), field="name")
    return family


@transaction.atomic
def create_set(actor, *, family, name, description=""):
    _require(perms.can_manage, actor)
    family = validate_set(family=family, name=name)
    if QuestionSet.objects.filter(family=family).exists():
        raise DomainError(
            _("A question set with this short name exists: make a new version of it instead."),
            field="family",
        )
    question_set = QuestionSet.objects.create(
        family=family, version=1, name=name.strip(), description=(description or "").strip()
    )
    audit.record(actor, question_set, "create_question_set")
    return question_set


def _editable(actor, question_set):
    _require(perms.can_manage, actor)
    if not perms.set_unused(actor, question_set):
        raise DomainError(
            _(
                "A round has used this version, so its questions are frozen. Make a new version "
                "to change them."
            ),
            code="frozen",
        )


@transaction.atomic
def update_set(actor, question_set, *, name, description=""):
    _editable(actor, question_set)
    validate_set(family=question_set.family, name=name)
    question_set.name = name.strip()
    question_set.description = (description or "").strip()
    question_set.save(update_fields=["name", "description"])
    audit.record(actor, question_set, "update_question_set")
    return question_set


def validate_question(*, key, text, kind, asked_of, options, headline):
    """The question's fields, cleaned; a ``DomainError`` names the field that is wrong."""
    key = (key or "").strip()
    if not key or not _KEY.match(key) or len(key) > 60:
        raise DomainError(
            _("Give a short name of lower-case letters, digits and hyphens, e.g. 'solutions'."),
            field="key",
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the question."), field="text")
    if len(text) > 500:
        raise DomainError(_("The question can be at most 500 characters."), field="text")
    if kind not in Kind.values:
        raise DomainError(_("Choose the kind of question."), field="kind")
    if asked_of not in AskedOf.values:
        raise DomainError(_("Choose whom the question is asked of."), field="asked_of")
    if headline not in Headline.values:
        raise DomainError(_("Choose the headline figure."), field="headline")
    lines = [line.strip() for line in (options or "").splitlines() if line.strip()]
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        if len(lines) < 2:
            raise DomainError(_("Give at least two options, one per line."), field="options")
        if len(lines) > MAX_OPTIONS:
            raise DomainError(
                _("Give at most %(n)d options.") % {"n": MAX_OPTIONS}, field="options"
            )
        if len(set(lines)) != len(lines):
            raise DomainError(_("Each option must be different."), field="options")
    else:
        lines = []
    return {
        "key": key,
        "text": text,
        "kind": kind,
        "asked_of": asked_of,
        "options": "\n".join(lines),
        "headline": headline if kind == Kind.AGREEMENT else Headline.AGREE,
    }


@transaction.atomic
def add_question(
    actor,
    question_set,
    *,
    key,
    text,
    kind,
    asked_of=AskedOf.ALL,
    options="",
    headline=Headline.AGREE,
    required=False,
):
    _editable(actor, question_set)
    fields = validate_question(
        key=key, text=text, kind=kind, asked_of=asked_of, options=options, headline=headline
    )
    if question_set.questions.filter(key=fields["key"]).exists():
        raise DomainError(_("Another question in the set has this short name."), field="key")
    last = question_set.questions.aggregate(m=Max("position"))["m"]
    question = Question.objects.create(
        question_set=question_set,
        position=(last or 0) + 1,
        required=bool(required),
        **fields,
    )
    audit.record(actor, question_set, "add_question", key=question.key)
    return question


@transaction.atomic
def update_question(actor, question, **data):
    _editable(actor, question.question_set)
    fields = validate_question(
        key=data.get("key", question.key),
        text=data.get("text", question.text),
        kind=data.get("kind", question.kind),
        asked_of=data.get("asked_of", question.asked_of),
        options=data.get("options", question.options),
        headline=data.get("headline", question.headline),
    )
    if question.question_set.questions.filter(key=fields["key"]).exclude(pk=question.pk).exists():
        raise DomainError(_("Another question in the set has this short name."), field="key")
    for name, value in fields.items():
        setattr(question, name, value)
    question.required = bool(data.get("required", question.required))
    question.save()
    audit.record(actor, question.question_set, "update_question", key=question.key)
    return question


@transaction.atomic
def delete_question(actor, question):
    _editable(actor, question.question_set)
    audit.record(actor, question.question_set, "delete_question", key=question.key)
    question.delete()


@transaction.atomic
def new_version(actor, question_set):
    """A copy of the set as the next version of its family, ready to edit."""
    _require(perms.can_manage, actor)
    latest = (
        QuestionSet.objects.select_for_update()
        .filter(family=question_set.family)
        .order_by("-version")
        .first()
    )
    assert latest is not None  # the family holds at least question_set itself
    copy = QuestionSet.objects.create(
        family=question_set.family,
        version=latest.version + 1,
        name=question_set.name,
        description=question_set.description,
    )
    Question.objects.bulk_create(
        Question(
            question_set=copy,
            position=q.position,
            key=q.key,
            text=q.text,
            kind=q.kind,
            asked_of=q.asked_of,
            options=q.options,
            headline=q.headline,
            required=q.required,
        )
        for q in question_set.questions.all()
    )
    audit.record(actor, copy, "new_version", source=question_set.version)
    return copy


# --- Rounds ----------------------------------------------------------------------------------


def members_to_ask(body, on):
    """(person, group) for everybody who sits on the committee on the day: council members get
    the politicians' questions, everybody else the citizens'. The secretary and invited experts
    are not members. For a committee that has ended, its members on its last day."""
    if body.end_date and body.end_date < on:
        on = body.end_date
    people = {}
    for m in (
        Membership.objects.current(on)
        .filter(body=body)
        .exclude(role__in=[Role.SECRETARY, Role.EXPERT])
        .select_related("person__user")
        .order_by("person__name", "person_id")
    ):
        # Someone with two seats on one committee is asked once; a council member as one.
        if m.is_council_member or m.person_id not in people:
            people[m.person_id] = (
                m.person,
                Audience.POLITICIANS if m.is_council_member else Audience.CITIZENS,
            )
    return list(people.values())


def closing_time(day: dt.date) -> dt.datetime:
    """A round closing "on" a day takes answers until the end of that day, Danish time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def validate_round(*, body, question_set, closes_at, remind_days, now):
    if body is None or body.kind != BodyKind.TASK_COMMITTEE:
        raise DomainError(_("Choose a task committee."), field="body")
    if question_set is None:
        raise DomainError(_("Choose a question set."), field="question_set")
    if not question_set.questions.exists():
        raise DomainError(_("The question set has no questions."), field="question_set")
    if closes_at is None or closes_at <= now:
        raise DomainError(_("The closing date must be in the future."), field="closes_on")
    if closes_at - now > dt.timedelta(days=MAX_DAYS_OPEN):
        raise DomainError(
            _("A round can be open for at most %(days)d days.") % {"days": MAX_DAYS_OPEN},
            field="closes_on",
        )
    if remind_days is None or not 0 <= remind_days <= MAX_REMIND_DAYS:
        raise DomainError(
            _("Give the reminder as 0 to %(n)d days before closing (0: no reminder).")
            % {"n": MAX_REMIND_DAYS},
            field="remind_days",
        )
    if remind_days and closes_at - dt.timedelta(days=remind_days) <= now:
        raise DomainError(
            _(
                "The reminder would go out before the round opens: choose fewer days or a later "
                "closing date (0: no reminder)."
            ),
            field="remind_days",
        )


def default_title(body, kind, now):
    """A title in the site's language: it is stored, and read by everybody."""
    day = timezone.localtime(now).date()
    with translation.override(settings.LANGUAGE_CODE):
        if kind == RoundKind.PULSE:
            return _("Pulse: %(committee)s, %(date)s") % {
                "committee": body.name,
                "date": day.strftime("%d.%m.%Y"),
            }
        return _("Evaluation of %(committee)s") % {"committee": body.name}


@transaction.atomic
def open_round(
    actor,
    body,
    question_set,
    *,
    closes_at,
    kind=RoundKind.EVALUATION,
    title="",
    remind_days=3,
    note="",
    now=None,
    notify=True,
):
    """Open a round and send each member their personal link (by the task worker)."""
    _require(perms.can_manage, actor)
    return _open(
        actor,
        body,
        question_set,
        closes_at=closes_at,
        kind=kind,
        title=title,
        remind_days=remind_days,
        note=note,
        now=now or timezone.now(),
        notify=notify,
    )


def pulse_question_set():
    """The newest version of the pulse question set, if the secretariat keeps one."""
    return QuestionSet.objects.filter(family=PULSE_FAMILY).order_by("-version").first()


@transaction.atomic
def open_pulse(actor, meeting, question_set, *, closes_at, remind_days=2, now=None, notify=True):
    """Ask the committee's members how a meeting they held went: a pulse round linked to the
    meeting, opened by the secretariat or the committee's chair, once per meeting."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if not perms.can_open_pulse(actor, meeting):
        _require(perms.may_ask_pulse, actor, meeting)
        raise DomainError(
            _(
                "A pulse is asked once, after a meeting of a task committee has been held: "
                "this meeting is not held yet, or it has been asked about already."
            ),
            code="state",
        )
    now = now or timezone.now()
    return _open(
        actor,
        meeting.body,
        question_set,
        closes_at=closes_at,
        kind=RoundKind.PULSE,
        title=default_title(meeting.body, RoundKind.PULSE, meeting.start),
        remind_days=remind_days,
        note="",
        now=now,
        notify=notify,
        meeting=meeting,
    )


def _open(
    actor,
    body,
    question_set,
    *,
    closes_at,
    kind,
    title,
    remind_days,
    note,
    now,
    notify,
    meeting=None,
):
    validate_round(
        body=body,
        question_set=question_set,
        closes_at=closes_at,
        remind_days=remind_days,
        now=now,
    )
    if kind not in RoundKind.values:
        raise DomainError(_("Choose the kind of round."), field="kind")
    members = members_to_ask(body, timezone.localtime(now).date())
    if not members:
        raise DomainError(
            _("The committee has no members to ask: a round needs its members seated first."),
            field="body",
        )
    title = (title or "").strip()[:200] or default_title(body, kind, now)
    round_ = Round.objects.create(
        body=body,
        question_set=question_set,
        kind=kind,
        title=title,
        opened_at=now,
        closes_at=closes_at,
        remind_days=remind_days,
        opened_by=_user(actor),
        note=(note or "").strip()[:300],
        meeting=meeting,
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(round=round_, person=person, audience=audience, key=tokens.new_key())
        for person, audience in members
    )
    audit.record(actor, round_, "open_round", invited=len(invitations))
    if notify:
        for invitation in invitations:
            if invitation.person.contact_email:
                email.queue(INVITATION_EMAIL, _invitation_pk(invitation))
        _schedule_reminder(round_)
    return round_


def _invitation_pk(invitation):
    # bulk_create returns primary keys on PostgreSQL and SQLite; look it up elsewhere.
    if invitation.pk is None:
        invitation = Invitation.objects.get(key=invitation.key)
    return invitation.pk


def _schedule_reminder(round_):
    if not round_.remind_days:
        return
    from .tasks import send_reminders

    # Backends that cannot wait (the tests' immediate backend) get no scheduled reminder; the
    # task itself checks that it is due, so running it early or twice sends nothing extra.
    if send_reminders.get_backend().supports_defer:
        send_reminders.using(run_after=round_.reminder_due()).enqueue(round_.pk)


def send_reminders(round_, now=None):
    """Queue a reminder to everybody who has not answered, once, when it is due. Returns how
    many were queued."""
    now = now or timezone.now()
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if (
            not round_.remind_days
            or round_.reminded_at is not None
            or not round_.is_open(now)
            or now < round_.reminder_due()
        ):
            return 0
        round_.reminded_at = now
        round_.save(update_fields=["reminded_at"])
        pending = list(
            round_.invitations.filter(answered=False)
            .exclude(person__email="")
            .values_list("pk", flat=True)
        )
        for pk in pending:
            email.queue(REMINDER_EMAIL, pk)
        return len(pending)


@transaction.atomic
def close_round(actor, round_, now=None):
    """Close a round before its date: no more answers."""
    _require_now(perms.can_close, actor, round_, _("The round is not open."))
    round_.closed_at = now or timezone.now()
    round_.save(update_fields=["closed_at"])
    audit.record(actor, round_, "close_round")
    return round_


@transaction.atomic
def publish(actor, round_, *, published=True, now=None):
    """Make the round's results public (only groups at or above the threshold ever show)."""
    _require_now(
        perms.can_publish,
        actor,
        round_,
        _("The results can be published when the round has closed."),
    )
    round_.published_at = (now or timezone.now()) if published else None
    round_.save(update_fields=["published_at"])
    audit.record(actor, round_, "publish" if published else "unpublish")
    return round_


@transaction.atomic
def moderate_text(actor, answer, *, text, published):
    """Publish a free-text answer as the secretariat edited it (names removed), or withdraw it."""
    _require_now(
        perms.can_moderate_texts,
        actor,
        answer.round,
        _("Free-text answers are read when the round has closed."),
    )
    if answer.question.kind != Kind.TEXT:
        raise DomainError(_("Only free-text answers are published one by one."))
    text = (text or "").strip()
    if published and not text:
        raise DomainError(_("Write the text to publish."), field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("The text can be at most %(n)d characters.") % {"n": MAX_TEXT}, field="text"
        )
    answer.published_text = text
    answer.is_published = bool(published)
    answer.save(update_fields=["published_text", "is_published"])
    # The audit entry names the round, never the answer: its time would date the answer.
    audit.record(actor, answer.round, "moderate_text")
    return answer


# --- Automatic rounds --------------------------------------------------------------------------


@transaction.atomic
def set_automatic(actor, *, state, question_set, days_open=21, active=True):
    _require(perms.can_manage, actor)
    if question_set is None:
        raise DomainError(_("Choose a question set."), field="question_set")
    if not 1 <= (days_open or 0) <= MAX_DAYS_OPEN:
        raise DomainError(
            _("A round can be open for 1 to %(days)d days.") % {"days": MAX_DAYS_OPEN},
            field="days_open",
        )
    rule, _created = AutomaticRound.objects.update_or_create(
        state=state,
        defaults={"question_set": question_set, "days_open": days_open, "active": active},
    )
    audit.record(actor, rule, "set_automatic_round")
    return rule


def on_state_change(body, state, actor, now=None):
    """A task committee reached ``state``: open the round the secretariat asked for, if any.

    Called inside the transition's transaction. A round that cannot open (no members yet) is
    logged and skipped: the committee's step must not fail because of its evaluation."""
    rule = (
        AutomaticRound.objects.filter(state=state, active=True)
        .select_related("question_set")
        .first()
    )
    if rule is None:
        return None
    now = now or timezone.now()
    day = timezone.localtime(now).date() + dt.timedelta(days=rule.days_open)
    try:
        with transaction.atomic():
            return _open(
                actor,
                body,
                rule.question_set,
                closes_at=closing_time(day),
                kind=RoundKind.EVALUATION,
                title="",
                remind_days=min(3, rule.days_open - 1),
                note="",
                now=now,
                notify=True,
            )
    except DomainError as error:
        log.warning("No automatic survey round for body %s: %s", body.pk, error.message)
        return None


# --- Answering --------------------------------------------------------------------------------


class BadLink(DomainError):
    """A personal link that cannot be used now, with the reason and the page's status."""

    def __init__(self, message, status):
        super().__init__(message, code="bad_link")
        self.status = status


def invitation_for(token, now=None):
    """The invitation a link opens, or ``BadLink`` saying plainly why not."""
    key = tokens.read(token or "")
    invitation = (
        Invitation.objects.select_related("round", "round__body", "round__question_set")
        .filter(key=key)
        .first()
        if key
        else None
    )
    if invitation is None:
        raise BadLink(
            _(
                "This link is not valid. Use the whole link from the email; if it still does "
                "not work, ask the secretariat."
            ),
            status=400,
        )
    if invitation.answered:
        raise BadLink(
            _("This link has been used: the answers were received. Thank you."), status=410
        )
    round_ = invitation.round
    now = now or timezone.now()
    if round_.is_closed(now):
        raise BadLink(
            _("The survey closed on %(date)s: it takes no more answers.")
            % {"date": timezone.localtime(round_.end()).strftime("%d.%m.%Y")},
            status=410,
        )
    if not round_.is_open(now):
        raise BadLink(_("The survey has not opened yet."), status=410)
    return invitation


def questions_for(round_, audience):
    return [q for q in round_.question_set.questions.all() if q.is_asked_of(audience)]


def _int(raw):
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def validate_answers(questions, raw):
    """Answers as typed (question id → value or list of values) → {question: cleaned}, where a
    question left unanswered is absent. Errors name the field ``q<id>``."""
    cleaned = {}
    agreement_values = {value for value, _label in AGREEMENT_CHOICES}
    for q in questions:
        field = f"q{q.pk}"
        value = raw.get(q.pk)
        empty = value in (None, "", []) or (isinstance(value, str) and not value.strip())
        if empty:
            if q.required:
                raise DomainError(_("Answer this question."), field=field)
            continue
        if q.kind == Kind.TEXT:
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                raise DomainError(
                    _("The answer can be at most %(n)d characters.") % {"n": MAX_TEXT},
                    field=field,
                )
            cleaned[q] = text
            continue
        if q.kind == Kind.MULTIPLE:
            values = value if isinstance(value, list | tuple) else [value]
            indices = {_int(v) for v in values}
            if None in indices or any(not 0 <= i < len(q.option_list()) for i in indices):
                raise DomainError(_("Choose among the options given."), field=field)
            cleaned[q] = sum(1 << i for i in indices)
            continue
        number = _int(value[0] if isinstance(value, list | tuple) and value else value)
        allowed = {
            Kind.AGREEMENT: agreement_values,
            Kind.SCALE: set(SCALE_VALUES),
            Kind.SINGLE: set(range(len(q.option_list()))),
        }[q.kind]
        if number not in allowed:
            raise DomainError(_("Choose among the options given."), field=field)
        cleaned[q] = number
    if not cleaned:
        raise DomainError(_("Answer at least one question before you send."))
    return cleaned


def submit(token, raw, now=None):
    """Store one member's answers, once. ``raw`` maps question id to the value(s) typed."""
    now = now or timezone.now()
    invitation = invitation_for(token, now)
    cleaned = validate_answers(questions_for(invitation.round, invitation.audience), raw)
    with transaction.atomic():
        # Closing early and answering wait for each other on the round's row.
        if Round.objects.select_for_update().get(pk=invitation.round_id).is_closed(now):
            raise BadLink(_("The survey has closed: it takes no more answers."), status=410)
        # The link works once: only the request that flips the flag stores answers; a second
        # one at the same moment finds it flipped and is told the link was used.
        used = Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True)
        if not used:
            raise BadLink(
                _("This link has been used: the answers were received. Thank you."), status=410
            )
        # No audit entry, no timestamp, no reference to the invitation or to each other.
        Answer.objects.bulk_create(
            Answer(
                round_id=invitation.round_id,
                audience=invitation.audience,
                question=q,
                value=None if q.kind == Kind.TEXT else value,
                text=value if q.kind == Kind.TEXT else "",
            )
            for q, value in cleaned.items()
        )
    return invitation.round


def open_rounds(now=None):
    """Rounds that take answers now."""
    now = now or timezone.now()
    return Round.objects.filter(opened_at__lte=now, closes_at__gt=now).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gt=now)
    )


def closed_rounds(now=None):
    now = now or timezone.now()
    return Round.objects.filter(Q(closed_at__lte=now) | Q(closes_at__lte=now))


def open_invitations(person, now=None):
    """The person's own invitations to rounds that are open (for their own page)."""
    return (
        Invitation.objects.filter(person=person, round__in=open_rounds(now))
        .select_related("round", "round__body")
        .order_by("round__closes_at", "round_id")
    )


def link(invitation):
    return reverse("surveys:answer", args=[tokens.make(invitation)])


def task_committees():
    return Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).order_by("name")
