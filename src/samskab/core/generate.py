"""The frame of ``samskab generate``: a large, deterministic data set built by steps that the
apps register (``core.registry.generate_steps``).

Every step is ``step(plan)``. What a step creates for later steps it keeps in a part of the plan
of its own type: ``plan.of(World)`` gives the one ``World`` instance of this run, so each app
types its own shared data and the frame knows none of it.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterable
from typing import Any, TypeVar

from faker import Faker

BATCH = 2000
T = TypeVar("T")


class Progress:
    """One line on stderr that redraws itself: ``[#####.....]  52% people 10400/20000``."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.interactive = getattr(self.stream, "isatty", lambda: False)()
        self._last = 0.0

    def update(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.2:
            return
        self._last = now
        share = done / total if total else 1.0
        filled = int(share * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {share:4.0%} {label} {done}/{total} ({now - self.started:.1f}s)"
        if self.interactive:
            self.stream.write("\r" + line.ljust(78))
            if done >= total:
                self.stream.write("\n")
        elif done >= total:
            self.stream.write(line + "\n")
        self.stream.flush()


class Plan:
    """What the steps share: the parameters, the random sources, the counts, and one part per
    app (``of``)."""

    def __init__(self, *, scale: float, seed: int, today: dt.date, progress: Progress) -> None:
        self.scale = scale
        self.seed = seed
        self.today = today
        self.progress = progress
        self.rng = random.Random(seed)
        self.faker = Faker("da_DK")
        self.faker.seed_instance(seed)
        self.counts: dict[str, int] = {}
        self._parts: dict[type, Any] = {}

    def scaled(self, n: int, minimum: int = 1) -> int:
        return max(minimum, round(n * self.scale))

    def of(self, kind: type[T]) -> T:
        if kind not in self._parts:
            self._parts[kind] = kind()
        return self._parts[kind]


def bulk(plan: Plan, label: str, model: Any, objects: list, batch: int = BATCH) -> list:
    """bulk_create in batches with progress; returns the objects with their primary keys."""
    total = len(objects)
    plan.progress.update(label, 0, total)
    for start in range(0, total, batch):
        model.objects.bulk_create(objects[start : start + batch], batch_size=batch)
        plan.progress.update(label, min(start + batch, total), total)
    plan.counts[label] = plan.counts.get(label, 0) + total
    return objects


def chunks(items: list, n: int) -> Iterable[list]:
    for start in range(0, len(items), n):
        yield items[start : start + n]
