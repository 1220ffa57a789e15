"""PasteDeploy apps and middleware named by an `api-paste.ini` are serving entry points (project/paste_apps.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

from prr_lint.cli import cli
from prr_lint.project.paste_apps import _named
from tests._reporting_data import cli_runner

PASTE_INI = """[composite:osapi]
use = call:svc.api:root_app_factory
/: versions
/v1: api_v1

[pipeline:api_v1]
pipeline = request_id faultwrap apiv1

[filter:request_id]
paste.filter_factory = oslo_middleware:RequestId.factory

[filter:faultwrap]
paste.filter_factory = svc.api.fault:FaultWrapper.factory

[app:apiv1]
paste.app_factory = svc.api.router:APIRouter.factory

[app:versions]
use = egg:Paste#urlmap
"""
ROOT = "import paste.urlmap\n\n\ndef root_app_factory(loader, global_conf, **local_conf):\n    return paste.urlmap.urlmap_factory(loader, global_conf, **local_conf)\n"
WSGI = ("import webob.dec\n\n\nclass Router(object):\n    @classmethod\n    def factory(cls, global_config, **local_config):\n"
        "        return cls()\n\n    @webob.dec.wsgify\n    def __call__(self, req):\n        return self.route(req)\n\n"
        "    def route(self, req):\n        return req\n")
ROUTER = "from svc.api import wsgi\n\n\nclass APIRouter(wsgi.Router):\n    pass\n"
FAULT = ("import logging\n\nimport webob.dec\n\nLOG = logging.getLogger(__name__)\n\n\nclass FaultWrapper(object):\n"
         "    def __init__(self, application):\n        self.application = application\n\n    @classmethod\n"
         "    def factory(cls, global_config, **local_config):\n        def _factory(app):\n            return cls(app)\n"
         "        return _factory\n\n    @webob.dec.wsgify\n    def __call__(self, req):\n        try:\n"
         "            return req.get_response(self.application)\n        except Exception:\n            return None\n")
# A rate-limit proxy nothing in the service builds (only its test does), and a live neighbour the router's
# module calls: the first is dead code, the second serves.
LIMITS = ("import http.client\n\n\nclass WsgiLimiterProxy(object):\n    def __init__(self, address):\n        self.address = address\n\n"
          "    def check_for_delay(self, verb, url):\n        conn = http.client.HTTPConnection(self.address)\n"
          "        conn.request('POST', '/', url)\n        return conn.getresponse()\n")
LIMITS_TEST = "from svc.api import limits\n\n\ndef test_proxy():\n    assert limits.WsgiLimiterProxy('127.0.0.1:80')\n"
SERVICE: Dict[str, str] = {
    "svc/__init__.py": "", "svc/api/__init__.py": ROOT, "svc/api/wsgi.py": WSGI, "svc/api/router.py": ROUTER,
    "svc/api/fault.py": FAULT, "svc/api/limits.py": LIMITS, "svc/tests/__init__.py": "", "svc/tests/test_limits.py": LIMITS_TEST,
}


def _project(root: Path, files: Dict[str, str]) -> None:
    (root / ".git").mkdir()
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def _entry_points(root: Path, monkeypatch) -> List[dict]:
    monkeypatch.chdir(root)
    outcome = cli_runner().invoke(cli, ["entrypoints", "--format", "json"], catch_exceptions=False)
    return json.loads(outcome.stdout)["entry_points"]


def _findings(root: Path, monkeypatch) -> List[tuple]:
    monkeypatch.chdir(root)
    command = ["check", "--no-cache", "--exit-zero", "--extend-select", "PRR101,PRR405", "--output-format", "json"]
    outcome = cli_runner().invoke(cli, command, catch_exceptions=False)
    return sorted((f["rule"], f["path"]) for f in json.loads(outcome.stdout)["findings"])


def test_the_factories_an_api_paste_ini_names_and_the_wsgi_callables_they_build_are_entry_points(tmp_path, monkeypatch) -> None:
    _project(tmp_path, {**SERVICE, "etc/svc/api-paste.ini": PASTE_INI})
    found = {(entry["function"], entry["framework"], entry["registered"]) for entry in _entry_points(tmp_path, monkeypatch)}
    assert found == {
        ("svc.api.root_app_factory", "paste", "etc/svc/api-paste.ini:2"),
        ("svc.api.fault.FaultWrapper.factory", "paste", "etc/svc/api-paste.ini:13"),
        ("svc.api.fault.FaultWrapper.__call__", "paste", "etc/svc/api-paste.ini:13"),
        ("svc.api.wsgi.Router.factory", "paste", "etc/svc/api-paste.ini:16"),  # inherited by the router named
        ("svc.api.wsgi.Router.__call__", "paste", "etc/svc/api-paste.ini:16"),
    }


def test_without_the_paste_configuration_nothing_is_recognised(tmp_path, monkeypatch) -> None:
    _project(tmp_path, SERVICE)
    assert _entry_points(tmp_path, monkeypatch) == []


def test_a_paste_service_is_linted_as_a_service(tmp_path, monkeypatch) -> None:
    """Before: no entry point, so the WebOb service held back its middleware's swallowed error (the proxy
    only a test builds is dead code all the same: a service behind a server library prr-lint does not
    recognise, project/dead_scope.py). After: the middleware's finding is reported, the dead proxy left out."""
    _project(tmp_path, SERVICE)
    assert _findings(tmp_path, monkeypatch) == []
    (tmp_path / "etc/svc").mkdir(parents=True)
    (tmp_path / "etc/svc/api-paste.ini").write_text(PASTE_INI)
    assert _findings(tmp_path, monkeypatch) == [("PRR101", "svc/api/fault.py")]


