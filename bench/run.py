"""``make bench``: requests per second of the main pages, each next to a bare Django view.

For SQLite (always) and PostgreSQL (when ``BENCH_POSTGRES=1`` or 127.0.0.1:5432 answers; the
database ``samskab_bench`` is created and dropped again): a fresh database, ``migrate``,
``samskab generate`` (a municipality over 20 years at the default
``BENCH_SCALE=1``), then gunicorn (``BENCH_WORKERS`` sync workers, default: the number of
cores) on a free loopback port.

The load comes from ``wrk`` (Debian package ``wrk``) when it is installed; otherwise from a
threaded Python client, which shares the cores with the server and understates every page
(the run says so). Each page is measured between two runs of the bare view (the cheapest
Django view, same middleware, same server), and its share of the bare view's requests per
second is reported against the targets:

- anonymous public pages served from the page cache: at least 25%;
- logged-in pages (the portfolio, "my page", a committee): at least 8%;
- every page rendered cold (the page cache turned off): at least 5%.

Also printed: latency percentiles, errors, SQL queries per request (counted in-process with
Django's test client, cold and cached) and the peak memory (RSS) of a gunicorn worker. The
figures of each run are kept in ``var/bench/<time>.json``, and each run is compared with the
previous one found there. Only loopback addresses are contacted; every loop is bounded.

``BENCH_SECONDS`` (2 per measurement), ``BENCH_CONNECTIONS`` (4), ``BENCH_SCALE``,
``BENCH_WORKERS``, ``BENCH_DATABASES`` (``sqlite,postgres``) and ``BENCH_MAX_REQUESTS``
(the Python client's cap, 3000) change the defaults.
"""

import contextlib
import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SCALE = os.environ.get("BENCH_SCALE", "1")
SECONDS = float(os.environ.get("BENCH_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "3000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench"
)
RESULTS = ROOT / "var" / "bench"
WRK = shutil.which("wrk")
TARGETS = {"cached": 0.25, "logged in": 0.08, "cold": 0.05}
BARE = "bare view"


def say(text: str = ""):
    print(text, flush=True)


@dataclass
class Measurement:
    rate: float  # requests per second
    p50: float  # milliseconds
    p99: float
    requests: int
    errors: int
    # The server's CPU time per request (gunicorn workers and their PostgreSQL backends),
    # in milliseconds: unlike requests per second, it holds when other work shares the cores.
    cpu_ms: float = 0.0
    p95: float = 0.0  # milliseconds (issue 14 asks for the search's p95)


@dataclass
class Row:
    page: str
    who: str
    mode: str  # cached, cold, or logged in
    path: str
    measurement: Measurement
    bare_before: float
    bare_after: float
    queries: int
    target: float | None = None
    bare_cpu_ms: float = 0.0
    ratio: float = field(init=False)
    cpu_ratio: float = field(init=False)

    def __post_init__(self):
        bare = (self.bare_before + self.bare_after) / 2
        self.ratio = self.measurement.rate / bare if bare else float("nan")
        cpu = self.measurement.cpu_ms
        self.cpu_ratio = self.bare_cpu_ms / cpu if cpu and self.bare_cpu_ms else float("nan")


# --- Load generators ------------------------------------------------------------------------


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


# wrk's own summary lists the 50th, 75th, 90th and 99th percentiles; this prints the 95th.
P95_SCRIPT = Path(__file__).with_name("p95.lua")


def wrk(port: int, path: str, cookie: str | None) -> Measurement:
    command = [
        WRK,
        "-t1",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS:g}s",
        "--latency",
        "-s",
        str(P95_SCRIPT),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - wrk against our own loopback server
        [*command, f"http://{HOST}:{port}{path}"],
        check=True,
        capture_output=True,
        text=True,
        timeout=SECONDS + 30,
    ).stdout
    percentiles = {
        int(p): _ms(v, u)
        for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)", output, re.M)
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in found.groups())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95 = re.search(r"^p95_us (\d+)", output, re.M)
    return Measurement(
        rate,
        percentiles.get(50, 0.0),
        percentiles.get(99, 0.0),
        requests,
        errors,
        p95=int(p95.group(1)) / 1000 if p95 else 0.0,
    )


