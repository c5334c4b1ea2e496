"""The collaboration room's business rules. Pages and the API call these and nothing else.

Every function takes the acting user (or, for a guest, the invitation) first, runs in a
transaction, asks the predicate in ``rules.py``, validates, writes the audit entry and raises
``DomainError`` (or ``Conflict``) with a translated reason and the field it concerns.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core import audit
from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError, Errors
from samskab.core.text import danish_slugify
from samskab.library import rules as library_rules
from samskab.library.models import Document
from samskab.organisation.models import Body, BodyKind, Person
from samskab.organisation.rules import person_of
from samskab.taskcommittees import services as task_services

from . import rules as perms
from . import tokens
from .models import (
    ROOM_LEVELS,
    Attachment,
    Draft,
    FollowUpOptOut,
    Idea,
    IdeaComment,
    Invitation,
    Paragraph,
    ParagraphComment,
    ParagraphVersion,
    Post,
    PostVersion,
    Report,
    Support,
    Thread,
)
from .notify import notify

TEXT_LENGTH = 20000
MAX_ATTACHMENTS = 10
# An invitation is for a limited time: at most this long.
MAX_INVITATION_DAYS = 366

CODE_OF_CONDUCT = [
    gettext_lazy("Write to others as you would speak to them across the table."),
    gettext_lazy("Discuss the matter, not the person. Disagreement is welcome; contempt is not."),
    gettext_lazy("Write nothing about other people's health, finances or private life."),
    gettext_lazy(
        "The secretariat and the chair may hide a post that breaks these rules; the reason is "
        "shown in its place."
    ),
]


def _require(can, user, obj, *, field=None):
    """Ask the predicate; when only the moment is wrong (the room is read-only), say why."""
    if can.test(user, obj):
        return
    reason = perms.closed_reason(perms._body(obj))
    if reason is not None and not perms.room_open.test(user, obj):
        raise DomainError(reason, field=field, code="state")
    raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _person(user):
    """The person acting. Staff of the secretariat without a person get one, so that what
    they write is signed by a name."""
    person = person_of(user)
    if person is not None:
        return person
    person = Person.objects.create(name=user.get_full_name() or _("The secretariat"), user=user)
    user.person = person
    return person


def _text(errors, field, value, message, limit=TEXT_LENGTH):
    value = (value or "").strip()
    if not value:
        errors.add(field, message)
    elif len(value) > limit:
        errors.add(field, _("At most %(n)s characters.") % {"n": limit})
    return value


def _level(errors, level):
    if level not in {value for value, _label in ROOM_LEVELS}:
        errors.add("access_level", _("Choose who may read it."))
    return level


def needs_code_of_conduct(person) -> bool:
    """A person's first post in any room comes with the code of conduct, which they accept."""
    return person is None or not Post.objects.filter(author=person).exists()


def _check_code(errors, person, accepted):
    if needs_code_of_conduct(person) and not accepted:
        errors.add(
            "accept_code",
            _("Read the code of conduct and confirm that you will follow it."),
        )


# --- Mentions -----------------------------------------------------------------------------

_MENTION = re.compile(r"(?:^|(?<=\s))@(\w[\w\-.]*(?:[ \t]+\w[\w\-.]*){0,3})")


def _candidates(text):
    """Every prefix of every "@Name Name …" in the text, longest first."""
    found = []
    for match in _MENTION.finditer(text):
        words = match.group(1).split()
        found.append([" ".join(words[:n]).rstrip(".") for n in range(len(words), 0, -1)])
    return found


def mentioned_people(text, body):
    """The people a text mentions: "@" and a name of someone with a seat (whose name is
    public) or invited to this room. An "@" followed by no such name is just text."""
    groups = _candidates(text)
    if not groups:
        return []
    names = {name.lower() for group in groups for name in group}
    q = Q()
    for name in names:
        q |= Q(name__iexact=name)
    people = (
        Person.objects.filter(q)
        .filter(Q(memberships__isnull=False) | Q(room_invitations__body=body))
        .select_related("user")
        .distinct()
    )
    by_name: dict[str, list[Person]] = {}
    for person in people:
        by_name.setdefault(person.name.lower(), []).append(person)
    result, errors = [], Errors()
    for group in groups:
        for name in group:
            matches = by_name.get(name.lower())
            if not matches:
                continue
            if len(matches) > 1:
                errors.add(
                    "text",
                    _("Several people are called %(name)s: write to them in another way.")
                    % {"name": matches[0].name},
                )
            elif matches[0] not in result:
                result.append(matches[0])
            break
    errors.raise_if_any()
    return result


