"""A program only an image's RUN executes is a build step, not run by the deployment (project/build_steps.py, read by
program_runs.py): borgmatic's `RUN /app/docs/fetch-contributors >> /contributors.html`, which fetches the docs site's
contributor list while the docs image is built. A RUN that only hands the program on (`chmod`, `cp`, `ln -s`), writes
a command line that runs it later (a crontab, a supervisor file, a here document) or any other deployment text that
runs it keeps it run."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk

from prr_lint.project.build_steps import build_executed
from prr_lint.project.program_runs import ProgramRuns

MODULES = {"svc.__main__": "svc/__main__.py", "tools.reindex": "tools/reindex.py", "docs.fetch": "docs/fetch-contributors"}
IMAGE = "FROM python:3.12\nWORKDIR /app\nCOPY . /app\n"


def _run(root: Path, deployment: Dict[str, str]) -> List[str]:
    for path in MODULES.values():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    runs = ProgramRuns({str(root / path): text for path, text in deployment.items()}, str(root), MODULES)
    return sorted(name for name, path in MODULES.items() if runs.runs(name, path))


def _executed(argument: str) -> List[str]:
    return sorted(argument[start:end] for start, end in build_executed(argument))


def test_the_borgmatic_shape_a_build_step_of_an_image_with_no_command(tmp_path: Path) -> None:
    """The docs image copies the project and has no command: a command given elsewhere may run each copy, but its RUN
    names the program it runs at build, which is then no program of the image's command; nothing else names it."""
    image = "FROM alpine:3.20\nCOPY . /app\nRUN /app/docs/fetch-contributors >> /contributors.html\n"
    assert _run(tmp_path, {"docs/Dockerfile": image}) == []


@pytest.mark.parametrize("run", [
    "python3 -u tools/reindex.py", "cd /app && python tools/reindex.py --all", "apk add curl; /app/tools/reindex.py",
    "DEBUG=1 /usr/local/bin/python3.12 -W ignore tools/reindex.py", "python -m tools.reindex > /app/index.json",
    "--mount=type=cache,target=/root/.cache python tools/reindex.py", "if true; then python tools/reindex.py; fi",
    "pip install -r requirements.txt && python -X dev tools/reindex.py | tee /build.log"])
def test_a_program_a_run_executes_is_a_build_step(tmp_path: Path, run: str) -> None:
    image = f"{IMAGE}RUN {run}\nCMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__"]


@pytest.mark.parametrize("run", [
    "chmod +x /app/tools/reindex.py", "cp /app/tools/reindex.py /usr/local/bin/", "ln -s /app/tools/reindex.py /usr/local/bin/reindex",
    "echo \"* * * * * python /app/tools/reindex.py\" >> /etc/crontab", "echo '0 * * * * python /app/tools/reindex.py' | crontab -",
    "echo 0 \\* \\* \\* \\* python /app/tools/reindex.py >> /etc/crontab", "echo python /app/tools/reindex.py >> /etc/crontab",
    "printf '%s\\n' '[program:reindex]' 'command=python /app/tools/reindex.py' > /etc/supervisor/conf.d/reindex.conf",
    "echo command=python /app/tools/reindex.py | tee /etc/supervisor/conf.d/reindex.conf",
    "sh -c 'python /app/tools/reindex.py'", "python -c 'import tools.reindex' /app/tools/reindex.py",
    "[\"python\", \"/app/tools/reindex.py\"]", "echo $(python /app/tools/reindex.py) > /x"])
def test_a_run_that_only_hands_the_program_on_keeps_it_run(tmp_path: Path, run: str) -> None:
    """It puts the program in place or writes a command line that runs it later: no build step (nor, read
    conservatively, a command hidden in quotes, an exec form or a substitution)."""
    image = f"{IMAGE}RUN {run}\nCMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__", "tools.reindex"]


def test_a_here_document_keeps_what_it_writes_run(tmp_path: Path) -> None:
    image = f"{IMAGE}RUN cat <<EOF > /etc/cron.d/reindex\n0 * * * * root python /app/tools/reindex.py\nEOF\nCMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__", "tools.reindex"]


