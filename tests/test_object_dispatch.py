"""Pecan and CherryPy handlers are entry points (project/object_dispatch.py, exposed_marks.py)."""

from __future__ import annotations

from pathlib import Path

from tests._serving import analysis_for
from tests.test_no_entry_points import SWALLOW, TWISTED, _check, _project

PECAN = '''
from pecan import expose, rest
from pecan.hooks import PecanHook


class AuditHook(PecanHook):
    def before(self, state):
        pass

    def record(self, state):
        pass


class NodesController(rest.RestController):
    @expose("json")
    def get_all(self):
        return []

    def _route(self, args, request=None):
        return super()._route(args, request)

    def _paginate(self, rows):
        return rows


class JobsController(object):
    @expose(generic=True, template="json")
    def index(self):
        return []

    @index.when(method="POST", template="json")
    def index_post(self):
        return {}

    def _lookup(self, job_id, *remainder):
        return NodesController(), remainder

    def summary(self):
        return {}
'''

CHERRYPY = '''
import cherrypy


class Orders(object):
    exposed = True

    def GET(self):
        return "[]"

    def render(self):
        return ""


class Root(object):
    orders = Orders()

    @cherrypy.expose
    def index(self):
        return "ok"

    @cherrypy.expose(["status"])
    @cherrypy.tools.json_out()
    def health(self):
        return {}

    def legacy(self):
        return ""
    legacy.exposed = True

    def helper(self):
        return ""


class Start(object):
    def index(self, **kwargs):
        return ""

    def page(self, **kwargs):
        return ""


class Dispatcher(cherrypy.dispatch.RoutesDispatcher):
    def connect(self, name, route, controller, **kwargs):
        cherrypy.dispatch.RoutesDispatcher.connect(self, name, route, controller, **kwargs)


def main():
    routes = Dispatcher()
    routes.connect("start", "/start", controller=Start())
    cherrypy.tree.mount(Root(), "/", {"/api": {"request.dispatch": routes}})
'''


def _model(source: str):
    analysis = analysis_for({"svc/__init__.py": "", "svc/web.py": source})
    return {entry.qualname.rpartition("web.")[2]: (entry.framework, entry.how, entry.route)
            for entry in analysis.model.entry_points}, analysis.model.seeds


def test_pecan_exposed_methods_generic_variants_and_routing_hooks() -> None:
    entries, seeds = _model(PECAN)
    assert entries == {"NodesController.get_all": ("pecan", "@expose", ""), "JobsController.index": ("pecan", "@expose", ""),
                       "JobsController.index_post": ("pecan", "@when", "")}
    assert {"svc.web.AuditHook.before", "svc.web.NodesController._route", "svc.web.JobsController._lookup"} <= seeds
    # neither a hook's own helper, nor a controller's private or unexposed method, serves
    assert not {"svc.web.AuditHook.record", "svc.web.NodesController._paginate", "svc.web.JobsController.summary"} & seeds


def test_cherrypy_exposed_methods_classes_and_routes_dispatcher_actions() -> None:
    entries, seeds = _model(CHERRYPY)
    assert entries == {"Orders.GET": ("cherrypy", "exposed", ""), "Root.index": ("cherrypy", "@expose", ""),
                       "Root.health": ("cherrypy", "@expose", ""), "Root.legacy": ("cherrypy", "exposed", ""),
                       "Start.index": ("cherrypy", "registered", "/start")}
    assert not {"svc.web.Orders.render", "svc.web.Root.helper", "svc.web.Start.page"} & seeds


def test_a_when_or_exposed_of_no_framework_is_no_entry_point() -> None:
    source = ("class Rule(object):\n    def check(self):\n        return True\n\n    @check.when\n    def later(self):\n"
              "        return False\n\n\ndef job():\n    return 1\njob.exposed = False\n\n\nclass Page(object):\n"
              "    exposed = 'yes'\n\n    def GET(self):\n        return ''\n")
    assert _model(source) == ({}, set())


def test_exposed_true_in_a_project_that_imports_no_cherrypy_is_no_entry_point(tmp_path: Path, monkeypatch) -> None:
    source = ("class Settings(object):\n    exposed = True\n\n    def GET(self):\n        return ''\n\n\n"
              "def helper():\n    return 1\nhelper.exposed = True\n")
    assert _model(source) == ({}, set())
    # nor does it give a Twisted service seeds: its serving-behaviour findings are still held back
    _project(tmp_path, {"svc/server.py": TWISTED, "svc/feeds.py": SWALLOW, "svc/settings.py": source})
    rules, stderr = _check(tmp_path, monkeypatch)
    assert "PRR101" not in rules and "held back" in stderr


def test_a_generic_variant_is_named_in_the_class_body_whatever_the_module_binds() -> None:
    source = ("from pecan import expose\nfrom svc.other import index\n\n\nclass Jobs(object):\n"
              "    @expose(generic=True)\n    def index(self):\n        return []\n\n"
              "    @index.when(method='POST')\n    def create(self):\n        return {}\n")
    assert _model(source)[0] == {"Jobs.index": ("pecan", "@expose", ""), "Jobs.create": ("pecan", "@when", "")}


def test_a_class_derived_from_an_exposed_one_is_exposed() -> None:
    source = ("import cherrypy\n\n\nclass Base(object):\n    exposed = True\n\n    def GET(self):\n        return ''\n\n\n"
              "class Things(Base):\n    def POST(self):\n        return ''\n\n\n@cherrypy.expose\nclass Api(object):\n"
              "    def GET(self):\n        return ''\n\n\nclass Child(Api):\n    def PUT(self):\n        return ''\n\n"
              "    def render(self):\n        return ''\n")
    assert _model(source)[0] == {name: ("cherrypy", "exposed", "") for name in ("Base.GET", "Things.POST", "Api.GET", "Child.PUT")}


def test_a_project_subclass_registrar_counts_only_on_its_own_framework_class() -> None:
    source = ("import flask\n\n\nclass App(flask.Flask):\n    def connect(self, name, route, **kwargs):\n        pass\n\n\n"
              "def view():\n    return ''\n\n\ndef main():\n    App(__name__).connect('view', '/view', controller=view)\n")
    assert _model(source)[0] == {}


def test_a_pecan_or_cherrypy_service_is_no_longer_held_back(tmp_path: Path, monkeypatch) -> None:
    for name, source, answer in (("pecan", PECAN, "return []"), ("cherrypy", CHERRYPY, 'return "ok"')):
        root = tmp_path / name
        root.mkdir()
        served = "from svc import feeds\n" + source.replace(answer, "return feeds.refresh('http://feeds')", 1)
        _project(root, {"svc/__init__.py": "", "svc/web.py": served, "svc/feeds.py": SWALLOW})
        rules, stderr = _check(root, monkeypatch)
        assert "PRR101" in rules and "held back" not in stderr, name
