"""PRR000 in the serving scope (project/unloaded_files.py): a syntax error in a file the service never
loads is left out; one in a module the service imports, a script the deployment runs or a plug-in a
loader may load stays."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
# AIL's bin/lib/Config_DB.py: an unfinished `for` whose only reference is a commented-out import.
UNFINISHED = "def reset_default_config():\n    for section in config_type:\n\n    pass\n"
# Sefaria's scripts/bavli_word_count.py: a Python 2 report script.
PYTHON2 = "import sys\n\nprint 'words', len(sys.argv)\n"


def _syntax_errors(files: Dict[str, str], root: Path, deployment: Optional[Dict[str, str]] = None,
                   scope: str = "serving", whole_project: bool = True) -> List[str]:
    """The paths of PRR000 findings of a run over `files` written under `root`, with launch files."""
    deployment = deployment or {}
    for path, text in {**files, **deployment}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    settings = replace(settings_with(), root=root, scope=scope)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR000", "PRR501"], [], [])), whole_project=whole_project,
                launch_files=tuple(str(root / path) for path in deployment))
    return sorted(finding.path for finding in run_jobs(jobs_for(files), plan).findings if finding.rule == "PRR000")


def test_an_unfinished_module_only_a_comment_names_is_left_out(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "# import config_db\n# config_db.reset_default_config()\n",
             "svc/config_db.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path) == []
    assert _syntax_errors(files, tmp_path, scope="all") == ["svc/config_db.py"]
    assert _syntax_errors(files, tmp_path, whole_project=False) == ["svc/config_db.py"]  # a run over files sees no importer


def test_a_module_the_service_imports_keeps_its_syntax_error(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "from svc import config_db\n", "svc/config_db.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path) == ["svc/config_db.py"]
    setting = {"svc/__init__.py": "", "svc/views.py": VIEWS + "BACKEND = 'svc.config_db.Backend'\n", "svc/config_db.py": UNFINISHED}
    assert _syntax_errors(setting, tmp_path / "setting") == ["svc/config_db.py"]


def test_a_script_the_deployment_runs_keeps_its_syntax_error(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "scripts/migrate_once.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path) == []
    job = {"deploy/job.yaml": "command: [python, scripts/migrate_once.py]\n"}
    assert _syntax_errors(files, tmp_path / "deployed", job) == ["scripts/migrate_once.py"]


def test_a_script_only_test_scripts_or_ci_pipelines_run_leaves_with_its_syntax_error(tmp_path: Path) -> None:
    """xos's `testservice/scripts/wait_for_lines.py` (m33 I340): a Python 2 helper that `test_sync_after_policy.sh`
    pipes `kubectl logs` into; a test script or a CI pipeline (`.travis.yml`, `tox.ini`) runs in a build or a
    developer's test, not in the deployment. A crontab or Dockerfile that runs it keeps it reported."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "testservice/scripts/wait_for_lines.py": PYTHON2}
    test_script = {"testservice/scripts/test_sync_after_policy.sh": "kubectl logs sync | python wait_for_lines.py synced\n"}
    assert _syntax_errors(files, tmp_path / "test", test_script) == []
    ci = {".travis.yml": "script:\n  - python testservice/scripts/wait_for_lines.py\n", "tox.ini": "[testenv]\ncommands = python wait_for_lines.py\n"}
    assert _syntax_errors(files, tmp_path / "ci", ci) == []
    cron = {"deploy/crontab": "*/5 * * * * python /app/testservice/scripts/wait_for_lines.py\n"}
    assert _syntax_errors(files, tmp_path / "cron", cron) == ["testservice/scripts/wait_for_lines.py"]
    docker = {"Dockerfile": "FROM python:3.11\nCMD [\"python\", \"wait_for_lines.py\"]\n"}
    assert _syntax_errors(files, tmp_path / "docker", docker) == ["testservice/scripts/wait_for_lines.py"]


