"""Who may read and do what in a collaboration room, and when: one predicate per action.

Reading follows the thread's access level (``organisation.access.may_access``), plus two
rules of the room: the members of a task committee reach the body level of its working
groups, and former members keep reading what the body's members read. Writing needs a seat
(or the secretariat) and an open room: a room is read-only once its committee has ended
(``taskcommittees.lifecycle.ENDED``).
"""

import rules
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.organisation.access import may_access
from samskab.organisation.models import BodyKind, Membership, Role
from samskab.organisation.rules import is_member_of, is_secretariat, person_of
from samskab.taskcommittees import lifecycle
from samskab.taskcommittees.models import TaskCommittee


def committee_body(body):
    """The task committee a room belongs to: the body itself, or a working group's parent."""
    if body is not None and body.kind == BodyKind.WORKING_GROUP and body.parent_id:
        return body.parent
    return body


def task_of(body):
    """The task committee's process behind a room (None for a body without one)."""
    committee = committee_body(body)
    if committee is None:
        return None
    try:
        return committee.task
    except TaskCommittee.DoesNotExist:
        return None


def closed_reason(body):
    """Why the room is read-only (None: it is open)."""
    from django.utils.translation import gettext as _

    task = task_of(body)
    if task is not None and task.state in lifecycle.ENDED:
        return _("The room is read-only: the task committee has ended its work.")
    return None


def _cache(user, name, key, compute):
    # Cached on the user object, which lives for one request (like organisation.rules).
    store = user.__dict__.setdefault("_samskab_workspace", {})
    if (name, key) not in store:
        store[(name, key)] = compute()
    return store[(name, key)]


def is_former_member_of(user, body):
    person = person_of(user)
    if person is None or body is None:
        return False
    return _cache(
        user,
        "former",
        body.pk,
        lambda: (
            Membership.objects.former(timezone.localdate())
            .filter(person=person, body=body)
            .exists()
        ),
    )


def is_chair_of(user, body):
    person = person_of(user)
    if person is None or body is None:
        return False
    return _cache(
        user,
        "chair",
        body.pk,
        lambda: (
            Membership.objects.current(timezone.localdate())
            .filter(person=person, body=body, role=Role.CHAIR)
            .exists()
        ),
    )


def sits_in_room(user, body):
    """A current member of the room's body, or of the committee a working group belongs to."""
    if body is None:
        return False
    committee = committee_body(body)
    return bool(is_member_of(user, body) or (committee != body and is_member_of(user, committee)))


def reaches(user, level, body):
    """Whether ``user`` may read room content at ``level`` in ``body``'s room."""
    if may_access(user, level, body):
        return True
    if level != AccessLevel.BODY:
        return False
    committee = committee_body(body)
    return bool(
        sits_in_room(user, body)
        or is_former_member_of(user, body)
        or (committee != body and is_former_member_of(user, committee))
    )


# --- Predicates ---------------------------------------------------------------------------


@rules.predicate
def room_open(_user, obj):
    return obj is not None and closed_reason(_body(obj)) is None


def _body(obj):
    if hasattr(obj, "thread"):
        return obj.thread.body
    if hasattr(obj, "kind"):
        return obj
    return obj.body


@rules.predicate
def participant(user, obj):
    return obj is not None and (is_secretariat(user) or sits_in_room(user, _body(obj)))


@rules.predicate
def moderator(user, obj):
    if obj is None:
        return False
    return is_secretariat(user) or is_chair_of(user, committee_body(_body(obj)))


@rules.predicate
def can_read(user, obj):
    """The thread, post, idea or draft (drafts: the body level) is within the user's reach."""
    if obj is None:
        return False
    if hasattr(obj, "thread"):
        obj = obj.thread
    level = getattr(obj, "access_level", AccessLevel.BODY)
    return reaches(user, level, _body(obj))


@rules.predicate
def is_author(user, post):
    person = person_of(user)
    return bool(person and post and post.author_id == person.pk)


@rules.predicate
def is_idea_author(user, idea):
    person = person_of(user)
    return bool(person and idea and idea.author_id == person.pk)


@rules.predicate
def not_hidden(_user, post):
    return post is not None and not post.is_hidden


@rules.predicate
def is_committee_room(_user, body):
    return body is not None and body.kind == BodyKind.TASK_COMMITTEE


@rules.predicate
def is_working_group(_user, body):
    return body is not None and body.kind == BodyKind.WORKING_GROUP


@rules.predicate
def draft_open(_user, draft):
    return draft is not None and draft.recommendation_id is None


@rules.predicate
def is_authenticated(user):
    return bool(getattr(user, "is_authenticated", False))


can_start_thread = participant & room_open
can_reply = participant & can_read & room_open
can_edit_post = is_author & not_hidden & room_open
can_report = is_authenticated & can_read
can_hide = moderator & can_read
can_propose_idea = participant & room_open
can_support = participant & can_read & room_open
can_comment_idea = participant & can_read & room_open
can_start_draft = moderator & room_open
can_edit_draft = participant & room_open & draft_open
# Handing a draft over as a recommendation is the secretariat's: it writes the result.
can_hand_over = is_secretariat & room_open & draft_open
can_create_working_group = moderator & is_committee_room & room_open
can_invite = moderator & is_working_group & room_open
# Consent to be named publicly is the author's own, and stays theirs after the room closes.
can_name_author = is_idea_author

rules.add_perm("workspace.start_thread", can_start_thread)
rules.add_perm("workspace.reply", can_reply)
rules.add_perm("workspace.edit_post", can_edit_post)
rules.add_perm("workspace.report", can_report)
rules.add_perm("workspace.hide", can_hide)
rules.add_perm("workspace.propose_idea", can_propose_idea)
rules.add_perm("workspace.support", can_support)
rules.add_perm("workspace.comment_idea", can_comment_idea)
rules.add_perm("workspace.start_draft", can_start_draft)
rules.add_perm("workspace.edit_draft", can_edit_draft)
rules.add_perm("workspace.hand_over", can_hand_over)
rules.add_perm("workspace.create_working_group", can_create_working_group)
rules.add_perm("workspace.invite", can_invite)
rules.add_perm("workspace.name_author", can_name_author)
