"""A program only a RUN of a stage the build throws away executes is a build step, not run by the deployment
(project/build_steps.py, image_stages.py, read by program_runs.py): borgmatic's builder stage runs `RUN
/app/docs/fetch-contributors >> /contributors.html`, and the docs image's last stage (`FROM nginx`) takes only that
output. A RUN of a stage that ships (the last, one it is built FROM, a target, one whose copied files a later stage
takes out), a RUN that only hands the program on (`chmod`, `cp`, `ln -s`), writes a command line that runs it later
(a crontab, a supervisor file, a here document) or any other deployment text that runs it keeps it run."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk

from prr_lint.project.build_steps import build_executed, without_build_steps
from prr_lint.project.program_runs import ProgramRuns

MODULES = {"svc.__main__": "svc/__main__.py", "tools.reindex": "tools/reindex.py", "docs.fetch": "docs/fetch-contributors"}
IMAGE = "FROM python:3.12\nWORKDIR /app\nCOPY . /app\n"
BUILDER = "FROM python:3.12 AS build\nWORKDIR /app\nCOPY . /app\n"
SHIP = "FROM python:3.12-slim\nCOPY --from=build /out /out\n"


def _run(root: Path, deployment: Dict[str, str]) -> List[str]:
    for path in MODULES.values():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    runs = ProgramRuns({str(root / path): text for path, text in deployment.items()}, str(root), MODULES)
    return sorted(name for name, path in MODULES.items() if runs.runs(name, path))


def _executed(argument: str) -> List[str]:
    return sorted(argument[start:end] for start, end in build_executed(argument))


BORGMATIC = ("FROM alpine:3.20 AS borgmatic\nCOPY . /app\nRUN pip install /app\nRUN /app/docs/fetch-contributors >> /contributors.html\n"
             "FROM node:22-alpine AS html\nWORKDIR /source\nCOPY --from=borgmatic /contributors.html /source/docs/contributors.html\n"
             "COPY . /source\nRUN npx eleventy --input=/source/docs --output=/output\n"
             "FROM nginx:1.26-alpine\nCOPY --from=html /output /usr/share/nginx/html\n")


def test_the_borgmatic_shape_a_build_step_of_a_thrown_away_stage(tmp_path: Path) -> None:
    """The docs image has no command, but its last stage takes only generated files out of the stages that copy the
    project: the program its builder stage runs is no copy of the image that is started; nothing else names it."""
    assert _run(tmp_path, {"docs/Dockerfile": BORGMATIC}) == []


@pytest.mark.parametrize("image", [
    IMAGE + "RUN python tools/reindex.py\n",  # review case a2: one stage, no command: a command elsewhere may run it
    IMAGE + "RUN python tools/reindex.py\nCMD [\"python\", \"-m\", \"svc\"]\n",  # the stage ships: a cron it installs may run it
    BUILDER + "RUN python tools/reindex.py\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCMD [\"python\", \"-m\", \"svc\"]\n",
    BUILDER + "RUN python tools/reindex.py\nFROM python:3.12-slim\nCOPY --from=0 /app/tools/ /app/tools/\n",
    BUILDER + "RUN python tools/reindex.py\nFROM python:3.12-slim\nCOPY --from=build app/ /app/\n",  # a relative source: any
    BUILDER + "RUN python tools/reindex.py\nFROM build\nCMD [\"python\", \"-m\", \"svc\"]\n",  # the last stage is built FROM it
    BUILDER + "RUN python tools/reindex.py\nFROM build AS more\nFROM python:3.12-slim\nCOPY --from=more /app /app\n",
    BUILDER + "RUN python tools/reindex.py\nFROM python:3.12-slim\nRUN --mount=type=bind,from=build,target=/src cp -r /src /app\n",
    BUILDER + "RUN python tools/reindex.py\nFROM python:3.12-slim\n",  # nothing takes out of `build`: a stage a --target builds
    BUILDER + "RUN python tools/reindex.py\nFROM ${BASE}\nCOPY --from=build /out /out\n",  # a base the shell fills in
])
def test_a_run_of_a_stage_that_ships_keeps_the_program_run(tmp_path: Path, image: str) -> None:
    """The program's file reaches the image that is started (review cases a2, c_cron: the RUN is no evidence that
    nothing runs it later), or the stage may be the one built: main's reading, the RUN names it as run."""
    assert "tools.reindex" in _run(tmp_path, {"Dockerfile": image})