def test_a_script_an_image_only_copies_leaves_with_its_syntax_error(tmp_path: Path) -> None:
    """A COPY puts the file into the image and runs nothing (program_runs.py `command_text`): an image whose command
    serves something else does not run it. Its command running it, or an image with no command (started by a
    command given elsewhere), keeps it reported."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "scripts/migrate_once.py": UNFINISHED}
    copied = "FROM python:3.11\nWORKDIR /app\nCOPY scripts/migrate_once.py scripts/\nCOPY svc svc\nCMD gunicorn svc.views:app\n"
    assert _syntax_errors(files, tmp_path / "copied", {"Dockerfile": copied}) == []
    run = copied.replace("CMD gunicorn svc.views:app", "CMD python scripts/migrate_once.py && gunicorn svc.views:app")
    assert _syntax_errors(files, tmp_path / "run", {"Dockerfile": run}) == ["scripts/migrate_once.py"]
    uncommanded = "FROM python:3.11\nWORKDIR /app\nCOPY scripts/migrate_once.py scripts/\n"
    assert _syntax_errors(files, tmp_path / "uncommanded", {"Dockerfile": uncommanded}) == ["scripts/migrate_once.py"]


def test_a_plugin_a_walk_or_a_computed_import_may_load_keeps_its_syntax_error(tmp_path: Path) -> None:
    walk = (VIEWS + "import importlib, pkgutil\n\nfor info in pkgutil.walk_packages(['plugins'], prefix='svc.plugins.'):\n"
            "    importlib.import_module(info.name)\n")
    plugins = {"svc/__init__.py": "", "svc/plugins/__init__.py": "", "svc/plugins/geo.py": UNFINISHED}
    assert _syntax_errors({**plugins, "svc/views.py": walk}, tmp_path / "walk") == ["svc/plugins/geo.py"]
    guarded = walk.replace("    importlib", "    if 'deprecated' not in info.name:\n        importlib")
    assert _syntax_errors({**plugins, "svc/views.py": guarded, "svc/plugins/deprecated_geo.py": UNFINISHED}, tmp_path / "guard") \
        == ["svc/plugins/geo.py"]
    computed = VIEWS + "import importlib\n\ndef load(kind):\n    return importlib.import_module('svc.plugins.' + kind)\n"
    assert _syntax_errors({**plugins, "svc/views.py": computed + "\nGEO = load('geo')\n"}, tmp_path / "computed") == ["svc/plugins/geo.py"]
    # A loader whose name nothing gives is no evidence it loads this module (e-mission's `emission.core.wrapper.%s`).
    assert _syntax_errors({**plugins, "svc/views.py": computed}, tmp_path / "unnamed") == []


def test_only_positive_evidence_keeps_a_syntax_error_not_a_loader_of_any_name(tmp_path: Path) -> None:
    """An any-name `import_module(args.module)` may load anything, which shows nothing loads a given file; a
    broken package `__init__.py` stays when something imports the package, a migration in a framework's folder."""
    anything = VIEWS + "import importlib\n\ndef load(name):\n    return importlib.import_module(name)\n"
    files = {"svc/__init__.py": "", "svc/views.py": anything, "scripts/word_count.py": PYTHON2, "scripts/split_texts.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path) == []
    assert _syntax_errors(files, tmp_path / "all", scope="all") == ["scripts/split_texts.py", "scripts/word_count.py"]
    broken = {"svc/__init__.py": "", "svc/views.py": VIEWS + "from svc.extra.parts import part\n", "svc/extra/__init__.py": UNFINISHED,
              "svc/extra/parts.py": "part = 1\n", "svc/unused/__init__.py": UNFINISHED, "svc/migrations/0002_auto.py": UNFINISHED}
    assert _syntax_errors(broken, tmp_path / "init") == ["svc/extra/__init__.py", "svc/migrations/0002_auto.py"]


def test_a_module_only_unloaded_or_unparseable_modules_import_is_left_out(tmp_path: Path) -> None:
    """e-mission's user_model modules: imported only by other unparseable modules, by an experiment module nothing
    imports, or by `incomplete_tests/`; the service's import closure never reaches them. What the served view
    imports, directly or through a module it imports, keeps its finding."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "from svc import helpers\n", "svc/helpers.py": "from . import query\n",
             "svc/query.py": UNFINISHED, "svc/model.py": UNFINISHED + "from svc import tripiterator\n",
             "svc/tripiterator.py": UNFINISHED, "svc/profile.py": "from svc.k_medoid import kmedoids\n",
             "svc/k_medoid.py": UNFINISHED, "incomplete_tests/test_pipeline.py": "from svc import model, k_medoid\n"}
    assert _syntax_errors(files, tmp_path) == ["svc/query.py"]
    everything = ["svc/k_medoid.py", "svc/model.py", "svc/query.py", "svc/tripiterator.py"]
    assert _syntax_errors(files, tmp_path / "all", scope="all") == everything
    assert _syntax_errors(files, tmp_path / "files", whole_project=False) == everything  # a pre-commit run over files


def test_a_type_stub_never_keeps_its_syntax_error(tmp_path: Path) -> None:
    """calc's `mypy-stubs/pexpect.pyi`: only a type checker reads a stub, so no run of the service meets it,
    whatever imports the module it describes; `scope = "all"` still reports it."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "import pexpect\n", "stubs/pexpect.pyi": "def spawn(cmd: str) -> :\n"}
    assert _syntax_errors(files, tmp_path) == []
    assert _syntax_errors(files, tmp_path / "files", whole_project=False) == []
    assert _syntax_errors(files, tmp_path / "all", scope="all") == ["stubs/pexpect.pyi"]


def test_a_file_at_a_test_path_never_keeps_its_syntax_error(tmp_path: Path) -> None:
    """keylime's `test/data/template-invalid-adjust/2.0/adjust.py` (m33): a deliberately invalid fixture;
    only a test run loads a file at a test path, in any run."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "test/data/invalid/adjust.py": UNFINISHED, "svc/test_parse.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path) == []
    assert _syntax_errors(files, tmp_path / "files", whole_project=False) == []
    assert _syntax_errors(files, tmp_path / "all", scope="all") == ["svc/test_parse.py", "test/data/invalid/adjust.py"]


def _python2_run(files: Dict[str, str], root: Path, deployment: Dict[str, str]):
    for path, text in {**files, **deployment}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000", "PRR501"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in deployment if path != "runtime.txt"))
    return run_jobs(jobs_for(files), plan)


def test_python2_files_of_a_service_that_deploys_python2_are_counted_as_unchecked_not_reported(tmp_path: Path) -> None:
    """dto-digitalmarketplace-api (m33): `print '...'` in modules the API imports, deployed on Cloud Foundry's
    python2 buildpack (`runtime.txt`: python-2.7.17). The code is valid for the runtime that runs it; the run
    says it could not check those files instead of calling them broken. A failing line that is no Python 2
    stays reported, and so does every Python 2 file of a service with no Python 2 runtime."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "from svc import report, config_db\n", "svc/report.py": PYTHON2,
             "svc/config_db.py": UNFINISHED}
    declared = _python2_run(files, tmp_path / "runtime", {"runtime.txt": "python-2.7.17\n"})
    assert [f.path for f in declared.findings if f.rule == "PRR000"] == ["svc/config_db.py"]
    assert (declared.python2_files, declared.python2_runtime) == (1, "runtime.txt: python-2.7.17")
    image = _python2_run(files, tmp_path / "image", {"Dockerfile": "FROM python:2.7-slim\nCMD gunicorn svc.views:app\n"})
    assert (image.python2_files, image.python2_runtime) == (1, "Dockerfile: FROM python:2.7")
    python3 = _python2_run(files, tmp_path / "python3", {"runtime.txt": "python-3.11.4\n", "Dockerfile": "FROM python:3.11\n"})
    assert [f.path for f in python3.findings if f.rule == "PRR000"] == ["svc/config_db.py", "svc/report.py"]
    assert python3.python2_files == 0


