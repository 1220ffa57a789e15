"""PRR501 and Airflow's dagbag_import_timeout (project/dag_parsing.py): what only the top level of a DAG module
runs in its main thread runs while Airflow parses the file, under a 30 s limit by default; a view, a task without
a timeout, a thread, a module building no DAG, or a deployment lifting the limit keeps the call reported."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_CLIENTS = (
    "import requests\n\n\ndef render():\n    return requests.post('https://previews/render', json={}).content\n\n\n"
    "def regions():\n    return requests.get('https://catalogue/regions').json()\n"
)
_APP = (
    "from flask import Flask\nfrom svc import clients\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/preview')\ndef preview():\n    return clients.render()\n"
)
# a DAG whose params are filled in when the file is parsed
_DAG = (
    "from airflow import DAG\nfrom airflow.operators.empty import EmptyOperator\nfrom svc import clients\n\n"
    "with DAG('regions', params={'regions': clients.regions()}) as dag:\n    EmptyOperator(task_id='start')\n"
)
_PROJECT = {"svc/__init__.py": "", "svc/app.py": _APP, "svc/clients.py": _CLIENTS, "dags/regions.py": _DAG}
_BOUNDED, _REPORTED = [("svc/clients.py", 5)], [("svc/clients.py", 5), ("svc/clients.py", 9)]


def _lines(**files: str) -> list:
    tree = {**_PROJECT, **{path.replace("__", "/") + ".py": source for path, source in files.items()}}
    return [(f.path, f.span.line) for f in lint_sources(tree, select=["PRR501"]).findings]


def test_a_call_only_a_dag_files_top_level_makes_is_bounded_by_parsing() -> None:
    assert _lines() == _BOUNDED


def test_a_dag_function_called_at_the_top_level_runs_at_parsing_too() -> None:
    dag = ("from airflow.decorators import dag\nfrom svc import clients\n\n\n"
           "@dag(schedule=None)\ndef regions():\n    settings = clients.regions()\n    return settings\n\n\nregions()\n")
    assert _lines(dags__regions=dag) == _BOUNDED


@pytest.mark.parametrize("files", [
    # a view runs it too
    {"svc__app": _APP + "\n\n@app.route('/regions')\ndef regions():\n    return clients.regions()\n"},
    # a module building no DAG: its top level has no parsing limit
    {"dags__regions": "from svc import clients\n\nREGIONS = clients.regions()\n"},
    # a task's callable without a timeout runs it too
    {"dags__regions": _DAG.replace("EmptyOperator(task_id='start')", "PythonOperator(task_id='load', python_callable=clients.regions)")
     .replace("from airflow.operators.empty import EmptyOperator", "from airflow.operators.python import PythonOperator")},
    # the limit interrupts the parsing process's main thread only
    {"dags__regions": _DAG.replace("params={'regions': clients.regions()}", "params={}")
     .replace("from svc import clients\n", "import threading\n\nfrom svc import clients\n") + "\nthreading.Thread(target=clients.regions).start()\n"},
])
def test_code_another_entry_or_thread_runs_keeps_the_call(files: dict) -> None:
    assert _lines(**files) == _REPORTED


_TREE = {**_PROJECT, "requirements.txt": "flask\napache-airflow\n"}


@pytest.mark.parametrize("path, text", [
    ("docker-compose.yml", "services:\n  scheduler:\n    image: airflow\n    environment:\n      AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT: 120\n"),
    ("airflow.cfg", "[core]\ndags_folder = /opt/airflow/dags\ndagbag_import_timeout = 60.0\n"),
    ("Dockerfile", "FROM apache/airflow:2.9.0\nENV AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT 90\n"),
])
def test_a_deployment_setting_a_short_parsing_limit_keeps_it_bounded(tree_lines, path: str, text: str) -> None:
    assert tree_lines({**_TREE, path: text}) == _BOUNDED


@pytest.mark.parametrize("path, text", [
    # no limit
    ("docker-compose.yml", "services:\n  scheduler:\n    environment:\n      - AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT=0\n"),
    # longer than a hung provider should hold anything
    ("airflow.cfg", "[core]\ndagbag_import_timeout = 1800\n"),
    (".env", "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT=3600\n"),
    # a value prr-lint cannot read
    ("docker-compose.yml", "services:\n  scheduler:\n    environment:\n      AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT: ${PARSE_TIMEOUT}\n"),
    ("deploy/values.yaml", "env:\n  - name: AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT\n    value: \"0\"\n"),
    ("infra/scheduler.tf", "locals {\n  environment = {\n    AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT = var.parse_timeout\n  }\n}\n"),
])
def test_a_deployment_lifting_the_parsing_limit_keeps_the_call(tree_lines, path: str, text: str) -> None:
    assert tree_lines({**_TREE, path: text}) == _REPORTED


# Airflow puts its DAGs folder on sys.path: a DAG below it imports a package there by its bare name
_DAGS_FOLDER = {
    **_TREE, "dags/regions.py": "",
    "pipeline/dags/__init__.py": "", "pipeline/dags/catalogue/config/__init__.py": "",
    "pipeline/dags/catalogue/config/lookups.py": "import requests\n\n\ndef regions():\n    return requests.get('https://catalogue/regions').json()\n",
    "pipeline/dags/catalogue/dags/regions.py": _DAG.replace("from svc import clients\n", "from catalogue.config import lookups\n").replace("clients.", "lookups."),
}


def test_a_dag_importing_from_the_dags_folder_by_bare_name_reaches_the_module(tree_lines) -> None:
    assert tree_lines(_DAGS_FOLDER) == _BOUNDED
    assert tree_lines({**_DAGS_FOLDER, ".env": "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT=0\n"}) == [("pipeline/dags/catalogue/config/lookups.py", 5), *_BOUNDED]
