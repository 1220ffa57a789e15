"""PRR501 and a PasteDeploy app's settings (ini_settings.py, project/ini_settings.py): a Pyramid app reads its
redis URLs by dotted keys from the INI file it is served with; where every INI file, template and sample the project
ships gives the key a loopback address, the client talks to its own host."""

from __future__ import annotations

from typing import Dict

import pytest

APP = (
    "import redis\nfrom pyramid.config import Configurator\n\n\n"
    "def main(global_config, **settings):\n    config = Configurator(settings=settings)\n"
    "    redis_url = settings['redis.url']\n"
    "    config.registry.redis_conn = redis.StrictRedis.from_url(redis_url)\n"  # line 8
    "    config.scan()\n    return config.make_wsgi_app()\n"
)
VIEWS = (
    "import redis\nfrom pyramid.view import view_config\n\n\n@view_config(route_name='queues', renderer='json')\n"
    "def queue_sizes(request):\n"
    "    client = redis.StrictRedis.from_url(request.registry.settings.get('celery.broker_url'))\n"  # line 7
    "    return client.llen('reports')\n"
)
DEVELOPMENT = "[app:svc]\nuse = egg:svc\nredis.url = redis://localhost:6379/0\ncelery.broker_url = redis://localhost:6379/3\n"
PRODUCTION = ("[app:svc]\nuse = egg:svc\n{% if debug %}\npyramid.reload_templates = true\n{% endif %}\n"
              "redis.url = redis://127.0.0.1:6379/0\ncelery.broker_url = redis://localhost:6379/3\n")
SETUP = ("from setuptools import setup\n\nsetup(name='svc', packages=['svc'], install_requires=['pyramid', 'redis'],\n"
         "      entry_points={'paste.app_factory': ['main = svc:main']})\n")
# every finding, whether or not the project phase takes the code for the service's (project/scope.py)
BASE = {"setup.py": SETUP, "pyproject.toml": '[tool.prr-lint]\nscope = "all"\n'}
BOTH = [("svc/__init__.py", 8), ("svc/views.py", 7)]


def _tree(files: Dict[str, str]) -> Dict[str, str]:
    return {**BASE, "svc/__init__.py": APP, "svc/views.py": VIEWS, "development.ini": DEVELOPMENT,
            "svc/templates/ini/production.ini.jinja2": PRODUCTION, **files}


def test_settings_every_shipped_ini_file_points_at_this_host_are_loopback(tree_lines) -> None:
    """appenlight's shape: `settings["redis.url"]` in the app factory and `request.registry.settings[...]` in a
    view, each given `redis://localhost` by development.ini and by the production template an installer renders."""
    assert tree_lines(_tree({})) == []


@pytest.mark.parametrize("files, reported", [
    # the production template leaves the URL to the installer: the deployment decides
    ({"svc/templates/ini/production.ini.jinja2": PRODUCTION.replace("redis://127.0.0.1:6379/0", "{{ redis_url }}")},
     [("svc/__init__.py", 8)]),
    # a sample for the operator names another host
    ({"deploy/production.ini.sample": "[app:svc]\ncelery.broker_url = redis://queue.internal:6379/3\n"},
     [("svc/views.py", 7)]),
    # the code overrides the setting from the environment
    ({"svc/__init__.py": APP.replace("    redis_url = ", "    settings['redis.url'] = os.environ['REDIS_URL']\n    redis_url = ")
      .replace("import redis\n", "import os\nimport redis\n")}, [("svc/__init__.py", 10)]),
    # a table hands the key to a loop that copies the environment into the settings
    ({"svc/environment.py": "import os\n\nFROM_ENVIRONMENT = [('REDIS_URL', 'redis.url')]\n\n\n"
      "def apply(settings):\n    for variable, key in FROM_ENVIRONMENT:\n        if variable in os.environ:\n"
      "            settings[key] = os.environ[variable]\n"}, [("svc/__init__.py", 8)]),
    # a compose file runs the app in a container of its own: localhost is that container
    ({"docker-compose.yml": "services:\n  web:\n    build: .\n    command: pserve development.ini\n"
      "  redis:\n    image: redis:7\n"}, BOTH),
])
def test_a_setting_some_configuration_may_point_elsewhere_stays_reported(tree_lines, files: Dict[str, str], reported: list) -> None:
    assert tree_lines(_tree(files)) == reported


def test_a_setting_no_shipped_file_gives_stays_reported(tree_lines) -> None:
    """With no INI file the deployment brings its own, which may name any host."""
    assert tree_lines({**BASE, "svc/__init__.py": APP, "svc/views.py": VIEWS}) == BOTH


def test_a_commented_out_option_gives_no_value(tree_lines) -> None:
    """`# redis.url = redis://localhost:6379/0` is a hint for the operator, not the setting the app runs with."""
    commented = "[app:svc]\nuse = egg:svc\n# redis.url = redis://localhost:6379/0\n; celery.broker_url = redis://localhost:6379/3\n"
    assert tree_lines({**BASE, "svc/__init__.py": APP, "svc/views.py": VIEWS, "development.ini": commented}) == BOTH


EITHER = APP.replace("settings['redis.url']", "settings.get('redis.url') or 'redis://localhost:6379/0'")


@pytest.mark.parametrize("development, reported", [
    (DEVELOPMENT, []),  # both the INI files and the fallback name this host
    (DEVELOPMENT.replace("redis://localhost:6379/0", ""), []),  # a blank value: the client takes the fallback
    (DEVELOPMENT.replace("redis://localhost:6379/0", "redis://cache.internal:6379/0"), [("svc/__init__.py", 8)]),
])
def test_a_setting_read_as_the_first_of_a_or_b(tree_lines, development: str, reported: list) -> None:
    """`settings.get("redis.url") or "redis://localhost:6379/0"`: the setting may also be blank, as any key read so."""
    assert tree_lines(_tree({"svc/__init__.py": EITHER, "development.ini": development})) == reported


def test_a_blank_value_leaves_a_setting_read_alone_to_the_deployment(tree_lines) -> None:
    """Without a fallback, a blank `redis.url =` names no host: the deployment fills it in."""
    blank = DEVELOPMENT.replace("redis://localhost:6379/0", "")
    assert tree_lines(_tree({"development.ini": blank})) == [("svc/__init__.py", 8)]


def test_a_python_module_named_like_the_format_is_no_ini_file(tree_lines) -> None:
    """Sphinx's `docs/conf.py` is Python, not INI: its lines give the app's settings nothing."""
    conf = "project = 'svc'\nredis = object()\nredis.url = 'redis://prod.example.com:6379/0'\n"
    assert tree_lines(_tree({"docs/conf.py": conf})) == []


@pytest.mark.parametrize("files", [
    # a launch file passes the setting another host
    {"Procfile": "web: pserve production.ini redis.url=redis://cache.internal:6379/0\n"},
    # the code gives it a value of the environment's where the INI file gives none
    {"svc/__init__.py": APP.replace("    redis_url = ", "    settings.setdefault('redis.url', os.environ['REDIS_URL'])\n    redis_url = ")
     .replace("import redis\n", "import os\nimport redis\n")},
    {"svc/__init__.py": APP.replace("Configurator(settings=settings)", "Configurator(settings={**settings, 'redis.url': os.environ['REDIS_URL']})")
     .replace("import redis\n", "import os\nimport redis\n")},
])
def test_a_value_given_outside_the_ini_files_keeps_the_finding(tree_lines, files: Dict[str, str]) -> None:
    lines = [line for path, line in tree_lines(_tree(files)) if path == "svc/__init__.py"]
    assert len(lines) == 1
