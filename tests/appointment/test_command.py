"""The ``dhondt`` management command: one JSON request on standard input, the seats, the
pick order and the seed as JSON on standard output; exit 2 with the reason on bad input."""

import io
import json
import sys

import pytest
from django.core.management import call_command


def run(monkeypatch, capsysbinary, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = 0
    try:
        call_command("dhondt")
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def test_shares_gentofte_seats_and_prints_json(monkeypatch, capsysbinary):
    request = {
        "seats": 5,
        "groups": [{"name": "C", "size": 12}, {"name": "A", "size": 2}, {"name": "Ø", "size": 1}],
        "seed": "gentofte",
    }
    code, out, err = run(monkeypatch, capsysbinary, json.dumps(request).encode("utf-8"))
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer["seats"] == {"C": 5, "A": 0, "Ø": 0}
    assert [p["group"] for p in answer["order"]] == ["C"] * 5
    assert answer["order"][0]["quotient"] == "12"
    assert answer["seed"] == "gentofte"


def test_writes_group_names_as_utf8(monkeypatch, capsysbinary):
    request = {"seats": 1, "groups": [{"name": "Ø", "size": 3}], "seed": "x"}
    code, out, _err = run(
        monkeypatch, capsysbinary, json.dumps(request, ensure_ascii=False).encode()
    )
    assert code == 0
    assert '"Ø"' in out or "\\u00d8" in out
    assert json.loads(out)["seats"] == {"Ø": 1}


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[1, 2]", b'{"seats": 0, "groups": [{"name": "C", "size": 1}]}', b""],
)
def test_bad_input_exits_2_with_a_reason_and_no_answer(monkeypatch, capsysbinary, data):
    code, out, err = run(monkeypatch, capsysbinary, data)
    assert code == 2
    assert out == ""
    assert err.strip()
    assert err.endswith("\n")


def test_closed_standard_input_is_bad_input(monkeypatch, capsysbinary):
    closed = io.TextIOWrapper(io.BytesIO(b'{"seats": 1}'), encoding="utf-8")
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(SystemExit) as exit_:
        call_command("dhondt")
    out, err = capsysbinary.readouterr()
    assert exit_.value.code == 2
    assert out == b""
    assert err.strip()
