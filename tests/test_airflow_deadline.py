"""PRR501 and Airflow's execution_timeout (project/airflow_deadline.py): a call that only operators with a
finite timeout run (their `execute`, their python callable, a `@task`) is bounded; an operator without
one (Airflow sets none), a callback, a thread, or a view also reaching the call keeps it reported."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_CLIENTS = (
    "import requests\n\n\ndef render():\n    return requests.post('https://previews/render', json={}).content\n\n\n"
    "def latest():\n    return requests.get('https://feeds/latest').json()\n"
)
_APP = (
    "from flask import Flask\nfrom svc import clients\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/preview')\ndef preview():\n    return clients.render()\n"
)
# a project base operator whose instances get 30 minutes unless a caller says otherwise, and one built on it
_OPERATORS = (
    "from datetime import timedelta\n\nfrom airflow.models import BaseOperator\nfrom svc import clients\n\n\n"
    "class FeedOperator(BaseOperator):\n    def __init__(self, execution_timeout=timedelta(minutes=30), **kwargs):\n"
    "        super().__init__(execution_timeout=execution_timeout, **kwargs)\n\n\n"
    "class RefreshOperator(FeedOperator):\n    def execute(self, context):\n        return self._refresh()\n\n"
    "    def _refresh(self):\n        return clients.latest()\n"
)
_DAG = "from airflow import DAG\nfrom svc.operators import RefreshOperator\n\nwith DAG('feeds') as dag:\n    RefreshOperator(task_id='refresh')\n"
_PROJECT = {"svc/__init__.py": "", "svc/app.py": _APP, "svc/clients.py": _CLIENTS, "svc/operators.py": _OPERATORS, "svc/dag.py": _DAG}
_BOUNDED, _REPORTED = [("svc/clients.py", 5)], [("svc/clients.py", 5), ("svc/clients.py", 9)]


def _lines(**files: str) -> list:
    tree = {**_PROJECT, **{path.replace("__", "/") + ".py": source for path, source in files.items()}}
    return [(f.path, f.span.line) for f in lint_sources(tree, select=["PRR501"]).findings]


def test_an_operator_whose_base_gives_a_timeout_bounds_what_only_its_execute_runs() -> None:
    """`latest` runs only in RefreshOperator.execute -> _refresh, under the base's 30 minutes."""
    assert _lines() == _BOUNDED


@pytest.mark.parametrize("operators, dag", [
    # Airflow sets no timeout by default
    (_OPERATORS.replace("execution_timeout=timedelta(minutes=30)", "execution_timeout=None"), _DAG),
    # a DAG builds the operator with none
    (_OPERATORS, _DAG.replace("task_id='refresh'", "task_id='refresh', execution_timeout=None")),
    # a mapping may hold any keyword
    (_OPERATORS, _DAG.replace("task_id='refresh'", "task_id='refresh', **OPTIONS").replace("with DAG", "OPTIONS = {}\n\nwith DAG")),
    # Airflow calls on_kill when the timeout is up: what it runs has no deadline
    (_OPERATORS + "\n    def on_kill(self):\n        return self._refresh()\n", _DAG),
    # a method may take the timeout away
    (_OPERATORS.replace("**kwargs)\n\n\n", "**kwargs)\n        if kwargs.get('debug'):\n            self.execution_timeout = None\n\n\n", 1), _DAG),
    # what execute hands to a thread: the timeout interrupts the main thread only
    (_OPERATORS.replace("return self._refresh()", "return ThreadPoolExecutor().submit(self._refresh).result()")
     .replace("from svc import clients\n", "from concurrent.futures import ThreadPoolExecutor\n\nfrom svc import clients\n"), _DAG),
    # a failure callback runs after the timeout
    (_OPERATORS.replace("super().__init__(execution_timeout=execution_timeout, **kwargs)",
                        "super().__init__(execution_timeout=execution_timeout, on_failure_callback=self._refresh, **kwargs)"), _DAG),
])
def test_an_operator_without_a_sure_timeout_keeps_the_call(operators: str, dag: str) -> None:
    assert _lines(svc__operators=operators, svc__dag=dag) == _REPORTED


