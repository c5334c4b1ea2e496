"""The meetings list's date-time filters take any ISO 8601 moment and refuse what no one means."""

import pytest

pytestmark = pytest.mark.django_db


def _titles(response):
    return [m["title"] for m in response.json()["results"]]


def test_an_offset_postgresql_cannot_store_is_read_as_the_same_moment(client, meetings):
    # +23:03 is valid ISO 8601; PostgreSQL refuses offsets that large, so the filter must hand
    # the database the same moment in UTC.
    response = client.get("/api/v1/meetings/", {"after": "2020-06-27T21:25:42+23:03"})
    assert response.status_code == 200
    assert "Teknik- og Miljøudvalgets møde" in _titles(response)


@pytest.mark.parametrize("moment", ["0030-06-27T21:25:42+23:03", "9999-12-31T23:59:59-23:59"])
def test_a_moment_no_one_means_is_refused_with_the_field(client, meetings, moment):
    response = client.get("/api/v1/meetings/", {"before": moment})
    assert response.status_code == 400
    assert "before" in response.json()["errors"]