def can_see(person, level, body) -> bool:
    """Whether ``person`` may read content at ``level`` in ``body``'s room."""
    if level == AccessLevel.PUBLIC:
        return True
    if person.user_id is not None and perms.reaches(person.user, level, body):
        return True
    return level == AccessLevel.BODY and _invited(person, body)


def _invited(person, body):
    return Invitation.objects.filter(
        person=person, body=body, expires_on__gte=timezone.localdate()
    ).exists()


def _check_mentions(errors, text, thread_level, body):
    try:
        people = mentioned_people(text, body)
    except DomainError as error:
        errors.add("text", error.message)
        return []
    level_label = dict(ROOM_LEVELS).get(thread_level, thread_level)
    for person in people:
        if not can_see(person, thread_level, body):
            errors.add(
                "text",
                _(
                    "%(name)s cannot read this thread (it is for %(level)s): remove the mention "
                    "or choose a wider access level."
                )
                % {"name": person.name, "level": level_label},
            )
    return people


def _notify_mentions(people, post):
    for person in people:
        if person.pk != post.author_id:
            notify(person, "mention", post)


# --- Attachments from the library ---------------------------------------------------------


def _check_documents(errors, actor, ids):
    """The library's documents a post attaches: only those the poster may open (the library's
    own rule, ``library.rules.can_view_document``). A document they may not open is refused
    as one that does not exist, so a refusal tells nothing about it."""
    ids = list(dict.fromkeys(int(i) for i in ids or ()))
    if not ids:
        return []
    if len(ids) > MAX_ATTACHMENTS:
        errors.add(
            "documents", _("Attach at most %(n)s documents to a post.") % {"n": MAX_ATTACHMENTS}
        )
        return []
    found = Document.objects.select_related("body").in_bulk(ids)
    documents = [found.get(i) for i in ids]
    if actor is None or any(
        d is None or not library_rules.can_view_document.test(actor, d) for d in documents
    ):
        errors.add("documents", _("Attach only documents from the library that you may open."))
        return []
    return documents


# --- Threads and posts --------------------------------------------------------------------


def _add_post(thread, author, text, now, documents=()):
    post = Post.objects.create(thread=thread, author=author, text=text)
    PostVersion.objects.create(post=post, number=1, text=text)
    Attachment.objects.bulk_create([Attachment(post=post, document=d) for d in documents])
    Thread.objects.filter(pk=thread.pk).update(last_activity=now)
    return post


@transaction.atomic
def start_thread(
    actor,
    body,
    *,
    title,
    text,
    access_level=AccessLevel.BODY,
    accept_code=False,
    documents=(),
):
    """Start a thread with its first post (``documents``: ids of library documents to attach,
    which the poster may open)."""
    _require(perms.can_start_thread, actor, body, field="text")
    person = _person(actor)
    return _start_thread(actor, person, body, title, text, access_level, accept_code, documents)


def _start_thread(actor, person, body, title, text, access_level, accept_code, documents):
    errors = Errors()
    title = _text(errors, "title", title, _("Give the thread a title."), limit=200)
    text = _text(errors, "text", text, _("Write the first post."))
    _level(errors, access_level)
    _check_code(errors, person, accept_code)
    people = _check_mentions(errors, text, access_level, body) if "text" not in errors else []
    attached = _check_documents(errors, actor, documents)
    errors.raise_if_any()
    thread = Thread.objects.create(body=body, title=title, access_level=access_level, author=person)
    post = _add_post(thread, person, text, timezone.now(), attached)
    audit.record(
        actor,
        thread,
        "start_thread",
        access_level=access_level,
        documents=",".join(str(d.pk) for d in attached),
    )
    _notify_mentions(people, post)
    return thread


@transaction.atomic
def reply(actor, thread, *, text, accept_code=False, documents=()):
    _require(perms.can_reply, actor, thread, field="text")
    person = _person(actor)
    return _reply(actor, person, thread, text, accept_code, documents)


