"""Folders of scripts inside a package (project/package_scripts.py): programs no service module imports and no
launch file runs are operator tooling, whatever the folder is called."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

MAIN = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
COMMON = "import requests\n\n\ndef post(path, body):\n    return requests.post('https://stock.example/' + path, json=body)\n"
# A program run by hand: `python -m svc.maintenance.backfill`.
BACKFILL = ("import requests\n\nfrom svc.maintenance.common import post\n\n\ndef backfill():\n"
            "    requests.get('https://stock.example/all')\n    post('backfill', {})\n\n\nif __name__ == '__main__':\n    backfill()\n")
# A one-off beside it that does its work at its top level: `python svc/maintenance/fix_prices.py`.
FIX = "import requests\n\nfor shop in ('a', 'b'):\n    requests.post('https://stock.example/fix/' + shop)\n"
FOLDER = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/maintenance/__init__.py": "", "svc/maintenance/common.py": COMMON,
          "svc/maintenance/backfill.py": BACKFILL, "svc/maintenance/fix_prices.py": FIX}


def _findings(root: Path, files: Dict[str, str], launch: Dict[str, str] = {}) -> List[str]:
    result = run_on_disk(root, files, whole_project=True, on_disk_only=launch, launch_files=tuple(launch))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_a_package_folder_of_programs_nothing_imports_or_runs_is_not_the_service(tmp_path: Path) -> None:
    # words of their names in the service (`def backfill`) are no path to them
    files = {**FOLDER, "svc/jobs.py": "def backfill():\n    return 1\n\n\ndef fix_prices():\n    return 2\n"}
    assert _findings(tmp_path / "tools", files) == []
    commented = {"Dockerfile": "FROM python\n# CMD python svc/maintenance/fix_prices.py\nCMD uvicorn svc.main:app\n"}
    assert _findings(tmp_path / "commented", files, commented) == []


def test_a_program_of_the_folder_a_dockerfile_runs_is_the_deployments(tmp_path: Path) -> None:
    launch = {"Dockerfile": "FROM python\nCMD python svc/maintenance/fix_prices.py && uvicorn svc.main:app\n"}
    assert _findings(tmp_path, FOLDER, launch) == ["svc/maintenance/fix_prices.py:4"]


def test_a_folder_the_service_imports_from_or_names_by_path_stays(tmp_path: Path) -> None:
    imported = {**FOLDER, "svc/main.py": MAIN + "\nfrom svc.maintenance.backfill import backfill  # noqa: E402\n\n\n"
                "@app.post('/backfill')\ndef run():\n    backfill()\n"}
    assert "svc/maintenance/backfill.py:7" in _findings(tmp_path / "imported", imported)
    spawned = {**FOLDER, "svc/main.py": MAIN + "\nimport subprocess  # noqa: E402\n\n\n@app.post('/fix')\ndef fix():\n"
               "    subprocess.Popen(['python', 'svc/maintenance/fix_prices.py'])\n"}
    assert "svc/maintenance/fix_prices.py:4" in _findings(tmp_path / "spawned", spawned)


def test_a_folder_without_a_program_run_by_hand_stays(tmp_path: Path) -> None:
    """Modules that only do work at their top level may be pages or hooks a framework loads from the package."""
    pages = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/pages/__init__.py": "", "svc/pages/prices.py": FIX}
    assert _findings(tmp_path, pages) == ["svc/pages/prices.py:4"]


def test_a_package_run_with_python_dash_m_is_a_program_and_stays_when_the_deployment_runs_it(tmp_path: Path) -> None:
    main = "from svc.reindex.common import post\n\npost('reindex', {})\n"
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/reindex/__init__.py": "", "svc/reindex/__main__.py": main,
             "svc/reindex/common.py": COMMON}
    assert _findings(tmp_path / "by-hand", files) == []
    launch = {"Procfile": "web: uvicorn svc.main:app\nrelease: python -m svc.reindex\n"}
    assert _findings(tmp_path / "released", files, launch) == ["svc/reindex/common.py:5"]


def test_a_namespace_folder_of_programs_inside_a_package_is_one_too(tmp_path: Path) -> None:
    """No `__init__.py` in `svc/end_of_year/`, one in `svc/`: Python imports it as a namespace package."""
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/end_of_year/common.py": COMMON,
             "svc/end_of_year/backfill.py": BACKFILL.replace("maintenance", "end_of_year"), "svc/end_of_year/fix_prices.py": FIX}
    assert _findings(tmp_path / "by-hand", files) == []
    launch = {"crontab": "0 1 1 1 * cd /app && python svc/end_of_year/fix_prices.py\n"}
    assert _findings(tmp_path / "cron", files, launch) == ["svc/end_of_year/fix_prices.py:4"]
    imported = {**files, "svc/main.py": MAIN + "\nfrom svc.end_of_year.backfill import backfill  # noqa: E402\n\n\n"
                "@app.post('/backfill')\ndef run():\n    backfill()\n"}
    assert "svc/end_of_year/backfill.py:7" in _findings(tmp_path / "imported", imported)


# A plug-in helper that imports whatever dotted path it is handed, to take a class out of it.
PLUGINS = ("import importlib\n\n\ndef load_class(path):\n    module, _, name = path.rpartition('.')\n"
           "    return getattr(importlib.import_module(module), name)\n")


def test_a_loader_of_any_dotted_name_takes_classes_and_runs_no_script_that_defines_nothing(tmp_path: Path) -> None:
    """DOAJ's `portality/migrate/p1p2/flushuploads.py` beside `portality/lib/plugin.py`: the script's import is its run."""
    files = {**FOLDER, "svc/plugin.py": PLUGINS}
    assert _findings(tmp_path / "scripts", files) == []
    # a module of the folder that defines a function a loader may take stays
    assert _findings(tmp_path / "functions", {**files, "svc/maintenance/fix_prices.py": FIX + "\n\ndef fix():\n    return 1\n"}) \
        == ["svc/maintenance/fix_prices.py:4"]
    # a loader whose literal start reaches the folder may run the script by name
    runner = "import importlib\n\n\ndef run(name):\n    importlib.import_module('svc.maintenance.' + name)\n"
    assert _findings(tmp_path / "by-name", {**files, "svc/runner.py": runner}) == ["svc/maintenance/fix_prices.py:4"]


def test_a_bare_word_of_a_scripts_name_in_a_launch_file_runs_nothing(tmp_path: Path) -> None:
    """DOAJ's `deploy.sh` says "Compile the static pages" and its CMS YAML lists pages: `st2cl/pages.py` stays a script."""
    launch = {"deploy.sh": "#!/bin/sh\npip install -e .\necho compile the fix_prices and static pages\nuvicorn svc.main:app\n"}
    assert _findings(tmp_path / "word", FOLDER, launch) == []
    dotted = {"deploy.sh": "#!/bin/sh\npython -m svc.maintenance.fix_prices\nuvicorn svc.main:app\n"}
    assert _findings(tmp_path / "dotted", FOLDER, dotted) == ["svc/maintenance/fix_prices.py:4"]


