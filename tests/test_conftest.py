from hypothesis import settings


def test_hypothesis_deadline_is_off_for_every_test():
    """A busy machine made a property test miss the 200 ms deadline: no test may depend on
    timing (tests/conftest.py loads the profile for every test)."""
    assert settings.default.deadline is None


def test_tests_of_one_xdist_group_run_on_one_worker(tmp_path):
    """`make test` keeps each xdist_group on one worker (`--dist loadgroup`), so the demo
    module loads the demo once. pytest 9.2 stopped reading the group that pytest-xdist 3.8
    adds to each test's id, and the demo module was split over both workers and loaded
    twice; pyproject.toml keeps pytest below 9.2 until xdist follows."""
    import subprocess
    import sys

    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    tests = "\n".join(
        f"@pytest.mark.xdist_group('one')\ndef test_{n}():\n    pass\n" for n in range(6)
    )
    (tmp_path / "test_grouped.py").write_text(f"import pytest\n\n{tests}")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-vv"]
        + ["-p", "no:django", "-p", "no:cacheprovider", "-c", str(tmp_path / "pytest.ini")]
        + [str(tmp_path / "test_grouped.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers = {line.split()[0] for line in run.stdout.splitlines() if "PASSED" in line}
    assert len(workers) == 1, run.stdout
