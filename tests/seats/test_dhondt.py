"""Tests for the pure d'Hondt module (no database, no Django)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.seats.dhondt import (
    MAX_GROUPS,
    MAX_SEATS,
    DhondtInputError,
    Group,
    Tie,
    allocate,
    format_quotient,
    parse_request,
    result_to_json,
    run_json,
)

GENTOFTE = [
    Group("C", 12),
    Group("A", 2),
    Group("B", 2),
    Group("V", 1),
    Group("F", 1),
    Group("Ø", 1),
]


def groups_of(**sizes: int) -> list[Group]:
    return [Group(name, size) for name, size in sizes.items()]


# --- Independent oracle: enumerate every quotient, sort exactly, no heap, no lot. ----------


def all_quotients(seats: int, groups: list[Group]) -> list[tuple[Fraction, str]]:
    """Every (quotient, group) with divisor 1..seats+1, largest quotient first.

    Divisors beyond seats + 1 can never reach the first seats + 1 places.
    """
    entries = [
        (Fraction(group.size, divisor), group.name)
        for group in groups
        for divisor in range(1, seats + 2)
    ]
    return sorted(entries, key=lambda entry: entry[0], reverse=True)


def oracle_boundary_tie(seats: int, groups: list[Group]) -> bool:
    entries = all_quotients(seats, groups)
    return entries[seats - 1][0] == entries[seats][0]


def oracle_seats(seats: int, groups: list[Group]) -> dict[str, int]:
    """Seats by enumeration; only meaningful without a tie at the boundary."""
    counts = Counter(name for _, name in all_quotients(seats, groups)[:seats])
    return {group.name: counts[group.name] for group in groups}


def jefferson_seats(seats: int, groups: list[Group]) -> dict[str, int]:
    """Jefferson's divisor rule: with the last seat's quotient as the divisor d,
    each group gets floor(size / d) seats."""
    last = all_quotients(seats, groups)[seats - 1][0]
    return {group.name: int(Fraction(group.size) / last) for group in groups}


def oracle_by_lot(seats: int, groups: list[Group], quotient: Fraction) -> bool:
    counts = Counter(q for q, _ in all_quotients(seats, groups))
    return counts[quotient] > 1


group_lists = st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=7).map(
    lambda sizes: [Group(f"G{index}", size) for index, size in enumerate(sizes)]
)
seat_counts = st.integers(min_value=1, max_value=40)
seeds = st.text(max_size=12)


# --- Worked example: Gentofte 2021 ---------------------------------------------------------


def test_gentofte_15_seats_certain_seats_and_lot_for_last_two():
    result = allocate(15, GENTOFTE, seed="gentofte")
    assert sum(result.seats.values()) == 15
    assert result.seats["C"] >= 11
    assert result.seats["A"] >= 1
    assert result.seats["B"] >= 1
    assert list(result.seats) == ["C", "A", "B", "V", "F", "Ø"]
    assert [pick.by_lot for pick in result.order[13:]] == [True, True]
    assert [pick.quotient for pick in result.order[13:]] == [Fraction(1), Fraction(1)]
    assert [pick.by_lot for pick in result.order[:13]] == [False] * 5 + [True] * 3 + [False] * 5
    last = result.ties[-1]
    assert last.quotient == Fraction(1)
    assert last.groups == ("C", "A", "B", "V", "F", "Ø")
    assert last.places == (14, 15)
    assert len(last.winners) == 2
    assert last.at_boundary is True
    assert [pick.group for pick in result.order[13:]] == list(last.winners)


def test_gentofte_15_seats_inner_tie_at_quotient_two():
    result = allocate(15, GENTOFTE, seed="gentofte")
    inner = result.ties[0]
    assert inner.quotient == Fraction(2)
    assert inner.groups == ("C", "A", "B")
    assert inner.places == (6, 7, 8)
    assert sorted(inner.winners) == ["A", "B", "C"]
    assert inner.at_boundary is False
    assert len(result.ties) == 2


def test_gentofte_15_seats_lot_follows_sha256_rule():
    seed = "gentofte"
    result = allocate(15, GENTOFTE, seed=seed)

    def lot(name: str) -> str:
        return hashlib.sha256(f"{seed}|1|{name}".encode()).hexdigest()

    expected = sorted(["C", "A", "B", "V", "F", "Ø"], key=lot)[:2]
    assert list(result.ties[-1].winners) == expected


def test_gentofte_5_seats_exact():
    result = allocate(5, GENTOFTE, seed="s")
    assert result.seats == {"C": 5, "A": 0, "B": 0, "V": 0, "F": 0, "Ø": 0}
    assert result.ties == ()
    assert all(not pick.by_lot for pick in result.order)


def test_gentofte_10_seats_exact():
    result = allocate(10, GENTOFTE, seed="s")
    assert result.seats == {"C": 8, "A": 1, "B": 1, "V": 0, "F": 0, "Ø": 0}
    assert [t.at_boundary for t in result.ties] == [False]
    assert [format_quotient(p.quotient) for p in result.order] == [
        "12", "6", "4", "3", "12/5", "2", "2", "2", "12/7", "3/2",
    ]  # fmt: skip


def test_gentofte_every_tied_group_wins_under_some_seed():
    winners: set[str] = set()
    for index in range(200):
        result = allocate(15, GENTOFTE, seed=f"seed-{index}")
        winners.update(result.ties[-1].winners)
    assert winners == {"C", "A", "B", "V", "F", "Ø"}


# --- Published-style and hand-checked cases -------------------------------------------------


def test_allocate_textbook_example_seven_seats():
    groups = groups_of(A=100_000, B=80_000, C=30_000, D=20_000)
    assert allocate(7, groups, "x").seats == {"A": 3, "B": 3, "C": 1, "D": 0}


def test_allocate_textbook_example_eight_seats():
    groups = groups_of(A=100_000, B=80_000, C=30_000, D=20_000)
    result = allocate(8, groups, "x")
    assert result.seats == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert [p.group for p in result.order] == ["A", "B", "A", "B", "A", "C", "B", "A"]


def test_allocate_council_of_31_into_committee_of_7():
    groups = groups_of(A=13, B=9, C=5, D=4)
    # A: 13, 6.5, 4.33, 3.25; B: 9, 4.5, 3; C: 5, 2.5; D: 4, 2
    result = allocate(7, groups, "x")
    assert result.seats == {"A": 3, "B": 2, "C": 1, "D": 1}
    assert [p.group for p in result.order] == ["A", "B", "A", "C", "B", "A", "D"]
    assert result.ties == ()


def test_allocate_single_group_takes_all_seats():
    result = allocate(4, [Group("Solo", 3)], "x")
    assert result.seats == {"Solo": 4}
    assert [p.divisor for p in result.order] == [1, 2, 3, 4]
    assert [format_quotient(p.quotient) for p in result.order] == ["3", "3/2", "1", "3/4"]


def test_allocate_two_equal_groups_one_seat_is_a_boundary_tie():
    result = allocate(1, groups_of(A=2, B=2), seed="x")
    tie = result.ties[0]
    assert tie == Tie(
        quotient=Fraction(2), groups=("A", "B"), places=(1,), winners=tie.winners,
        at_boundary=True,
    )  # fmt: skip
    assert result.order[0].by_lot is True
    lot_a = hashlib.sha256(b"x|2|A").hexdigest()
    lot_b = hashlib.sha256(b"x|2|B").hexdigest()
    assert tie.winners == (("A",) if lot_a < lot_b else ("B",))


def test_allocate_two_equal_groups_two_seats_tie_inside_order():
    result = allocate(2, groups_of(A=2, B=2), seed="x")
    assert result.seats == {"A": 1, "B": 1}
    assert [p.by_lot for p in result.order] == [True, True]
    assert result.ties[0].at_boundary is False
    assert result.ties[0].places == (1, 2)


def test_allocate_pinned_draw_for_seed():
    # Regression pin of the documented rule: sha256("pin|1|A") < sha256("pin|1|B")?
    lots = {n: hashlib.sha256(f"pin|1|{n}".encode()).hexdigest() for n in "AB"}
    expected = min(lots, key=lots.__getitem__)
    assert allocate(1, groups_of(A=1, B=1), seed="pin").order[0].group == expected


def test_allocate_tie_uses_lowest_terms_quotient_text():
    # C's 12/8 and D's 3/2 are the same quotient; the lot text is "3/2" for both.
    groups = groups_of(C=12, D=3)
    result = allocate(10, groups, seed="q")
    assert [p.quotient for p in result.order[8:]] == [Fraction(3, 2), Fraction(3, 2)]
    assert sorted((p.group, p.divisor) for p in result.order[8:]) == [("C", 8), ("D", 2)]
    lots = {n: hashlib.sha256(f"q|3/2|{n}".encode()).hexdigest() for n in "CD"}
    assert [p.group for p in result.order[8:]] == sorted("CD", key=lots.__getitem__)


def test_allocate_not_decided_by_list_order():
    forward = allocate(15, GENTOFTE, seed="order")
    backward = allocate(15, list(reversed(GENTOFTE)), seed="order")
    assert forward.order == backward.order
    assert forward.seats == backward.seats


def test_allocate_generates_and_reports_seed():
    result = allocate(15, GENTOFTE)
    assert len(result.seed) == 32
    assert allocate(15, GENTOFTE, seed=result.seed) == result


def test_allocate_empty_string_is_a_valid_seed():
    assert allocate(15, GENTOFTE, seed="").seed == ""


def test_allocate_large_input_at_caps():
    groups = [Group(f"g{i}", 1000 + i % 7) for i in range(MAX_GROUPS)]
    result = allocate(MAX_SEATS, groups, seed="big")
    assert sum(result.seats.values()) == MAX_SEATS


@pytest.mark.parametrize(
    ("seats", "groups", "seed", "code"),
    [
        (0, GENTOFTE, None, "seats_too_small"),
        (MAX_SEATS + 1, GENTOFTE, None, "seats_too_large"),
        (True, GENTOFTE, None, "not_integer"),
        (1.0, GENTOFTE, None, "not_integer"),
        (1, [], None, "no_groups"),
        (1, [Group(f"g{i}", 1) for i in range(MAX_GROUPS + 1)], None, "too_many_groups"),
        (1, [Group("A", 0)], None, "size_too_small"),
        (1, [Group("A", True)], None, "not_integer"),
        (1, [Group(" ", 1)], None, "empty_name"),
        (1, [Group("A", 1), Group("A", 2)], None, "duplicate_name"),
        (1, [{"name": "A", "size": 1}], None, "group_not_object"),
        (1, "AB", None, "not_list"),
        (1, GENTOFTE, 5, "bad_seed"),
    ],
)
def test_allocate_rejects_bad_input(seats, groups, seed, code):
    with pytest.raises(DhondtInputError) as info:
        allocate(seats, groups, seed)
    assert info.value.code == code


# --- Quotient formatting --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quotient", "text"),
    [
        (Fraction(12), "12"),
        (Fraction(2, 3), "2/3"),
        (Fraction(12, 8), "3/2"),
        (Fraction(12, 12), "1"),
        (Fraction(1, 7), "1/7"),
    ],
)
def test_format_quotient_whole_or_lowest_terms(quotient, text):
    assert format_quotient(quotient) == text


# --- Properties ------------------------------------------------------------------------------


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_total_equals_seats(seats, groups, seed):
    result = allocate(seats, groups, seed)
    assert sum(result.seats.values()) == seats
    assert len(result.order) == seats
    assert list(result.seats) == [group.name for group in groups]


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_same_seed_same_result(seats, groups, seed):
    assert allocate(seats, groups, seed) == allocate(seats, groups, seed)


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_house_monotonic(seats, groups, seed):
    smaller = allocate(seats, groups, seed)
    larger = allocate(seats + 1, groups, seed)
    assert all(larger.seats[name] >= count for name, count in smaller.seats.items())
    assert [(p.group, p.quotient, p.divisor) for p in larger.order[:seats]] == [
        (p.group, p.quotient, p.divisor) for p in smaller.order
    ]


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_agrees_with_oracle_without_boundary_tie(seats, groups, seed):
    result = allocate(seats, groups, seed)
    boundary = oracle_boundary_tie(seats, groups)
    assert any(tie.at_boundary for tie in result.ties) == boundary
    if not boundary:
        assert result.seats == oracle_seats(seats, groups)
        assert result.seats == jefferson_seats(seats, groups)


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_order_quotients_non_increasing(seats, groups, seed):
    quotients = [pick.quotient for pick in allocate(seats, groups, seed).order]
    assert quotients == sorted(quotients, reverse=True)
    expected = [q for q, _ in all_quotients(seats, groups)[:seats]]
    assert quotients == expected


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_by_lot_iff_equal_quotient_exists(seats, groups, seed):
    result = allocate(seats, groups, seed)
    assert [pick.by_lot for pick in result.order] == [
        oracle_by_lot(seats, groups, pick.quotient) for pick in result.order
    ]


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_seats_within_quotient_bounds(seats, groups, seed):
    result = allocate(seats, groups, seed)
    last = result.order[-1].quotient
    for group in groups:
        at_least = sum(1 for d in range(1, seats + 2) if Fraction(group.size, d) > last)
        at_most = sum(1 for d in range(1, seats + 2) if Fraction(group.size, d) >= last)
        assert at_least <= result.seats[group.name] <= at_most
    for pick in result.order:
        assert pick.quotient == Fraction(
            next(g.size for g in groups if g.name == pick.group), pick.divisor
        )


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_allocate_ties_match_quotient_blocks(seats, groups, seed):
    result = allocate(seats, groups, seed)
    for tie in result.ties:
        having = tuple(g.name for g in groups if (Fraction(g.size) / tie.quotient).denominator == 1)
        assert tie.groups == having
        assert tie.places == tuple(
            i + 1 for i, p in enumerate(result.order) if p.quotient == tie.quotient
        )
        assert tie.winners == tuple(result.order[i - 1].group for i in tie.places)
        assert tie.at_boundary == (len(tie.groups) > len(tie.places))
    tied_places = sorted(place for tie in result.ties for place in tie.places)
    assert tied_places == [i + 1 for i, p in enumerate(result.order) if p.by_lot]


@given(groups=group_lists, seed=seeds, data=st.data())
def test_allocate_independent_of_input_order(groups, seed, data):
    seats = data.draw(seat_counts)
    shuffled = data.draw(st.permutations(groups))
    first = allocate(seats, groups, seed)
    second = allocate(seats, shuffled, seed)
    assert first.order == second.order
    assert first.seats == second.seats


@settings(max_examples=25, deadline=None)
@given(seats=st.integers(min_value=1, max_value=20), groups=group_lists)
def test_allocate_every_boundary_tied_group_wins_under_some_seed(seats, groups):
    boundary = [t for t in allocate(seats, groups, "probe").ties if t.at_boundary]
    if not boundary:
        return
    tied = set(boundary[0].groups)
    winners: set[str] = set()
    for index in range(200):
        result = allocate(seats, groups, f"seed-{index}")
        winners.update(result.ties[-1].winners)
        if winners == tied:
            break
    assert winners == tied


# --- parse_request and run_json ---------------------------------------------------------------


def request(**overrides: object) -> str:
    body: dict[str, object] = {
        "seats": 15,
        "groups": [{"name": g.name, "size": g.size} for g in GENTOFTE],
    }
    body.update(overrides)
    return json.dumps(body, ensure_ascii=False)


def test_parse_request_valid_with_extra_keys_ignored():
    seats, groups, seed = parse_request(
        {"seats": 3, "groups": [{"name": "A", "size": 2, "colour": "red"}], "x": 1}
    )
    assert (seats, groups, seed) == (3, [Group("A", 2)], None)


def test_parse_request_seed_null_and_text():
    body = {"seats": 1, "groups": [{"name": "A", "size": 1}]}
    assert parse_request({**body, "seed": None})[2] is None
    assert parse_request({**body, "seed": ""})[2] == ""
    assert parse_request({**body, "seed": "abc"})[2] == "abc"


BAD_REQUESTS = [
    ("not json at all", "not_json"),
    ('{"seats": 1,', "not_json"),
    ("", "not_json"),
    ("[" * 100_000, "not_json"),
    ("[1, 2]", "not_object"),
    ('"text"', "not_object"),
    ("null", "not_object"),
    ('{"groups": [{"name": "A", "size": 1}]}', "missing_field"),
    ('{"seats": 1}', "missing_field"),
    ('{"seats": 1, "groups": [{"size": 1}]}', "missing_field"),
    ('{"seats": 1, "groups": [{"name": "A"}]}', "missing_field"),
    (request(seats=True), "not_integer"),
    (request(seats=15.0), "not_integer"),
    (request(seats="15"), "not_integer"),
    (request(seats=None), "not_integer"),
    (request(seats=0), "seats_too_small"),
    (request(seats=-3), "seats_too_small"),
    (request(seats=MAX_SEATS + 1), "seats_too_large"),
    (request(groups={"A": 1}), "not_list"),
    (request(groups="A"), "not_list"),
    (request(groups=[]), "no_groups"),
    (request(groups=[{"name": f"g{i}", "size": 1} for i in range(1001)]), "too_many_groups"),
    (request(groups=["A"]), "group_not_object"),
    (request(groups=[[1, 2]]), "group_not_object"),
    (request(groups=[{"name": "A", "size": 0}]), "size_too_small"),
    (request(groups=[{"name": "A", "size": 2.0}]), "not_integer"),
    (request(groups=[{"name": "A", "size": False}]), "not_integer"),
    (request(groups=[{"name": "A", "size": "2"}]), "not_integer"),
    (request(groups=[{"name": "", "size": 1}]), "empty_name"),
    (request(groups=[{"name": "  \n", "size": 1}]), "empty_name"),
    (request(groups=[{"name": 7, "size": 1}]), "not_string"),
    (request(groups=[{"name": "A", "size": 1}, {"name": "A", "size": 2}]), "duplicate_name"),
    (request(groups=[{"name": "a\nb", "size": 1}, {"name": "a\nb", "size": 1}]), "duplicate_name"),
    (request(seed=5), "bad_seed"),
    (request(seed=["x"]), "bad_seed"),
    (request(seed=True), "bad_seed"),
]


@pytest.mark.parametrize(("text", "code"), BAD_REQUESTS)
def test_run_json_rejects_malformed_input(text, code):
    exit_code, out, err = run_json(text)
    assert (exit_code, out) == (2, "")
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert len(err) > 1
    assert "Traceback" not in err


@pytest.mark.parametrize(("text", "code"), [c for c in BAD_REQUESTS if c[1] != "not_json"])
def test_parse_request_error_codes(text, code):
    with pytest.raises(DhondtInputError) as info:
        parse_request(json.loads(text))
    assert info.value.code == code
    assert "\n" not in str(info.value)


def test_parse_request_error_message_names_field():
    with pytest.raises(DhondtInputError) as info:
        parse_request(json.loads(request(groups=[{"name": "A", "size": 1}] * 2 + [
            {"name": "B", "size": "x"}
        ])))  # fmt: skip
    assert str(info.value) == "groups[2].size must be an integer"
    assert info.value.params["field"] == "groups[2].size"


def test_run_json_valid_request():
    exit_code, out, err = run_json(request(seed="cli"))
    assert (exit_code, err) == (0, "")
    assert out.endswith("\n")
    assert out.count("\n") == 1
    data = json.loads(out)
    assert set(data) == {"seats", "order", "seed"}
    assert data["seed"] == "cli"
    assert sum(data["seats"].values()) == 15
    assert list(data["seats"]) == ["C", "A", "B", "V", "F", "Ø"]
    assert all(set(entry) == {"group", "quotient", "by_lot"} for entry in data["order"])
    assert [entry["quotient"] for entry in data["order"]] == [
        "12", "6", "4", "3", "12/5", "2", "2", "2", "12/7", "3/2", "4/3", "6/5", "12/11",
        "1", "1",
    ]  # fmt: skip
    assert [entry["by_lot"] for entry in data["order"]][-2:] == [True, True]
    assert data == result_to_json(allocate(15, GENTOFTE, seed="cli"))


def test_run_json_generates_seed_when_absent_or_null():
    for text in (request(), request(seed=None)):
        exit_code, out, _ = run_json(text)
        assert exit_code == 0
        seed = json.loads(out)["seed"]
        assert isinstance(seed, str)
        assert len(seed) == 32


def test_run_json_accepts_utf8_bytes():
    exit_code, out, _ = run_json(request(seed="b").encode("utf-8"))
    assert exit_code == 0
    assert "Ø" in json.loads(out)["seats"]


@given(seats=seat_counts, groups=group_lists, seed=seeds)
def test_run_json_quotients_in_lowest_terms(seats, groups, seed):
    text = json.dumps(
        {"seats": seats, "groups": [{"name": g.name, "size": g.size} for g in groups],
         "seed": seed}
    )  # fmt: skip
    exit_code, out, _ = run_json(text)
    assert exit_code == 0
    for entry in json.loads(out)["order"]:
        quotient = Fraction(entry["quotient"])
        assert format_quotient(quotient) == entry["quotient"]