@pytest.mark.parametrize("image", [
    "CMD python tools/reindex.py\n",  # no FROM at all (a fragment, a template): instructions before any stage
    "RUN python tools/reindex.py\nCMD python -m svc\n",
    "COPY . /app\nRUN python tools/reindex.py\nFROM python:3.12\nCOPY --from=0 /app /app\n",
])
def test_instructions_before_any_from_are_read_without_crashing(tmp_path: Path, image: str) -> None:
    """A file with no FROM (or instructions above the first) has no stage: its RUN ships as main reads it, and the
    stage reading must not fail on it (it did: an IndexError crashed the project phase's scope filters)."""
    assert "tools.reindex" in _run(tmp_path, {"Dockerfile": image})


@pytest.mark.parametrize("target", ["compose.yaml", "Makefile"])
def test_a_targeted_stage_ships(tmp_path: Path, target: str) -> None:
    image = BUILDER + "RUN python tools/reindex.py\n" + SHIP + "CMD [\"python\", \"-m\", \"svc\"]\n"
    text = {"compose.yaml": "services:\n  job:\n    build:\n      context: .\n      target: build\n",
            "Makefile": "job:\n\tdocker build --target=build .\n"}[target]
    assert "tools.reindex" in _run(tmp_path, {"Dockerfile": image, target: text})


@pytest.mark.parametrize("run", [
    "python3 -u tools/reindex.py", "cd /app && python tools/reindex.py --all", "apk add curl; /app/tools/reindex.py",
    "DEBUG=1 /usr/local/bin/python3.12 -W ignore tools/reindex.py", "python -m tools.reindex > /app/index.json",
    "--mount=type=cache,target=/root/.cache python tools/reindex.py", "if true; then python tools/reindex.py; fi",
    "pip install -r requirements.txt && python -X dev tools/reindex.py | tee /build.log"])
def test_a_program_a_run_executes_is_a_build_step(tmp_path: Path, run: str) -> None:
    image = f"{BUILDER}RUN {run}\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n"
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
    image = f"{BUILDER}RUN {run}\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__", "tools.reindex"]


def test_a_here_document_keeps_what_it_writes_run(tmp_path: Path) -> None:
    image = f"{BUILDER}RUN cat <<EOF > /etc/cron.d/reindex\n0 * * * * root python /app/tools/reindex.py\nEOF\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n"
    assert _run(tmp_path, {"Dockerfile": image}) == ["svc.__main__", "tools.reindex"]


