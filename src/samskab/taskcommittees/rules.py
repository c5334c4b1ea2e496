"""Who may do what to a task committee, and when: one predicate per action.

Each predicate reads ``who & when``: the roles come from ``organisation.rules``, the moments
from the state sets in ``lifecycle.py``. Services ask the predicate before they write; pages,
the API and templates (``{% has_perm "taskcommittees.edit_terms" user task %}``) ask the same
predicate to decide whether to offer the action at all.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import rules

from samskab.organisation.rules import is_council_member, is_secretariat, person_of

from . import lifecycle

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from .models import TaskCommittee

# --- Who ----------------------------------------------------------------------------------


@rules.predicate
def is_drafter(user: AbstractBaseUser | AnonymousUser | None, task: TaskCommittee | None) -> bool:
    person = person_of(user)
    return bool(person and task and task.drafters.filter(pk=person.pk).exists())


# A drafter whose council seat has ended no longer drafts.
is_sitting_drafter = is_drafter & is_council_member
drafts_terms = is_secretariat | is_sitting_drafter


# --- When (the task committee's state) ----------------------------------------------------


def _in(states: Collection[str], name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def predicate(_user: object, task: TaskCommittee | None) -> bool:
        return task is not None and task.state in states

    return predicate


terms_editable = _in(lifecycle.TERMS_EDITABLE, "terms_editable")
open_for_input = _in(lifecycle.OPEN_FOR_INPUT, "open_for_input")
result_editable = _in(lifecycle.RESULT_EDITABLE, "result_editable")
awaiting_decisions = _in(lifecycle.AWAITING_DECISIONS, "awaiting_decisions")
follow_up_open = _in(lifecycle.FOLLOW_UP_OPEN, "follow_up_open")


@rules.predicate
def has_next_step(_user: object, task: TaskCommittee | None) -> bool:
    return task is not None and bool(lifecycle.allowed_from(task.state))


@rules.predicate
def result_is_public(_user: object, task: TaskCommittee | None) -> bool:
    return task is not None and lifecycle.result_is_public(task)


# --- Who and when -------------------------------------------------------------------------

can_propose = is_secretariat
can_register_step = is_secretariat & has_next_step
can_view_portfolio = is_secretariat | is_council_member
can_view_draft = is_secretariat | is_council_member
can_edit_terms = drafts_terms & terms_editable
can_give_input = is_council_member & open_for_input
can_see_all_input = drafts_terms
can_edit_result = is_secretariat & result_editable
can_decide = is_secretariat & awaiting_decisions
# The result page is where the secretariat writes the result and records the decisions.
can_open_result = can_edit_result | can_decide
can_update_follow_up = is_secretariat & follow_up_open
# The result is public once presented at a joint meeting; before, for the council only.
can_view_result = is_secretariat | is_council_member | result_is_public
# The history names who registered each step for the secretariat only (colleagues' names).
can_see_registrar = is_secretariat

rules.add_perm("taskcommittees.propose", can_propose)
rules.add_perm("taskcommittees.register_step", can_register_step)
rules.add_perm("taskcommittees.view_portfolio", can_view_portfolio)
rules.add_perm("taskcommittees.view_draft", can_view_draft)
rules.add_perm("taskcommittees.edit_terms", can_edit_terms)
rules.add_perm("taskcommittees.give_input", can_give_input)
rules.add_perm("taskcommittees.see_all_input", can_see_all_input)
rules.add_perm("taskcommittees.edit_result", can_edit_result)
rules.add_perm("taskcommittees.decide", can_decide)
rules.add_perm("taskcommittees.open_result", can_open_result)
rules.add_perm("taskcommittees.update_follow_up", can_update_follow_up)
rules.add_perm("taskcommittees.view_result", can_view_result)
rules.add_perm("taskcommittees.see_registrar", can_see_registrar)
