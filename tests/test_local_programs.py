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
    assert development_compose("compose.yaml", "services:\n  web:\n    command: flask --app svc run --debug\n    volumes:\n      - ./svc:/svc\n")
    assert not development_compose("compose.yaml", "services:\n  web:\n    command: svc serve --debug\n    volumes:\n      - ./conf:/etc/svc\n")
    baked = COMPOSE.replace("    volumes:\n      - ./api:/app\n", "")
    assert not development_compose("docker-compose.yml", baked)  # the code is in the image: a reloader there watches nothing
    assert not development_compose("docker-compose.yml", COMPOSE.replace(', "--reload"', ""))


def test_a_compose_files_builds_are_its_contexts_and_dockerfiles(tmp_path: Path) -> None:
    compose = str(tmp_path / "docker-compose.yml")
    text = "services:\n  a:\n    build: ./sonar\n  b:\n    build:\n      context: ui\n      dockerfile: Dockerfile-local\n    ports: []\n"
    assert list(builds(compose, text)) == [(str(tmp_path / "sonar"), str(tmp_path / "sonar" / "Dockerfile")),
                                           (str(tmp_path / "ui"), str(tmp_path / "ui" / "Dockerfile-local"))]


SERVICE = "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/')\ndef index():\n    return 'ok'\n"
OPERATIONS = (
    "import errno\n\nimport fuse\n\nfrom fsdrive.resolver import Resolver\n\n\n"
    "class Operations(fuse.Operations):\n    def __init__(self):\n        self.resolver = Resolver()\n\n"
    "    def read(self, path, size, offset, fh):\n        return self.resolver.read(path)[offset:offset + size]\n\n\n"
    "def mount(mountpoint):\n    fuse.FUSE(Operations(), mountpoint, foreground=True)\n"
)
MAIN = "import sys\n\nfrom fsdrive.operations import mount\n\n\ndef main():\n    mount(sys.argv[1])\n\n\nif __name__ == '__main__':\n    main()\n"
RESOLVER = (
    "import http.client\n\n\nclass Resolver:\n    def read(self, path):\n"
    "        connection = http.client.HTTPSConnection('api.example.org')\n"
    "        connection.request('GET', path)\n        return connection.getresponse().read()\n"
)
SETUP = "from setuptools import setup\n\nsetup(name='fsdrive', packages=['fsdrive'], install_requires=['fusepy'])\n"


def _drive(**extra: str) -> dict:
    """DataONE's ONEDrive beside its service: a distribution of its own inside a package folder, a FUSE
    filesystem whose operations the kernel calls (the call graph does not reach them)."""
    return {"svc/__init__.py": "", "svc/app.py": SERVICE, "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD gunicorn svc.app:app\n",
            "client_drive/__init__.py": "", "client_drive/src/setup.py": SETUP, "client_drive/src/fsdrive/__init__.py": "",
            "client_drive/src/fsdrive/main.py": MAIN, "client_drive/src/fsdrive/operations.py": OPERATIONS,
            "client_drive/src/fsdrive/resolver.py": RESOLVER, **extra}


def test_a_filesystem_its_users_mount_is_not_the_service(tree_lines) -> None:
    assert tree_lines(_drive()) == []


def test_a_filesystems_code_the_service_imports_is_the_service(tree_lines) -> None:
    view = SERVICE.replace("import requests\n", "from fsdrive.resolver import Resolver\n") + \
        "\n\n@app.get('/files/<path:path>')\ndef file(path):\n    return Resolver().read(path)\n"
    assert tree_lines(_drive(**{"svc/app.py": view})) == [("client_drive/src/fsdrive/resolver.py", 6)]


def test_a_filesystem_a_deployment_file_runs_is_the_service(tree_lines) -> None:
    """A storage sidecar: the mount is how the deployment serves the files."""
    compose = "services:\n  drive:\n    build: .\n    command: python client_drive/src/fsdrive/main.py /mnt/data\n"
    assert tree_lines(_drive(**{"docker-compose.yml": compose})) == [("client_drive/src/fsdrive/resolver.py", 6)]


def test_a_package_folder_distribution_that_mounts_nothing_ships_with_its_package(tree_lines) -> None:
    operations = OPERATIONS.replace("    fuse.FUSE(Operations(), mountpoint, foreground=True)\n", "    return Operations()\n")
    assert tree_lines(_drive(**{"client_drive/src/fsdrive/operations.py": operations})) == [("client_drive/src/fsdrive/resolver.py", 6)]
