"""Who may do what with an account, as rules predicates."""

import rules

from samskab.organisation.rules import is_council_member, is_secretariat

# The API is the council's and the secretariat's tool (scripts, reports, other systems):
# they may hold personal API tokens. A token stops working when its owner loses this.
can_use_api = is_council_member | is_secretariat

rules.add_perm("accounts.use_api", can_use_api)
