"""``make bench``, recruitment: the pool with 2,000 applications, and 200 citizens applying at once.

For SQLite (always) and PostgreSQL (when 127.0.0.1:5432 answers; the database
``samskab_bench_recruitment`` is created and dropped again):

1. A fresh database with one open call and ``BENCH_POOL`` (2,000) confirmed applications: the
   SQL queries of the pool page, its CSV, the breadth page and the API's pool, counted in-process
   with Django's test client, against the same pages with 200 applications (bounded: the same
   count whatever the pool's size).
2. ``BENCH_APPLICANTS`` (200) applications POSTed at once to the API by as many client threads
   against gunicorn, 20 of them a second time with the same address: none may be lost and none
   duplicated. Latency percentiles are printed, and a bare Django view measured the same way.

Only loopback addresses are contacted; every loop is bounded in count and time.
"""

import json
import os
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.run import (
    BIN,
    HOST,
    ROOT,
    free_port,
    fresh_postgres,
    postgres_answers,
    run,
    say,
    serve,
)

POOL = int(os.environ.get("BENCH_POOL", "2000"))
APPLICANTS = int(os.environ.get("BENCH_APPLICANTS", "200"))
AGAIN = 20


def _post(port: int, path: str, body: dict) -> int:
    import http.client

    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(
            "POST",
            path,
            body=json.dumps(body),
            headers={"Host": f"{HOST}:{port}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@dataclass
class Result:
    """Requests sent at once: how many, how many failed, over how long, each one's latency."""

    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def at_once(port: int, path: str, bodies: list[dict]) -> Result:
    """One thread per body, released together; each sends one request."""
    start = threading.Event()
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def worker(body):
        start.wait(timeout=30)
        began = time.perf_counter()
        try:
            ok = _post(port, path, body) == 202
        except OSError:
            ok = False
        with lock:
            latencies.append(time.perf_counter() - began)
            errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=worker, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    start.set()
    for thread in threads:
        thread.join(timeout=120)
    return Result(len(latencies), errors[0], time.monotonic() - began, latencies)


def bench_database(label: str, database_url: str, var_dir: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DATABASE_URL": database_url,
        "SAMSKAB_VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": HOST,
        # Every request comes from 127.0.0.1 here: the hourly limit per address is lifted.
        "RECRUITMENT_SUBMISSIONS_PER_HOUR": "100000",
    }
    say(f"\n== {label}: migrate, one call with {POOL} applications")
    run([str(BIN / "samskab"), "migrate", "--no-input", "-v0"], env)
    probe = json.loads(
        run([sys.executable, "-m", "bench.recruitment_probe", str(POOL)], env, capture=True)
    )
    say(f"{'page':<28} {'queries, 200':>13} {'queries, ' + str(POOL):>14}")
    for name, (small, large) in probe["queries"].items():
        flag = "" if small == large else "   <- grows with the pool"
        say(f"{name:<28} {small:>13} {large:>14}{flag}")
    port = free_port()
    server = serve(env, port)
    try:
        path = f"/api/v1/calls/{probe['call']}/applications/"
        bodies = [dict(probe["body"], email=f"bench.{n}@example.org") for n in range(APPLICANTS)]
        bodies += [dict(probe["body"], email=f"bench.{n}@example.org") for n in range(AGAIN)]
        result = at_once(port, path, bodies)
    finally:
        server.terminate()
        server.wait(timeout=30)
    counted = json.loads(
        run(
            [sys.executable, "-m", "bench.recruitment_probe", "count", probe["call"]],
            env,
            capture=True,
        )
    )
    lost = APPLICANTS - counted["distinct"]
    duplicated = counted["rows"] - counted["distinct"]
    say(
        f"{len(bodies)} applications at once ({AGAIN} of them again with the same address): "
        f"{result.errors} errors, {lost} lost, {duplicated} duplicated, "
        f"{counted['pending']} kept aside for confirmation; {result.rate:.0f} req/s, "
        f"p50 {result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms, "
        f"p99 {result.percentile(99):.0f} ms"
    )
    if lost or duplicated or result.errors:
        raise SystemExit(f"{label}: applications were lost, duplicated or refused")


def main():
    say(f"Samskab recruitment bench: {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="samskab-bench-recruitment-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "sqlite").mkdir()
        bench_database(
            "SQLite", f"sqlite:///{tmp_path / 'sqlite' / 'bench.sqlite3'}", tmp_path / "sqlite"
        )
        if os.environ.get("BENCH_POSTGRES") == "1" or postgres_answers():
            with fresh_postgres("_recruitment") as url:
                (tmp_path / "postgres").mkdir()
                bench_database("PostgreSQL", url, tmp_path / "postgres")


if __name__ == "__main__":
    socket.setdefaulttimeout(60)
    main()