def test_a_proxy_the_service_builds_keeps_its_finding(tmp_path, monkeypatch) -> None:
    """Built and called: a method nothing calls is dead even in a class the service builds through its
    module (`limits.WsgiLimiterProxy(...)` is no dotted path in a string: project/typed_calls.py). Its one caller
    names another host: a loopback address there would be this host's (socket_targets.parameter_through)."""
    router = ROUTER + ("\n\nfrom svc.api import limits\n\nPROXY = limits.WsgiLimiterProxy('limits.internal:80')\n"
                       "DELAY = PROXY.check_for_delay('GET', '/')\n")
    _project(tmp_path, {**SERVICE, "svc/api/router.py": router, "etc/svc/api-paste.ini": PASTE_INI})
    assert ("PRR501", "svc/api/limits.py") in _findings(tmp_path, monkeypatch)


def test_setup_cfg_and_pyproject_entry_point_groups_and_call_uses_are_read() -> None:
    setup_cfg = ("[metadata]\nname = storlets\n\n[entry_points]\nconsole_scripts =\n    tool = pkg.cli:main\n"
                 "paste.filter_factory =\n    handler = pkg.middleware:filter_factory\n    other = pkg.other:Filter.factory\n"
                 "pkg.gateways =\n    stub = pkg.gateway:Stub\n")
    assert list(_named(setup_cfg)) == [("paste.filter_factory", "pkg.middleware.filter_factory", 8),
                                       ("paste.filter_factory", "pkg.other.Filter.factory", 9)]
    pyproject = '[project.entry-points."paste.app_factory"]\nmain = "pkg.wsgi:make_app"\n\n[project.scripts]\nx = "pkg.cli:main"\n'
    assert list(_named(pyproject)) == [("paste.app_factory", "pkg.wsgi.make_app", 2)]
    ini = "[filter-app:proxy]\nuse = call:pkg.proxy:make_filter_app\nnext = main\n[app:main]\nuse = egg:Paste#static\n[server:main]\nuse = call:pkg.server:run\n"
    assert list(_named(ini)) == [("paste.filter_app_factory", "pkg.proxy.make_filter_app", 2)]


FLASK_APP = ("import logging\n\nimport flask\n\nLOG = logging.getLogger(__name__)\n\n\ndef app_factory(global_config, **local_conf):\n"
             "    return setup_app()\n\n\ndef setup_app():\n    app = flask.Flask('svc')\n    LOG.warning('v1 storage is used')\n"
             "    return app\n\n\napp = flask.Flask('svc')\n\n\n@app.route('/')\ndef index():\n    LOG.info('listing')\n    return ''\n")
FLASK_PASTE = "[pipeline:main]\npipeline = {filters}ck_api\n\n[app:ck_api]\npaste.app_factory = svc.app:app_factory\n{declared}"
REQUEST_ID = "\n[filter:request_id]\npaste.filter_factory = oslo_middleware:RequestId.factory\n"


def test_a_request_id_filter_in_the_paste_pipeline_ties_log_records_to_requests(tmp_path, monkeypatch) -> None:
    """PRR405: oslo's RequestId middleware, loaded by the paste pipeline, puts the request id in every record."""
    _project(tmp_path, {"svc/__init__.py": "", "svc/app.py": FLASK_APP,
                        "etc/api-paste.ini": FLASK_PASTE.format(filters="", declared="")})
    assert ("PRR405", "svc/app.py") in _findings(tmp_path, monkeypatch)
    (tmp_path / "etc/api-paste.ini").write_text(FLASK_PASTE.format(filters="request_id ", declared=REQUEST_ID))
    assert ("PRR405", "svc/app.py") not in _findings(tmp_path, monkeypatch)