def _reply(actor, person, thread, text, accept_code, documents=()):
    errors = Errors()
    text = _text(errors, "text", text, _("Write your post."))
    _check_code(errors, person, accept_code)
    people = (
        _check_mentions(errors, text, thread.access_level, thread.body)
        if "text" not in errors
        else []
    )
    attached = _check_documents(errors, actor, documents)
    errors.raise_if_any()
    post = _add_post(thread, person, text, timezone.now(), attached)
    audit.record(
        actor, post, "reply", thread=thread.pk, documents=",".join(str(d.pk) for d in attached)
    )
    _notify_mentions(people, post)
    return post


@transaction.atomic
def edit_post(actor, post, *, text, version):
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "thread__body")
        .get(pk=post.pk)
    )
    if not perms.is_author(actor, post) and perms.can_read(actor, post):
        raise DomainError(_("You can only edit your own posts."), field="text", code="forbidden")
    _require(perms.can_edit_post, actor, post, field="text")
    errors = Errors()
    text = _text(errors, "text", text, _("Write your post."))
    people = (
        _check_mentions(errors, text, post.thread.access_level, post.thread.body)
        if "text" not in errors
        else []
    )
    errors.raise_if_any()
    if version != post.version:
        raise Conflict(
            _(
                "The post was changed meanwhile (now version %(n)s). Your text is kept below: "
                "compare and save again."
            )
            % {"n": post.version},
            current=post,
        )
    old = post.text
    post.text = text
    post.version += 1
    post.edited = timezone.now()
    post.save(update_fields=["text", "version", "edited"])
    PostVersion.objects.create(post=post, number=post.version, text=text)
    audit.record(actor, post, "edit_post", changes={"version": [version, post.version]})
    already = set(mentioned_people(old, post.thread.body))
    _notify_mentions([p for p in people if p not in already], post)
    return post


@transaction.atomic
def report_post(actor, post, *, reason):
    _require(perms.can_report, actor, post, field="reason")
    errors = Errors()
    reason = _text(errors, "reason", reason, _("Say what is wrong with the post."), limit=500)
    errors.raise_if_any()
    report = Report.objects.create(post=post, reporter=actor, reason=reason)
    audit.record(actor, post, "report_post", report=report.pk)
    return report


@transaction.atomic
def hide_post(actor, post, *, reason):
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "thread__body")
        .get(pk=post.pk)
    )
    _require(perms.can_hide, actor, post, field="reason")
    errors = Errors()
    reason = _text(
        errors, "reason", reason, _("Give the reason: it is shown in the post's place."), 300
    )
    if post.is_hidden:
        errors.add(None, _("The post is already hidden."))
    errors.raise_if_any()
    post.hidden_reason = reason
    post.hidden_at = timezone.now()
    post.save(update_fields=["hidden_reason", "hidden_at"])
    audit.record(actor, post, "hide_post", reason=reason)
    return post


# --- Guests (invited by email, no account) ------------------------------------------------


def invitation_for_token(token):
    """The invitation a link opens. ``DomainError`` with code "forged" for a link we did not
    sign, "gone" when the invitation no longer exists, "expired" after its end date."""
    key = tokens.read(token)
    invitation = (
        Invitation.objects.select_related("person", "body", "body__parent").filter(key=key).first()
        if key
        else None
    )
    if key is None:
        raise DomainError(
            _("This link is not valid. Check that you copied all of it from the email."),
            code="forged",
        )
    if invitation is None:
        raise DomainError(_("The invitation no longer exists."), code="gone")
    if invitation.expires_on < timezone.localdate():
        raise DomainError(
            _(
                "The invitation expired on %(date)s: ask the secretariat for a new one if you "
                "are still taking part."
            )
            % {"date": invitation.expires_on.strftime("%d.%m.%Y")},
            code="expired",
        )
    return invitation


def guest_threads(invitation):
    """The threads an invited guest reads: the working group's, except those for the council."""
    return Thread.objects.filter(
        body=invitation.body, access_level__in=[AccessLevel.BODY, AccessLevel.PUBLIC]
    )


@transaction.atomic
def guest_reply(token, thread, *, text, accept_code=False):
    invitation = invitation_for_token(token)
    if not guest_threads(invitation).filter(pk=thread.pk).exists():
        raise DomainError(_("You do not have permission to do this."), code="forbidden")
    reason = perms.closed_reason(thread.body)
    if reason:
        raise DomainError(reason, field="text", code="state")
    return _reply(None, invitation.person, thread, text, accept_code)


