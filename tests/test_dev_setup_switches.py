"""PRR501 and an environment switch only a developer's setup turns on (project/dev_setup.py): a module flag read
with a false default, `if FLAG: <the developer's way> else: <production's way>`, where `FLAG=true` appears only in a
development compose file (its app image built from `.devcontainer/Dockerfile.dev`) and the `.env.example` whose
`.env` it loads. The production image never sets it: the developer's way is not reported, production's is. A
production file setting it, taking it from outside, or loading that `.env`, keeps both reported."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

from prr_lint.project.dev_composes import development_compose
from prr_lint.project.dev_setup import development_files

_SETTINGS = "import os\n\nSANDBOX_MODE = os.environ.get('SANDBOX_MODE', '').lower() in ('1', 'true', 'yes')\n"
_PICTURES = (
    "import requests\n\nfrom svc.flags import SANDBOX_MODE\n\n\n"
    "def poster_ready(name):\n"
    "    if SANDBOX_MODE:\n"
    "        return requests.head('https://bucket.test/' + name).status_code == 200\n"
    "    else:\n"
    "        return requests.head('https://cdn.example.org/' + name).status_code == 200\n"
)
_APP = ("from flask import Flask\nfrom svc.pictures import poster_ready\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/poster/<name>')\ndef poster(name):\n    return str(poster_ready(name))\n")
_FILES = {"svc/__init__.py": "", "svc/app.py": _APP, "svc/flags.py": _SETTINGS, "svc/pictures.py": _PICTURES}
_IMAGE = "FROM python:3.12-slim\nCOPY . .\nCMD [\"gunicorn\", \"svc.app:app\"]\n"
_DEV_COMPOSE = (
    "services:\n  bot:\n    command: sleep infinity\n    build:\n      context: .\n      dockerfile: .devcontainer/Dockerfile.dev\n"
    "    environment:\n      - SANDBOX_MODE=true\n    env_file:\n      - .env\n    volumes:\n      - .:/srv\n"
    "  seed:\n    build: ./seed\n    env_file:\n      - .env\n"
)
_SHIPPED = {"Dockerfile": _IMAGE, "compose.yml": _DEV_COMPOSE, ".devcontainer/Dockerfile.dev": "FROM python:3.12\n",
            "seed/Dockerfile": "FROM postgres:17\n", ".env.example": "SANDBOX_MODE=true\nDATABASE_HOST=db\n"}
_BOTH = [("svc/pictures.py", 8), ("svc/pictures.py", 10)]


def test_the_way_only_the_development_setup_takes_is_not_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, _SHIPPED) == [("svc/pictures.py", 10)]


def test_a_switch_a_production_image_turns_on_keeps_both_ways(tmp_path: Path) -> None:
    shipped = {**_SHIPPED, "Dockerfile": _IMAGE.replace("COPY", "ENV SANDBOX_MODE=true\nCOPY")}
    assert shipped_findings(tmp_path, _FILES, shipped) == _BOTH


def test_a_switch_a_production_compose_takes_from_outside_keeps_both_ways(tmp_path: Path) -> None:
    production = "services:\n  bot:\n    image: registry.example.org/bot:1\n    environment:\n      SANDBOX_MODE: ${SANDBOX_MODE}\n"
    assert shipped_findings(tmp_path, _FILES, {**_SHIPPED, "docker-compose.prod.yml": production}) == _BOTH


def test_a_switch_a_manifest_takes_from_a_secret_keeps_both_ways(tmp_path: Path) -> None:
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: bot\n"
                "          env:\n            - name: SANDBOX_MODE\n              valueFrom:\n                secretKeyRef:\n"
                "                  name: bot\n                  key: sandbox\n")
    assert shipped_findings(tmp_path, _FILES, {**_SHIPPED, "deploy/bot.yaml": manifest}) == _BOTH


def test_an_env_sample_a_production_compose_also_loads_keeps_both_ways(tmp_path: Path) -> None:
    production = "services:\n  bot:\n    image: registry.example.org/bot:1\n    env_file:\n      - .env\n"
    shipped = {**_SHIPPED, "compose.yml": _DEV_COMPOSE.replace("      - SANDBOX_MODE=true\n", "      - TZ=UTC\n"),
               "docker-compose.prod.yml": production}
    assert shipped_findings(tmp_path, _FILES, shipped) == _BOTH


def test_with_only_a_developer_setup_the_deployment_is_elsewhere(tmp_path: Path) -> None:
    shipped = {name: text for name, text in _SHIPPED.items() if name != "Dockerfile"}
    assert shipped_findings(tmp_path, _FILES, shipped) == _BOTH


def test_a_choice_between_two_ways_no_file_turns_on_stays_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"Dockerfile": _IMAGE}) == _BOTH


def test_a_call_with_no_else_under_the_developer_switch_is_not_reported(tmp_path: Path) -> None:
    pictures = _PICTURES.replace("    else:\n        return requests.head('https://cdn", "    return requests.head('https://cdn")
    assert shipped_findings(tmp_path, {**_FILES, "svc/pictures.py": pictures}, _SHIPPED) == [("svc/pictures.py", 9)]


def test_a_compose_file_whose_code_image_is_a_development_one_is_development(tmp_path: Path) -> None:
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "Dockerfile").write_text("FROM postgres:17\n")
    compose = tmp_path / "compose.yml"
    assert development_compose("compose.yml", _DEV_COMPOSE, str(compose))
    assert not development_compose("compose.yml", _DEV_COMPOSE)  # without its path, every build counts
    (tmp_path / "seed" / "load.py").write_text("print('seeding')\n")  # a folder of Python may be the service's code
    assert not development_compose("compose.yml", _DEV_COMPOSE, str(compose))
    production = _DEV_COMPOSE.replace("      dockerfile: .devcontainer/Dockerfile.dev\n", "")
    assert not development_compose("compose.yml", production, str(compose))


def test_development_files_are_the_setup_a_developer_runs(tmp_path: Path) -> None:
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "Dockerfile").write_text("FROM postgres:17\n")
    launched = {str(tmp_path / name): text for name, text in {"seed/Dockerfile": "FROM postgres:17\n",
        "compose.yml": _DEV_COMPOSE, ".env.example": "SANDBOX_MODE=true\n", "Dockerfile": _IMAGE,
        ".devcontainer/Dockerfile.dev": "FROM python:3.12\n",
        "run.sh": "#!/bin/sh\nwatchfiles --filter python 'dotenv -f .env run -- python -m svc'\n",
        "start.sh": "#!/bin/sh\nexec gunicorn svc.app:app\n"}.items()}
    found = {Path(path).name for path in development_files(launched)}
    assert found == {"compose.yml", ".env.example", "Dockerfile.dev", "run.sh", "Dockerfile"}
    assert str(tmp_path / "Dockerfile") not in development_files(launched)  # the production image
    launched[str(tmp_path / "start.sh")] = "#!/bin/sh\nset -a\n. ./.env\nexec gunicorn svc.app:app\n"
    assert ".env.example" not in {Path(path).name for path in development_files(launched)}