def _get(port: int, path: str, headers: dict) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def python_client(port: int, path: str, cookie: str | None) -> Measurement:
    """CONNECTIONS threads request ``path`` until SECONDS have passed or MAX_REQUESTS are sent."""
    headers = {"Host": f"{HOST}:{port}"}
    if cookie:
        headers["Cookie"] = cookie
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
                latencies.append(elapsed * 1000)
                if not ok:
                    counts["errors"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def percentile(p):
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    rate = len(latencies) / seconds if seconds else 0.0
    return Measurement(
        rate,
        percentile(50),
        percentile(99),
        len(latencies),
        counts["errors"],
        p95=percentile(95),
    )


def measure(server: "Server", path: str, cookie: str | None) -> Measurement:
    port = server.port
    headers = {"Host": f"{HOST}:{port}", **({"Cookie": cookie} if cookie else {})}
    for _ in range(2 * WORKERS + 2):  # warm every worker (and the page cache) first
        _get(port, path, headers)
    before = server.cpu_seconds()
    result = wrk(port, path, cookie) if WRK else python_client(port, path, cookie)
    if result.requests:
        result.cpu_ms = (server.cpu_seconds() - before) / result.requests * 1000
    return result


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


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


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    database_url: str

    def backends(self) -> list[int]:
        """The PostgreSQL processes serving the workers' connections (none for SQLite)."""
        if not self.database_url.startswith("postgres"):
            return []
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend'"
            ).fetchall()
        return [pid for (pid,) in rows]

    def cpu_seconds(self) -> float:
        pids = _children(self.process.pid) + self.backends()
        return sum(_cpu_seconds(pid) for pid in pids)


