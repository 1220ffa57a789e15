"""PRR501 and a Flask app's configuration read from the Python-syntax files its `Config` loads (flask_configs.py,
project/flask_configs.py, project/switches.py `loopback`).

The shape: an app factory loading `default.cfg` and then `<env>.cfg` (silent) from its instance folder, a redis pool
built from `app.config["CACHE_HOST"]`, and a service object given `flask.current_app.config` whose store builds its
client from a parameter defaulting to None. Left alone when every shipped file the app loads binds the key to a
loopback literal and nothing overrides it, a file named by the environment (`from_pyfile(os.environ[...])`,
`from_envvar`) or one the tree does not ship standing for the files its folder ships (of its extension); kept when a
shipped file points it elsewhere or at the environment, when a load is tied to no shipped file (a name from a
parameter, a file whose folder ships none of its kind, `from_prefixed_env`), when a compose file sets it, and with no
deployment file at all."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from _serving import shipped_findings

_FACTORY = (
    "import os\n\nimport flask\nimport redis\n\n\n"
    "def cache_pool(app):\n"
    "    return redis.ConnectionPool(host=app.config['CACHE_HOST'], port=app.config['CACHE_PORT'])\n\n\n"
    "def build_app(overrides=None):\n"
    "    app = flask.Flask(__name__, instance_path=os.path.join(os.path.dirname(__file__), 'settings'),\n"
    "                      instance_relative_config=True)\n"
    "    stage = os.getenv('STAGE', 'live')\n"
    "    app.config.from_pyfile('base.cfg')\n"
    "    app.config.from_pyfile('{}.cfg'.format(stage), silent=True)\n"
    "{extra}"
    "    return app\n"
)
_STORE = (
    "import redis\n\n\nclass Store:\n"
    "    def __init__(self, host=None, port=None):\n"
    "        self.client = redis.Redis(host=host, port=port)\n\n"
    "    def put(self, key, value):\n        self.client.set(key, value)\n"
)
_SERVICE = (
    "from cachesvc.store import Store\n\n\nclass Jobs:\n"
    "    def __init__(self, config):\n"
    "        self.store = Store(host=config['CACHE_HOST'], port=config['CACHE_PORT'])\n"
)
_ROUTES = (
    "import flask\n\nfrom cachesvc.service import Jobs\n\nbp = flask.Blueprint('jobs', __name__)\n\n\n"
    "@bp.route('/jobs')\ndef jobs():\n    Jobs(flask.current_app.config)\n    return 'ok'\n"
)
_BASE = "LOG_NAME = 'svc.log'\nCACHE_HOST = 'localhost'\nCACHE_PORT = 6379\n"
_CONTAINER = "CACHE_HOST = '127.0.0.1'\nCACHE_PORT = 6379\nWORKERS = 4\n"
_DOCKERFILE = "FROM python:3.12\nCOPY . /srv\nRUN cp /srv/cachesvc/settings/container.cfg /srv/cachesvc/settings/live.cfg\n" \
              "CMD [\"python\", \"-m\", \"cachesvc\"]\n"
_FINDINGS = [("cachesvc/__init__.py", 8), ("cachesvc/store.py", 6)]


def _findings(tmp_path: Path, extra: str = "", configs: Optional[Dict[str, str]] = None,
              deployment: Optional[Dict[str, str]] = None, factory: str = _FACTORY, **more: str) -> List[Tuple[str, int]]:
    """PRR501's findings over the service, its configuration files written under `tmp_path` (not launch files: the
    app loads them) and its deployment files listed as launch files."""
    files = {"cachesvc/__init__.py": factory.replace("{extra}", extra), "cachesvc/store.py": _STORE,
             "cachesvc/service.py": _SERVICE, "cachesvc/routes.py": _ROUTES, **more}
    configs = {"cachesvc/settings/base.cfg": _BASE, "cachesvc/settings/container.cfg": _CONTAINER} if configs is None else configs
    deployment = {"Dockerfile": _DOCKERFILE} if deployment is None else deployment
    for name, text in {**files, **configs}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return sorted(shipped_findings(tmp_path, files, deployment))


def test_keys_every_loaded_file_binds_to_loopback_are_left_alone(tmp_path: Path) -> None:
    assert _findings(tmp_path) == []


def test_a_loaded_file_pointing_the_key_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    configs = {"cachesvc/settings/base.cfg": _BASE, "cachesvc/settings/container.cfg": _CONTAINER.replace("'127.0.0.1'", "'cache.internal'")}
    assert _findings(tmp_path, configs=configs) == _FINDINGS


def test_a_loaded_file_reading_the_key_from_the_environment_keeps_the_calls(tmp_path: Path) -> None:
    base = "import os\n" + _BASE.replace("'localhost'", "os.environ.get('CACHE_HOST', 'localhost')")
    assert _findings(tmp_path, configs={"cachesvc/settings/base.cfg": base}) == _FINDINGS


def test_a_file_the_environment_names_is_one_its_folder_ships(tmp_path: Path) -> None:
    """`from_pyfile(os.environ[...])` (or through a name bound to the read) and `from_envvar` read one of the files
    shipped in the instance folder: every one binding the key to loopback leaves the calls alone."""
    assert _findings(tmp_path, "    app.config.from_pyfile(os.environ['CACHESVC_SETTINGS'])\n") == []
    named = "    chosen = os.environ.get('CACHESVC_SETTINGS', False)\n    if chosen:\n        app.config.from_pyfile(chosen)\n"
    assert _findings(tmp_path, named) == []
    assert _findings(tmp_path, "    app.config.from_envvar('CACHESVC_SETTINGS')\n") == []


def test_a_file_the_environment_names_keeps_the_calls_when_a_shipped_one_points_elsewhere(tmp_path: Path) -> None:
    """`staging.py` in the instance folder is no file the literal or formatted loads read, but one the environment may name."""
    configs = {"cachesvc/settings/base.cfg": _BASE, "cachesvc/settings/container.cfg": _CONTAINER,
               "cachesvc/settings/staging.py": "CACHE_HOST = 'cache.internal'\n"}
    assert _findings(tmp_path, configs=configs) == []
    assert _findings(tmp_path, "    app.config.from_envvar('CACHESVC_SETTINGS')\n", configs=configs) == _FINDINGS
    assert _findings(tmp_path, "    app.config.from_pyfile(os.environ['CACHESVC_SETTINGS'])\n", configs=configs) == _FINDINGS


def test_a_file_named_by_a_parameter_keeps_the_calls(tmp_path: Path) -> None:
    """`overrides` is whatever a caller passes: no shipped file stands for it."""
    assert _findings(tmp_path, "    app.config.from_pyfile(overrides)\n") == _FINDINGS


def test_a_file_the_tree_does_not_ship_is_made_from_those_of_its_folder(tmp_path: Path) -> None:
    """The instance folder's `local.cfg` is the installation's copy of a `.cfg` file the folder ships (as an INI
    file's samples stand for the copy an installation reads: project/config_paths.py); a `local.py` no `.py` file
    of that folder stands for may set any key."""
    assert _findings(tmp_path, "    app.config.from_pyfile('local.cfg', silent=True)\n") == []
    assert _findings(tmp_path, "    app.config.from_pyfile('local.py', silent=True)\n") == _FINDINGS


def test_configuration_from_prefixed_environment_variables_keeps_the_calls(tmp_path: Path) -> None:
    assert _findings(tmp_path, "    app.config.from_prefixed_env()\n") == _FINDINGS


def test_an_environment_read_into_the_key_keeps_the_calls(tmp_path: Path) -> None:
    assert _findings(tmp_path, "    app.config['CACHE_HOST'] = os.environ['CACHE_HOST']\n") == _FINDINGS


def test_a_compose_file_setting_the_key_keeps_the_calls(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    image: cachesvc\n    environment:\n      CACHE_HOST: redis\n  redis:\n    image: redis\n"
    assert _findings(tmp_path, deployment={"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}) == _FINDINGS


def test_no_deployment_file_keeps_the_calls(tmp_path: Path) -> None:
    """The deployment is elsewhere, and its own configuration may point the key anywhere."""
    assert _findings(tmp_path, deployment={}) == _FINDINGS


def test_a_method_with_the_loaders_name_on_another_object_ties_nothing(tmp_path: Path) -> None:
    """Only a Flask `Config` loads files: a project object's own `from_pyfile` is no configuration source."""
    factory = _FACTORY.replace("import flask\n", "import flask\n\nfrom cachesvc.cfg import Loader\n") \
        .replace("flask.Flask(__name__, instance_path", "Loader(__name__, instance_path")
    loader = "class Loader:\n    def __init__(self, *args, **kwargs):\n        self.config = {}\n"
    assert _findings(tmp_path, factory=factory, **{"cachesvc/cfg.py": loader}) == [("cachesvc/__init__.py", 10), ("cachesvc/store.py", 6)]


def test_a_loader_on_an_app_of_no_known_type_keeps_the_calls(tmp_path: Path) -> None:
    """`configure(app)` is handed the app: its `app.config.from_pyfile(path)` may be Flask's, reading any file."""
    helper = "import os\n\n\ndef configure(app):\n    app.config.from_pyfile(os.environ['CACHESVC_SETTINGS'])\n"
    assert _findings(tmp_path, **{"cachesvc/setup.py": helper}) == _FINDINGS


def test_a_file_named_from_the_modules_own_path_is_left_alone(tmp_path: Path) -> None:
    """`from_pyfile(os.path.join(os.path.dirname(__file__), "settings", "base.cfg"))` on an app with no instance folder."""
    factory = _FACTORY.replace("app.config.from_pyfile('base.cfg')",
                               "app.config.from_pyfile(os.path.join(os.path.dirname(__file__), 'settings', 'base.cfg'))") \
        .replace("instance_path=os.path.join(os.path.dirname(__file__), 'settings'),\n", "\n") \
        .replace("                      instance_relative_config=True)", "                      root_path=os.path.dirname(__file__))") \
        .replace("    app.config.from_pyfile('{}.cfg'.format(stage), silent=True)\n", "")
    assert "instance_relative_config" not in factory and "format" not in factory
    assert _findings(tmp_path, factory=factory) == []
    # a name formatted in the root folder, which ships no `.cfg` file: the installation's own, which may set any key
    formatted = factory.replace("    return app\n", "    app.config.from_pyfile('{}.cfg'.format(stage), silent=True)\n    return app\n")
    assert _findings(tmp_path, factory=formatted) == _FINDINGS


@pytest.mark.parametrize("imported", ["from flask import current_app", "from flask.globals import current_app"])
def test_a_key_of_a_section_of_the_running_app_s_config_is_a_switch_key_by_either_import(imported: str) -> None:
    """`current_app.config["CHAINS"][chain]["IS_USING_BITCOIN"]` (switch_keys.read_key), with the proxy imported from
    `flask` or `flask.globals` (flask_configs.FLASK_CONFIGS, shared with typed_commands.py's proxies)."""
    import libcst as cst

    from prr_lint.resolve import Resolver
    from prr_lint.switch_keys import read_key

    resolver = Resolver(cst.parse_module(imported + "\n"), "svc.app")
    term = cst.parse_expression("current_app.config['CHAINS'][current_app.config['CHAIN']]['IS_USING_BITCOIN']")
    assert read_key(term, resolver) == "IS_USING_BITCOIN"
