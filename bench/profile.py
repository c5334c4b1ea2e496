"""Where a page's time goes: ``python -m bench.profile [path ...]`` against the database in
``DATABASE_URL`` (after ``samskab generate``), with ``DJANGO_SETTINGS_MODULE=bench.settings``.

Renders each page in-process with Django's test client, uncached (the page cache is turned
off), as an anonymous visitor and as a council member, and prints the time per request, the
share spent in SQL, the number of queries and the slowest queries; with ``--profile`` also
cProfile.s top functions by their own time."""

import cProfile
import io
import pstats
import sys
import time

import django


def main(argv):
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from bench.probe import pick

    setup_test_environment()
    settings.SAMSKAB_PAGE_CACHE_SECONDS = 0
    show_profile = "--profile" in argv
    paths = [a for a in argv if not a.startswith("--")]
    picked = pick()
    pages = [(name, path, who) for name, path, who in picked["pages"] if name != "bare view"]
    if paths:
        pages = [(p, p, who) for p in paths for who in ("anonymous", "council member")]
    clients = {"anonymous": Client(), "council member": Client()}
    clients["council member"].force_login(picked["user"])
    rounds = 5
    for name, path, who in pages:
        client = clients[who]
        status = client.get(path).status_code
        if status != 200:
            print(f"{name:<28} {who:<15} answers {status}: left out")
            continue
        profiler = cProfile.Profile() if show_profile else None
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            for _ in range(rounds):
                if profiler:
                    profiler.enable()
                client.get(path)
                if profiler:
                    profiler.disable()
        total = (time.perf_counter() - started) / rounds * 1000
        sql = sum(float(q["time"]) for q in captured.captured_queries) / rounds * 1000
        count = len(captured.captured_queries) // rounds
        print(f"{name:<28} {who:<15} {total:7.1f} ms  SQL {sql:6.1f} ms ({count} queries)")
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
            print(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1:])
