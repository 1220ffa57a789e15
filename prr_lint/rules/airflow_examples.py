"""PRR501's documented examples of Airflow's `execution_timeout` (project/airflow_deadline.py), apart
from timeout_examples.py to keep each module short."""

from __future__ import annotations

from prr_lint.rules.base import Example

_DAG = (
    "from datetime import timedelta\n\nimport requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n"
    "from flask import Flask\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n\ndef export(url):\n"
    "    return requests.post(url, json={{}}).json(){expect}\n\ndef nightly():\n    return export('https://warehouse/export')\n\n"
    "with DAG('nightly') as dag:\n    PythonOperator(task_id='export', python_callable=nightly{timeout})\n\n"
    "@app.route('/health')\ndef health():\n    return {view}\n"
)

VALID = (
    # a callable only an Airflow task with a timeout runs: Airflow raises in it when the two hours are up
    Example(_DAG.format(expect="", timeout=", execution_timeout=timedelta(hours=2)", view="'ok'")),
)
INVALID = (
    # Airflow sets no timeout by default: the task may hang forever
    Example(_DAG.format(expect="  # expect: PRR501", timeout="", view="'ok'")),
    # the task has a timeout, but a view runs the same call
    Example(_DAG.format(expect="  # expect: PRR501", timeout=", execution_timeout=timedelta(hours=2)", view="export('https://warehouse/now')")),
)
