"""BlackSheep handlers are entry points: the default router's verbs, an app's and a `Router()`'s, the
registrars `add_<verb>`/`add`, controllers with their `route` prefix (an `APIController`'s `/api/<name>`);
middlewares and exception handlers are serving code, application events start-up code the service reaches."""

from __future__ import annotations

from pathlib import Path

from tests._serving import analysis_for
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
