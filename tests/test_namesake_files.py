"""Files of one module name in several import roots (project/namesake_files.py): each service loads its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List

from _serving import REGISTRY, settings_with

from prr_lint.engine import FileJob, Plan
from prr_lint.modules import module_name
from prr_lint.runner import run_jobs

# Two services of one repository, each deployed from its own folder, whose packages share the name `request_api`
# (foi-flow's historical-search-api and request-management-api).
INIT = ("import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n{config}\n\n"
        "def create_app(run_mode=os.getenv('FLASK_ENV', 'development')):\n"
        "    from request_api.resources import API_BLUEPRINT\n    app.register_blueprint(API_BLUEPRINT)\n    return app\n")
RESOURCES = ("from flask import Blueprint, jsonify\n{imports}\nAPI_BLUEPRINT = Blueprint('API', __name__)\n\n\n"
             "@API_BLUEPRINT.route('/requests')\ndef requests_list():\n    return jsonify({body})\n")
KEYCLOAK = ("import os\n\nimport requests\n\n\nclass KeycloakAdminService:\n    def get_token(self):\n"
            "        return requests.post(os.getenv('KEYCLOAK_URL'), data={'grant_type': 'client_credentials'}).json()\n\n"
            "    def getgroups(self):\n        return requests.get(os.getenv('KEYCLOAK_URL') + '/groups').json()\n")
CACHE = ("import os\n\nimport redis\n\n\nclass Config(object):\n    CACHE_TYPE = 'RedisCache'\n\n\n"
         "cache_client = redis.from_url(os.getenv('CACHE_REDISURL'))\n\n\ndef cache_filter():\n"
         "    return cache_client.ping()\n")
WSGI = "from request_api import create_app\n\napplication = create_app()\n"
DOCKERFILE = "FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\nCMD gunicorn wsgi:application\n"


def _service(folder: str, config: str = "", imports: str = "", body: str = "[]") -> Dict[str, str]:
    return {f"{folder}/wsgi.py": WSGI, f"{folder}/dockerfile": DOCKERFILE,
            f"{folder}/request_api/__init__.py": INIT.replace("{config}", config),
            f"{folder}/request_api/resources/__init__.py": RESOURCES.replace("{imports}", imports).replace("{body}", body),
            f"{folder}/request_api/services/__init__.py": '"""Services."""\n',
            f"{folder}/request_api/services/external/__init__.py": "",
            f"{folder}/request_api/services/external/keycloakadminservice.py": KEYCLOAK,
            f"{folder}/request_api/utils/__init__.py": "", f"{folder}/request_api/utils/cache.py": CACHE}


MANAGEMENT = _service("request-management-api", "app.config.from_object('request_api.utils.cache.Config')",
                      "from request_api.services.external.keycloakadminservice import KeycloakAdminService\n",
                      "KeycloakAdminService().getgroups()")


def _findings(root: Path, files: Dict[str, str]) -> List[str]:
    """PRR501's findings of a run over the whole tree, its modules named as discovery names them (each service's
    folder, no identifier, is an import root)."""
    jobs = []
    for name, text in sorted(files.items()):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
        if name.endswith(".py"):
            jobs.append(FileJob(name, *module_name(str(root / name), str(root)), text.encode()))
    launch = tuple(str(root / name) for name in files if name.endswith("dockerfile"))
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True, launch_files=launch)
    return sorted(f"{f.path}:{f.span.line}" for f in run_jobs(jobs, plan).findings)


def test_a_module_only_another_services_namesake_imports_is_not_loaded(tmp_path: Path) -> None:
    """The historical search service imports neither its Keycloak client nor its cache module (only a commented-out setting
    names it; pip's `--no-cache-dir` runs nothing): the management service's imports load its own files."""
    search = _service("historical-search-api", "# app.config.from_object('request_api.utils.cache.Config')")
    assert _findings(tmp_path, {**MANAGEMENT, **search}) == [
        "request-management-api/request_api/services/external/keycloakadminservice.py:11",
        "request-management-api/request_api/utils/cache.py:10"]


def test_a_namesake_its_own_service_imports_or_names_by_a_dotted_path_keeps_its_findings(tmp_path: Path) -> None:
    search = _service("historical-search-api", "app.config.from_object('request_api.utils.cache.Config')",
                      "from request_api.services.external import keycloakadminservice\n",
                      "keycloakadminservice.KeycloakAdminService().getgroups()")
    found = _findings(tmp_path, {**MANAGEMENT, **search})
    assert "historical-search-api/request_api/services/external/keycloakadminservice.py:11" in found
    assert "historical-search-api/request_api/utils/cache.py:10" in found


def test_a_program_above_both_services_may_load_either(tmp_path: Path) -> None:
    """A script at the top of the repository may put either folder on `sys.path`: what it imports stays loaded."""
    search = _service("historical-search-api")
    top = {"warm_cache.py": "from request_api.utils.cache import cache_filter\n\nif __name__ == '__main__':\n    cache_filter()\n"}
    assert "historical-search-api/request_api/utils/cache.py:10" in _findings(tmp_path, {**MANAGEMENT, **search, **top})
