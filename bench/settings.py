"""The product's settings plus the bench's own URL conf (with a bare view as the baseline)."""

from samskab.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405 - the in-process query counts

# The server's CPU per request is read from its processes, the PostgreSQL backends among them
# (bench/run.py). A connection closed after CONN_MAX_AGE took its backend's CPU time along, and
# the page measured then showed less, even negative, CPU: the bench's connections never expire.
DATABASES = {**DATABASES, "default": {**DATABASES["default"], "CONN_MAX_AGE": None}}  # noqa: F405
