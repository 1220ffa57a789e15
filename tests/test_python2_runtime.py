"""PRR000 in a project that runs Python 2 (project/python2_runtime.py, python2_files.py): the deployment,
CI or packaging that declares Python 2 leaves files failing on a Python 2 line unreported; a Python 3
project that merely mentions Python 2 keeps them reported."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Dict

import pytest

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.project.debian_control import debian_python
from prr_lint.project.python2_files import python2_line
from prr_lint.project.python2_runtime import declarations, python2_runtime
from prr_lint.runner import run_jobs
from prr_lint.stamps import is_launch_file

VIEWS = "from flask import Flask\n\nfrom svc import report\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
# zmon-worker's plugins (m34 J352): a three-argument raise the API imports.
PYTHON2 = "import sys\n\ndef check(url):\n    try:\n        return url\n    except IOError:\n        raise HttpError('timeout', url), None, sys.exc_info()[2]\n"
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/report.py": PYTHON2}

# zmon-worker (m34 J349-J371): pip2 and `python2 setup.py install` on an ubuntu base.
ZMON = ("FROM registry.example.org/stups/ubuntu:latest\n"
        "RUN apt-get update && apt-get -y install python-pip python-dev libev4 && \\\n    pip2 install -U pip setuptools\n"
        "RUN cd /app && python2 setup.py install\nCMD [\"zmon-worker\", \"-c\", \"/app/config.yaml\"]\n")
# atmosphere (m34 J074-J090): Ubuntu 18.04's apt `python`, `python-pip`, `uwsgi-plugin-python`.
ATMOSPHERE = ("FROM ubuntu:18.04\n# Install dependencies with apt\nRUN apt-get update && \\\n"
              "    DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y \\\n"
              "      build-essential \\\n      python \\\n      python-pip \\\n      uwsgi \\\n      uwsgi-plugin-python && \\\n"
              "    rm -rf /var/lib/apt/lists/*\nRUN pip install --upgrade pip==9.0.3 virtualenv\n")

# Travis tests 2.7 and a 3.6 job that runs no tests.
TRAVIS_TRIAL = ("language: python\npython:\n  - \"2.7\"\n  - \"3.6\"\nmatrix:\n  include:\n    - python: \"3.6\"\n"
                "      env: RUN_TESTS=\"false\"\n")


def _run(root: Path, declarations: Dict[str, str], files: Dict[str, str] = FILES):
    for path, text in {**files, **declarations}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000", "PRR501"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in declarations if is_launch_file(str(root / path))))
    return run_jobs(jobs_for(files), plan)


@pytest.mark.parametrize("declarations, shown", [
    ({"Dockerfile": ZMON}, "Dockerfile: pip2"),
    ({"Dockerfile": ATMOSPHERE}, "Dockerfile: install python"),
    ({"tox.ini": "[flake8]\nmax-line-length = 120\n\n[tox]\nenvlist=py27\n", ".travis.yml": "language: python\npython:\n    - \"2.7\"\n"},
     "tox.ini: envlist = py27"),
    ({".travis.yml": "  language: python\n  python:\n    - 2.7.6\n"}, ".travis.yml: python 2.7.6"),
    ({"setup.py": "setup(classifiers=['Programming Language :: Python',\n 'Programming Language :: Python :: 2.7'])\n"},
     "setup.py: Programming Language :: Python :: 2.7"),
    ({"setup.cfg": "[options]\npython_requires = >=2.7, <3\n"}, "setup.cfg: requires Python >=2.7, <3"),
    ({"Pipfile": "[requires]\npython_version = \"2.7\"\n"}, "Pipfile: python_version 2.7"),
    # dd-agent v5: only its Windows CI names the runtime
    ({"appveyor.yml": "environment:\n  matrix:\n  - PYTHON: C:\\\\Python27\n    PYTHON_VERSION: 2.7.9\n  - PYTHON: C:\\\\Python27-x64\n"},
     "appveyor.yml: Python 2.7"),
    ({".github/workflows/test.yml": "jobs:\n  test:\n    steps:\n      - uses: actions/setup-python@v4\n        with:\n"
                                    "          python-version: '2.7'\n"}, ".github/workflows/test.yml: python-version 2.7"),
    # a Python 3 trial every job of which may fail declares nothing (vumi's .travis.yml)
    ({"tox.ini": "[tox]\nenvlist = py27\n", ".travis.yml": TRAVIS_TRIAL + "  allow_failures:\n    - python: \"3.6\"\n"
      "    - env: RUN_TESTS=\"true\"\n"}, "tox.ini: envlist = py27"),
])
def test_a_project_that_deploys_tests_or_packages_only_python2_leaves_its_python2_files_unreported(
        tmp_path: Path, declarations: Dict[str, str], shown: str) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime) == (1, shown)


@pytest.mark.parametrize("declarations", [
    # a multi-stage build whose image runs Python 3
    {"Dockerfile": "FROM python:2.7 AS legacy\nRUN pip2 wheel -r requirements.txt\nFROM python:3.11-slim\nCOPY --from=legacy /wheels /wheels\n"},
    # python3 installed beside Debian's `python-dev`
    {"Dockerfile": "FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y python-dev python3 python3-pip\n"},
    # the Python version an ARG gives
    {"Dockerfile": "FROM ubuntu:18.04\nARG PY_VERSION=3.11\nRUN apt-get install -y python$PY_VERSION python${PY_VERSION}-dev\n"},
    # tested on both: the Python 3 run fails on Python 2 syntax
    {"tox.ini": "[tox]\nenvlist = py27,py36\n"},
    {"tox.ini": "[tox]\nenvlist =\n    py{27,38}-django\n"},
    {"setup.py": "setup(classifiers=['Programming Language :: Python :: 2.7', 'Programming Language :: Python :: 3.6'])\n"},
    # a stray Python 2 helper image of a project that requires Python 3 (fence's DockerfileShib)
    {"DockerfileShib": "FROM ubuntu:16.04\nRUN apt-get install -y python2.7 python-pip\n", "pyproject.toml": "[tool.poetry.dependencies]\npython = \">=3.9,<4.0\"\n"},
    {"tox.ini": "[tox]\nenvlist = py27\n", "setup.py": "setup(python_requires='>=3')\n"},
    # a stale runtime.txt beside the Dockerfile that deploys Python 3
    {"runtime.txt": "python-2.7.11\n", "Dockerfile": "FROM ubuntu:22.04\nRUN apt-get install -y python3-pip\n"},
    # a lower bound of 2.7 admits Python 3 too (`>=` and `!=` are no pin to Python 2)
    {"setup.py": "setup(python_requires='>=2.7')\n"},
    {"setup.cfg": "[options]\npython_requires = >=2.7, !=3.0.*, !=3.1.*\n"},
    {"setup.py": "setup(python_requires='!=2.6.*')\n"},
    # CI that tests Python 3 too
    {".github/workflows/test.yml": "jobs:\n  test:\n    strategy:\n      matrix:\n        python-version: [\"2.7\", \"3.8\"]\n"},
    {"appveyor.yml": "environment:\n  matrix:\n  - PYTHON: C:\\\\Python27\n  - PYTHON: C:\\\\Python36-x64\n"},
    # Travis tests Python 3 for real: nothing may fail, or only the jobs of one setting
    {".travis.yml": TRAVIS_TRIAL},
    {".travis.yml": TRAVIS_TRIAL + "  allow_failures:\n    - python: \"3.6\"\n      env: RUN_TESTS=\"false\"\n"},
    # a comment names python2
    {"Dockerfile": "FROM ubuntu:22.04\n# we left python2 behind\nRUN apt-get install -y curl\n"},
    # only a test's image runs Python 2: the deployment says nothing
    {"tests/legacy/Dockerfile": "FROM python:2.7\nRUN pip2 install nose\n"},
    # an Ansible role installs the hosts' Python 3, beside a Python 2 test list (model-my-watershed's python role)
    {"deploy/roles/python/tasks/main.yml": "- name: Install Python\n  apt:\n    pkg: [\"python3=3.10.*\", \"python3-dev\"]\n",
     "tox.ini": "[tox]\nenvlist = py27\n"},
])
def test_a_python3_project_that_mentions_python2_keeps_its_python2_files_reported(tmp_path: Path, declarations: Dict[str, str]) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("line, python2", [
    ("        raise HttpError('timeout', self.url), None, sys.exc_info()[2]", True),
    ("raise ValueError, 'bad'", True),
    ("    async = export_task.apply_async()", True),  # atmosphere's service/tasks/machine.py (J090)
    ("        self.send(async=True)", True),
    ("fields = map(lambda (name, field): name, items)", True),
    ("        self._error_count = 0L", True),  # a long literal (dd-agent's checks/datadog.py)
    ("        def _extract((body, header)):", True),  # a tuple parameter
    ("    def close(self, code, (reason, detail)):", True),
    ("        except IOError as (errno, strerror):", True),  # an unpacked exception (Diamond's bin/diamond-setup)
    ("        except IOError as error:", False),
    ("def handler(request, defaults=dict(a=1)", False),
    ("raise HttpError(format(url, 'a, b'), code)", False),
    ("raise HttpError(url  # a, b", False),
    ("    result = await fetch(url", False),
    ("def handler(request)", False),
])
def test_python2_lines(line: str, python2: bool) -> None:
    assert python2_line(SimpleNamespace(message="syntax error: invalid syntax", source_line=line)) is python2


@pytest.mark.parametrize("line, failed_at, python2", [
    # `failed_at`: the text at whose start the parser fails (the finding's column)
    ("            return [idx for idx in reindex.new_index, reindex.old_index", ", reindex.old", True),  # zamboni (TW016)
    ("x = [a for a in b for c in d, e]", ", e", True),
    ("x = [a for a in f(b), c]", ", c", True),
    ("x = [a for a in b, c, ]", ", c", True),
    ("x = [a for a in 2 ** 3, c]", ", c", True),
    ("x = [a for a in 'b, c', d]", ", d", True),
    ("x = [a for a in b,]", ",]", False),  # one item and a comma: Python 2 refuses it too
    ("x = [a for a in b, if a]", ", if", False),
    ("x = [a for a in b,", ",", False),  # the next item is on the next line: nothing to tell
    ("x = rows[k for k in keys, 'total']", ", 'total'", False),  # a subscript, no list
    ("x = [a for a in b if a in c, d]", ", d", False),  # a condition takes no tuple in Python 2 either
    ("x = (a for a in b, c)", ", c", False),  # nor a generator, a set or a dict comprehension
    ("x = {a for a in b, c}", ", c", False),
    ("x = [[a for a in b], c for c in d]", " for c", False),
    ("x = [a for a in *b, c]", ", c", False),  # what only Python 3 has
    ("x = [a for a in b, c async for d in e]", ", c", False),
    ("x = [a for a in b, (c := 1)]", ", (c", False),
    ("x = [a for a in b, c]; y = f'{x}'", ", c", False),
    ("x = '[a for a in b, c]' extra", "extra", False),  # the comma the parser failed on is elsewhere
    ("help='retries [10 for jobs in staging, 5 in prod])", "'retries", False),  # an unclosed string is no code
])
def test_a_list_comprehension_over_a_bare_tuple_is_python2(line: str, failed_at: str, python2: bool) -> None:
    """Python 2 loops a list comprehension over `a, b`; Python 3 fails at the comma with "invalid syntax"."""
    span = SimpleNamespace(column=line.index(failed_at) + 1)
    finding = SimpleNamespace(message="syntax error: invalid syntax", source_line=line, span=span)
    assert python2_line(finding) is python2


def test_indentation_mixing_tabs_and_spaces_is_python2() -> None:
    """Python 2 reads a tab as eight columns; Python 3 refuses the mix (Mailpile's `postinglist.py`)."""
    message = "syntax error: inconsistent use of tabs and spaces in indentation"
    assert python2_line(SimpleNamespace(message=message, source_line="\tif words:"))


def test_an_octal_literal_is_python2() -> None:
    """`os.umask(022)`: Python 3 refuses the leading zero with a message of its own (dd-agent's agent.py)."""
    message = "syntax error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
    assert python2_line(SimpleNamespace(message=message, source_line="os.umask(022)"))


def test_declarations_are_read_in_linear_time(tmp_path: Path) -> None:
    """Blank lines and long runs of spaces must not make a pattern retry from every position."""
    (tmp_path / "setup.py").write_text("\n" * 60000 + "python = 1\n")
    (tmp_path / ".travis.yml").write_text(" " * 60000 + "\n")
    (tmp_path / "Dockerfile").write_text("FROM ubuntu\n" + "ENV A=$A$A\n" * 200 + "RUN " + "x " * 20000 + "apt-get install " + "x " * 20000 + "\n")
    started = time.process_time()
    assert python2_runtime(declarations(tmp_path, [str(tmp_path / "Dockerfile"), str(tmp_path / ".travis.yml")])) is None
    assert time.process_time() - started < 2.0


def test_variables_whose_values_name_other_variables_are_put_in_once(tmp_path: Path) -> None:
    """Docker expands `$NAME` once: a value that names other variables (`ENV A=$B$B...` before `ENV B=$C$C...`)
    is not expanded again in each instruction, which multiplied a 60 kB Dockerfile into gigabytes."""
    import time

    from prr_lint.project.python2_runtime import _dockerfile_signs

    text = ("FROM ubuntu:18.04\nENV A=" + "$B" * 33 + "\nENV B=" + "$C" * 33 + "\nENV C=" + "x" * 99
            + "\nRUN echo " + "$A" * 20000 + "\nARG PY=2.7\nRUN apt-get install -y python${PY}-dev\n")
    start = time.monotonic()
    assert [(sign.version, sign.shown) for sign in _dockerfile_signs(text)] == [((2, 7), "python2.7")]
    assert time.monotonic() - start < 5


# Kuiper (n63 SR001-SR004): a Python 2.7 app image that installs python3 for the parsers it runs as subprocesses,
# beside database images whose crontab runs python3 health checks.
APP_IMAGE = ("FROM python:2.7\nWORKDIR /app\nCOPY ./svc/requirements_3.txt ./requirements_3.txt\n"
             "COPY ./svc/requirements_2.7.txt ./requirements_2.7.txt\n"
             "RUN apt install -y python-minimal python3 python-dev python-pip python3-pip cron\n"
             "RUN pip2 install -r \"./requirements_2.7.txt\"\nRUN python3 -m pip install -r \"./requirements_3.txt\"\n"
             "COPY ./health/ /health/\nCMD cron && gunicorn --bind $IP:$PORT svc.views:app --workers=$WORKERS\n")
WORKER_IMAGE = APP_IMAGE.replace("CMD cron && gunicorn --bind $IP:$PORT svc.views:app --workers=$WORKERS",
                                 "CMD cron && python -m celery worker -A svc.tasks --loglevel=info")
SIDE_IMAGE = ("FROM mongo:4.2\nRUN apt-get install -y python3 python3-pip cron\nRUN pip3 install requests psutil\n"
              "COPY ./health/ /health/\nCMD cron && docker-entrypoint.sh mongod\n")
HEALTH = {"health/scheduler.sh": "#!/bin/bash\npython3 \"/health/$1_health.py\"\n",
          "svc/requirements_2.7.txt": "Flask==0.10.1\ncelery==4.3.0\ngunicorn==19.4.5\n",
          "svc/requirements_3.txt": "construct==2.10.54\ncelery==4.3.0\n"}


@pytest.mark.parametrize("images", [
    {"Dockerfile.prod.flask": APP_IMAGE, "Dockerfile.prod.mongodb": SIDE_IMAGE},
    {"Dockerfile.prod.celery": WORKER_IMAGE, "Dockerfile.prod.mongodb": SIDE_IMAGE},
])
def test_an_image_whose_command_runs_python2_runs_python2_beside_the_python3_it_installs(
        tmp_path: Path, images: Dict[str, str]) -> None:
    run = _run(tmp_path, {**images, **HEALTH})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert run.python2_files == 1 and run.python2_runtime.endswith(": FROM python:2.7, its command runs Python 2")


@pytest.mark.parametrize("images", [
    # the same base image whose command runs python3
    {"Dockerfile": APP_IMAGE.replace("gunicorn --bind", "python3 -m gunicorn --bind")},
    # an app server that pip3 installs too
    {"Dockerfile": APP_IMAGE, "svc/requirements_3.txt": "gunicorn==20.1.0\n"},
    # a Python 3 image beside it whose command runs a program a requirements file installs
    {"Dockerfile": APP_IMAGE, "Dockerfile.api": "FROM ubuntu:22.04\nRUN apt-get install -y python3-pip\n"
     "COPY requirements.txt /r.txt\nRUN pip3 install -r /r.txt\nCMD [\"api-server\"]\n", "requirements.txt": "api==1\n"},
    # a Python 3 image whose command runs a project script
    {"Dockerfile": APP_IMAGE, "Dockerfile.worker": SIDE_IMAGE.replace("docker-entrypoint.sh mongod", "./start.sh"),
     "start.sh": "#!/bin/sh\nexec python3 -m svc.worker\n"},
    # a script an image's command names runs python3
    {"Dockerfile": APP_IMAGE.replace("gunicorn --bind $IP:$PORT svc.views:app --workers=$WORKERS", "./run.sh"),
     "run.sh": "#!/bin/sh\nexec python3 -m gunicorn svc.views:app\n"},
    # CI tests Python 3
    {"Dockerfile": APP_IMAGE, "tox.ini": "[tox]\nenvlist = py38\n"},
    # pip3's requirements file is the one copied to requirements.txt, not the later dev-requirements.txt
    {"Dockerfile": "FROM python:2.7\nCOPY requirements.txt /app/requirements.txt\nCOPY dev-requirements.txt /app/dev-requirements.txt\n"
     "RUN apt-get install -y python3-pip\nRUN pip2 install gunicorn\nRUN python3 -m pip install -r /app/requirements.txt\n"
     "CMD gunicorn svc.views:app\n", "requirements.txt": "gunicorn==20.1.0\n", "dev-requirements.txt": "pytest==7.0\n"},
])
def test_an_image_that_runs_python3_keeps_python2_files_reported(tmp_path: Path, images: Dict[str, str]) -> None:
    run = _run(tmp_path, {**HEALTH, **images})
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


# Debian packaging (project/debian_control.py, debian_folders.py): a source package built for Python 2 only.
CONTROL2 = ("Source: svc\nSection: net\nBuild-Depends: debhelper (>= 8.0.0), python (>= 2.7), python-all-dev, python-setuptools\n"
            "X-Python-Version: 2.7\n\nPackage: svc\nArchitecture: all\n"
            "Depends: ${misc:Depends}, python (>= 2.7), python-django (>= 1.8.0),\n python-lxml\nDescription: a service\n")
RULES2 = "#!/usr/bin/make -f\n%:\n\tdh $@ --with python2\n"
# The same package without the field nor the Python 2 sequence: only its binary package's dependencies show it.
CONTROL2_DEPENDS = CONTROL2.replace("X-Python-Version: 2.7\n", "")
CONTROL3 = ("Source: svc\nBuild-Depends: debhelper-compat (= 13), dh-python, python3-all, python3-setuptools\n"
            "X-Python3-Version: >= 3.7\n\nPackage: python3-svc\nArchitecture: all\nDepends: ${python3:Depends}, ${misc:Depends}\n")
RULES3 = "#!/usr/bin/make -f\n%:\n\tdh $@ --with python3 --buildsystem=pybuild\n"
BUILD_SCRIPT = ("import shutil\nimport os\n\nif os.path.exists('debian'):\n    shutil.rmtree('debian')\n\n"
                "shutil.copytree(\"buildtools/debian-skeleton\", \"debian\")\nos.chmod('debian/rules', 0755)\n")
SKELETON = {"buildtools/debian-skeleton/control": CONTROL2, "buildtools/debian-skeleton/rules": RULES2}
SKELETON_PY3 = {"packaging/debian-legacy/control": CONTROL2, "packaging/debian-legacy/rules": RULES2,
                "packaging/debian/control": CONTROL3, "packaging/debian/rules": RULES3}


@pytest.mark.parametrize("declarations, shown", [
    ({"debian/control": CONTROL2, "debian/rules": RULES2}, "debian/control: X-Python-Version: 2.7"),
    ({"debian/control": CONTROL2_DEPENDS, "debian/rules": "#!/usr/bin/make -f\n%:\n\tdh $@\n"}, "debian/control: python"),
    ({"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7), python-django (>= 1.8.0),\n python-lxml", "${python:Depends}"),
      "debian/rules": "#!/usr/bin/make -f\n%:\n\tdh $@\n\noverride_dh_auto_install:\n\tdh_auto_install\n\tdh_python2\n"},
     "debian/control: ${python:Depends}"),
    ({"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7), python-django (>= 1.8.0),\n python-lxml", "adduser"),
      "debian/rules": RULES2}, "debian/rules: dh --with python2"),
    # rpki.net: the build script copies the skeleton into place (its own code is Python 2 too)
    ({"debian/control": CONTROL2.replace("X-Python-Version: 2.7", "X-Python-Version: >= 2.6, << 3.0"), "debian/rules": RULES2},
     "debian/control: X-Python-Version: >= 2.6, << 3.0"),
    ({**SKELETON, "buildtools/build-debian-packages.py": BUILD_SCRIPT},
     "buildtools/debian-skeleton/control, copied to debian/ by buildtools/build-debian-packages.py: X-Python-Version: 2.7"),
    ({**SKELETON, "build.py": "from shutil import copytree, rmtree\n\ncopytree('buildtools/debian-skeleton/', './debian')\n"},
     "buildtools/debian-skeleton/control, copied to debian/ by build.py: X-Python-Version: 2.7"),
    ({**SKELETON, "Makefile": "deb:\n\trm -rf debian\n\t@cp -a buildtools/debian-skeleton debian  # the skeleton\n\tdebuild -us -uc\n"},
     "buildtools/debian-skeleton/control, copied to debian/ by Makefile: X-Python-Version: 2.7"),
    ({**SKELETON, "scripts/package.sh": "#!/bin/sh\nset -e\nrm -rf debian && cp -R \"buildtools/debian-skeleton\" debian/\ndebuild\n"},
     "buildtools/debian-skeleton/control, copied to debian/ by scripts/package.sh: X-Python-Version: 2.7"),
    # the package's other files run Python 2; its changelog's history and a Python 2 interpreter's version say nothing
    ({"debian/control": CONTROL2, "debian/rules": RULES2, "debian/svc.postinst": "#!/bin/sh\npython -m compileall /usr/lib/svc\n",
      "debian/changelog": "svc (2.0) unstable; urgency=low\n\n  * Not yet ported to python3.\n", "debian/tests/control": "Tests: smoke\n"},
     "debian/control: X-Python-Version: 2.7"),
    ({"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7), python-django", "python (>= 2.7.3), python-django (>= 3.0)"),
      "debian/rules": "%:\n\tdh $@\n"}, "debian/control: python"),
    # a build script that copies the skeleton and the docs from paths written out
    ({**SKELETON, "build.py": "import shutil\nshutil.copytree('buildtools/debian-skeleton', 'debian')\nshutil.copytree(DOCS, 'build/docs')\n"},
     "buildtools/debian-skeleton/control, copied to debian/ by build.py: X-Python-Version: 2.7"),
])
def test_a_project_whose_debian_packaging_builds_for_python2_leaves_its_python2_files_unreported(
        tmp_path: Path, declarations: Dict[str, str], shown: str) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime) == (1, shown)


