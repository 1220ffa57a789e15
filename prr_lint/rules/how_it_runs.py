"""Code that is not the service because of how it runs, wherever it lives: Alembic revision files,
development-server scripts, Django receivers of `pre_migrate`/`post_migrate`, interactive prompts and
output from inside a logging handler. Each test reads what the code does, never its file's name.
"""

from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.tree import dotted_name
from prr_lint.tree import descendants

MIGRATE_SIGNALS = frozenset(
    {
        "django.db.models.signals.pre_migrate",
        "django.db.models.signals.post_migrate",
        "django.db.models.pre_migrate",
        "django.db.models.post_migrate",
    }
)
PROMPTS = frozenset({"builtins.input", "getpass.getpass"})
HANDLER_BASES = frozenset(
    {
        "logging.Handler",
        "logging.StreamHandler",
        "logging.FileHandler",
        "logging.handlers.BufferingHandler",
        "logging.handlers.MemoryHandler",
        "logging.handlers.QueueHandler",
        "logging.handlers.HTTPHandler",
        "logging.handlers.SocketHandler",
    }
)


def _cached(ctx: FileContext, key: str, compute) -> bool:
    store = ctx.__dict__.setdefault("_how_it_runs", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def _module_statements(module: cst.Module) -> Iterable[cst.BaseSmallStatement]:
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            yield from statement.body


def is_alembic_revision(module: cst.Module) -> bool:
    """An Alembic revision file: module-level `revision` and `down_revision` and a `def upgrade()`.
    Alembic runs it in `alembic upgrade`, not in the service, whatever folder holds it."""
    assigned = set()
    for small in _module_statements(module):
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
            [small.target] if isinstance(small, cst.AnnAssign) else []
        )
        assigned.update(t.value for t in targets if isinstance(t, cst.Name))
    defines = {s.name.value for s in module.body if isinstance(s, cst.FunctionDef)}
    return {"revision", "down_revision"} <= assigned and "upgrade" in defines


def is_dev_server_script(module: cst.Module, resolver: Resolver) -> bool:
    """A local development server: the module's own top level calls `<app>.run(..., debug=True)` and
    reads its options with argparse. A production server is started by gunicorn/uvicorn, never so."""
    uses_argparse = False
    debug_run = False
    for node in descendants(module, stop_at=()):
        if not isinstance(node, cst.Call):
            continue
        name = resolver.qualified_name(node.func) or ""
        if name.startswith("argparse."):
            uses_argparse = True
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "run" and _debug_true(node):
            debug_run = True
    return uses_argparse and debug_run and _run_at_top_level(module)


def _debug_true(call: cst.Call) -> bool:
    return any(
        arg.keyword is not None and arg.keyword.value == "debug" and isinstance(arg.value, cst.Name) and arg.value.value == "True"
        for arg in call.args
    )


def _run_at_top_level(module: cst.Module) -> bool:
    for statement in module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        if any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "run" and _debug_true(n)
               for n in descendants(statement)):
            return True
    return False


def in_migrate_receiver(ctx: FileContext) -> bool:
    """Inside a Django receiver of `pre_migrate`/`post_migrate` (`@receiver(post_migrate)`, or a
    function of this module passed to `post_migrate.connect`): it runs in `manage.py migrate`."""
    functions = list(ctx.functions())
    if not functions:
        return False
    connected = _cached_names(ctx)
    for function in functions:
        if function.name.value in connected:
            return True
        for decorator in function.decorators:
            call = decorator.decorator
            if isinstance(call, cst.Call) and any(
                ctx.resolver.qualified_name(arg.value) in MIGRATE_SIGNALS for arg in call.args
            ):
                return True
    return False


def _cached_names(ctx: FileContext) -> frozenset:
    store = ctx.__dict__.setdefault("_how_it_runs", {})
    if "migrate_receivers" not in store:
        names = set()
        if "migrate" in ctx.source:
            for node in descendants(ctx.module, stop_at=()):
                if (
                    isinstance(node, cst.Call)
                    and isinstance(node.func, cst.Attribute)
                    and node.func.attr.value == "connect"
                    and ctx.resolver.qualified_name(node.func.value) in MIGRATE_SIGNALS
                    and node.args
                ):
                    target = dotted_name(node.args[0].value) or ""
                    names.add(target.rsplit(".", 1)[-1])
        store["migrate_receivers"] = frozenset(names)
    return store["migrate_receivers"]


def runs_elsewhere(ctx: FileContext) -> bool:
    """The current node runs outside the service: an Alembic revision, a dev-server script, a
    migrate-signal receiver."""
    if _cached(ctx, "alembic", lambda: "down_revision" in ctx.source and is_alembic_revision(ctx.module)):
        return True
    if _cached(ctx, "dev-server", lambda: "debug" in ctx.source and is_dev_server_script(ctx.module, ctx.resolver)):
        return True
    return in_migrate_receiver(ctx)


def interactive_prompt(ctx: FileContext) -> bool:
    """Output for a person at a terminal: under an `isatty()` test, or in a function (or module top
    level) that reads the answer with `input()`/`getpass()`."""
    for node in ctx.ancestors:
        if isinstance(node, (cst.If, cst.While)) and any(
            isinstance(n, cst.Attribute) and n.attr.value == "isatty" for n in descendants(node.test)
        ):
            return True
    scope: Optional[cst.CSTNode] = next(ctx.functions(), None) or ctx.module
    return any(
        isinstance(n, cst.Call) and ctx.resolver.qualified_name(n.func) in PROMPTS for n in descendants(scope)
    )


def in_logging_handler(ctx: FileContext) -> bool:
    """Inside a method of a `logging.Handler` subclass (directly or through classes of this module):
    logging from `emit` would recurse, so stdout/stderr is its fallback channel."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.ClassDef):
            return _is_handler_class(node, ctx.resolver, 0)
    return False


def _is_handler_class(node: cst.ClassDef, resolver: Resolver, depth: int) -> bool:
    if depth > 5:
        return False
    for base in node.bases:
        if base.keyword is not None:
            continue
        if resolver.qualified_name(base.value) in HANDLER_BASES:
            return True
        local = resolver.definition(base.value)
        if isinstance(local, cst.ClassDef) and local is not node and _is_handler_class(local, resolver, depth + 1):
            return True
    return False