def test_the_run_says_how_many_python2_files_it_could_not_check_and_why(tmp_path: Path, monkeypatch) -> None:
    import json

    from prr_lint.cli import cli
    from tests._reporting_data import cli_runner

    (tmp_path / ".git").mkdir()
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS + "from svc import report\n", "svc/report.py": PYTHON2,
             "runtime.txt": "python-2.7.17\n"}
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    monkeypatch.chdir(tmp_path)
    outcome = cli_runner().invoke(cli, ["check", "--no-cache", "--exit-zero", "--output-format", "json"], catch_exceptions=False)
    assert json.loads(outcome.stdout)["findings"] == []
    assert "1 file(s) in Python 2 syntax not checked: the deployment runs Python 2 (runtime.txt: python-2.7.17)" in outcome.stderr


def test_a_dockerfile_of_blank_lines_is_read_for_its_base_image_in_linear_time(tmp_path: Path) -> None:
    """`FROM python:2...` is looked for line by line: a pattern whose leading whitespace also takes newlines
    retried every blank line from each line start, seconds for a few ten thousand blank lines."""
    import time

    from prr_lint.project.python2_runtime import declarations, python2_runtime

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("\n" * 60000 + "FROM  --platform=linux/amd64 library/python:2.7-slim\n")
    started = time.process_time()
    assert python2_runtime(declarations(None, [str(dockerfile)])) == f"{dockerfile}: FROM python:2.7"
    assert time.process_time() - started < 2.0
    dockerfile.write_text("FROM\n\npython:2.7\n")  # `FROM` alone names no image
    assert python2_runtime(declarations(None, [str(dockerfile)])) is None


