"""Seat allocation among groups (valggrupper) by the d'Hondt method, with a recorded lot.

Pure Python, standard library only (no Django), so the same code serves the web
application, the command line and anyone who wants to re-check a result.

The method
==========
Every group of size ``s`` has the quotients ``s/1, s/2, s/3, ...``.  All quotients of
all groups are put in one ordering, largest first; the first ``seats`` entries of that
ordering are the seats, and the ordering itself is the *pick order* (the sequence in
which the groups name their members).  Quotients are compared exactly, as
:class:`fractions.Fraction`, never as floating point numbers.

The lot (how equal quotients are decided)
=========================================
Equal quotients are never decided by the order in which the groups were entered.
They are decided by a lot that is reproducible from a *seed* (any text):

1. Write each quotient in lowest terms as ``p`` (a whole number) or ``p/q``:
   12/12 is ``1``, 12/8 is ``3/2``.
2. For each entry (group ``NAME`` with quotient text ``Q``) compute the lot number::

       sha256("SEED|Q|NAME" encoded as UTF-8), written as 64 lowercase hex digits

3. The full ordering sorts the entries by the key ``(-quotient, lot number)``: larger
   quotient first, and among equal quotients the smaller lot number (compared as text,
   which for lowercase hex of equal length is the same as comparing the numbers) first.

A group's own quotients strictly decrease, so equal quotients always belong to
different groups, and each block of equal quotients is an independent draw that can be
re-checked by hand, for instance with::

    python3 -c 'import hashlib; print(hashlib.sha256("SEED|1|Ø".encode()).hexdigest())'

Because the seats are simply the first ``seats`` entries of one fixed ordering, the
same seed gives nested results: the allocation of ``n + 1`` seats extends that of
``n`` seats (house monotonicity), and the pick order for ``n`` is a prefix of the one
for ``n + 1``.  When no seed is given, one is generated with
``secrets.token_hex(16)``; the seed used is always reported in the result.

A pick is marked ``by_lot`` exactly when some other entry of the full ordering (picked
or not) has the same quotient, i.e. when the lot decided where it landed.  Each such
block of equal quotients is reported as a :class:`Tie`; ``at_boundary`` tells that at
least one group of the block got no place (the lot decided who got a seat, not only
who picks first).

The allocation uses a heap holding one pending entry per group, so it takes
``O(seats * log(groups))`` time.  Limits: ``1 <= seats <= 100000`` and
``1 <= groups <= 1000``.

Command line
============
``python -m samskab.seats.dhondt < request.json`` reads one JSON object::

    {"seats": 15, "groups": [{"name": "C", "size": 12}, {"name": "A", "size": 2}],
     "seed": "optional text"}

and prints ``{"seats": {...}, "order": [{"group", "quotient", "by_lot"}, ...], "seed"}``
(exit status 0), or a one-line reason on standard error (exit status 2).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = [
    "MAX_GROUPS",
    "MAX_SEATS",
    "DhondtInputError",
    "Group",
    "Pick",
    "Result",
    "Tie",
    "allocate",
    "format_quotient",
    "lot_number",
    "main",
    "parse_request",
    "result_to_json",
    "run_json",
]

MAX_SEATS = 100_000
MAX_GROUPS = 1_000


class DhondtInputError(ValueError):
    """Invalid input. ``code`` is a short snake_case identifier, ``params`` its details.

    Codes: not_json, not_object, missing_field, not_integer, not_string, seats_too_small,
    seats_too_large, size_too_small, empty_name, duplicate_name, no_groups,
    too_many_groups, bad_seed, not_list, group_not_object.
    ``str(error)`` is a one-line English reason naming the field.
    """

    def __init__(self, code: str, message: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, Any] = dict(params or {})


@dataclass(frozen=True)
class Group:
    name: str
    size: int


@dataclass(frozen=True)
class Pick:
    group: str
    quotient: Fraction
    divisor: int
    by_lot: bool


@dataclass(frozen=True)
class Tie:
    quotient: Fraction
    groups: tuple[str, ...]  # every group having this quotient, in input order
    places: tuple[int, ...]  # 1-based pick positions with this quotient
    winners: tuple[str, ...]  # tied groups that got a place, in pick order
    at_boundary: bool  # some tied group got no place


@dataclass(frozen=True)
class Result:
    seats: dict[str, int]
    order: tuple[Pick, ...]
    seed: str
    ties: tuple[Tie, ...]


def format_quotient(q: Fraction) -> str:
    """``"12"`` for a whole number, else ``"p/q"`` in lowest terms (``"2/3"``)."""
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    return f"{q.numerator}/{q.denominator}"


def lot_number(seed: str, quotient: Fraction, group_name: str) -> str:
    """The lot number of one entry: sha256 of ``"seed|quotient_text|group_name"``."""
    text = f"{seed}|{format_quotient(quotient)}|{group_name}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _show(name: str) -> str:
    """A name quoted on one line, for error messages."""
    return json.dumps(name, ensure_ascii=False)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_seats(seats: object) -> int:
    if not _is_int(seats):
        raise DhondtInputError("not_integer", "seats must be an integer", {"field": "seats"})
    assert isinstance(seats, int)
    if seats < 1:
        raise DhondtInputError(
            "seats_too_small", "seats must be at least 1", {"field": "seats", "min": 1}
        )
    if seats > MAX_SEATS:
        raise DhondtInputError(
            "seats_too_large",
            f"seats must be at most {MAX_SEATS}",
            {"field": "seats", "max": MAX_SEATS},
        )
    return seats


def _check_group_count(count: int) -> None:
    if count == 0:
        raise DhondtInputError("no_groups", "groups must not be empty", {"field": "groups"})
    if count > MAX_GROUPS:
        raise DhondtInputError(
            "too_many_groups",
            f"groups must have at most {MAX_GROUPS} entries",
            {"field": "groups", "max": MAX_GROUPS},
        )


def _check_name(index: int, name: object) -> str:
    field = f"groups[{index}].name"
    if not isinstance(name, str):
        raise DhondtInputError(
            "not_string", f"{field} must be a string", {"field": field, "index": index}
        )
    if not name.strip():
        raise DhondtInputError(
            "empty_name", f"{field} must not be empty", {"field": field, "index": index}
        )
    return name


def _check_size(index: int, size: object) -> int:
    field = f"groups[{index}].size"
    if not _is_int(size):
        raise DhondtInputError(
            "not_integer", f"{field} must be an integer", {"field": field, "index": index}
        )
    assert isinstance(size, int)
    if size < 1:
        raise DhondtInputError(
            "size_too_small",
            f"{field} must be at least 1",
            {"field": field, "index": index, "min": 1},
        )
    return size


def _check_unique(names: Sequence[str]) -> None:
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in first:
            field = f"groups[{index}].name"
            raise DhondtInputError(
                "duplicate_name",
                f"{field} {_show(name)} is the same as groups[{first[name]}].name",
                {"field": field, "index": index, "name": name, "first_index": first[name]},
            )
        first[name] = index


def _check_seed(seed: object) -> str | None:
    if seed is None or isinstance(seed, str):
        return seed
    raise DhondtInputError("bad_seed", "seed must be a string or null", {"field": "seed"})


def _validate(seats: object, groups: object, seed: object) -> tuple[int, list[Group], str | None]:
    seats = _check_seats(seats)
    if isinstance(groups, str | bytes) or not isinstance(groups, Sequence):
        raise DhondtInputError("not_list", "groups must be a list", {"field": "groups"})
    _check_group_count(len(groups))
    checked: list[Group] = []
    for index, group in enumerate(groups):
        if not isinstance(group, Group):
            raise DhondtInputError(
                "group_not_object",
                f"groups[{index}] must be a group",
                {"field": f"groups[{index}]", "index": index},
            )
        checked.append(Group(_check_name(index, group.name), _check_size(index, group.size)))
    _check_unique([group.name for group in checked])
    return seats, checked, _check_seed(seed)


def allocate(seats: int, groups: Sequence[Group], seed: str | None = None) -> Result:
    """Allocate ``seats`` among ``groups`` by d'Hondt; equal quotients by the seeded lot.

    Raises :class:`DhondtInputError` for invalid input.  See the module docstring for
    the exact rule of the lot.
    """
    seats, groups, seed = _validate(seats, groups, seed)
    if seed is None:
        seed = secrets.token_hex(16)

    # Heap entries: (-quotient, lot number, group index, divisor). One pending entry per
    # group: its next quotient. A group's quotients strictly decrease, so popping the heap
    # and pushing the popped group's next quotient walks the full ordering in order.
    def entry(index: int, divisor: int) -> tuple[Fraction, str, int, int]:
        quotient = Fraction(groups[index].size, divisor)
        return (-quotient, lot_number(seed, quotient, groups[index].name), index, divisor)

    heap = [entry(index, 1) for index in range(len(groups))]
    heapq.heapify(heap)
    taken: list[tuple[Fraction, int, int]] = []  # (quotient, group index, divisor)
    for _ in range(seats):
        neg_quotient, _lot, index, divisor = heapq.heappop(heap)
        taken.append((-neg_quotient, index, divisor))
        heapq.heappush(heap, entry(index, divisor + 1))

    # Blocks of equal quotients among the picks (contiguous, since the ordering is sorted).
    # Only the last block can continue past the last seat: the entries that then follow
    # it are at the top of the heap.
    tied_picks = [False] * seats
    ties: list[Tie] = []
    start = 0
    while start < seats:
        quotient = taken[start][0]
        end = start
        while end < seats and taken[end][0] == quotient:
            end += 1
        losers: list[int] = []
        if end == seats:
            while heap and -heap[0][0] == quotient:
                losers.append(heapq.heappop(heap)[2])
        if end - start + len(losers) > 1:
            for position in range(start, end):
                tied_picks[position] = True
            winner_indices = [taken[position][1] for position in range(start, end)]
            ties.append(
                Tie(
                    quotient=quotient,
                    groups=tuple(groups[i].name for i in sorted(winner_indices + losers)),
                    places=tuple(range(start + 1, end + 1)),
                    winners=tuple(groups[i].name for i in winner_indices),
                    at_boundary=bool(losers),
                )
            )
        start = end

    order = tuple(
        Pick(group=groups[index].name, quotient=quotient, divisor=divisor, by_lot=tied)
        for (quotient, index, divisor), tied in zip(taken, tied_picks, strict=True)
    )
    counts = {group.name: 0 for group in groups}
    for pick in order:
        counts[pick.group] += 1
    return Result(seats=counts, order=order, seed=seed, ties=tuple(ties))


def parse_request(obj: object) -> tuple[int, list[Group], str | None]:
    """Validate a decoded JSON request; return ``(seats, groups, seed)``.

    Unknown keys are ignored.  Raises :class:`DhondtInputError`.
    """
    if not isinstance(obj, dict):
        raise DhondtInputError("not_object", "request must be a JSON object", {"field": ""})
    for key in ("seats", "groups"):
        if key not in obj:
            raise DhondtInputError("missing_field", f"{key} is missing", {"field": key})
    seats = _check_seats(obj["seats"])
    raw_groups = obj["groups"]
    if not isinstance(raw_groups, list):
        raise DhondtInputError("not_list", "groups must be a list", {"field": "groups"})
    _check_group_count(len(raw_groups))
    groups: list[Group] = []
    for index, raw in enumerate(raw_groups):
        if not isinstance(raw, dict):
            raise DhondtInputError(
                "group_not_object",
                f"groups[{index}] must be an object",
                {"field": f"groups[{index}]", "index": index},
            )
        for key in ("name", "size"):
            if key not in raw:
                field = f"groups[{index}].{key}"
                raise DhondtInputError(
                    "missing_field", f"{field} is missing", {"field": field, "index": index}
                )
        groups.append(Group(_check_name(index, raw["name"]), _check_size(index, raw["size"])))
    _check_unique([group.name for group in groups])
    seed = _check_seed(obj.get("seed"))
    return seats, groups, seed


def result_to_json(result: Result) -> dict[str, Any]:
    """The JSON-ready form: ``{"seats": {...}, "order": [...], "seed": "..."}``."""
    return {
        "seats": dict(result.seats),
        "order": [
            {
                "group": pick.group,
                "quotient": format_quotient(pick.quotient),
                "by_lot": pick.by_lot,
            }
            for pick in result.order
        ],
        "seed": result.seed,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "error"


def run_json(text: str | bytes) -> tuple[int, str, str]:
    """Run one JSON request; return ``(exit_code, stdout, stderr)``. Never raises.

    ``text`` may also be UTF-8 bytes (as read from standard input).

    ``(0, json_object + "\\n", "")`` on success, ``(2, "", reason + "\\n")`` otherwise.
    """
    try:
        try:
            obj = json.loads(text)
        except (ValueError, TypeError, RecursionError) as error:
            raise DhondtInputError(
                "not_json", f"request is not valid JSON: {error}", {"field": ""}
            ) from error
        seats, groups, seed = parse_request(obj)
        result = allocate(seats, groups, seed)
        out = json.dumps(result_to_json(result), ensure_ascii=False)
    except DhondtInputError as error:
        return 2, "", _one_line(str(error)) + "\n"
    except Exception as error:  # a bug, but the command line still answers with one line
        return 2, "", _one_line(f"internal error: {type(error).__name__}: {error}") + "\n"
    return 0, out + "\n", ""


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: read a JSON request from standard input, print the result."""
    code, out, err = run_json(sys.stdin.buffer.read())  # type: ignore[arg-type]
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stderr.buffer.write(err.encode("utf-8"))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