def _guest_may_write(invitation):
    reason = perms.closed_reason(invitation.body)
    if reason:
        raise DomainError(reason, field="text", code="state")


# The levels a guest may start a thread at: what the working group reads (never the council's).
GUEST_LEVELS = (AccessLevel.BODY, AccessLevel.PUBLIC)


@transaction.atomic
def guest_start_thread(token, *, title, text, access_level=AccessLevel.BODY, accept_code=False):
    """An invited guest starts a thread in their working group (no account: the link is the
    proof, and the thread is signed with the name they were invited by)."""
    invitation = invitation_for_token(token)
    _guest_may_write(invitation)
    if access_level not in GUEST_LEVELS:
        raise DomainError(_("Choose who may read it."), field="access_level")
    return _start_thread(
        None, invitation.person, invitation.body, title, text, access_level, accept_code, ()
    )


@transaction.atomic
def guest_propose_idea(token, *, title, text, name_publicly=False):
    """An invited guest proposes an idea to the committee their working group belongs to."""
    invitation = invitation_for_token(token)
    _guest_may_write(invitation)
    person, body = invitation.person, invitation.body
    return _propose(None, person, body, title, text, AccessLevel.BODY, name_publicly)


def guest_ideas(invitation):
    """The ideas the guest proposed (they read no other ideas of the committee)."""
    return Idea.objects.filter(author=invitation.person).order_by("-created", "-id")


# --- Ideas --------------------------------------------------------------------------------


@transaction.atomic
def propose_idea(actor, body, *, title, text, access_level=AccessLevel.BODY, name_publicly=False):
    """Propose an idea to the committee. ``name_publicly``: the author agrees to be named on
    the public "what became of it" page if a recommendation grows out of it (off by default)."""
    _require(perms.can_propose_idea, actor, body, field="text")
    return _propose(actor, _person(actor), body, title, text, access_level, name_publicly)


def _propose(actor, person, body, title, text, access_level, name_publicly):
    errors = Errors()
    title = _text(errors, "title", title, _("Give the idea a title."), limit=200)
    text = _text(errors, "text", text, _("Describe the idea."))
    _level(errors, access_level)
    errors.raise_if_any()
    target = perms.committee_body(body)
    idea = Idea.objects.create(
        body=target,
        title=title,
        text=text,
        access_level=access_level,
        author=person,
        name_publicly=bool(name_publicly),
    )
    audit.record(actor, idea, "propose_idea", room=body.pk, name_publicly=bool(name_publicly))
    return idea


