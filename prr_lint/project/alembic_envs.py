"""Alembic environments (`env.py`): scripts Alembic runs per migration command, not the service
unless serving code runs a migration in-process; part of the `scope = "serving"` filter (scope.py)."""

from __future__ import annotations

from typing import Callable, Set

from prr_lint.project.analysis import ServingAnalysis

_ALEMBIC_ENV_CALLS = frozenset({"alembic.context.configure", "alembic.context.run_migrations"})


def alembic_environment(module) -> bool:
    """Alembic runs an `env.py` for each migration command, not once (`alembic_environments`)."""
    return any(call in _ALEMBIC_ENV_CALLS for function in module.functions.values() for call in function.calls)


def alembic_environments(analysis: ServingAnalysis, serving: Callable[[], Set[str]]) -> Set[str]:
    """Alembic `env.py` scripts (modules that call `alembic.context.configure`/`run_migrations`),
    wherever they live: Alembic runs them for `alembic upgrade` or an `alembic.command.*` call.
    They are the service only when serving code (`serving()`, what it reaches) reaches such a call
    (an API that creates a tenant schema and stamps it runs the script in-process); otherwise they
    run in a migration."""
    index = analysis.index
    environments = {name for name, module in index.modules.items() if alembic_environment(module)}
    if not environments:
        return set()
    runners = [name for name, function in index.functions.items() if any(call.startswith("alembic.command.") for call in function.calls)]
    if analysis.model.seeds and any(name in serving() for name in runners):
        return set()
    return environments
