"""``make bench``: load figures for the main pages next to a bare Django view, same run, same way.

For SQLite (always) and PostgreSQL (when ``BENCH_POSTGRES=1`` or 127.0.0.1:5432 answers; the
database ``samskab_bench`` is created and dropped again): a fresh database in a temporary
directory, ``migrate``, ``samskab generate`` (20,000 people, 400 task committees at the default
``BENCH_SCALE=1``), then gunicorn on a free loopback port and a small threaded HTTP client that
requests each page for ``BENCH_SECONDS`` (default 4) or at most ``BENCH_MAX_REQUESTS`` (3000).

Printed per page, anonymous and logged in (a council member): requests per second, latency
percentiles, errors, SQL queries per request (counted in-process with Django's test client on
the same database), and the ratios to the bare view measured in the same run. Only loopback
addresses are ever contacted; every loop is bounded in time and count.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SCALE = os.environ.get("BENCH_SCALE", "1")
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "3000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench"
)


def say(text: str):
    print(text, flush=True)


@dataclass
class Result:
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


def _get(port: int, path: str, headers: dict) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load(port: int, path: str, cookie: str | None) -> Result:
    """CLIENTS threads request ``path`` until SECONDS have passed or MAX_REQUESTS are sent."""
    headers = {"Host": f"{HOST}:{port}", "Cookie": cookie} if cookie else {"Host": f"{HOST}:{port}"}
    for _ in range(10):  # warm up the workers
        _get(port, path, headers)
    lock = threading.Lock()
    latencies: list[float] = []
    counts = {"sent": 0, "errors": 0}
    deadline = time.monotonic() + SECONDS

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if counts["sent"] >= MAX_REQUESTS:
                    return
                counts["sent"] += 1
            started = time.perf_counter()
            try:
                ok = _get(port, path, headers) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    counts["errors"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(len(latencies), counts["errors"], time.monotonic() - started, latencies)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def run(command: list[str], env: dict, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 - our own commands, no shell
        command,
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "samskab.config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(port, "/healthz", {}) == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer on /healthz within 30 s")


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
    }
    say(f"\n== {label}: migrate, generate --scale {SCALE}")
    started = time.monotonic()
    run([str(BIN / "samskab"), "migrate", "--no-input", "-v0"], env)
    run([str(BIN / "samskab"), "generate", "--scale", SCALE], env)
    say(f"   ready in {time.monotonic() - started:.0f} s")
    probe = json.loads(run([sys.executable, "-m", "bench.probe"], env, capture=True))
    port = free_port()
    server = serve(env, port)
    rows = []
    try:
        for who, cookie in (("anonymous", None), ("logged in", probe["cookie"])):
            for name, path in probe["pages"].items():
                if cookie is None and name in probe["logged_in_only"]:
                    continue
                result = load(port, path, cookie)
                rows.append((who, name, path, result, probe["queries"][f"{who}|{name}"]))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    report(label, rows, probe["user"])


def report(label: str, rows, user: str):
    say(
        f"\n{label}: gunicorn {WORKERS} sync workers, {CLIENTS} client threads, "
        f"{SECONDS:g} s or {MAX_REQUESTS} requests per line; logged in as {user}"
    )
    header = (
        f"{'page':<18} {'who':<10} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'errors':>6} {'queries':>7} {'req/s÷bare':>10} {'p50÷bare':>8}"
    )
    say(header)
    say("-" * len(header))
    bare = {who: result for who, name, _p, result, _q in rows if name == "bare Django view"}
    for who, name, _path, result, queries in rows:
        base = bare[who]
        rate_ratio = result.rate / base.rate if base.rate else float("nan")
        p50_ratio = result.percentile(50) / base.percentile(50) if base.latencies else float("nan")
        say(
            f"{name:<18} {who:<10} {result.rate:7.1f} {result.percentile(50):7.1f} "
            f"{result.percentile(95):7.1f} {result.percentile(99):7.1f} {result.errors:6d} "
            f"{queries:7d} {rate_ratio:10.2f} {p50_ratio:8.1f}"
        )
    medians = [r.rate / bare[w].rate for w, n, _p, r, _q in rows if n != "bare Django view"]
    say(f"median page throughput: {statistics.median(medians):.2f} of the bare view's")


def postgres_admin(sql: str):
    import psycopg

    admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


def main():
    started = time.monotonic()
    say(f"Samskab bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="samskab-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "sqlite").mkdir()
        bench_database(
            "SQLite", f"sqlite:///{tmp_path / 'sqlite' / 'bench.sqlite3'}", tmp_path / "sqlite"
        )
        if os.environ.get("BENCH_POSTGRES") == "1" or postgres_answers():
            name = POSTGRES_URL.rsplit("/", 1)[1]
            postgres_admin(f'DROP DATABASE IF EXISTS "{name}"')
            postgres_admin(f'CREATE DATABASE "{name}"')
            try:
                (tmp_path / "postgres").mkdir()
                bench_database("PostgreSQL", POSTGRES_URL, tmp_path / "postgres")
            finally:
                postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            say(
                "\n(PostgreSQL skipped: nothing answers on 127.0.0.1:5432;"
                " BENCH_POSTGRES=1 forces it)"
            )
    say(f"\nbench done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    if not shutil.which("gunicorn", path=str(BIN)):
        sys.exit(f"gunicorn is not installed in {BIN}: run make install")
    main()