@pytest.mark.parametrize("declarations", [
    # built for Python 3
    {"debian/control": CONTROL3, "debian/rules": RULES3},
    {"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7)", "python3 (>= 3.6)").replace("python-", "python3-"),
     "debian/rules": "#!/usr/bin/make -f\n%:\n\tdh $@\n"},
    {"debian/control": CONTROL2_DEPENDS.replace("python-lxml", "python-is-python3"), "debian/rules": "%:\n\tdh $@\n"},
    # built for both, or naming python3 anywhere
    {"debian/control": CONTROL2.replace("X-Python-Version: 2.7\n", "X-Python-Version: 2.7\nX-Python3-Version: >= 3.5\n"), "debian/rules": RULES2},
    {"debian/control": CONTROL2 + "\nPackage: python3-svc\nArchitecture: all\nDepends: ${python3:Depends}\n", "debian/rules": RULES2},
    {"debian/control": CONTROL2.replace("python-setuptools", "python-setuptools, python3-sphinx"), "debian/rules": RULES2},
    {"debian/control": CONTROL2, "debian/rules": RULES2 + "\noverride_dh_auto_build:\n\tPYTHON=python3 dh_auto_build\n"},
    {"debian/control": CONTROL2.replace("X-Python-Version: 2.7", "X-Python-Version: >= 3.2"), "debian/rules": "%:\n\tdh $@\n"},
    # a Python 2 package beside a deployment or packaging that admits Python 3
    {"debian/control": CONTROL2, "debian/rules": RULES2, "Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:app\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "tox.ini": "[tox]\nenvlist = py27,py36\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "setup.py": "setup(python_requires='>=3.6')\n"},
    # a package that runs no Python: `python` is a build tool there
    {"debian/control": "Source: svc\nBuild-Depends: debhelper, python, python-yaml\n\nPackage: svc\nDepends: ${shlibs:Depends}\n",
     "debian/rules": "%:\n\tdh $@\n"},
    # a vendored library's own packaging, a sub-distribution's, a test's
    {"ext/libfoo/setup.py": "setup(name='libfoo')\n", "ext/libfoo/debian/control": CONTROL2, "ext/libfoo/debian/rules": RULES2},
    {"ext/libfoo/debian/control": CONTROL2, "ext/libfoo/debian/rules": RULES2},
    {"client/setup.py": "setup(name='client')\n", "client/packaging/control": CONTROL2, "client/packaging/rules": RULES2,
     "client/build.py": "import shutil\nshutil.copytree('client/packaging', 'debian')\n"},
    {"tests/fixtures/deb/control": CONTROL2, "tests/fixtures/deb/rules": RULES2,
     "tests/test_packaging.py": "import shutil\n\ndef test_build():\n    shutil.copytree('tests/fixtures/deb', 'debian')\n"},
    {**SKELETON, "test_packaging.py": "import shutil\n\ndef test_build():\n    shutil.copytree('buildtools/debian-skeleton', 'debian')\n"},
    {"tests/deb/control": CONTROL2, "tests/deb/rules": RULES2, "build.py": "import shutil\nshutil.copytree('tests/deb', 'debian')\n"},
    # a build that copies one of two skeletons, one of them for Python 3
    {**SKELETON, "buildtools/debian-py3/control": CONTROL3, "buildtools/debian-py3/rules": RULES3,
     "build.py": "import shutil\nif PY3:\n    shutil.copytree('buildtools/debian-py3', 'debian')\n"
                 "else:\n    shutil.copytree('buildtools/debian-skeleton', 'debian')\n"},
    # a skeleton nothing copies into the root's debian/
    SKELETON,
    {**SKELETON, "build.py": "import shutil\n# shutil.copytree('buildtools/debian-skeleton', 'debian')\n"},
    {**SKELETON, "build.py": "import shutil\n\n\"\"\"Run shutil.copytree('buildtools/debian-skeleton', 'debian') first.\"\"\"\n"},
    {**SKELETON, "build.py": "import shutil\nshutil.copytree('buildtools/debian-skeleton', 'build/debian')\n"},
    {**SKELETON, "build.py": "import shutil, os\nshutil.copytree(os.path.join(SRC, 'buildtools/debian-skeleton'), 'debian')\n"},
    {**SKELETON, "build.py": "import shutil\nshutil.copy('buildtools/debian-skeleton', 'debian')\n"},
    {**SKELETON, "build.py": "import shutil\nshutil.copytree(f'buildtools/debian-{FLAVOUR}', 'debian')\n"},
    {**SKELETON, "build.sh": "#!/bin/sh\ncp buildtools/debian-skeleton/control debian\n"},
    {**SKELETON, "build.sh": "#!/bin/sh\n# cp -r buildtools/debian-skeleton debian\necho 'cp -r buildtools/debian-skeleton debian'\n"},
    # a script in its own folder that holds the source: it may run there and build that folder's package
    {"buildtools/debian-skeleton/control": CONTROL2, "buildtools/debian-skeleton/rules": RULES2,
     "buildtools/build.sh": "#!/bin/sh\ncp -r debian-skeleton debian\n"},
    {**SKELETON, "buildtools/Makefile": "deb:\n\tcp -r buildtools/debian-skeleton debian\n"},
    {**SKELETON, "tools/buildtools/debian-skeleton/control": CONTROL3, "tools/buildtools/debian-skeleton/rules": RULES3,
     "tools/build.sh": "#!/bin/sh\ncp -r buildtools/debian-skeleton debian\n"},
    # the interpreter's version is Python 3's (H1)
    {"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7)", "python (>= 3.6)"), "debian/rules": "%:\n\tdh $@\n"},
    {"debian/control": "Source: svc\n\nPackage: svc\nDepends: ${misc:Depends}, python:any (>= 3.5~)\n", "debian/rules": "%:\n\tdh $@\n"},
    {"debian/control": CONTROL2_DEPENDS.replace("python (>= 2.7)", "python-all-dev (>> 3.0)"), "debian/rules": "%:\n\tdh $@\n"},
    # a Python 3 skeleton the build may copy by a path built at run time, or that nothing copies (H2)
    {**SKELETON_PY3, "build_deb.py": "import os, shutil, sys\nif '--legacy' in sys.argv:\n"
     "    shutil.copytree('packaging/debian-legacy', 'debian')\nelse:\n    shutil.copytree(os.path.join(HERE, 'packaging', 'debian'), 'debian')\n"},
    {**SKELETON_PY3, "Makefile": "PKG := packaging/debian\n\ndeb:\n\tcp -r $(PKG) debian\n\ndeb-legacy:\n\tcp -r packaging/debian-legacy debian\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "packaging/debian/control": CONTROL3, "packaging/debian/rules": RULES3},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "contrib/deb/control": CONTROL3},
    {**SKELETON, "build.py": "import shutil\nshutil.copytree('buildtools/debian-skeleton', 'debian')\nshutil.copytree(src=SKEL, dst='debian')\n"},
    {**SKELETON, "build.py": "import shutil\nshutil.copytree('buildtools/debian-skeleton', 'debian')\nshutil.copytree(SKEL, DEST)\n"},
    {**SKELETON, "build.sh": "#!/bin/sh\ncp -r buildtools/debian-skeleton debian\ncp -r \"$SKEL\" debian\n"},
    # python3 in the package's other files, or after a `#` make passes to the shell (H3)
    {"debian/control": CONTROL2, "debian/rules": RULES2, "debian/svc.init": "#!/bin/sh\nDAEMON=/usr/bin/python3\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "debian/postinst": "#!/bin/sh\nset -e\npython3 -m compileall /usr/lib/svc\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2, "debian/tests/control": "Test-Command: python3 -m pytest\nDepends: @, python3-pytest\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2 + "\noverride_dh_install:\n\tdh_install\n\tsed -i '1s#.*#!/usr/bin/python3#' debian/svc/usr/bin/svc\n"},
    # Python 3 shown by the binary package's name or what it provides (H4)
    {"debian/control": "Source: svc\nX-Python-Version: >= 2.7\n\nPackage: python3-svc\nDepends: ${misc:Depends}, ${python:Depends}\n",
     "debian/rules": "%:\n\tdh $@ --buildsystem=pybuild\n"},
    {"debian/control": CONTROL2 + "Provides: ${python3:Provides}\n", "debian/rules": RULES2},
    # an interpreter the rules do not name: dh-virtualenv's, a variable's
    {"debian/control": CONTROL2_DEPENDS, "debian/rules": "PYVER := 3.8\n%:\n\tdh $@ --with python-virtualenv\n"},
    {"debian/control": CONTROL2, "debian/rules": RULES2 + "override_dh_auto_build:\n\tpython$(PYVER) setup.py build\n"},
])
def test_debian_packaging_that_admits_python3_or_is_not_the_projects_keeps_python2_files_reported(
        tmp_path: Path, declarations: Dict[str, str]) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_long_hexadecimal_literal_is_python2() -> None:
    """`0xFFFFFFFFL`: Python 3 refuses the `L` with a message of its own (rpki.net's `rpki/gui/models.py`)."""
    finding = SimpleNamespace(message="syntax error: invalid hexadecimal literal", source_line="    if value < 0 or value > 0xFFFFFFFFL:")
    assert python2_line(finding)
    assert not python2_line(SimpleNamespace(message="syntax error: invalid hexadecimal literal", source_line="x = 0xFFG"))