@pytest.mark.parametrize("other", [
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py --check\n{SHIP}CMD [\"python\", \"tools/reindex.py\"]\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}ENTRYPOINT [\"/app/tools/reindex.py\"]\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n",
     "compose.yaml": "services:\n  reindex:\n    build: .\n    command: python tools/reindex.py\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n", "Procfile": "worker: python tools/reindex.py\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n", "crontab": "0 * * * * python /app/tools/reindex.py\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}CMD [\"python\", \"-m\", \"svc\"]\n",
     "reindex.service": "[Service]\nExecStart=/usr/bin/python3 /app/tools/reindex.py\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}CMD [\"/app/start.sh\"]\n", "start.sh": "python tools/reindex.py &\npython -m svc\n"},
    {"Dockerfile": f"{BUILDER}RUN python tools/reindex.py\n{SHIP}RUN echo '0 * * * * python /app/tools/reindex.py' | crontab -\nCMD [\"cron\", \"-f\"]\n"},
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
    assert _executed("echo hi # && python /app/x.py") == ["echo"]
    assert _executed("echo '# not a comment' && python /app/x.py") == ["/app/x.py", "echo"]


def test_the_command_text_without_build_steps() -> None:
    """The words RUNs execute are blanked for the readers of command lines (schedules.py); a command line a RUN writes,
    every other instruction, and all from a here document on stay as written; an `escape` directive keeps the file."""
    image = "FROM python:3.12\nRUN A=1 ./manage.py fetch \\\n  && echo 'manage.py sync' >> /jobs\nCMD manage.py serve\n"
    assert without_build_steps(image, image) == "FROM python:3.12\nRUN A=1 ; fetch  && ; 'manage.py sync' >> /jobs\nCMD manage.py serve"
    heredoc = "RUN cat <<EOF > /jobs\nRUN python manage.py sync\nEOF\nRUN python manage.py fetch\n"
    assert without_build_steps(heredoc, heredoc) == heredoc  # a here document keeps the whole file
    assert without_build_steps("RUN python manage.py fetch", "# escape=`\nRUN python manage.py fetch") == "RUN python manage.py fetch"


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


DOCS = ("FROM alpine:3.20 AS docs\nCOPY . /app\nRUN /app/docs/fetch_contributors.py >> /contributors.html\n"
        "FROM nginx:1.26-alpine\nCOPY --from=docs /contributors.html /usr/share/nginx/html/\n")


def test_a_build_steps_findings_are_left_out(tmp_path: Path) -> None:
    """VALID: the docs image's builder stage runs the program while it is built, and its last stage takes only the
    program's output (borgmatic's `docs/fetch-contributors`)."""
    assert _found(tmp_path, DOCS) == []


@pytest.mark.parametrize("image", [
    DOCS + "CMD [\"/app/docs/fetch_contributors.py\"]\n",
    DOCS.replace("/contributors.html /usr", "/app /app"),  # the last stage takes the copied program out
    "FROM alpine:3.20\nCOPY . /app\nRUN echo '0 * * * * /app/docs/fetch_contributors.py' | crontab -\nCMD [\"crond\", \"-f\"]\n",
    "FROM alpine:3.20\nCOPY . /app\nRUN chmod +x /app/docs/fetch_contributors.py\n",
    # review case a2: one stage, no command, a CronJob elsewhere runs it; its RUN runs it once at build
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install requests\nRUN python docs/fetch_contributors.py\n",
    # review case c_cron: the image that is started runs cron from a file the linter does not read as a crontab
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN python /app/docs/fetch_contributors.py\nCOPY cronjob /etc/cron.d/cronjob\n"
    "CMD [\"sh\", \"-c\", \"cron && gunicorn -b 0.0.0.0:8000 svc.app:app\"]\n",
])
def test_a_program_the_deployment_runs_keeps_its_findings(tmp_path: Path, image: str) -> None:
    """INVALID: the image's command runs it, the started image holds the copied program, a crontab a RUN writes runs it,
    or an image with no command copies it (a command given elsewhere may run it), whatever its RUN does with it; a RUN
    of the stage that ships is no build step (review cases a2 and c_cron: findings on main, hidden by the first cut)."""
    assert _found(tmp_path, image) == [("docs/fetch_contributors.py", 5)]


def test_a_build_step_the_service_imports_keeps_the_services_findings(tmp_path: Path) -> None:
    """INVALID: a served module imports the build step's module and calls its function: that is the service's code."""
    view = APP + "\nfrom docs.fetch_contributors import contributors\n\n@app.route('/people')\ndef people():\n    return contributors('https://example.com')\n"
    image = DOCS.replace("FROM nginx:1.26-alpine\n", "FROM python:3.12-slim\nCOPY . /srv\nCMD [\"gunicorn\", \"svc.app:app\"]\n")
    assert _found(tmp_path, image, **{"svc/app.py": view, "docs/__init__.py": ""}) == [("docs/fetch_contributors.py", 5)]
