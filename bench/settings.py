"""The product's settings plus the bench's own URL conf (with a bare view as the baseline)."""

from samskab.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405 - the in-process query counts
