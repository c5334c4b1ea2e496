"""The seat engine as the pages and the API use it: translated errors, council groups."""

from fractions import Fraction

from django.utils.translation import gettext as _

from samskab.seats import dhondt


def error_message(error: dhondt.DhondtInputError) -> str:
    """The reason for a refused request, in the user's language."""
    params = error.params
    n = params.get("index", 0) + 1
    code = error.code
    if code == "not_integer":
        if params.get("field") == "seats":
            return _("The number of seats must be a whole number.")
        return _("The size of group %(n)s must be a whole number.") % {"n": n}
    if code == "not_json":
        return _("The request is not valid JSON.")
    if code == "not_object":
        return _("The request must be a JSON object.")
    if code == "missing_field":
        return _("The field %(field)s is missing.") % {"field": params.get("field", "")}
    if code == "not_list":
        return _("The groups must be a list.")
    if code == "group_not_object":
        return _("Group %(n)s must be an object with a name and a size.") % {"n": n}
    if code == "no_groups":
        return _("Enter at least one group.")
    if code == "too_many_groups":
        return _("Enter at most %(max)s groups.") % {"max": params.get("max", dhondt.MAX_GROUPS)}
    if code == "seats_too_small":
        return _("The number of seats must be at least 1.")
    if code == "seats_too_large":
        return _("The number of seats must be at most %(max)s.") % {
            "max": params.get("max", dhondt.MAX_SEATS)
        }
    if code == "bad_seed":
        return _("The seed must be text.")
    if code == "not_string":
        return _("The name of group %(n)s must be text.") % {"n": n}
    if code == "empty_name":
        return _("Group %(n)s needs a name.") % {"n": n}
    if code == "duplicate_name":
        return _("Group %(n)s has the same name as group %(m)s.") % {
            "n": n,
            "m": params.get("first_index", 0) + 1,
        }
    if code == "size_too_small":
        return _("The size of group %(n)s must be at least 1.") % {"n": n}
    return str(error)


def quotient_table(result: dhondt.Result, groups: list[dhondt.Group], columns: int | None = None):
    """Rows of (group, cells) for drawing the quotient table: each cell knows whether it won a
    seat, its pick number, and whether a lot decided it. Divisors run to one past the largest
    number of seats any group won (the first quotient that did not win), at most 20 columns."""
    picks = {(p.group, p.divisor): (n, p.by_lot) for n, p in enumerate(result.order, start=1)}
    tied = {(name, t.quotient) for t in result.ties for name in t.groups}
    if columns is None:
        columns = min(max(result.seats.values(), default=0) + 1, 20)
    rows = []
    for group in groups:
        cells = []
        for divisor in range(1, columns + 1):
            q = Fraction(group.size, divisor)
            pick = picks.get((group.name, divisor))
            cells.append(
                {
                    "quotient": dhondt.format_quotient(q),
                    "decimal": float(q),
                    "pick": pick[0] if pick else None,
                    "lot": (group.name, q) in tied,
                }
            )
        rows.append({"group": group, "seats": result.seats[group.name], "cells": cells})
    return {"divisors": list(range(1, columns + 1)), "rows": rows}
