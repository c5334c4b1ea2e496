"""Who may do what in recruitment, and when (one predicate per action).

Applicants have no account: what an applicant may do with their application is decided by the
private link (the signed token) plus the "when" predicates below.
"""

import rules
from django.utils import timezone

from samskab.organisation.rules import is_council_member, is_secretariat
from samskab.taskcommittees.lifecycle import State

# A call is opened once the council has approved the terms of reference, and not after the
# committee has been appointed: the lifecycle's "approved" and "recruiting".
CALL_STATES = {State.APPROVED, State.RECRUITING}


@rules.predicate
def task_accepts_call(user, task):
    return (
        task is not None
        and task.state in CALL_STATES
        and task.approved_version_id is not None
        and not any(call.is_open() for call in task.calls.all())
    )


@rules.predicate
def call_is_open(user, call):
    return call is not None and call.is_open()


@rules.predicate
def call_is_closed(user, call):
    return call is not None and not call.is_open()


@rules.predicate
def call_not_concluded(user, call):
    return call is not None and call.appointed_on is None


@rules.predicate
def call_has_personal_data(user, call):
    return call is not None and call.anonymised_at is None


@rules.predicate
def application_editable(user, application):
    """Until the deadline, an application that was not withdrawn can be changed."""
    return (
        application is not None
        and application.withdrawn_at is None
        and application.call.is_open(timezone.now())
    )


can_manage = is_secretariat
can_open_call = is_secretariat & task_accepts_call
can_edit_call = is_secretariat & call_not_concluded
# Council members see the pool to name citizens; its contact details are the secretariat's.
can_view_pool = is_secretariat | is_council_member
can_see_contact = is_secretariat
can_mark = is_secretariat & call_has_personal_data
can_invite = is_secretariat & call_is_open
can_conclude = is_secretariat & call_is_closed & call_not_concluded
can_change_application = application_editable

rules.add_perm("recruitment.manage", can_manage)
rules.add_perm("recruitment.view_pool", can_view_pool)
rules.add_perm("recruitment.see_contact", can_see_contact)