def peak_worker_rss_kb(server: subprocess.Popen) -> int:
    """The largest peak resident set (VmHWM) among the server's workers, in kB (Linux)."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return 0
    peaks = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if found := re.search(r"^VmHWM:\s+(\d+) kB", status, re.M):
            peaks.append(int(found.group(1)))
    return max(peaks, default=0)


def stop(server: subprocess.Popen):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


# --- One database ---------------------------------------------------------------------------


def environment(database_url: str, var_dir: Path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DATABASE_URL": database_url,
        "SAMSKAB_VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": HOST,
        **extra,
    }


def bench_database(label: str, database_url: str, var_dir: Path) -> dict:
    env = environment(database_url, var_dir)
    say(f"\n== {label}: migrate, generate --scale {SCALE}")
    started = time.monotonic()
    samskab = str(BIN / "samskab")
    run([samskab, "migrate", "--no-input", "-v0"], env)
    generated = subprocess.run(  # noqa: S603 - our own command
        [samskab, "generate", "--scale", SCALE],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    )
    summary = (generated.stdout + generated.stderr).strip().splitlines()[-1:]
    say(f"   {summary[0] if summary else 'generated'}")
    say(f"   ready in {time.monotonic() - started:.0f} s")
    probe = json.loads(run([sys.executable, "-m", "bench.probe"], env, capture=True))
    rows: list[Row] = []
    peaks = {}
    # The page cache on: anonymous pages come from it; logged-in pages render what is personal.
    # Then off: every page rendered cold.
    for phase, extra in (("cached", {}), ("cold", {"PAGE_CACHE_SECONDS": "0"})):
        port = free_port()
        process = serve(environment(database_url, var_dir, **extra), port)
        server = Server(process, port, database_url)
        try:
            bare = measure(server, "/bench/bare/", None)
            for name, path, who in probe["pages"]:
                if name == BARE:
                    continue
                cookie = probe["cookie"] if who != "anonymous" else None
                result = measure(server, path, cookie)
                after = measure(server, "/bench/bare/", None)
                mode = phase if phase == "cold" or who == "anonymous" else "logged in"
                counts = probe["queries"][f"{who}|{name}"]
                queries = counts["cold" if mode == "cold" else "cached"]
                bare_cpu = (bare.cpu_ms + after.cpu_ms) / 2
                row = Row(
                    name,
                    who,
                    mode,
                    path,
                    result,
                    bare.rate,
                    after.rate,
                    queries,
                    TARGETS[mode],
                    bare_cpu,
                )
                rows.append(row)
                say(f"   {phase:<6} {who:<15} {name:<24} {result.rate:8.1f} req/s")
                bare = after
            peaks[phase] = peak_worker_rss_kb(process)
        finally:
            stop(process)
    report(label, rows, probe["user"], peaks)
    return {"rows": [asdict(r) for r in rows], "peak_worker_rss_kb": peaks, "user": probe["user"]}


def report(label: str, rows: list[Row], user: str, peaks: dict):
    load = f"wrk, {CONNECTIONS} connections" if WRK else f"Python client, {CONNECTIONS} threads"
    say(
        f"\n{label}: gunicorn {WORKERS} sync workers; {load}; {SECONDS:g} s per measurement; "
        f"logged in as {user}"
    )
    header = (
        f"{'page':<24} {'who':<15} {'mode':<9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} "
        f"{'errors':>6} {'queries':>7} {'cpu ms':>7} {'÷ bare':>7} {'target':>7}       "
        f"{'by cpu':>7}"
    )
    say(header)
    say("-" * len(header))
    for row in rows:
        m = row.measurement
        verdict = "ok" if row.target is None or row.ratio >= row.target else "BELOW"
        say(
            f"{row.page:<24} {row.who:<15} {row.mode:<9} {m.rate:8.1f} {m.p50:7.1f} {m.p95:7.1f} "
            f"{m.p99:7.1f} "
            f"{m.errors:6d} {row.queries:7d} {m.cpu_ms:7.2f} {row.ratio:7.1%} {row.target:6.0%} "
            f"{verdict:<5} {row.cpu_ratio:7.1%}"
        )
    bare_rates = [r.bare_before for r in rows] + [rows[-1].bare_after] if rows else []
    if bare_rates:
        cpu = statistics.median(r.bare_cpu_ms for r in rows)
        say(
            f"bare view: {statistics.median(bare_rates):.0f} req/s median "
            f"({min(bare_rates):.0f}–{max(bare_rates):.0f} over the run), {cpu:.2f} ms CPU"
        )
    say(
        "÷ bare: requests per second against the bare view measured just before and after; "
        "by cpu: the bare view's server CPU time per request against the page's (workers and "
        "database), which holds when other work shares the machine"
    )
    say(
        "peak RSS of a gunicorn worker: "
        + ", ".join(f"{phase} {kb / 1024:.0f} MB" for phase, kb in peaks.items())
    )


def compare_with_previous(results: dict, previous: Path | None):
    if previous is None:
        return
    try:
        before = json.loads(previous.read_text())
    except (OSError, ValueError):
        return
    say(f"\nCompared with {previous.name} (share of the bare view, then → now):")
    for label, data in results["databases"].items():
        old = {
            (r["page"], r["who"], r["mode"]): r["ratio"]
            for r in before.get("databases", {}).get(label, {}).get("rows", [])
        }
        for row in data["rows"]:
            key = (row["page"], row["who"], row["mode"])
            if key in old:
                say(
                    f"  {label:<10} {row['page']:<24} {row['who']:<15} {row['mode']:<9} "
                    f"{old[key]:6.1%} → {row['ratio']:6.1%}"
                )


def postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def postgres_admin(sql: str):
    import psycopg

    admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


@contextlib.contextmanager
def fresh_postgres(suffix: str = ""):
    """A new, empty PostgreSQL database for one bench (its URL), dropped afterwards even when
    the bench fails; a database a stopped run left behind is dropped first."""
    url = POSTGRES_URL + suffix
    name = url.rsplit("/", 1)[1]
    postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    postgres_admin(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def git_commit() -> str:
    try:
        return run(["git", "rev-parse", "--short", "HEAD"], dict(os.environ), capture=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main():
    started = time.monotonic()
    say(f"Samskab bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if WRK:
        say(f"load: {WRK}")
    else:
        say(
            "load: wrk is not installed (apt-get install wrk), so the Python client drives the "
            "load; it shares the cores with the server and understates every page"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    previous = max(RESULTS.glob("*.json"), default=None)
    results = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "cores": os.cpu_count(),
        "load": "wrk" if WRK else "python",
        "settings": {
            "scale": SCALE,
            "seconds": SECONDS,
            "connections": CONNECTIONS,
            "workers": WORKERS,
        },
        "targets": TARGETS,
        "databases": {},
    }
    with tempfile.TemporaryDirectory(prefix="samskab-bench-") as tmp:
        tmp_path = Path(tmp)
        if "sqlite" in DATABASES:
            (tmp_path / "sqlite").mkdir()
            url = f"sqlite:///{tmp_path / 'sqlite' / 'bench.sqlite3'}"
            results["databases"]["SQLite"] = bench_database("SQLite", url, tmp_path / "sqlite")
        if "postgres" in DATABASES and (
            os.environ.get("BENCH_POSTGRES") == "1" or postgres_answers()
        ):
            with fresh_postgres() as url:
                (tmp_path / "postgres").mkdir()
                results["databases"]["PostgreSQL"] = bench_database(
                    "PostgreSQL", url, tmp_path / "postgres"
                )
        elif "postgres" in DATABASES:
            say(
                "\n(PostgreSQL skipped: nothing answers on 127.0.0.1:5432;"
                " BENCH_POSTGRES=1 forces it)"
            )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{stamp}.json"
    path.write_text(json.dumps(results, indent=1))
    compare_with_previous(results, previous)
    elapsed = time.monotonic() - started
    say(f"\nfigures saved in {path.relative_to(ROOT)}; bench done in {elapsed:.0f} s")


if __name__ == "__main__":
    if not shutil.which("gunicorn", path=str(BIN)):
        sys.exit(f"gunicorn is not installed in {BIN}: run make install")
    main()
