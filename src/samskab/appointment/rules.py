"""Who may do what in an appointment, and when.

The secretariat runs the appointment meeting on the council's behalf; council members follow
it on their own devices; a completed decision record is public, like the members it made.
"""

import rules

from samskab.organisation.rules import is_council_member, is_secretariat

from .models import Status


@rules.predicate
def is_picking(user, appointment):
    return appointment is not None and appointment.status == Status.PICKING


@rules.predicate
def is_choosing_chairs(user, appointment):
    return appointment is not None and appointment.status == Status.CHAIRS


@rules.predicate
def is_completed(user, appointment):
    return appointment is not None and appointment.status == Status.COMPLETED


can_manage = is_secretariat
can_follow = is_secretariat | is_council_member
can_view = can_follow | is_completed
can_pick = is_secretariat & is_picking
can_choose_chairs = is_secretariat & is_choosing_chairs
can_fill_vacancy = is_secretariat

rules.add_perm("appointment.manage", can_manage)
rules.add_perm("appointment.follow", can_follow)
rules.add_perm("appointment.view", can_view)
rules.add_perm("appointment.pick", can_pick)
rules.add_perm("appointment.choose_chairs", can_choose_chairs)
rules.add_perm("appointment.fill_vacancy", can_fill_vacancy)
