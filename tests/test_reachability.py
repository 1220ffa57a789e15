"""The call graph and the search from entry points: edges, hand-offs, depth, shortest paths."""

from __future__ import annotations

from _serving import analysis_for, run, settings_with

APP = "from flask import Blueprint\nbp = Blueprint('b', __name__)\n"


def _chain(analysis, qualname):
    return analysis.path_to(qualname)


def test_methods_on_self_typed_receivers_and_module_level_instances() -> None:
    files = {
        "svc/views.py": APP + "from svc.service import Service, shared\n\n"
        "@bp.get('/a')\ndef a():\n    return Service().run()\n\n@bp.get('/b')\ndef b():\n    return shared.run()\n",
        "svc/service.py": "class Base:\n    def helper(self):\n        return deep()\n\n"
        "class Service(Base):\n    def run(self):\n        return self.helper()\n\nshared = Service()\n\n"
        "def deep():\n    return 1\n",
    }
    analysis = analysis_for(files)
    assert _chain(analysis, "svc.service.deep") == [
        "svc.views.a", "svc.service.Service.run", "svc.service.Base.helper", "svc.service.deep",
    ]
    assert analysis.graph.callees("svc.views.b") == ("svc.service.Service.run",)


def test_handoffs_on_the_host_add_edges_task_queues_do_not() -> None:
    files = {
        "svc/views.py": APP + "import threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "from svc import work\npool = ThreadPoolExecutor(2)\n\n"
        "@bp.get('/a')\ndef a():\n    pool.submit(work.in_pool, 1)\n    threading.Thread(target=work.in_thread).start()\n"
        "    work.queued.delay()\n    work.queued.apply_async(args=())\n",
        "svc/work.py": "from celery import shared_task\n\ndef in_pool(x):\n    pass\n\ndef in_thread():\n    pass\n\n"
        "@shared_task\ndef queued():\n    pass\n",
    }
    analysis = analysis_for(files)
    assert set(analysis.graph.callees("svc.views.a")) == {"svc.work.in_pool", "svc.work.in_thread"}
    assert not analysis.is_serving("svc.work.queued")


def test_shortest_path_wins_and_depth_is_bounded() -> None:
    files = {
        "svc/views.py": APP + "from svc import chain\n\n@bp.get('/long')\ndef long():\n    chain.f1()\n\n"
        "@bp.get('/short')\ndef short():\n    chain.f3()\n",
        "svc/chain.py": "def f1():\n    f2()\n\ndef f2():\n    f3()\n\ndef f3():\n    f4()\n\ndef f4():\n    pass\n",
    }
    analysis = analysis_for(files)
    assert _chain(analysis, "svc.chain.f4") == ["svc.views.short", "svc.chain.f3", "svc.chain.f4"]
    shallow = analysis_for(files, settings_with(reachability={"max-depth": 1}))
    assert shallow.is_serving("svc.chain.f3") and not shallow.is_serving("svc.chain.f4")


def test_nested_functions_and_lambdas_inherit_reachability() -> None:
    """A nested function its parent names runs with it; one nothing names never runs (unread_defs.py)."""
    files = {
        "svc/views.py": APP + "from svc import lib\n\n@bp.get('/a')\ndef a():\n    def inner():\n        return lib.g()\n\n"
        "    def unused():\n        return lib.k()\n\n    inner()\n    return sorted([1], key=lambda x: lib.h())\n",
        "svc/lib.py": "def g():\n    pass\n\ndef h():\n    pass\n\ndef k():\n    pass\n",
    }
    analysis = analysis_for(files)
    assert analysis.is_serving("svc.lib.g") and analysis.is_serving("svc.lib.h")
    assert not analysis.is_serving("svc.lib.k")


def test_finding_carries_the_path_as_related_locations() -> None:
    files = {
        "api/__init__.py": "",
        "api/app.py": "from flask import Flask\nfrom api import service\napp = Flask(__name__)\n\n"
        "@app.get('/report')\ndef get_report():\n    return service.build_report()\n",
        "api/service.py": "from analytics import warehouse\n\n\ndef build_report():\n    return warehouse.fetch_rollup()\n",
        "analytics/__init__.py": "",
        "analytics/warehouse.py": "from google.cloud import bigquery\n\ndef fetch_rollup():\n"
        "    return bigquery.Client().query('select 1')\n",
    }
    result = run(files, select=("PRR301",))
    [finding] = result.findings
    assert (finding.path, finding.span.line) == ("analytics/warehouse.py", 4)
    assert [step.message for step in finding.related] == [
        "api/app.py:get_report", "api/service.py:build_report", "analytics/warehouse.py:fetch_rollup",
        "google.cloud.bigquery.Client.query",
    ]
    assert [(step.path, step.span.line) for step in finding.related[:3]] == [
        ("api/app.py", 6), ("api/service.py", 4), ("analytics/warehouse.py", 3),
    ]
    assert finding.severity.value == "warning"  # depth 3: beyond two calls
