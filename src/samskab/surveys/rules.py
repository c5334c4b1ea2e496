"""Who may do what with surveys, and when (one predicate per action)."""

import rules
from django.utils import timezone

from samskab.meetings.models import MeetingStatus
from samskab.organisation.models import BodyKind, Membership, Role
from samskab.organisation.rules import is_secretariat, person_of


@rules.predicate
def round_open(user, round_):
    return round_ is not None and round_.is_open(timezone.now())


@rules.predicate
def round_closed(user, round_):
    return round_ is not None and round_.is_closed(timezone.now())


@rules.predicate
def round_published(user, round_):
    return round_ is not None and round_.published


@rules.predicate
def has_person(user):
    return person_of(user) is not None


can_manage = is_secretariat
# The round's page (dates, question set, status): the secretariat's while it runs; everybody's
# once the results are published.
can_view_round = is_secretariat | round_published
# Results only after the round has closed: results that change while answers arrive would
# tell whoever watches them (and who answered when) what the latest person answered.
can_view_results = round_closed & (is_secretariat | round_published)
can_close = is_secretariat & round_open
can_publish = is_secretariat & round_closed
# Free text is read by the secretariat, who publishes it (names removed) or not.
can_moderate_texts = is_secretariat & round_closed
can_see_own_invitations = has_person


@rules.predicate
def chairs_meeting_body(user, meeting):
    """The user chairs the committee whose meeting it is (today)."""
    person = person_of(user)
    return bool(
        person
        and meeting is not None
        and Membership.objects.current(timezone.localdate())
        .filter(body_id=meeting.body_id, person=person, role=Role.CHAIR)
        .exists()
    )


@rules.predicate
def pulse_possible(user, meeting):
    """A held meeting of a task committee that has not been asked about yet."""
    return (
        meeting is not None
        and meeting.status == MeetingStatus.HELD
        and meeting.body.kind == BodyKind.TASK_COMMITTEE
        and not meeting.pulse_rounds.exists()
    )


# "How did this meeting go?": asked by the secretariat or the committee's chair, once, after a
# meeting that was held.
may_ask_pulse = is_secretariat | chairs_meeting_body
can_open_pulse = may_ask_pulse & pulse_possible

rules.add_perm("surveys.manage", can_manage)
rules.add_perm("surveys.view_round", can_view_round)
rules.add_perm("surveys.view_results", can_view_results)
rules.add_perm("surveys.close", can_close)
rules.add_perm("surveys.publish", can_publish)
rules.add_perm("surveys.moderate_texts", can_moderate_texts)
rules.add_perm("surveys.open_pulse", can_open_pulse)


@rules.predicate
def set_unused(user, question_set):
    # A version that a round has used is frozen: its results must keep their wording.
    return question_set is not None and not question_set.rounds.exists()


can_edit_set = is_secretariat & set_unused
rules.add_perm("surveys.edit_set", can_edit_set)