def test_a_timeout_parameter_a_subclass_passes_on_is_checked_at_its_callers() -> None:
    """The subclass takes `timeout` and passes it as the base's `execution_timeout`: a DAG giving it None wins."""
    operators = _OPERATORS.replace("class RefreshOperator(FeedOperator):\n", (
        "class RefreshOperator(FeedOperator):\n    def __init__(self, timeout=timedelta(minutes=5), **kwargs):\n"
        "        super().__init__(execution_timeout=timeout, **kwargs)\n\n"))
    assert _lines(svc__operators=operators) == _BOUNDED
    assert _lines(svc__operators=operators, svc__dag=_DAG.replace("task_id='refresh'", "task_id='refresh', timeout=None")) == _REPORTED


def test_a_view_reaching_the_call_keeps_it() -> None:
    view = _APP + "\n\n@app.route('/latest')\ndef show():\n    return clients.latest()\n"
    assert _lines(svc__app=view) == _REPORTED


def test_a_route_that_is_also_a_tasks_callable_keeps_its_call() -> None:
    app = _APP + "\n\n@app.route('/latest')\ndef show():\n    return requests.get('https://feeds/latest').json()\n"
    dag = ("from datetime import timedelta\n\nfrom airflow.operators.python import PythonOperator\nfrom svc.app import show\n\n"
           "PythonOperator(task_id='show', python_callable=show, execution_timeout=timedelta(minutes=5))\n")
    assert _lines(svc__app=app.replace("from svc import clients\n", "import requests\nfrom svc import clients\n"),
                  svc__operators="", svc__dag=dag) == [("svc/app.py", 15), *_REPORTED]


def test_a_fastapi_dependency_is_request_code() -> None:
    """`Depends(clients.latest)` runs `latest` for every request to the route, though nothing calls it."""
    app = ("from fastapi import Depends, FastAPI\nfrom svc import clients\n\napp = FastAPI()\n\n\n"
           "@app.get('/preview')\ndef preview(feed=Depends(clients.latest)):\n    return clients.render()\n")
    assert _lines(svc__app=app) == _REPORTED


_PYTHON_DAG = (
    "from datetime import timedelta\n\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\nfrom svc import clients\n\n"
    "ARGS = {'owner': 'feeds'}\n\nwith DAG('feeds', default_args=ARGS) as dag:\n"
    "    PythonOperator(task_id='refresh', python_callable=clients.latest, execution_timeout=timedelta(minutes=10))\n"
)


@pytest.mark.parametrize("dag, lines", [
    (_PYTHON_DAG, _BOUNDED),
    (_PYTHON_DAG.replace(", execution_timeout=timedelta(minutes=10)", ""), _REPORTED),
    # the DAG's default_args give every task of it the timeout
    (_PYTHON_DAG.replace(", execution_timeout=timedelta(minutes=10)", "").replace("'owner': 'feeds'", "'execution_timeout': timedelta(hours=1)"), _BOUNDED),
    (_PYTHON_DAG.replace("timedelta(minutes=10)", "None").replace("'owner': 'feeds'", "'execution_timeout': timedelta(hours=1)"), _REPORTED),
])
def test_a_python_callable_has_its_operators_timeout(dag: str, lines: list) -> None:
    assert _lines(svc__operators="", svc__dag=dag) == lines


@pytest.mark.parametrize("decorator, lines", [
    ("@task(execution_timeout=timedelta(minutes=10))", _BOUNDED),
    ("@task", _REPORTED),
])
def test_a_task_function_has_its_decorators_timeout(decorator: str, lines: list) -> None:
    dag = f"from datetime import timedelta\n\nfrom airflow.decorators import task\nfrom svc import clients\n\n\n{decorator}\ndef refresh():\n    return clients.latest()\n"
    assert _lines(svc__operators="", svc__dag=dag) == lines


def test_a_python_operator_subclass_gives_its_own_method_as_callable() -> None:
    """`super().__init__(python_callable=self.start, execution_timeout=...)`: `start` runs under the timeout."""
    operators = (
        "from datetime import timedelta\n\nfrom airflow.operators.python import PythonOperator\nfrom svc import clients\n\n\n"
        "class SendOperator(PythonOperator):\n    def __init__(self, **kwargs):\n"
        "        super().__init__(python_callable=self.start, execution_timeout=timedelta(hours=1), **kwargs)\n\n"
        "    def start(self, **context):\n        return clients.latest()\n"
    )
    dag = "from svc.operators import SendOperator\n\nSendOperator(task_id='send')\n"
    assert _lines(svc__operators=operators, svc__dag=dag) == _BOUNDED
    assert _lines(svc__operators=operators.replace("execution_timeout=timedelta(hours=1), ", ""), svc__dag=dag) == _REPORTED
