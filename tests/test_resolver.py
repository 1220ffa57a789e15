"""Receiver typing and report-sink recognition (prr_lint/resolve.py, prr_lint/sinks.py)."""

from __future__ import annotations

import textwrap
from typing import Dict, List, Optional

import libcst as cst
import pytest

from prr_lint import sinks
from prr_lint.resolve import Resolver
from prr_lint.tree import dotted_name
from prr_lint.walker import walk


class _Recorder:
    """Records, for each call `x.m(...)`, the type of `x` and whether the call reports an error."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.types: Dict[str, Optional[str]] = {}
        self.reports: Dict[str, bool] = {}

    def visit_Call(self, node: cst.Call) -> None:
        key = dotted_name(node.func) or ""
        if isinstance(node.func, cst.Attribute):
            self.types[key] = self.resolver.instance_type(node.func.value)
        self.reports[key] = sinks.reports_error(node, self.resolver)


def _record(source: str, module: str = "svc.api", options: Optional[dict] = None) -> _Recorder:
    tree = cst.parse_module(textwrap.dedent(source))
    resolver = Resolver(tree, module)
    if options is not None:
        sinks.configure(resolver, options)
    recorder = _Recorder(resolver)
    ancestors: List[cst.CSTNode] = []
    assert walk(tree, [recorder], resolver, ancestors) == []
    return recorder


@pytest.mark.parametrize(
    "source, call, expected",
    [
        ("import logging\nlog = logging.getLogger(__name__)\ndef f():\n    log.error('x')\n", "log.error", "logging.Logger"),
        ("import structlog\nclass A:\n    def __init__(self):\n        self.log = structlog.get_logger()\n    def f(self):\n        self.log.error('x')\n", "self.log.error", "structlog.BoundLogger"),
        ("from loguru import logger\ndef f():\n    logger.error('x')\n", "logger.error", "loguru.Logger"),
        ("from flask import current_app\ndef f():\n    current_app.logger.error('x')\n", "current_app.logger.error", "logging.Logger"),
        ("from flask import Flask\napp = Flask(__name__)\ndef f():\n    app.logger.error('x')\n", "app.logger.error", "logging.Logger"),
        ("import requests\ndef f(session: requests.Session):\n    session.get('u')\n", "session.get", "requests.Session"),
        ("import httpx\ndef f():\n    with httpx.Client() as c:\n        c.get('u')\n", "c.get", "httpx.Client"),
        ("import requests as rq\ns = rq.session()\ndef f():\n    s.get('u')\n", "s.get", "requests.Session"),
        ("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\ndef f():\n    pool.submit(g)\n", "pool.submit", "concurrent.futures.ThreadPoolExecutor"),
        ("from opentelemetry import trace\ndef f():\n    span = trace.get_current_span()\n    span.record_exception(e)\n", "span.record_exception", "opentelemetry.trace.Span"),
        ("from typing import Optional\nimport logging\ndef f(log: Optional[logging.Logger]):\n    log.error('x')\n", "log.error", "logging.Logger"),
        # an annotated assignment types its name by the value, as the plain assignment does
        ("import structlog\nfrom svc.logs import Logger\nlog: Logger = structlog.get_logger()\ndef f():\n    log.error('x')\n", "log.error", "structlog.BoundLogger"),
        ("import structlog\nfrom svc.logs import Logger\nclass A:\n    log: Logger = structlog.get_logger()\n    def f(self):\n        self.log.error('x')\n", "self.log.error", "structlog.BoundLogger"),
        ("import structlog\nfrom svc.logs import Logger\nclass A:\n    def __init__(self):\n        self.log: Logger = structlog.get_logger()\n    def f(self):\n        self.log.error('x')\n", "self.log.error", "structlog.BoundLogger"),
        ("import structlog\nfrom svc.logs import Logger\ndef f():\n    log: Logger = structlog.get_logger()\n    log.error('x')\n", "log.error", "structlog.BoundLogger"),
        ("import requests\nfrom svc.http import make\ns: requests.Session = make()\ndef f():\n    s.get('u')\n", "s.get", "requests.Session"),
        ("import logging\nclass A:\n    log: logging.Logger\n    def f(self):\n        self.log.error('x')\n", "self.log.error", "logging.Logger"),
        ("import requests\nfrom typing import Optional\ns: Optional[requests.Session] = None\ndef f():\n    s.get('u')\n", "s.get", "requests.Session"),
    ],
)
def test_receiver_types(source: str, call: str, expected: str) -> None:
    assert _record(source).types[call] == expected


def test_a_closure_reads_self_as_its_enclosing_methods_instance() -> None:
    source = ("import structlog\nclass A:\n    def __init__(self):\n        self.log = structlog.get_logger()\n"
              "    def f(self):\n        def step():\n            self.log.error('x')\n        return step\n")
    assert _record(source).types["self.log.error"] == "structlog.BoundLogger"


def test_a_nested_functions_own_self_parameter_is_not_the_methods_instance() -> None:
    source = ("import structlog\nclass A:\n    def __init__(self):\n        self.log = structlog.get_logger()\n"
              "    def f(self):\n        def step(self):\n            self.log.error('x')\n        return step\n")
    assert _record(source).types["self.log.error"] is None


@pytest.mark.parametrize(
    "source, call, reports",
    [
        ("import logging\nlog = logging.getLogger(__name__)\nlog.exception('x')\n", "log.exception", True),
        ("import logging\nlog = logging.getLogger(__name__)\nlog.warning('x')\n", "log.warning", False),
        ("import logging\nlogging.log(logging.ERROR, 'x')\n", "logging.log", True),
        ("from loguru import logger\nlogger.log('ERROR', 'x')\n", "logger.log", True),
        ("from .util import logger\nlogger.error('x')\n", "logger.error", True),  # name heuristic
        ("def f(log):\n    log.critical('x')\n", "log.critical", True),  # name heuristic
        ("import math\nmath.log(3)\n", "math.log", False),
        ("def f(catalog):\n    catalog.error('x')\n", "catalog.error", False),
        ("import sentry_sdk\nsentry_sdk.Hub.current.capture_exception()\n", "sentry_sdk.Hub.current.capture_exception", True),
        ("import rollbar\nrollbar.report_exc_info()\n", "rollbar.report_exc_info", True),
        (
            (
                "from opentelemetry.trace import Status, StatusCode, get_current_span\n"
                "get_current_span().set_status(Status(StatusCode.ERROR))\n"
            ),
            "",
            True,
        ),
        ("from opentelemetry.trace import Status, StatusCode\nspan.set_status(Status(StatusCode.OK))\n", "span.set_status", False),
        ("def f(span):\n    span.record_exception(e)\n", "span.record_exception", True),
        # an annotation naming a project alias of a logger class (`Logger = structlog.stdlib.BoundLogger`)
        ("from svc.logs import Logger\ndef f(log: Logger):\n    log.exception('x')\n", "log.exception", True),
        ("from svc.audit import Trail\ndef f(log: Trail):\n    log.exception('x')\n", "log.exception", False),
    ],
)
def test_report_sinks(source: str, call: str, reports: bool) -> None:
    assert _record(source).reports[call] is reports


def test_configured_sinks_loggers_and_level() -> None:
    options = {
        "errors": {
            "report-sinks": ["svc.alerts.page"],
            "logger-objects": ["svc.obs.LOG"],
            "logger-factories": ["svc.obs.make_logger"],
            "min-report-level": "warning",
        }
    }
    source = (
        "from svc import alerts, obs\nfrom svc.obs import LOG\nmine = obs.make_logger()\n"
        "alerts.page('x')\nLOG.warning('x')\nmine.warning('x')\n"
    )
    recorded = _record(source, options=options)
    assert recorded.reports["alerts.page"] and recorded.reports["LOG.warning"] and recorded.reports["mine.warning"]
    assert recorded.types["mine.warning"] == "logging.Logger"
    assert not _record(source).reports["alerts.page"]


def test_attribute_rebound_from_itself_resolves_once() -> None:
    """A view class that narrows one attribute many times over (`self.data = self.data.filter(...)`
    in each method) resolves it once per query: trying each binding again from inside each other
    binding explored every order of them (an onadata view took over ten minutes before this)."""
    methods = "".join(
        f"    def narrow{i}(self):\n        self.data = self.data.filter(field{i}=1)\n" for i in range(12)
    )
    source = (
        "import requests\nclass View:\n    def __init__(self):\n        self.session = requests.Session()\n"
        + methods
        + "    def send(self):\n        self.data.count()\n        self.session.get('u')\n"
    )
    types = _record(source).types
    assert types["self.session.get"] == "requests.Session"
    assert types["self.data.count"] is None


def test_a_module_imported_by_name_resolves_to_it() -> None:
    """`x = importutils.try_import("a.b")` / `importlib.import_module("a.b")` bind the module; a
    computed or relative name stays unknown."""
    import libcst as cst
    from prr_lint.resolve import Resolver
    source = ("import importlib\nfrom oslo_utils import importutils\nprof = importutils.try_import('osprofiler.initializer')\n"
              "mod = importlib.import_module('svc.plugins')\nrel = importlib.import_module('.x')\nname = 'a'\ndyn = importlib.import_module(name)\n")
    resolver = Resolver(cst.parse_module(source), "svc.app")
    assert resolver.qualified_name(cst.parse_expression("prof.init_from_conf")) == "osprofiler.initializer.init_from_conf"
    assert resolver.qualified_name(cst.parse_expression("mod.run")) == "svc.plugins.run"
    assert resolver.qualified_name(cst.parse_expression("rel.run")) is None
    assert resolver.qualified_name(cst.parse_expression("dyn.run")) is None


def test_a_name_rebound_from_a_call_on_itself_resolves_to_nothing() -> None:
    """`item = item.get("key")` must not send the module-import check round in circles."""
    import libcst as cst
    from prr_lint.resolve import Resolver
    resolver = Resolver(cst.parse_module("def f(item):\n    item = item.get('key')\n    return item\n"), "svc.app")
    function = resolver.module.body[0]
    resolver.enter(function)
    assert resolver.qualified_name(cst.parse_expression("item.value")) is None


_CHAINS = {
    "an imported module's attributes": ("import a\n", "a" + ".b" * 12),
    "through a name bound to a chain": ("import a\nx = a" + ".b" * 12 + "\n", "x" + ".c" * 12),
    "a name rebound from a chain on itself": ("import a\nx = a\nx = x" + ".b" * 12 + "\n", "x" + ".c" * 12),
    "a method chain on a made object": ("import requests\ns = requests.Session()\n", "s" + ".get(u).json()" * 6),
    "a logger's methods": ("import logging\nlog = logging.getLogger()\n", "log" + ".getChild(n)" * 12 + ".error"),
}


@pytest.mark.parametrize("name", sorted(_CHAINS))
def test_a_long_chain_answers_as_the_recursion_did(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering inner links first (here past 2 links) changes no answer: the same chain answered
    from the outside, by recursion."""
    from prr_lint import resolve

    module, chain = _CHAINS[name]
    answers = []
    for long_chain in (2, 10**9):
        monkeypatch.setattr(resolve, "LONG_CHAIN", long_chain)
        resolver = Resolver(cst.parse_module(module), "svc.app")
        expr = cst.parse_expression(chain)
        answers.append((resolver.qualified_name(expr), resolver.instance_type(expr), resolver.instance_type(resolve._inner_links(expr)[0])))
    assert answers[0] == answers[1]


