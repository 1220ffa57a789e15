"""PRR501's documented examples of Airflow's `execution_timeout` (project/airflow_deadline.py) and of its
`dagbag_import_timeout` (project/dag_parsing.py), apart from timeout_examples.py to keep each module short."""

from __future__ import annotations

from prr_lint.rules.base import Example

_DAG = (
    "from datetime import timedelta\n\nimport requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n"
    "from flask import Flask\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n\ndef export(url):\n"
    "    return requests.post(url, json={{}}).json(){expect}\n\ndef nightly():\n    return export('https://warehouse/export')\n\n"
    "with DAG('nightly') as dag:\n    PythonOperator(task_id='export', python_callable=nightly{timeout})\n\n"
    "@app.route('/health')\ndef health():\n    return {view}\n"
)
_PARSED = (
    "import requests\nfrom airflow import DAG\nfrom airflow.operators.empty import EmptyOperator\n{app}\n\ndef regions():\n"
    "    return requests.get('https://catalogue/regions').json(){expect}\n\n\n"
    "with DAG('regions', params={{'regions': regions()}}) as dag:\n    EmptyOperator(task_id='start')\n"
)
_VIEW = "from flask import Flask\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n\n\n@app.route('/regions')\ndef show():\n    return regions()\n"

VALID = (
    # a callable only an Airflow task with a timeout runs: Airflow raises in it when the two hours are up
    Example(_DAG.format(expect="", timeout=", execution_timeout=timedelta(hours=2)", view="'ok'")),
    # a call only the DAG file's top level makes: Airflow parses the file under dagbag_import_timeout (30 s by default)
    Example(_PARSED.format(app="", expect="")),
)
INVALID = (
    # Airflow sets no timeout by default: the task may hang forever
    Example(_DAG.format(expect="  # expect: PRR501", timeout="", view="'ok'")),
    # the task has a timeout, but a view runs the same call
    Example(_DAG.format(expect="  # expect: PRR501", timeout=", execution_timeout=timedelta(hours=2)", view="export('https://warehouse/now')")),
    # the DAG file's top level makes the call, but a view makes it too
    Example(_PARSED.format(app=_VIEW, expect="  # expect: PRR501")),
)
