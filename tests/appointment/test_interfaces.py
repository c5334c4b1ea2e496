"""The seat engine through its three doors: the command line, the API and the page."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMSKAB = str(Path(sys.executable).with_name("samskab"))
GENTOFTE = {
    "seats": 15,
    "groups": [
        {"name": "C", "size": 12},
        {"name": "A", "size": 2},
        {"name": "B", "size": 2},
        {"name": "V", "size": 1},
        {"name": "F", "size": 1},
        {"name": "Ø", "size": 1},
    ],
    "seed": "gentofte-2021",
}


def run_cli(stdin: bytes):
    return subprocess.run(
        [SAMSKAB, "dhondt"], input=stdin, capture_output=True, timeout=60, check=False
    )


def test_cli_gentofte_as_one():
    done = run_cli(json.dumps(GENTOFTE).encode())
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    out = json.loads(done.stdout)
    assert set(out) == {"seats", "order", "seed"}
    assert out["seed"] == "gentofte-2021"
    assert list(out["seats"]) == ["C", "A", "B", "V", "F", "Ø"]
    assert sum(out["seats"].values()) == 15
    assert out["seats"]["C"] >= 11 and out["seats"]["A"] >= 1 and out["seats"]["B"] >= 1
    assert out["order"][0] == {"group": "C", "quotient": "12", "by_lot": False}
    assert [p["by_lot"] for p in out["order"][-2:]] == [True, True]
    assert [p["quotient"] for p in out["order"][-2:]] == ["1", "1"]


def test_cli_is_reproducible_and_reports_a_fresh_seed():
    request = dict(GENTOFTE)
    del request["seed"]
    first = json.loads(run_cli(json.dumps(request).encode()).stdout)
    assert first["seed"]
    again = json.loads(run_cli(json.dumps({**request, "seed": first["seed"]}).encode()).stdout)
    assert again == first


@pytest.mark.parametrize(
    "stdin",
    [
        b"",
        b"not json",
        b"[]",
        b'{"groups": []}',
        b'{"seats": 3}',
        b'{"seats": 1.5, "groups": [{"name": "A", "size": 1}]}',
        b'{"seats": true, "groups": [{"name": "A", "size": 1}]}',
        b'{"seats": 0, "groups": [{"name": "A", "size": 1}]}',
        b'{"seats": 2, "groups": [{"name": "A", "size": 0}]}',
        b'{"seats": 2, "groups": [{"name": "", "size": 1}]}',
        b'{"seats": 2, "groups": [{"name": "A", "size": 1}, {"name": "A", "size": 2}]}',
        b'{"seats": 2, "groups": []}',
        b'{"seats": 2, "groups": [{"name": "A", "size": "3"}]}',
        b"\xff\xfe",
    ],
)
def test_cli_bad_input_exits_2_with_one_line(stdin):
    done = run_cli(stdin)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.count(b"\n") == 1
    assert b"Traceback" not in done.stderr


def test_api_same_contract(client, db):
    response = client.post("/api/v1/dhondt", json.dumps(GENTOFTE), content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    cli = json.loads(run_cli(json.dumps(GENTOFTE).encode()).stdout)
    assert data == cli


@pytest.mark.parametrize(
    "body",
    [
        "nope",
        "[]",
        '{"seats": 0, "groups": [{"name": "A", "size": 1}]}',
        "null",
        '{"seats": 2, "groups": [{"name": "A", "size": 1}, {"name": "A", "size": 1}]}',
    ],
)
def test_api_bad_input_is_400_with_reason(client, db, body):
    response = client.post("/api/v1/dhondt", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_api_reason_is_translated(client, db):
    body = '{"seats": 2, "groups": [{"name": "A", "size": 1}, {"name": "A", "size": 1}]}'
    response = client.post("/api/v1/dhondt", body, content_type="application/json")
    assert response.json() == {
        "detail": "Gruppe 2 har samme navn som gruppe 1.",
        "field": "groups[1].name",
    }


def test_page_shows_seats_order_lot_and_permalink(client, db):
    query = "seats=15&name=C&size=12&name=A&size=2&name=B&size=2&name=V&size=1&name=F&size=1"
    response = client.get(f"/dhondt/?{query}&name=%C3%98&size=1&seed=abc")
    assert response.status_code == 200
    result = response.context["result"]
    assert sum(result.seats.values()) == 15
    assert result.seed == "abc"
    boundary = [t for t in result.ties if t.at_boundary]
    assert len(boundary) == 1
    assert set(boundary[0].groups) == {"C", "A", "B", "V", "F", "Ø"}
    page = response.content.decode()
    assert "Afgjort ved lodtrækning" in page
    assert "seed=abc" in response.context["permalink"]
    again = client.get("/dhondt/" + response.context["permalink"]).context["result"]
    assert again == result


def test_page_errors_are_next_to_fields_and_keep_input(client, db):
    response = client.get("/dhondt/?seats=x&name=C&size=12&name=A&size=zz")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="id_seats_error"' in page
    assert 'id="id_row_2_error"' in page
    assert 'value="zz"' in page and 'value="x"' in page


def test_page_duplicate_names_error_on_the_row(client, db):
    response = client.get("/dhondt/?seats=3&name=C&size=12&name=C&size=2")
    assert response.context["errors"] == {1: "Gruppe 2 har samme navn som gruppe 1."}


def test_page_prefills_council_groups(client, world):
    response = client.get("/dhondt/?council=1")
    names = [r["name"] for r in response.context["rows"] if r["name"]]
    assert sorted(names) == ["A", "C"]