# An evaluation folder: a program run by its path importing its sibling by a bare name, a scraper doing its work at
# its top level, and a module of definitions nothing imports any more.
SEARCH = "import requests\n\n\nclass PromptSearch:\n    def run(self):\n        return requests.get('https://llm.example/')\n"
EVALUATE = "import sys\n\nfrom search import PromptSearch\n\nif __name__ == '__main__':\n    PromptSearch().run()\n    sys.exit(0)\n"
SCRAPE = "from urllib.request import urlopen\n\nfor page in ('a', 'b'):\n    print(urlopen('https://docs.example/' + page).read())\n"
MODELS = "import requests\n\n\nclass Model:\n    def predict(self):\n        return requests.post('https://llm.example/')\n"
EVAL = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/eval/__init__.py": "", "svc/eval/search.py": SEARCH,
        "svc/eval/evaluate.py": EVALUATE, "svc/eval/scrape.py": SCRAPE, "svc/eval/model.py": MODELS}


def test_a_folder_of_programs_with_bare_sibling_imports_and_leftover_definitions_is_one_of_scripts(tmp_path: Path) -> None:
    assert _findings(tmp_path / "eval", EVAL) == []
    # a module of definitions the service imports is no leftover: the folder may be the service's
    used = {**EVAL, "svc/main.py": MAIN + "\nfrom svc.eval.model import Model  # noqa: E402\n\n\n"
            "@app.post('/predict')\ndef predict():\n    return Model().predict()\n"}
    assert _findings(tmp_path / "used", used) == ["svc/eval/model.py:6", "svc/eval/scrape.py:4", "svc/eval/search.py:6"]
    # a module of definitions only a test imports is no leftover either: the folder stays (the method only a test
    # names is dead code)
    tested = {**EVAL, "tests/test_model.py": "import pytest\n\nfrom svc.eval.model import Model\n\n\ndef test_model():\n    assert Model()\n"}
    assert _findings(tmp_path / "tested", tested) == ["svc/eval/scrape.py:4", "svc/eval/search.py:6"]