@pytest.mark.parametrize("control, rules, expected", [
    # continuation lines, alternatives, version, architecture and profile qualifiers
    ("Source: a\n\nPackage: a\nDepends: adduser,\n python2.7 | python (>= 2.7),\n python-lxml:any [amd64] <!nocheck>\n", "", ({2}, "python2.7")),
    ("Source: a\n\nPackage: a\nDepends: adduser,\n python-lxml | python3-lxml\n", "", ({2, 3}, "python3-lxml")),
    # a commented-out field or dependency says nothing
    ("Source: a\n#X-Python3-Version: >= 3.5\nX-Python-Version: 2.7\n", "# dh $@ --with python3\n%:\n\tdh $@\n", ({2}, "X-Python-Version: 2.7")),
    # a recipe line goes to the shell whole: its python3 counts, but not a `dh_python2` in its shell comment
    ("Source: a\nX-Python-Version: 2.7\n", "%:\n\tdh $@ # --with python3\n", ({2, 3}, "python3")),
    ("Source: a\nBuild-Depends: python\n\nPackage: a\nDepends: ${shlibs:Depends}\n", "%:\n\tdh $@ # dh_python2\n", None),
    # the interpreter's version, not a module's (H1), and what the package provides (H4)
    ("Source: a\n\nPackage: a\nDepends: python (>= 3.6)\n", "", ({3}, "python")),
    ("Source: a\n\nPackage: a\nDepends: python (>= 2.7), python-lxml (>= 3.0)\n", "", ({2}, "python")),
    ("Source: a\nX-Python-Version: 2.7\n\nPackage: a\nProvides: ${python3:Provides}\n", "", ({2, 3}, "Provides: ${python3:Provides}")),
    ("Source: a\nXS-Python-Version: all\n", "", ({2}, "XS-Python-Version: all")),
    # a package that installs no Python
    ("Source: a\nBuild-Depends: python3, meson\n\nPackage: a\nDepends: ${shlibs:Depends}\n", "%:\n\tdh $@\n", None),
    ("Source: a\nBuild-Depends: debhelper\n\nPackage: a\nDepends: ${shlibs:Depends}\nDescription: python2 and python3 tools\n", "", None),
])
def test_debian_control_fields(control: str, rules: str, expected) -> None:
    found = debian_python(control, rules)
    assert (None if found is None else ({major for major, _ in found.versions}, found.shown)) == expected


