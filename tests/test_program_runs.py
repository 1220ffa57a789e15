"""Which program files the deployment's commands run (project/program_runs.py), the one answer PRR501's and the
dead-code scope and PRR506 share: each case once where the command runs the file and once where it does not."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

from prr_lint.project.program_runs import ProgramRuns, command_text
from prr_lint.stamps import is_container_file, is_launch_file

# Three programs share the file name `server.py`; one has a name of its own.
MODULES = {"services.api.server": "services/api/server.py", "services.admin.server": "services/admin/server.py",
           "server": "server.py", "tools.reindex": "tools/reindex.py", "svc.__main__": "svc/__main__.py",
           "web.api.serve": "web/api/serve.py", "bin.crank": "bin/crank-market"}


def _run(root: Path, deployment: Dict[str, str]) -> List[str]:
    for path in MODULES.values():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    texts = {str(root / path): text for path, text in deployment.items()}
    for path in texts:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    runs = ProgramRuns(texts, str(root), MODULES)
    return sorted(name for name, path in MODULES.items() if runs.runs(name, path))


def test_a_copy_runs_nothing(tmp_path: Path) -> None:
    image = "FROM python:3.12\nWORKDIR /app\nCOPY tools/reindex.py .\nADD server.py /app/\nCMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__"]


def test_a_command_after_the_copy_runs_the_copied_file(tmp_path: Path) -> None:
    image = "FROM python:3.12\nWORKDIR /app\nCOPY tools/reindex.py .\nCMD [\"python\", \"reindex.py\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["tools.reindex"]


@pytest.mark.parametrize("command", ["python3 -u server.py", "python3 -OO server.py", "python -X dev server.py",
                                     '["python3", "-u", "server.py"]', "python -W ignore -u ./server.py"])
def test_interpreter_flags_before_a_shared_name_resolved_through_workdir_and_copy(tmp_path: Path, command: str) -> None:
    """`services/api/` copied to the WORKDIR: the `server.py` the command names is that one, not the others."""
    image = f"FROM python:3.12\nWORKDIR /app\nCOPY services/api/ .\nCMD {command}\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["services.api.server"]


def test_a_shared_name_no_image_places_runs_every_candidate(tmp_path: Path) -> None:
    """A Procfile's `python3 -u server.py`: which `server.py` is unknown, so each counts as run; a path with
    folders picks the files it ends with."""
    assert _run(tmp_path / "bare", {"Procfile": "web: python3 -u server.py\n"}) == ["server", "services.admin.server", "services.api.server"]
    assert _run(tmp_path / "path", {"Procfile": "web: python3 -u /srv/app/services/admin/server.py\n"}) == ["services.admin.server"]


def test_an_image_with_no_command_runs_its_copies_unless_a_deployment_command_runs_one_of_them(tmp_path: Path) -> None:
    """Its command is given elsewhere (a README's `docker run`): each program it copies may be that command. When a
    deployment command runs one of its copies (a compose service that builds it, a crontab it installs), that command
    is the one given elsewhere: its other copies count only when a command names them. A command that runs a program
    the image does not copy says nothing of it."""
    image = "FROM python:3.12\nWORKDIR /app\nCOPY . /app\n"
    assert _run(tmp_path / "unknown", {"Dockerfile": image}) == sorted(MODULES)
    compose = "services:\n  api:\n    build: .\n    command: python -u services/api/server.py\n"
    assert _run(tmp_path / "started", {"Dockerfile": image, "compose.yaml": compose}) == ["services.api.server"]
    tools = {"Dockerfile": "FROM python:3.12\nCOPY tools /app/tools\n", "Procfile": "web: python -m svc\n"}
    assert _run(tmp_path / "elsewhere", tools) == ["svc.__main__", "tools.reindex"]


def test_a_compose_command_is_placed_by_the_image_its_project_builds(tmp_path: Path) -> None:
    image = "FROM python:3.12\nWORKDIR /app\nCOPY services/admin /app\n"
    compose = "services:\n  admin:\n    build: .\n    command: [\"python\", \"-u\", \"server.py\"]\n"
    assert _run(tmp_path, {"Dockerfile": image, "compose.yaml": compose}) == ["services.admin.server"]


def test_a_module_run_with_m(tmp_path: Path) -> None:
    """`-m svc` runs `svc/__main__.py`; `-m api.serve` the module it ends (copied `web/api` to `./api`), or, placed
    by the image, its file; `-m http.server` is no project module."""
    assert _run(tmp_path / "package", {"Procfile": "worker: python -u -m svc --loop\n"}) == ["svc.__main__"]
    assert _run(tmp_path / "tail", {"compose.yaml": "command:\n  - python\n  - -m\n  - api.serve\n"}) == ["web.api.serve"]
    image = "FROM python:3.12\nWORKDIR /srv\nCOPY web/api ./api\nCMD python -m api.serve\n"
    assert _run(tmp_path / "placed", {"Dockerfile": image}) == ["web.api.serve"]
    assert _run(tmp_path / "other", {"Procfile": "web: python -m http.server\n"}) == []


def test_a_containerfile_is_read_as_an_image_file(tmp_path: Path) -> None:
    """Podman's names: its COPY runs nothing, its CMD resolves through its WORKDIR and copies."""
    image = "FROM python:3.12\nWORKDIR /app\nCOPY services/api/ .\nCOPY tools/reindex.py /opt/\nCMD python3 -u server.py\n"
    for name in ("Containerfile", "api.Containerfile", "Containerfile.api"):
        assert _run(tmp_path / name, {f"deploy/{name}": image}) == ["services.api.server"]


def test_an_image_without_a_command_runs_what_it_copies(tmp_path: Path) -> None:
    """The command is given where it is started (`docker run img python reindex.py`)."""
    assert _run(tmp_path / "bare", {"Dockerfile": "FROM python:3.12\nCOPY tools /app/tools\n"}) == ["tools.reindex"]
    assert _run(tmp_path / "command", {"Dockerfile": "FROM python:3.12\nCOPY tools /app/tools\nCMD python -m svc\n"}) == ["svc.__main__"]


def test_a_program_on_path_by_its_file_name(tmp_path: Path) -> None:
    assert _run(tmp_path / "run", {"crontab": "0 * * * * crank-market --once\n"}) == ["bin.crank"]
    assert _run(tmp_path / "other", {"crontab": "0 * * * * crank-other --once\n"}) == []


@pytest.mark.parametrize("name", ["Dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "Containerfile.worker",
                                  "api.Containerfile", "api.containerfile"])
def test_a_containerfile_is_an_image_and_launch_file_like_a_dockerfile(name: str) -> None:
    assert is_container_file(f"deploy/{name}") and is_launch_file(f"deploy/{name}")


@pytest.mark.parametrize("name", ["container.py", "docs/containers.rst", "Makefile", "build.containers.yaml"])
def test_other_files_are_no_image_files(name: str) -> None:
    assert not is_container_file(name)


def test_what_an_image_places_names_nothing_its_commands_do(tmp_path: Path) -> None:
    """The text the readers of names share (command_text): an image's commands and settings, not what its FROM,
    WORKDIR, COPY and ADD place; an image with no command keeps its copies (a command given elsewhere may run them)."""
    image = "FROM python:3.12 AS legacy\nWORKDIR /app\nCOPY tools/reindex.py .\nADD legacy.py /app/\nENV APP=svc.api\nCMD python -m svc\n"
    assert command_text("Dockerfile", image).split() == ["APP=svc.api", "python", "-m", "svc"]
    uncommanded = "FROM python:3.12\nCOPY tools/reindex.py /app/\n"
    assert command_text("deploy/Containerfile", uncommanded) == uncommanded
    assert command_text("Procfile", "web: python legacy.py\n") == "web: python legacy.py\n"