# An exercise's starter code, broken on purpose: the service shows it to a learner as text.
STARTER = "def hours_to_seconds(hours):\n    return hours * 60 60\n"
READS_STARTERS = (VIEWS + "import os\n\ndef starter(slug):\n    filename = os.path.join(slug, 'initial.py')\n"
                  "    with open(os.path.join('svc/exercises', filename), encoding='utf-8') as handle:\n        return handle.read()\n")


def test_a_starter_file_the_service_reads_as_text_leaves_with_its_syntax_error(tmp_path: Path) -> None:
    """codewof's `programming/content/en/<slug>/initial.py`: deliberately broken starters in folders whose names are
    no identifiers (`hours-to-seconds/`) and hold no `__init__.py`, so no dotted name reaches them; the service opens
    `join(slug, 'initial.py')` and reads it into a model field. Neither that file name handed to `open`, nor the word
    `initial` elsewhere in code (a migration's `initial = True`), nor a linter's exclude in `setup.cfg` loads it."""
    files = {"svc/__init__.py": "", "svc/views.py": READS_STARTERS + "\ninitial = True\n",
             "svc/exercises/hours-to-seconds/initial.py": STARTER, "svc/exercises/area-of-a-circle/initial.py": STARTER}
    config = {"setup.cfg": "[flake8]\nexclude =\n    svc/exercises/*/initial.py,\n\n[options]\npackages = find:\n"}
    assert _syntax_errors(files, tmp_path, config) == []
    everything = ["svc/exercises/area-of-a-circle/initial.py", "svc/exercises/hours-to-seconds/initial.py"]
    assert _syntax_errors(files, tmp_path / "all", config, scope="all") == everything