# The bindings of a C library for Python 3 (r01): the package says nothing about the service's own modules.
BINDINGS_CONTROL = ("Source: libfoo\nBuild-Depends: debhelper-compat (= 13), dh-python, python3-all-dev\n\n"
                    "Package: libfoo1\nArchitecture: any\nDepends: ${shlibs:Depends}\n\n"
                    "Package: python3-libfoo\nArchitecture: any\nDepends: ${python3:Depends}, libfoo1\n")
URLLIB2_VIEWS = ("from flask import Flask\nimport urllib2\nimport requests\n\napp = Flask(__name__)\n\n"
                 "@app.route('/a')\ndef a():\n    return requests.get('http://backend/x').text\n")


@pytest.mark.parametrize("declarations", [{}, {"debian/control": BINDINGS_CONTROL, "debian/rules": "%:\n\tdh $@ --with python3\n"}])
def test_a_python3_debian_package_does_not_make_the_service_python3_only(tmp_path: Path, declarations: Dict[str, str]) -> None:
    """Debian packaging answers only the Python 2 question: a module that imports urllib2 is no dead Python 2 module
    because a package of python3 bindings sits beside it (python2_imports.py reads python3_only)."""
    run = _run(tmp_path, declarations, {"svc/__init__.py": "", "svc/views.py": URLLIB2_VIEWS})
    assert [(finding.rule, finding.path) for finding in run.findings] == [("PRR501", "svc/views.py")]


