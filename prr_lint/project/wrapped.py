"""Whether a function's decorators only wrap it, registering it nowhere: then only a call of its name runs it.

A decorator only wraps when a library table names it (`LIBRARY_WRAPPERS`: `lru_cache`,
`tenacity.retry`) or when it is a module function of the project that its summary tags so, for the
way the function uses it: bare (`@async_maker`) or called, as a factory (`@retrying(3)`); see
wrapper_defs.py. A name that resolves to nothing the project defines, a method, or a project
function without the tag may register what it decorates.
"""

from __future__ import annotations

from prr_lint.model import FunctionSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.method_naming import PLAIN_METHODS
from prr_lint.project.names import resolve_name
from prr_lint.wrapper_defs import BARE, CALLED, DECORATOR_USES, FACTORY, PLAIN, WRAPS_ONLY

# Library decorators that wrap a function and register it nowhere: a module function they decorate is dead
# when nothing names it (dead_code.py; PRR401: `@contextmanager def show_queries()`, a developer's tool; PRR501: a
# `@cached(TTLCache(...))` SMTP factory or an `@auto_retry` batch call nothing calls). A cache or a
# retry only calls the function when its caller does, and so does Streamlit's cache of a resource or
# of data (steeleagle's `@st.cache_resource def connect_redis_publisher()` no page calls), and so does a Django
# transaction: `@transaction.atomic` runs the function inside one when it is called (openparliament's
# `update_ridings_from_represent`, an operator's helper nothing calls). Django's view decorators wrap a view too,
# which a URLconf serves only by a reference (GLaDOS's `@require_GET def get_target_prediction`, its route commented out).
_DJANGO_VIEW_DECORATORS = frozenset(f"django.views.decorators.{name}" for name in (
    "http.require_http_methods", "http.require_GET", "http.require_POST", "http.require_safe", "http.condition",
    "http.etag", "http.last_modified", "csrf.csrf_exempt", "csrf.csrf_protect", "csrf.requires_csrf_token",
    "csrf.ensure_csrf_cookie", "cache.cache_page", "cache.never_cache", "cache.cache_control", "vary.vary_on_headers",
    "vary.vary_on_cookie", "gzip.gzip_page", "clickjacking.xframe_options_deny", "clickjacking.xframe_options_sameorigin",
    "clickjacking.xframe_options_exempt", "common.no_append_slash")) | frozenset(
    f"django.contrib.auth.decorators.{name}" for name in ("login_required", "permission_required", "user_passes_test"))
LIBRARY_WRAPPERS = _DJANGO_VIEW_DECORATORS | frozenset({
    "contextlib.contextmanager", "contextlib.asynccontextmanager", "functools.lru_cache", "functools.cache", "functools.wraps",
    "cachetools.cached", "cachetools.func.ttl_cache", "cachetools.func.lru_cache", "tenacity.retry", "backoff.on_exception",
    "backoff.on_predicate", "retry.retry", "retrying.retry", "eth_retry.auto_retry", "streamlit.cache_resource",
    "streamlit.cache_data", "streamlit.cache", "streamlit.experimental_memo", "streamlit.experimental_singleton",
    "django.db.transaction.atomic"})
# Decorators that only wrap or hold a function under its own name: a `def` they decorate that a later one
# rebinds is held by nothing (project/rebound.py).
REBINDABLE_DECORATORS = LIBRARY_WRAPPERS | PLAIN_METHODS
# How a `def` uses a decorator -> how the decorator must wrap: a name is the decorator, a call makes it.
_USES = {BARE: PLAIN, CALLED: FACTORY}


def only_wrapped(index: ProjectIndex, function: FunctionSummary) -> bool:
    """Every decorator of `function` is one of `LIBRARY_WRAPPERS` or a project decorator that only wraps."""
    found = [tag[len(DECORATOR_USES):] for tag in function.tags if tag.startswith(DECORATOR_USES)]
    uses = found[0] if len(found) == 1 else ""
    if len(uses) != len(function.decorators):  # one the summary could not name, or two `def`s: which is which is unknown
        uses = "?" * len(function.decorators)
    return all(name in LIBRARY_WRAPPERS or _wraps(index, name, _USES.get(use, "")) for name, use in zip(function.decorators, uses))


def _wraps(index: ProjectIndex, name: str, use: str) -> bool:
    """`name` resolves to a module function of the project that only wraps when used as `use`."""
    resolved = resolve_name(index, name)
    decorator = index.functions.get(resolved)
    return bool(use) and decorator is not None and resolved.rpartition(".")[0] in index.modules and WRAPS_ONLY + use in decorator.tags
