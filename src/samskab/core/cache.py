"""Public pages served from the shared cache, and invalidated by every write to the content.

The design (docs/architecture.md, "Caching", explains it at more length):

- **One content generation.** A token in the cache names the current state of the content.
  Every write to a table of the project's models (whatever path it takes: ``save()``,
  ``QuerySet.update()``, ``bulk_create()``, a many-to-many change, a raw SQL statement through
  Django) replaces the token once its transaction has committed. A cached page remembers the
  generation it was rendered in and is served only while that generation is current, so a
  change shows at once, on every app server.
- **Cached only what everybody sees.** :func:`public_page` caches a view's response for
  anonymous visitors, keyed by path, language and day (pages say "running" and "overdue",
  which change at midnight without a write). Never for a logged-in user, a visitor with a
  pending message, an htmx request, a response that sets a cookie or says ``private``, or
  one whose view used the session or a real CSRF token.
- **CSRF tokens are never shared.** Every page carries the language switch, a POST form with
  a CSRF token. While a page is rendered for the cache, templates get a placeholder instead
  of the token; each visitor's response gets their own token in its place, as if the page
  had been rendered for them.
- **Logged-in pages** keep the parts all their readers share in ``{% shared %}`` fragments
  (:func:`shared_fragment`, the same rules), and render the personal parts each time.

The cache is the ``default`` one of ``CACHES``: the database cache unless ``CACHE_URL`` names
another (Redis in production), so all app servers share it and nothing lives in process
memory.
"""

import functools
import hashlib
import logging
import re
import secrets
import zlib

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

GENERATION_KEY = "samskab:content-generation"
# The number changes with the format of a stored entry, so servers of two releases that
# share a cache during a deployment never read each other's entries.
PAGE_KEY_PREFIX = "samskab:page:2"

# --- The content generation ---------------------------------------------------------------


def _new_generation() -> str:
    return secrets.token_hex(8)


def generation() -> str:
    """The current content generation (created on first use, or after the cache lost it).

    A fresh random token rather than a counter: a lost key can never bring back a number
    that old entries were stored under."""
    flush_pending()
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = _new_generation()
        if not cache.add(GENERATION_KEY, current, timeout=None):
            current = cache.get(GENERATION_KEY, current)
    return current


def bump() -> bool:
    """Start a new content generation: every page cached before is out of date.

    Says whether the cache took it: the database cache swallows its own errors (SQLite
    refuses a savepoint while another statement still has rows to return)."""
    new = _new_generation()
    cache.set(GENERATION_KEY, new, timeout=None)
    return cache.get(GENERATION_KEY) == new


def _bump_after_commit() -> None:
    bump()


# --- Noticing writes ----------------------------------------------------------------------

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|(TRUNCATE))\s+["`]?(\w+)""",
    re.IGNORECASE,
)


_watched: frozenset[str] = frozenset()
# Models that no public page shows, whose writes must not empty the page cache (labels,
# registered by their apps in AppConfig.ready()).
_unseen: set[str] = set()


def not_on_public_pages(*labels: str) -> None:
    """Declare models (``"app.model"``) that no anonymous page shows: writing them leaves the
    cached pages alone. For personal rows written in bulk, such as a digest run's."""
    global _watched
    _unseen.update(label.lower() for label in labels)
    _watched = frozenset()


def _tables() -> frozenset[str]:
    """The tables of the project's own models (and their many-to-many tables).

    Accounts are left out: no public page shows one, and every login writes ``last_login``;
    so are the models declared with ``not_on_public_pages``."""
    global _watched
    if _watched:
        return _watched
    project = __name__.split(".")[0]
    account_model = settings.AUTH_USER_MODEL.lower()
    tables = frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.split(".")[0] == project
        and model._meta.label_lower != account_model
        and model._meta.label_lower not in _unseen
    )
    if apps.ready:  # the same in every process once all apps are loaded
        _watched = tables
    return tables


def writes_content(sql) -> bool:
    """Whether an SQL statement changes a table of the project's content."""
    if not isinstance(sql, str):
        return False
    match = _WRITE.match(sql)
    if match is None:
        return False
    return bool(match.group(1)) or match.group(2) in _tables()


def _test_transaction(connection):
    # A test case wraps each test in a transaction that never commits. Code under test
    # behaves as in autocommit mode there, so its writes must show at once, as they
    # would after a commit. (Django marks those blocks the same way for durable atomics.)
    return next(
        (block for block in connection.atomic_blocks if getattr(block, "_from_testcase", False)),
        None,
    )


# A connection's write that has not started a new generation yet: "soon" to try again at its
# next statement, "later" (the cache failed) at the next request or read of the generation.
_PENDING = "_samskab_content_changed"
# The test's transaction in which this connection started the current generation, while
# nobody has read it since. Inside a test's transaction (where one connection sees every
# reader of its cache) writes start no further generation meanwhile: building a test's data
# is one generation, not one per INSERT (each costs the database cache three or four queries).
_UNSEEN_IN = "_samskab_generation_unseen_in"


def _flush(connection) -> None:
    setattr(connection, _PENDING, None)
    try:
        if bump():
            setattr(connection, _UNSEEN_IN, _test_transaction(connection))
        else:
            setattr(connection, _PENDING, "soon")  # SQLite was busy; the cache answered
    except Exception:  # the write stands; an unreachable cache must not undo it
        logger.exception("could not start a new content generation")
        setattr(connection, _PENDING, "later")