@pytest.mark.parametrize("files", [
    # the failing file's own `#!` runs python3
    {**FILES, "svc/report.py": "#!/usr/bin/env python3\n" + PYTHON2},
    # another module of the project has syntax only Python 3 reads
    {**FILES, "svc/views.py": VIEWS + "\ndef b(name):\n    return f'hello {name}'\n"},
    {**FILES, "svc/util.py": "def merge(first, *, second=None):\n    return first\n"},
    {**FILES, "svc/util.py": "async def fetch(client):\n    return await client.get()\n"},
])
def test_python3_code_keeps_python2_files_of_a_python2_debian_package_reported(tmp_path: Path, files: Dict[str, str]) -> None:
    """Stale Debian packaging (H6): a Python 2 control beside code that runs only on Python 3."""
    run = _run(tmp_path, {"debian/control": CONTROL2, "debian/rules": RULES2}, files)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_python2_debian_package_beside_python2_code_leaves_its_python2_files_unreported(tmp_path: Path) -> None:
    """The near misses of the test above: a `#!` of plain python, and modules whose syntax Python 2 reads too."""
    files = {**FILES, "svc/report.py": "#!/usr/bin/env python\n" + PYTHON2,
             "svc/util.py": "from __future__ import print_function\n\ndef show(*args, **kwargs):\n    print(*args, sep='')\n"
                            "    return {key for key in kwargs}\n"}
    run = _run(tmp_path, {"debian/control": CONTROL2, "debian/rules": RULES2}, files)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime) == (1, "debian/control: X-Python-Version: 2.7")
