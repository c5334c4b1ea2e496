"""``samskab generate``: a large, deterministic data set for load tests and benchmarks.

The same ``--seed`` (and ``--today``) gives the same data. Rows are written with ``bulk_create``,
so no signals run (no audit entries) and 20,000 people take seconds. The steps come from the
apps (``core.registry.generate_steps``), in the order of the process.
"""

import datetime as dt
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from samskab.core.generate import Plan, Progress
from samskab.core.registry import generate_steps


class Command(BaseCommand):
    help = "Generate a large, deterministic data set (a municipality over 20 years) for load tests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1 = 400 task committees and 20,000 people; 0.05 for a small run.",
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="The day the data is generated for (YYYY-MM-DD; default: today).",
        )

    def handle(self, *args, scale, seed, today, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        plan = Plan(
            scale=scale,
            seed=seed,
            today=today or timezone.localdate(),
            # The wrapper's own write() ends every call with a newline; the bar redraws its line.
            progress=Progress(getattr(self.stderr, "_out", sys.stderr)),
        )
        steps = [step.load() for step in generate_steps]
        started = time.monotonic()
        with transaction.atomic():
            for step in steps:
                step(plan)
        # After a bulk load the planner's statistics describe empty tables until autovacuum
        # comes by; until then PostgreSQL picks plans that take seconds (a search: 45 s). A
        # vacuum also marks the pages all-visible, as it has long done in a database that has
        # grown for twenty years, so a count can read an index alone (the document list's
        # count of 60,000 rows: 43 ms from the table, 10 ms from its index). VACUUM cannot run
        # inside a transaction (a test's): there only ANALYZE.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        summary = ", ".join(f"{n} {label}" for label, n in plan.counts.items())
        self.stdout.write(f"Generated in {time.monotonic() - started:.1f}s: {summary}.")