def test_a_file_below_an_unnamed_folder_keeps_its_syntax_error_when_loaded_by_path_or_from_sys_path(tmp_path: Path) -> None:
    """The same starter, run rather than read: by path (`runpy.run_path`, `exec(open(path).read())`,
    `spec_from_file_location`), with its folder put on `sys.path` and imported by its word, by a program in its own
    folder (Python puts that folder first on `sys.path`), or named by the distribution's entry points."""
    starter = {"svc/__init__.py": "", "svc/exercises/hours-to-seconds/initial.py": STARTER}
    expected = ["svc/exercises/hours-to-seconds/initial.py"]
    folder = "\nFOLDER = os.path.join('svc', 'exercises', 'hours-to-seconds')\n"
    loads = {
        "run_path": "import runpy\n\ndef run():\n    return runpy.run_path(os.path.join(FOLDER, 'initial.py'))\n",
        "exec": "def run():\n    exec(open(os.path.join(FOLDER, 'initial.py')).read(), {})\n",
        "spec": "import importlib.util\n\ndef run():\n"
                "    return importlib.util.spec_from_file_location('initial', os.path.join(FOLDER, 'initial.py'))\n",
        "sys_path": "import importlib, sys\n\ndef run():\n    sys.path.insert(0, FOLDER)\n    return importlib.import_module('initial')\n",
    }
    for name, load in loads.items():
        views = VIEWS + "import os\n" + folder + load
        assert _syntax_errors({**starter, "svc/views.py": views}, tmp_path / name) == expected, name
    sibling = {**starter, "svc/views.py": VIEWS, "svc/exercises/hours-to-seconds/check.py": "import importlib\n\nimportlib.import_module('initial')\n"}
    launch = {"Procfile": "check: python svc/exercises/hours-to-seconds/check.py\n"}
    assert _syntax_errors(sibling, tmp_path / "sibling", launch) == expected
    scripts = {"setup.cfg": "[options.entry_points]\nconsole_scripts =\n    starter = initial:main\n"}
    assert _syntax_errors({**starter, "svc/views.py": VIEWS}, tmp_path / "entry", scripts) == expected


def test_a_file_whose_word_is_the_services_package_is_loaded_only_by_evidence_of_the_file(tmp_path: Path) -> None:
    """roundup's wiki theme `website/wiki/wiki/data/plugin/theme/roundup.py` (SR017): a MoinMoin theme of the project's
    own wiki, hosted elsewhere, in a namespace folder nothing imports. The service's code, strings and Dockerfile spell
    `roundup` everywhere, and its tracker loader execs files by computed paths, but that word is its `roundup` package's.
    The same theme under a word of its own that the loader names, or one a launch file runs by its file name, stays."""
    theme = "from MoinMoin.theme import ThemeBase\n\nclass Theme(ThemeBase):\n    def header(self, d):\n\treturn ''\n        pass\n"
    instance = ("import os\n\nimport roundup.hyperdb\n\n\ndef load(home, name, env):\n    exec(open(os.path.join(home, name)).read(), env)\n\n\n"
                "def open_tracker(home):\n    env = {'roundup': roundup}\n    load(home, 'schema.py', env)\n    return env\n")
    views = VIEWS + "import logging\n\nfrom roundup.instance import open_tracker\n\nlog = logging.getLogger('roundup')\n\n\n" \
        "@app.get('/t')\ndef tracker():\n    return str(open_tracker('/srv/tracker'))\n"
    service = {"roundup/__init__.py": "", "roundup/hyperdb.py": "DATABASE = 'roundup'\n", "roundup/instance.py": instance,
               "roundup/web.py": views}
    dockerfile = {"Dockerfile": "FROM python:3.11\nCOPY roundup install/roundup/\nRUN pip install ./install\n"
                                "CMD [\"roundup-server\", \"roundup=/srv/tracker\"]\n"}
    path = "website/wiki/wiki/data/plugin/theme/roundup.py"
    assert _syntax_errors({**service, path: theme}, tmp_path / "answered", dockerfile) == []
    assert _syntax_errors({**service, path: theme}, tmp_path / "all", dockerfile, scope="all") == [path]
    own = "website/wiki/wiki/data/plugin/theme/tracker_theme.py"
    named = {**service, "roundup/instance.py": instance + "THEME = 'tracker_theme'\n", own: theme}
    assert _syntax_errors(named, tmp_path / "own-word", dockerfile) == [own]
    runs = {"Dockerfile": dockerfile["Dockerfile"] + "RUN python website/wiki/wiki/data/plugin/theme/roundup.py\n"}
    assert _syntax_errors({**service, path: theme}, tmp_path / "run", runs) == [path]
