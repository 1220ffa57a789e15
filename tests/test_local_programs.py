"""Programs that run on a developer's or an end user's machine, not in the deployed service: a helper only
the development compose stack starts (dev_helpers.py, dev_composes.py), a filesystem its users mount
(desktop_programs.py, user_packages.py). Both directions: the same code the deployment runs or the service
imports stays reported."""

from __future__ import annotations

from pathlib import Path

from prr_lint.project.dev_composes import builds, development_compose

API = (
    "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/health')\ndef health():\n    return {'ok': True}\n"
)
PING = (
    "import signal\nimport time\n\nimport requests\n\n\ndef is_ok(url):\n    return requests.get(url).ok\n\n\n"
    "def scan():\n    signal.signal(signal.SIGTERM, lambda number, frame: None)\n"
    "    while not is_ok('http://api:8000'):\n        time.sleep(5)\n    print('ready')\n\n\n"
    "if __name__ == '__main__':\n    scan()\n"
)
PING_DOCKERFILE = 'FROM python:3.12\nCOPY ping.py .\nRUN pip install requests\nCMD ["python", "ping.py"]\n'
API_DOCKERFILE = 'FROM python:3.12\nCOPY main.py .\nRUN pip install fastapi uvicorn\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n'
COMPOSE = (
    "services:\n  sonar:\n    build: ./sonar\n    depends_on:\n      - api\n"
    "  api:\n    build:\n      context: ./api\n    volumes:\n      - ./api:/app\n"
    '    command: ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]\n'
)


def _stack(compose: str = COMPOSE, **extra: str) -> dict:
    """pawls's local stack: an API, and a helper container that waits for it and says where the stack is."""
    return {"docker-compose.yaml": compose, "api/Dockerfile": API_DOCKERFILE, "api/main.py": API,
            "sonar/Dockerfile": PING_DOCKERFILE, "sonar/ping.py": PING, **extra}


def test_a_helper_only_the_development_compose_builds_and_runs_is_a_local_tool(tree_lines) -> None:
    assert tree_lines(_stack()) == []


def test_a_helper_a_compose_without_a_reloader_builds_is_deployed(tree_lines) -> None:
    """The same stack without `--reload`: a compose file that may be how the service runs."""
    assert tree_lines(_stack(COMPOSE.replace(', "--reload"', ""))) == [("sonar/ping.py", 8)]


def test_a_helper_image_a_ci_pipeline_builds_is_deployed(tree_lines) -> None:
    workflow = "on: push\njobs:\n  images:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t svc-sonar sonar\n"
    assert tree_lines(_stack(**{".github/workflows/images.yml": workflow})) == [("sonar/ping.py", 8)]


def test_a_helper_a_production_manifest_runs_is_deployed(tree_lines) -> None:
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                "        - name: ping\n          image: svc-api\n          command: [\"python\", \"ping.py\"]\n")
    assert tree_lines(_stack(**{"k8s/ping.yaml": manifest})) == [("sonar/ping.py", 8)]


def test_a_helper_an_image_above_it_holds_is_not_known_to_be_local(tree_lines) -> None:
    """A root image copies every program in: production may run the helper from it."""
    assert tree_lines(_stack(**{"Dockerfile": "FROM python:3.12\nCOPY . /app\n"})) == [("sonar/ping.py", 8)]


def test_a_development_compose_by_its_reloading_server_over_mounted_source() -> None:
    assert development_compose("docker-compose.yml", COMPOSE)
    assert development_compose("compose.yaml", "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n"
                               "    volumes:\n      - .:/code\n")
    baked = COMPOSE.replace("    volumes:\n      - ./api:/app\n", "")
    assert not development_compose("docker-compose.yml", baked)  # the code is in the image: a reloader there watches nothing
    assert not development_compose("docker-compose.yml", COMPOSE.replace(', "--reload"', ""))


def test_a_compose_files_builds_are_its_contexts_and_dockerfiles(tmp_path: Path) -> None:
    compose = str(tmp_path / "docker-compose.yml")
    text = "services:\n  a:\n    build: ./sonar\n  b:\n    build:\n      context: ui\n      dockerfile: Dockerfile-local\n    ports: []\n"
    assert list(builds(compose, text)) == [(str(tmp_path / "sonar"), str(tmp_path / "sonar" / "Dockerfile")),
                                           (str(tmp_path / "ui"), str(tmp_path / "ui" / "Dockerfile-local"))]
