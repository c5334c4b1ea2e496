"""`make bench` runs three programs one after another; a name one of them imported from
another had gone, and the recruitment bench stopped at its import. Their figures are not
tests (speed goals live in the bench), but that they start is."""

import importlib

import pytest


@pytest.mark.parametrize("program", ["bench.run", "bench.recruitment", "bench.digest"])
def test_every_bench_program_starts(program):
    module = importlib.import_module(program)
    assert callable(module.main)


def test_applications_sent_at_once_report_their_rate_and_percentiles():
    from bench.recruitment import Result

    result = Result(requests=4, errors=0, seconds=2.0, latencies=[0.4, 0.1, 0.3, 0.2])
    assert result.rate == 2.0
    assert (result.percentile(50), result.percentile(100)) == (300.0, 400.0)


def test_the_bench_server_keeps_its_database_connections():
    """The CPU a page costs is read from the server's processes, its PostgreSQL backends among
    them: a connection recycled after 60 s took its backend's CPU along, and the search API
    showed -126 ms of CPU a request."""
    import importlib

    settings = importlib.import_module("bench.settings")
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] is None
