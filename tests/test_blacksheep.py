"""BlackSheep handlers are entry points: the default router's verbs, an app's and a `Router()`'s, the
registrars `add_<verb>`/`add`, controllers with their `route` prefix (an `APIController`'s `/api/<name>`);
middlewares and exception handlers are serving code, application events start-up code the service reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._serving import analysis_for, run
from tests.test_no_entry_points import SWALLOW, _check, _project

SERVICE = '''
import uvicorn
from blacksheep import Application, Router, get, ws
from blacksheep.server.controllers import APIController, Controller
from blacksheep.server.controllers import post as controller_post

from svc import feeds

router = Router()
app = Application()
admin = Application(router=router)


@get("/")
async def home():
    return "ok"


@ws("/events")
async def events(websocket):
    await websocket.accept()


@app.router.post("/orders")
async def create_order():
    return "created"


@router.delete("/orders/{order_id}")
async def delete_order(order_id: int):
    return "deleted"


async def report():
    return feeds.refresh("http://feeds")


app.router.add_get("/report", report)


async def timing(request, handler):
    return await handler(request)


app.middlewares.append(timing)


@app.exception_handler(404)
async def missing(application, request, exc):
    return "missing"


@app.on_start
async def connect(application):
    print("connected")


class Orders(Controller):
    route = "/shop"

    @controller_post("/bulk")
    async def bulk(self):
        return "bulk"

    def helper(self):
        return 1


class Health(APIController):
    @controller_post("/")
    async def check(self):
        return "ok"


if __name__ == "__main__":
    uvicorn.run(app)
'''


def _model(source: str):
    analysis = analysis_for({"svc/__init__.py": "", "svc/feeds.py": SWALLOW, "svc/web.py": source})
    return {entry.qualname.rpartition("web.")[2]: (entry.framework, entry.how, entry.route)
            for entry in analysis.model.entry_points}, analysis.model.seeds


def test_blacksheep_routes_registrations_and_controllers_are_entry_points() -> None:
    entries, seeds = _model(SERVICE)
    assert entries == {
        "home": ("blacksheep", "@get", "/"), "events": ("blacksheep", "@ws", "/events"),
        "create_order": ("blacksheep", "@post", "/orders"), "delete_order": ("blacksheep", "@delete", "/orders/{order_id}"),
        "report": ("blacksheep", "registered", "/report"), "Orders.bulk": ("blacksheep", "@post", "/shop/bulk"),
        "Health.check": ("blacksheep", "@post", "/api/health/"),
    }
    # the middleware and the exception handler serve every request, as no route; the start-up event and a
    # controller's own helper are no request handlers
    assert {"svc.web.timing", "svc.web.missing"} <= seeds
    assert not {"svc.web.connect", "svc.web.Orders.helper"} & seeds


def test_names_spelled_like_blacksheep_verbs_are_no_entry_points() -> None:
    source = ("from svc.feeds import refresh as get\n\n\nclass Store:\n    def add_get(self, path, handler):\n"
              "        pass\n\n\n@get('/')\ndef home():\n    return ''\n\n\nStore().add_get('/x', home)\n")
    assert _model(source) == ({}, set())


def test_a_blacksheep_service_is_no_longer_held_back_and_its_start_up_event_is_reached(tmp_path: Path, monkeypatch) -> None:
    _project(tmp_path, {"svc/__init__.py": "", "svc/web.py": SERVICE, "svc/feeds.py": SWALLOW})
    rules, stderr = _check(tmp_path, monkeypatch)
    assert "PRR101" in rules and "held back" not in stderr
    rules, _ = _check(tmp_path, monkeypatch, "--select", "PRR401")
    assert "PRR401" in rules  # the print in `@app.on_start`: the service runs it


ORDERS = "\n\n@get('/orders')\nasync def orders():\n    return 'ok'\n"
METRICS_MIDDLEWARE = '''import time
from prometheus_client import Histogram
from blacksheep import Application, get

LATENCY = Histogram("latency", "request latency")
app = Application()


async def metrics(request, handler):
    start = time.time()
    response = await handler(request)
    LATENCY.observe(time.time() - start)
    return response


app.middlewares.append(metrics)
'''


def _monitoring(files) -> list:
    return sorted(finding.rule for finding in run({"svc/__init__.py": "", **files}, select=("PRR201", "PRR206")).findings)


OTEL = ("from blacksheep import Application, get\nfrom blacksheep.server.otel.otlp import use_open_telemetry_otlp\n"
        "app = Application()\nuse_open_telemetry_otlp(app)\n")
PROMETHEUS = ("from blacksheep import Application, get\nfrom blacksheep_prometheus import PrometheusMiddleware\n"
              "app = Application()\napp.middlewares.append(PrometheusMiddleware())\n")


def test_a_bare_blacksheep_app_is_uninstrumented() -> None:
    assert _monitoring({"svc/web.py": "from blacksheep import Application, get\napp = Application()\n" + ORDERS}) == [
        "PRR201", "PRR206"]


@pytest.mark.parametrize("source", [OTEL, PROMETHEUS, METRICS_MIDDLEWARE], ids=["otel", "prometheus", "own-middleware"])
def test_blacksheep_tracing_and_a_metrics_middleware_instrument_the_app(source: str) -> None:
    assert _monitoring({"svc/web.py": source + ORDERS}) == ["PRR206"]


def test_routes_added_on_an_app_built_in_another_module_are_blacksheep_routes() -> None:
    app = "from blacksheep import Application\napp = Application()\nimport svc.views\n"
    views = "from svc.app import app\n\n\nasync def orders():\n    return 'ok'\n\n\napp.router.add_get('/orders', orders)\n"
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/views.py": views}
    assert [(entry.framework, entry.route) for entry in analysis_for(files).model.entry_points] == [("blacksheep", "/orders")]
    assert _monitoring({"svc/app.py": app, "svc/views.py": views}) == ["PRR201", "PRR206"]


def test_the_two_argument_add_registrar_and_a_router_from_blacksheep_server() -> None:
    source = ("from blacksheep import Application\nfrom blacksheep.server import Router\n\nrouter = Router()\n"
              "app = Application(router=router)\n\n\nasync def orders():\n    return 'ok'\n\n\n"
              "@router.get('/health')\nasync def health():\n    return 'ok'\n\n\nrouter.add('POST', '/orders', orders)\n")
    entries, _ = _model(source)
    assert entries == {"orders": ("blacksheep", "registered", "/orders"), "health": ("blacksheep", "@get", "/health")}


def test_a_controller_takes_its_bases_route_and_a_computed_route_is_left_unknown() -> None:
    source = '''
import blacksheep.server.controllers as controllers
from blacksheep.server.controllers import APIController, get


class BaseApi(APIController):
    route = "/v1/things"


class Things(BaseApi):
    @get("/")
    async def index(self):
        return []


class Cats(controllers.APIController):
    @classmethod
    def version(cls):
        return "v2"

    @get("/")
    async def index(self):
        return []


class Dogs(controllers.APIController):
    @get("/")
    async def index(self):
        return []
'''
    entries, _ = _model(source)
    assert {name: route for name, (_, _, route) in entries.items()} == {
        "Things.index": "/v1/things/", "Cats.index": "/", "Dogs.index": "/api/dogs/"}
