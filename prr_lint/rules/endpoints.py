"""PRR304: a serving path that connects to a non-serving instance of a dependency (PRR-DEP)."""

from __future__ import annotations

import fnmatch
from typing import Optional, Tuple
from urllib.parse import urlsplit

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule

# Clients whose endpoint argument names the instance they connect to -> (argument index, keywords).
_CLIENTS = {
    **{name: (0, ("url", "name_or_url")) for name in ("sqlalchemy.create_engine", "sqlalchemy.engine.create_engine",
                                                     "sqlalchemy.ext.asyncio.create_async_engine")},
    **{name: (0, ("dsn", "host", "conninfo")) for name in ("psycopg2.connect", "psycopg.connect", "psycopg.AsyncConnection.connect",
                                                           "asyncpg.connect", "asyncpg.create_pool", "pymysql.connect",
                                                           "MySQLdb.connect", "aiomysql.connect", "aiomysql.create_pool")},
    **{name: (0, ("url", "host")) for name in ("redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url",
                                               "redis.asyncio.Redis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url",
                                               "pymongo.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient")},
    **{name: (0, ("target",)) for name in ("grpc.insecure_channel", "grpc.secure_channel", "grpc.aio.insecure_channel",
                                           "grpc.aio.secure_channel")},
    **{name: (-1, ("base_url",)) for name in ("httpx.Client", "httpx.AsyncClient")},
}
_ENVIRON_READS = frozenset({"os.getenv", "os.environ.get", "os.environ.__getitem__"})
# Used when the project names none (`endpoints.non-serving-patterns`, `endpoints.non-serving-env-vars`).
DEFAULT_PATTERNS = ("*-batch.*", "*-batch", "batch-*", "*.batch.*", "analytics-*", "*-analytics.*", "*-analytics",
                    "*-etl.*", "etl-*", "*-reporting.*", "reporting-*", "*-warehouse.*", "warehouse-*")
DEFAULT_ENV_VARS = ("ANALYTICS_*", "*_ANALYTICS_*", "*_BATCH_*", "BATCH_*", "ETL_*", "*_ETL_*", "WAREHOUSE_*", "REPORTING_*")


class NonServingEndpoint(Rule):
    """A request handler connects to an instance meant for batch or analytics work.

    What it does
        Reports a database, Redis, MongoDB, gRPC channel or `httpx` client created, in code a
        request handler reaches, with an endpoint that names a non-serving instance: a string
        literal (a URL, DSN or host) matching `endpoints.non-serving-patterns`, or an environment
        variable matching `endpoints.non-serving-env-vars` (`os.environ["ANALYTICS_DB_URL"]`,
        `os.getenv(...)`), given directly or through a local name assigned in the same function.
        Off until configured: select it (`extend-select = ["PRR304"]`) and name your batch and
        analytics endpoints; without names, the defaults match hosts such as `*-batch.*`,
        `analytics-*`, `*-etl.*`, `*-reporting.*`, `*-warehouse.*` and variables such as
        `ANALYTICS_*`, `*_BATCH_*`.

    Why is this bad?
        A replica or cluster kept for batch jobs and analytics is sized, tuned and maintained for
        them: long queries, maintenance windows, lower availability targets. A serving path that
        reads from it inherits its latency and its outages, and its load competes with the jobs.

    Example
        def report(day):
            engine = create_engine(os.environ["ANALYTICS_DB_URL"])

    Use instead
        def report(day):
            engine = create_engine(os.environ["DATABASE_URL"])   # the serving replica

    Options
        `endpoints.non-serving-patterns` (host/URL globs), `endpoints.non-serving-env-vars`,
        `reachability.max-depth`.

    References
        PRR-DEP: "Does the service connect to the appropriate serving instance of its
        dependencies?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR304"
    name = "non-serving-endpoint"
    severity = Severity.WARNING
    checklist = ("PRR-DEP",)
    summary = "A request handler connects to a batch or analytics instance of a dependency"
    service_only = True
    default_enabled = False
    VALID = (
        Example(
            "import os\nfrom flask import Blueprint\nfrom sqlalchemy import create_engine\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/orders')\ndef orders():\n    return create_engine(os.environ['DATABASE_URL']).connect()\n"
        ),
        Example(
            "import os\nfrom sqlalchemy import create_engine\n\n"
            "def nightly():\n    return create_engine(os.environ['ANALYTICS_DB_URL']).connect()\n"
        ),
    )
    INVALID = (
        Example(
            "import os\nimport redis\nfrom flask import Blueprint\nfrom sqlalchemy import create_engine\n"
            "bp = Blueprint('b', __name__)\n\n"
            "@bp.get('/report')\ndef report():\n    url = os.environ['ANALYTICS_DB_URL']\n"
            "    engine = create_engine(url)  # expect: PRR304\n"
            "    cache = redis.Redis(host='cache-batch.internal', socket_timeout=1)  # expect: PRR304\n    return engine, cache\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None:
            return
        name = self.ctx.resolver.qualified_name(node.func)
        client = _CLIENTS.get(name or "")
        if client is None:
            return
        index, keywords = client
        endpoint = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value in keywords), None)
        if endpoint is None and index >= 0:
            positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
            endpoint = positional[index] if index < len(positional) else None
        found = self._non_serving(endpoint)
        if found is not None:
            self.report(node, f"`{name}()` connects to {found}, a non-serving instance, on a serving path",
                        "serving-reachable", (function.qualname, name or ""))

    def _options(self) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
        section = self.ctx.section("endpoints")
        patterns = tuple(section.get("non-serving-patterns", ())) or DEFAULT_PATTERNS
        variables = tuple(section.get("non-serving-env-vars", ())) or DEFAULT_ENV_VARS
        return patterns, variables

    def _non_serving(self, expr: Optional[cst.BaseExpression], depth: int = 0) -> Optional[str]:
        """What names a non-serving instance in `expr`, followed through one local assignment."""
        patterns, variables = self._options()
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            text = expr.evaluated_value
            host = (urlsplit(text).hostname or "") if "://" in text else text.rsplit(":", 1)[0]
            if any(fnmatch.fnmatch(candidate.lower(), pattern.lower()) for pattern in patterns for candidate in (text, host) if candidate):
                return f"`{host or text}`"
            return None
        variable = self._environment_variable(expr)
        if variable is not None:
            return f"`${variable}`" if any(fnmatch.fnmatch(variable, pattern) for pattern in variables) else None
        if isinstance(expr, cst.Name) and depth == 0:
            bindings = self.ctx.resolver.lookup(expr.value)
            if bindings and bindings[-1].kind == "value" and bindings[-1].scope is self.ctx.resolver.enclosing_function:
                return self._non_serving(bindings[-1].value, depth + 1)
        return None

    def _environment_variable(self, expr: Optional[cst.BaseExpression]) -> Optional[str]:
        """`os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")` -> "X"."""
        resolver = self.ctx.resolver
        if isinstance(expr, cst.Subscript) and resolver.qualified_name(expr.value) == "os.environ":
            element = expr.slice[0].slice if expr.slice else None
            value = element.value if isinstance(element, cst.Index) else None
        elif isinstance(expr, cst.Call) and resolver.qualified_name(expr.func) in _ENVIRON_READS and expr.args:
            value = expr.args[0].value
        else:
            return None
        if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
            return value.evaluated_value
        return None


ENDPOINT_RULES = (NonServingEndpoint,)
