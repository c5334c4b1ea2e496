"""Abuse of the public forms: a rate limit per address, in the cache all servers share."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def _ident(request):
    # The client address as the server sees it, hashed so no address lands in the cache.
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(request, scope):
    """Count one more submission from this address; False once it is over the hourly limit."""
    limit = settings.RECRUITMENT_SUBMISSIONS_PER_HOUR
    key = f"samskab:recruitment:{scope}:{_ident(request)}"
    # add() is atomic: only the first submission in a window sets the counter (and its expiry).
    if cache.add(key, 1, WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW)
        return True
    return count <= limit


HONEYPOT = "website"


def is_bot(data):
    """Robots fill in every field, also the one people never see."""
    return bool((data.get(HONEYPOT) or "").strip())