@pytest.mark.parametrize("other", [
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py --check\nCMD [\"python\", \"tools/reindex.py\"]\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nENTRYPOINT [\"/app/tools/reindex.py\"]\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nCMD [\"python\", \"-m\", \"svc\"]\n",
     "compose.yaml": "services:\n  reindex:\n    build: .\n    command: python tools/reindex.py\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nCMD [\"python\", \"-m\", \"svc\"]\n", "Procfile": "worker: python tools/reindex.py\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nCMD [\"python\", \"-m\", \"svc\"]\n", "crontab": "0 * * * * python /app/tools/reindex.py\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nCMD [\"python\", \"-m\", \"svc\"]\n",
     "reindex.service": "[Service]\nExecStart=/usr/bin/python3 /app/tools/reindex.py\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nCMD [\"/app/start.sh\"]\n", "start.sh": "python tools/reindex.py &\npython -m svc\n"},
    {"Dockerfile": f"{IMAGE}RUN python tools/reindex.py\nRUN echo '0 * * * * python /app/tools/reindex.py' | crontab -\nCMD [\"cron\", \"-f\"]\n"},
])
def test_another_deployment_text_that_runs_the_program_keeps_it_run(tmp_path: Path, other: Dict[str, str]) -> None:
    """A build step only when every naming is a build's: a CMD, an ENTRYPOINT, a compose command, a Procfile, a crontab,
    a systemd unit, a start script, a crontab a RUN installs."""
    assert "tools.reindex" in _run(tmp_path, other)


def test_the_words_a_build_executes() -> None:
    assert _executed("cd /src && DEBUG=1 python -u -W ignore gen.py --all | tee out; ./post.sh > /x") == ["./post.sh", "cd", "gen.py", "tee"]
    assert _executed("python -m pkg.gen && bash -e build.sh && chmod +x run.py") == ["build.sh", "chmod", "pkg.gen"]
    assert _executed("echo 'python gen.py' >> /etc/crontab") == ["echo"]
    assert _executed("cat <<EOF > /etc/crontab") == []


FETCH = (
    "#!/usr/bin/python\nimport requests\n\n"
    "def contributors(url):\n    return requests.get(url).json()\n\n"  # line 5
    "if __name__ == '__main__':\n    print(contributors('https://example.com/pulls'))\n"
)
APP = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'ok'\n"


def _found(tmp_path: Path, dockerfile: str, **files: str) -> List[Tuple[str, int]]:
    sources = {"svc/__init__.py": "", "svc/app.py": APP, "docs/fetch_contributors.py": FETCH, **files}
    result = run_on_disk(tmp_path, sources, whole_project=True, on_disk_only={"docs/Dockerfile": dockerfile},
                         launch_files=("docs/Dockerfile",))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_a_build_steps_findings_are_left_out(tmp_path: Path) -> None:
    """VALID: the docs image runs the program only while it is built (borgmatic's `docs/fetch-contributors`)."""
    image = "FROM alpine:3.20\nCOPY . /app\nRUN /app/docs/fetch_contributors.py >> /contributors.html\n"
    assert _found(tmp_path, image) == []


@pytest.mark.parametrize("image", [
    "FROM alpine:3.20\nCOPY . /app\nRUN /app/docs/fetch_contributors.py >> /contributors.html\nCMD [\"/app/docs/fetch_contributors.py\"]\n",
    "FROM alpine:3.20\nCOPY . /app\nRUN echo '0 * * * * /app/docs/fetch_contributors.py' | crontab -\nCMD [\"crond\", \"-f\"]\n",
    "FROM alpine:3.20\nCOPY . /app\nRUN chmod +x /app/docs/fetch_contributors.py\n",
])
def test_a_program_the_deployment_runs_keeps_its_findings(tmp_path: Path, image: str) -> None:
    """INVALID: the image's command runs it, a crontab a RUN writes runs it, or an image with no command copies it and
    its RUN only makes it executable (a command given elsewhere may run it)."""
    assert _found(tmp_path, image) == [("docs/fetch_contributors.py", 5)]


def test_a_build_step_the_service_imports_keeps_the_services_findings(tmp_path: Path) -> None:
    """INVALID: a served module imports the build step's module and calls its function: that is the service's code."""
    view = APP + "\nfrom docs.fetch_contributors import contributors\n\n@app.route('/people')\ndef people():\n    return contributors('https://example.com')\n"
    image = "FROM alpine:3.20\nCOPY . /app\nRUN /app/docs/fetch_contributors.py >> /contributors.html\nCMD [\"gunicorn\", \"svc.app:app\"]\n"
    assert _found(tmp_path, image, **{"svc/app.py": view, "docs/__init__.py": ""}) == [("docs/fetch_contributors.py", 5)]
