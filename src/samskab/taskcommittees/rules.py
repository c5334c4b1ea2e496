import rules

from samskab.organisation.rules import is_council_member, is_secretariat, person_of


@rules.predicate
def is_drafter(user, task):
    person = person_of(user)
    return bool(person and task and task.drafters.filter(pk=person.pk).exists())


can_manage = is_secretariat
can_view_portfolio = is_secretariat | is_council_member
can_view_draft = is_secretariat | is_council_member
# A drafter whose council seat has ended no longer drafts.
can_edit_terms = is_secretariat | (is_drafter & is_council_member)
can_give_input = is_council_member
can_see_all_input = is_secretariat | (is_drafter & is_council_member)

rules.add_perm("taskcommittees.manage", can_manage)
rules.add_perm("taskcommittees.view_portfolio", can_view_portfolio)
rules.add_perm("taskcommittees.view_draft", can_view_draft)
rules.add_perm("taskcommittees.edit_terms", can_edit_terms)
rules.add_perm("taskcommittees.give_input", can_give_input)
rules.add_perm("taskcommittees.see_all_input", can_see_all_input)