@transaction.atomic
def set_idea_naming(actor, idea, *, name_publicly):
    """The author changes whether they are named on the public follow-up page."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not perms.can_name_author.test(actor, idea):
        raise DomainError(
            _("Only the idea's author decides whether they are named."), code="forbidden"
        )
    if idea.name_publicly != bool(name_publicly):
        audit.record(
            actor,
            idea,
            "set_idea_naming",
            changes={"name_publicly": [idea.name_publicly, bool(name_publicly)]},
        )
        idea.name_publicly = bool(name_publicly)
        idea.save(update_fields=["name_publicly"])
    return idea


@transaction.atomic
def support_idea(actor, idea):
    _require(perms.can_support, actor, idea)
    person = _person(actor)
    try:
        with transaction.atomic():
            support = Support.objects.create(idea=idea, person=person)
    except IntegrityError:
        raise DomainError(_("You already support this idea.")) from None
    audit.record(actor, idea, "support_idea")
    return support


@transaction.atomic
def comment_idea(actor, idea, *, text):
    _require(perms.can_comment_idea, actor, idea, field="text")
    errors = Errors()
    text = _text(errors, "text", text, _("Write your comment."))
    errors.raise_if_any()
    comment = IdeaComment.objects.create(idea=idea, author=_person(actor), text=text)
    audit.record(actor, idea, "comment_idea", comment=comment.pk)
    return comment


# --- Drafts -------------------------------------------------------------------------------


@transaction.atomic
def start_draft(actor, body, *, title, ideas=(), text=""):
    """A draft recommendation from one or more ideas of the room (their texts become its
    first paragraphs unless a text is given)."""
    _require(perms.can_start_draft, actor, body, field="title")
    person = _person(actor)
    errors = Errors()
    title = _text(errors, "title", title, _("Give the draft a title."), limit=200)
    target = perms.committee_body(body)
    ideas = list(ideas)
    if any(idea.body_id != target.pk for idea in ideas):
        errors.add("ideas", _("Choose ideas of this committee."))
    if any(idea.draft_id for idea in ideas):
        errors.add("ideas", _("An idea you chose is already part of a draft."))
    text = (text or "").strip()
    if not ideas and not text:
        errors.add("text", _("Choose one or more ideas, or write the first paragraph."))
    errors.raise_if_any()
    draft = Draft.objects.create(body=target, title=title, created_by=person)
    texts = [text] if text else [idea.text for idea in ideas]
    for number, paragraph_text in enumerate(texts, start=1):
        _new_paragraph(draft, number, paragraph_text, person)
    Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).update(draft=draft)
    audit.record(actor, draft, "start_draft", ideas=",".join(str(i.pk) for i in ideas))
    return draft


def _new_paragraph(draft, number, text, person):
    paragraph = Paragraph.objects.create(draft=draft, number=number, text=text, changed_by=person)
    ParagraphVersion.objects.create(paragraph=paragraph, number=1, text=text, author=person)
    return paragraph


@transaction.atomic
def add_paragraph(actor, draft, *, text):
    draft = Draft.objects.select_for_update(of=("self",)).select_related("body").get(pk=draft.pk)
    _require(perms.can_edit_draft, actor, draft, field="text")
    errors = Errors()
    text = _text(errors, "text", text, _("Write the paragraph."))
    errors.raise_if_any()
    number = (draft.paragraphs.aggregate(n=Max("number"))["n"] or 0) + 1
    paragraph = _new_paragraph(draft, number, text, _person(actor))
    audit.record(actor, draft, "add_paragraph", number=number)
    return paragraph


@transaction.atomic
def edit_paragraph(actor, paragraph, *, text, base_version):
    """Save a paragraph written on ``base_version``. When somebody saved another version
    meanwhile, nothing is overwritten: ``Conflict`` carries the current paragraph."""
    paragraph = (
        Paragraph.objects.select_for_update(of=("self",))
        .select_related("draft", "draft__body", "changed_by")
        .get(pk=paragraph.pk)
    )
    _require(perms.can_edit_draft, actor, paragraph.draft, field="text")
    errors = Errors()
    text = _text(errors, "text", text, _("Write the paragraph."))
    errors.raise_if_any()
    if base_version != paragraph.version:
        raise Conflict(
            _(
                "%(name)s saved this paragraph while you were writing (now version %(n)s). Your "
                "text is kept: compare it with theirs and save again."
            )
            % {"name": paragraph.changed_by.name, "n": paragraph.version},
            current=paragraph,
        )
    person = _person(actor)
    paragraph.text = text
    paragraph.version += 1
    paragraph.changed_by = person
    paragraph.save(update_fields=["text", "version", "changed_by", "changed"])
    ParagraphVersion.objects.create(
        paragraph=paragraph, number=paragraph.version, text=text, author=person
    )
    audit.record(
        actor,
        paragraph.draft,
        "edit_paragraph",
        number=paragraph.number,
        version=paragraph.version,
    )
    return paragraph


@transaction.atomic
def comment_paragraph(actor, paragraph, *, text):
    """Comment on a paragraph of a draft (also once it is handed over: the discussion of
    what was recommended goes on while the room is open)."""
    _require(perms.can_comment_idea, actor, paragraph.draft, field="text")
    errors = Errors()
    text = _text(errors, "text", text, _("Write your comment."))
    errors.raise_if_any()
    comment = ParagraphComment.objects.create(paragraph=paragraph, author=_person(actor), text=text)
    audit.record(actor, paragraph.draft, "comment_paragraph", number=paragraph.number)
    return comment


@transaction.atomic
def hand_over(actor, draft):
    """Make the draft one of the committee's recommendations (the task committee's own
    service decides whether it can take one now), keeping the link from idea to decision."""
    draft = Draft.objects.select_for_update(of=("self",)).select_related("body").get(pk=draft.pk)
    _require(perms.can_hand_over, actor, draft)
    task = perms.task_of(draft.body)
    if task is None:
        raise DomainError(_("Only a task committee's drafts become recommendations."))
    text = "\n\n".join(p.text for p in draft.paragraphs.all())
    recommendation = task_services.add_recommendation(actor, task, text=text)
    draft.recommendation = recommendation
    draft.save(update_fields=["recommendation"])
    audit.record(actor, draft, "hand_over", recommendation=recommendation.pk)
    return recommendation


# --- Working groups and invitations -------------------------------------------------------


def _unique_slug(name):
    base = danish_slugify(name)[:80] or "arbejdsgruppe"
    slug, n = base, 2
    while Body.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_working_group(actor, body, *, name, description=""):
    _require(perms.can_create_working_group, actor, body, field="name")
    errors = Errors()
    name = _text(errors, "name", name, _("Name the working group."), limit=150)
    errors.raise_if_any()
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        name=name,
        slug=_unique_slug(f"{body.slug} {name}"),
        description=(description or "").strip(),
        parent=body,
        start_date=timezone.localdate(),
    )
    audit.record(actor, group, "create_working_group", committee=body.pk)
    return group


@transaction.atomic
def invite(actor, group, *, name, email_address, expires_on):
    """Invite somebody by email to a working group until ``expires_on``: no account needed."""
    _require(perms.can_invite, actor, group, field="email")
    errors = Errors()
    name = _text(errors, "name", name, _("Give the name of the person you invite."), limit=200)
    email_address = (email_address or "").strip()
    if not email_address:
        errors.add("email", _("Give the email address the invitation goes to."))
    else:
        try:
            validate_email(email_address)
        except ValidationError:
            errors.add("email", _("Enter a valid email address, e.g. navn@example.dk."))
    today = timezone.localdate()
    if expires_on is None:
        errors.add("expires_on", _("Give the last day of access."))
    elif expires_on < today:
        errors.add("expires_on", _("The last day of access cannot be in the past."))
    elif expires_on > today + dt.timedelta(days=MAX_INVITATION_DAYS):
        errors.add("expires_on", _("An invitation lasts a year at most."))
    errors.raise_if_any()
    person = Person.objects.filter(
        email__iexact=email_address, user__isnull=True, room_invitations__body=group
    ).first() or Person.objects.create(name=name, email=email_address)
    invitation = Invitation.objects.create(
        body=group,
        person=person,
        key=tokens.new_key(),
        expires_on=expires_on,
        invited_by=actor,
    )
    audit.record(actor, invitation, "invite", expires_on=expires_on)
    notify(person, "invitation", invitation)
    return invitation


def guest_link(invitation):
    from django.urls import reverse

    return reverse("workspace:guest", args=[tokens.make(invitation)])


# --- Follow-up news for former members ----------------------------------------------------


def follow_up_recipients(body):
    """The committee's former members who get its follow-up news: everyone who sat in it
    (seats end at delivery), except those who opted out."""
    opted_out = FollowUpOptOut.objects.filter(body=body).values("person")
    return (
        Person.objects.filter(memberships__body=body, memberships__end_date__isnull=False)
        .exclude(pk__in=opted_out)
        .distinct()
    )


def on_progress_note(note):
    """A progress note on the follow-up of a committee's recommendation: tell its former
    members, while the follow-up is open (``lifecycle.FOLLOW_UP_OPEN``)."""
    from samskab.taskcommittees.lifecycle import FOLLOW_UP_OPEN
    from samskab.taskcommittees.models import TaskCommittee

    # Read the state as it is now, not as a caller's objects remember it.
    task = TaskCommittee.objects.select_related("body").get(pk=note.item.recommendation.task_id)
    if task.state not in FOLLOW_UP_OPEN:
        return 0
    people = list(follow_up_recipients(task.body))
    for person in people:
        notify(person, "follow_up", note)
    return len(people)


def opt_out_for_token(token):
    """(person, committee) of an opt-out link, or ``DomainError`` (code "forged")."""
    pair = tokens.read_opt_out(token)
    person = Person.objects.filter(pk=pair[0]).first() if pair else None
    body = Body.objects.filter(pk=pair[1]).first() if pair else None
    if person is None or body is None:
        raise DomainError(
            _("This link is not valid. Check that you copied all of it from the email."),
            code="forged",
        )
    return person, body


@transaction.atomic
def opt_out(token):
    """Stop the follow-up news of a committee for the person the link was sent to."""
    person, body = opt_out_for_token(token)
    record, created = FollowUpOptOut.objects.get_or_create(person=person, body=body)
    if created:
        audit.record(None, record, "opt_out_follow_up", body=body.pk)
    return record