def test_a_chain_of_a_thousand_links_resolves() -> None:
    """Each link's answer asks for the one inside it: asked from the outside, 1,000 links recursed
    past the interpreter's limit (the module summary and PRR501 crashed, PRR000 at module level)."""
    resolver = Resolver(cst.parse_module("import a\nx = a" + ".b" * 1000 + "\n"), "svc.app")
    assert resolver.qualified_name(cst.parse_expression("x" + ".c" * 1000)) == "a" + ".b" * 1000 + ".c" * 1000
    assert resolver.instance_type(cst.parse_expression("x" + ".c()" * 1000)) is None


def test_a_name_rebound_from_a_long_chain_on_itself_resolves_quickly() -> None:
    """While `x` is being resolved, answers were not remembered: each link asked for both the type and
    the name of the one inside it, 2^40 steps for 40 links. The `x` inside reads the binding before
    (`x = a`); with none before, it reads the statement's own, which names nothing."""
    resolver = Resolver(cst.parse_module("import a\nx = a\nx = x" + ".b" * 40 + "\n"), "svc.app")
    assert resolver.instance_type(cst.parse_expression("x.c")) is None
    assert resolver.qualified_name(cst.parse_expression("x.c")) == "a" + ".b" * 40 + ".c"
    resolver = Resolver(cst.parse_module("def f():\n    x = x" + ".b" * 40 + "\n    x = x" + ".b" * 40 + "\n"), "svc.app")
    resolver.enter(resolver.module.body[0])
    assert resolver.instance_type(cst.parse_expression("x.c")) is None
    assert resolver.qualified_name(cst.parse_expression("x.c")) is None
