from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from samskab.core.forms import parse_integer
from samskab.organisation import queries
from samskab.seats import dhondt

from . import services

MAX_ROWS = 30


def _rows_from_request(get):
    names = get.getlist("name")
    sizes = get.getlist("size")
    rows = []
    for index in range(max(len(names), len(sizes))):
        name = names[index].strip() if index < len(names) else ""
        size = sizes[index].strip() if index < len(sizes) else ""
        rows.append({"name": name, "size": size})
    return rows[:MAX_ROWS]


def _council_rows():
    term = queries.current_term()
    if not term:
        return []
    return [
        {"name": g.short_name, "size": str(g.size)}
        for g in queries.groups_with_sizes(term)
        if g.size > 0
    ]


def calculator(request):
    """Fordeling efter d'Hondt: a page anyone can use; the URL is the permalink.

    With JavaScript, htmx sends the form and swaps in only the calculator (the template's
    ``calculator`` partial) and pushes the URL; without it, the same GET renders the page."""
    get = request.GET
    rows = _council_rows() if get.get("council") else _rows_from_request(get)
    seats_text = get.get("seats", "").strip()
    seed = get.get("seed", "").strip() or None
    errors: dict = {}
    result = table = None
    submitted = "seats" in get
    filled = [(i, r) for i, r in enumerate(rows) if r["name"] or r["size"]]
    if submitted:
        try:
            seats = parse_integer(seats_text)
        except ValueError:
            errors["seats"] = _("The number of seats must be a whole number.")
        groups = []
        for index, row in filled:
            try:
                size = parse_integer(row["size"])
            except ValueError:
                errors[index] = _("The size must be a whole number.")
                continue
            groups.append((index, row["name"], size))
        if not filled and "seats" not in errors:
            errors["groups"] = _("Enter at least one group.")
        if not errors:
            try:
                result = dhondt.allocate(
                    seats, [dhondt.Group(n, s) for _i, n, s in groups], seed=seed
                )
            except dhondt.DhondtInputError as error:
                field = error.params.get("field", "")
                if field == "seats":
                    errors["seats"] = services.error_message(error)
                elif "index" in error.params:
                    errors[groups[error.params["index"]][0]] = services.error_message(error)
                else:
                    errors["groups"] = services.error_message(error)
        if result is not None:
            input_groups = [dhondt.Group(n, s) for _i, n, s in groups]
            table = services.quotient_table(result, input_groups)
    # Always offer a few empty rows to add groups.
    blank = max(3, 8 - len(rows))
    rows = rows + [{"name": "", "size": ""} for _ in range(blank)]
    rows = rows[: max(MAX_ROWS, len(filled))]
    for index, row in enumerate(rows):
        row["error"] = errors.get(index)
        row["number"] = index + 1
    permalink = None
    if result is not None:
        pairs = [("seats", seats_text)]
        for _i, row in filled:
            pairs += [("name", row["name"]), ("size", row["size"])]
        pairs.append(("seed", result.seed))
        permalink = "?" + urlencode(pairs)
    template = "appointment/calculator.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#calculator"
    response = render(
        request,
        template,
        {
            "rows": rows,
            "seats": seats_text if submitted else get.get("seats", ""),
            "seed": seed or "",
            "errors": errors,
            "result": result,
            "table": table,
            "permalink": permalink,
            "has_errors": bool(errors),
        },
    )
    # The same URL answers with the whole page or the partial: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def meetings(request):
    raise NotImplementedError


def meeting(request, pk):
    raise NotImplementedError
