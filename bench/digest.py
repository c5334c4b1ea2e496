"""``make bench``, digests: a daily digest run to ``BENCH_FOLLOWERS`` (50,000) followers on one
task worker, its time and its peak memory.

For SQLite (always) and PostgreSQL (when 127.0.0.1:5432 answers; the database
``samskab_bench_digest`` is created and dropped again): a fresh database, the followers written
in bulk (``bench/digest_probe.py``: each with a daily digest due and two waiting notifications,
every tenth with a saved search), then one task that walks everyone due and one real
``db_worker`` process, run until its queue is empty (``--batch``). It runs the walk, the batches
(500 followers each, ``follows/digest.py``) and every digest email they queue; the emails go to
Django's dummy email backend, so the figure is the product's work, not an SMTP server's.

Printed: the worker's wall time, its followers per second, and its peak memory (the process's
maximum resident set, from the kernel), which must not grow with the number of followers.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import BIN, environment, fresh_postgres, postgres_answers, run, say

FOLLOWERS = int(os.environ.get("BENCH_FOLLOWERS", "50000"))


def probe(env: dict, *args: str) -> dict:
    return json.loads(run([sys.executable, "-m", "bench.digest_probe", *args], env, capture=True))


def worker(env: dict, log: Path) -> tuple[float, int]:
    """Runs one task worker until its queue is empty: wall seconds and peak RSS in kB. Its
    log (a line per task) goes to ``log``."""
    started = time.monotonic()
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [str(BIN / "samskab"), "db_worker", "--batch", "--no-startup-delay"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the task worker stopped with {process.returncode}: see {log}")
    return time.monotonic() - started, usage.ru_maxrss


def bench_database(label: str, database_url: str, var_dir: Path) -> dict:
    env = environment(database_url, var_dir, EMAIL_URL="dummymail://")
    say(f"\n== {label}: migrate, {FOLLOWERS} followers")
    run([str(BIN / "samskab"), "migrate", "--no-input", "-v0"], env)
    made = probe(env, "setup", str(FOLLOWERS))
    say(f"   written in {made['seconds']} s")
    probe(env, "queue")
    seconds, peak_kb = worker(env, var_dir / "worker.log")
    counted = probe(env, "count")
    say(
        f"digest run: {counted['digests']} digests, {counted['emails']} emails, "
        f"{counted['failed']} failed tasks, {counted['waiting']} notifications left waiting; "
        f"one worker {seconds:.0f} s ({FOLLOWERS / seconds:.0f} followers/s), "
        f"peak memory {peak_kb / 1024:.0f} MB"
    )
    if counted["digests"] != FOLLOWERS or counted["failed"] or counted["unfinished"]:
        raise SystemExit(f"{label}: the digest run left followers or tasks behind")
    return {"seconds": round(seconds, 1), "peak_rss_kb": peak_kb, **counted}


def main():
    say(f"Samskab digest bench: {FOLLOWERS} followers, {os.cpu_count()} cores")
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    with tempfile.TemporaryDirectory(prefix="samskab-bench-digest-") as tmp:
        tmp_path = Path(tmp)
        if "sqlite" in databases:
            (tmp_path / "sqlite").mkdir()
            bench_database(
                "SQLite", f"sqlite:///{tmp_path / 'sqlite' / 'bench.sqlite3'}", tmp_path / "sqlite"
            )
        if "postgres" in databases and (
            os.environ.get("BENCH_POSTGRES") == "1" or postgres_answers()
        ):
            with fresh_postgres("_digest") as url:
                (tmp_path / "postgres").mkdir()
                bench_database("PostgreSQL", url, tmp_path / "postgres")


if __name__ == "__main__":
    main()
