"""Who may see and do what with meetings (who and when, one predicate each)."""

import rules

from samskab.organisation.access import may_access
from samskab.organisation.rules import is_member_of, is_secretariat, person_of

from .models import MeetingStatus


@rules.predicate
def meeting_reachable(user, meeting):
    """The meeting's access level lets the user in."""
    return meeting is not None and may_access(user, meeting.access_level, meeting.body)


@rules.predicate
def sits_in_meeting_body(user, meeting):
    return meeting is not None and is_member_of(user, meeting.body)


@rules.predicate
def is_invited(user, meeting):
    person = person_of(user)
    return bool(person and meeting and meeting.invitations.filter(person=person).exists())


@rules.predicate
def meeting_not_cancelled(user, meeting):
    return meeting is not None and meeting.status != MeetingStatus.CANCELLED


@rules.predicate
def meeting_planned(user, meeting):
    return meeting is not None and meeting.status == MeetingStatus.PLANNED


@rules.predicate
def registration_open(user, meeting):
    """An open workshop: public, planned, not begun, with places to register for."""
    from django.utils import timezone

    from samskab.core.access import AccessLevel

    return (
        meeting is not None
        and meeting.capacity is not None
        and meeting.access_level == AccessLevel.PUBLIC
        and meeting.status == MeetingStatus.PLANNED
        and meeting.start > timezone.now()
    )


@rules.predicate
def minutes_open(user, item):
    return item is not None and item.minutes_approved_at is None


can_plan = is_secretariat
# An invitation opens the meeting (not its closed items) to the person invited.
can_view_meeting = meeting_reachable | sits_in_meeting_body | is_invited
# Closed items are the body's own business: its members and the secretariat.
can_view_closed_items = is_secretariat | sits_in_meeting_body
can_edit_meeting = is_secretariat & meeting_not_cancelled
can_cancel_meeting = is_secretariat & meeting_planned
can_mark_held = is_secretariat & meeting_planned
can_edit_agenda = is_secretariat & meeting_not_cancelled
can_record_attendance = is_secretariat & meeting_not_cancelled
can_invite = is_secretariat & meeting_planned
can_register = registration_open
# Minutes are written during or after the meeting, then approved; approved minutes are frozen.
can_write_minutes = is_secretariat & minutes_open
can_approve_minutes = is_secretariat & minutes_open

rules.add_perm("meetings.plan", can_plan)
rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.view_closed_items", can_view_closed_items)
rules.add_perm("meetings.edit_meeting", can_edit_meeting)
rules.add_perm("meetings.cancel_meeting", can_cancel_meeting)
rules.add_perm("meetings.mark_held", can_mark_held)
rules.add_perm("meetings.edit_agenda", can_edit_agenda)
rules.add_perm("meetings.record_attendance", can_record_attendance)
rules.add_perm("meetings.invite", can_invite)
rules.add_perm("meetings.register", can_register)
rules.add_perm("meetings.write_minutes", can_write_minutes)
rules.add_perm("meetings.approve_minutes", can_approve_minutes)