def flush_pending() -> None:
    """Start the new generation for writes made outside a transaction, if not done yet.
    Runs before every read of the generation (and at every request boundary)."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, _PENDING, None):
            _flush(connection)
        setattr(connection, _UNSEEN_IN, None)


def _watch_writes(execute, sql, params, many, context):
    connection = context["connection"]
    if getattr(connection, _PENDING, None) == "soon":
        _flush(connection)
    result = execute(sql, params, many, context)
    if writes_content(sql):
        test = _test_transaction(connection)
        if test is not None and getattr(connection, _UNSEEN_IN, None) is test:
            # Nobody has read the generation this test's writes started: no page was cached
            # under it yet, so the writes since need no generation of their own.
            pass
        elif connection.in_atomic_block and test is None:
            # Bumping before the commit would let another worker cache the old rows under
            # the new generation; after it, every page rendered in the new generation sees
            # the new rows. One bump for the whole transaction.
            if not any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
                transaction.on_commit(_bump_after_commit, using=connection.alias, robust=True)
        elif context["cursor"].description is None:
            _flush(connection)
        else:
            # A statement with rows still to return (INSERT … RETURNING) keeps SQLite busy:
            # the bump waits for the next statement, request or read of the generation.
            setattr(connection, _PENDING, "soon")
    return result


def _flush_at_request_boundary(**kwargs):
    flush_pending()


def _install_on(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def install() -> None:
    """Watch every database connection for writes (called once, from the app's ready())."""
    connection_created.connect(_install_on, dispatch_uid="samskab-content-writes")
    request_started.connect(_flush_at_request_boundary, dispatch_uid="samskab-content-started")
    request_finished.connect(_flush_at_request_boundary, dispatch_uid="samskab-content-finished")
    for connection in connections.all(initialized_only=True):
        _install_on(None, connection)


# --- CSRF tokens in cached pages ----------------------------------------------------------


@functools.cache
def _placeholder() -> str:
    # The same in every process (derived from SECRET_KEY), never sent to anybody, and no
    # visitor can type it into content that a page shows.
    return salted_hmac("samskab.core.cache", "csrf placeholder").hexdigest()


def csrf_placeholder(request):
    """Context processor: while a page is rendered for the cache, ``{% csrf_token %}`` gets
    a placeholder that each response replaces with its visitor's own token."""
    if getattr(request, "_samskab_rendering_for_cache", False):
        return {"csrf_token": _placeholder()}
    return {}


def _fill_csrf(request, content: bytes) -> bytes:
    placeholder = _placeholder().encode()
    if placeholder not in content:
        return content
    return content.replace(placeholder, get_token(request).encode())


# --- Public pages -------------------------------------------------------------------------


def _page_seconds() -> int:
    return settings.SAMSKAB_PAGE_CACHE_SECONDS


def page_key(request, today=None) -> str:
    """The cache key of a public page: its full path, the language and the day."""
    today = today or timezone.localdate()
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{translation.get_language()}:{today.isoformat()}:{path}"


def _cacheable_request(request) -> bool:
    return (
        _page_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.headers.get("HX-Request")
        and not len(messages.get_messages(request))
    )


def _storable(request, response, csrf_used_before) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # The view used a real token (not through a template): the page is this visitor's.
        and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) == csrf_used_before
        and not len(messages.get_messages(request))
        and not (session is not None and session.modified)
    )


def _response(request, entry) -> HttpResponse:
    content = zlib.decompress(entry["content"])
    if entry["csrf"]:
        content = _fill_csrf(request, content)
    return HttpResponse(content, status=entry["status"], headers=entry["headers"])


def public_page(view):
    """Serve the view's page to anonymous visitors from the shared cache while the content
    has not changed. Logged-in users, and anything personal, always get a fresh page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        try:
            flush_pending()
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY) or generation()
        except Exception:  # an unreachable cache: serve the page uncached
            logger.exception("page cache unavailable")
            return view(request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry["generation"] == current:
            return _response(request, entry)

        csrf_used_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request._samskab_rendering_for_cache = True
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            request._samskab_rendering_for_cache = False
        if response.streaming:
            return response
        content = response.content
        storable = _storable(request, response, csrf_used_before)
        response.content = _fill_csrf(request, content)
        if not storable:
            return response
        entry = {
            "generation": current,
            "status": response.status_code,
            "headers": dict(response.headers),
            # Pages shrink about tenfold: less to move from the cache on every visit.
            "content": zlib.compress(content, 6),
            "csrf": _placeholder().encode() in content,
        }
        try:
            cache.set(key, entry, timeout=_page_seconds())
        except Exception:
            logger.exception("page cache unavailable")
        return response

    return wrapper


# --- Shared parts of logged-in pages ------------------------------------------------------

FRAGMENT_KEY_PREFIX = "samskab:fragment:1"


def shared_fragment(request, name: str, parts, render) -> str:
    """The HTML of a page's part that every reader of the page sees alike (``{% shared %}``).

    Stored like a public page: keyed by name, path, language and day (plus ``parts``), and
    served only while the content generation it was rendered in is current. ``render()``
    makes it when it is missing; a part whose rendering used a CSRF token or the session is
    not stored, since it is the reader's own."""
    seconds = _page_seconds()
    if seconds <= 0:
        return render()
    today = timezone.localdate().isoformat()
    words = [name, translation.get_language(), today, request.get_full_path(), *map(str, parts)]
    key = f"{FRAGMENT_KEY_PREFIX}:{hashlib.sha256(repr(words).encode()).hexdigest()}"
    try:
        flush_pending()
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
    except Exception:  # an unreachable cache: render the part for this reader
        logger.exception("fragment cache unavailable")
        return render()
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    csrf_used_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    session = getattr(request, "session", None)
    modified_before = session is not None and session.modified
    html = render()
    personal = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) != csrf_used_before or (
        session is not None and session.modified != modified_before
    )
    if not personal:
        try:
            cache.set(key, (current, html), timeout=seconds)
        except Exception:
            logger.exception("fragment cache unavailable")
    return html
