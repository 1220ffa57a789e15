"""Modules the service never loads (project/unloaded_modules.py): their findings are not the service's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = ("from flask import Flask\nfrom flask_restx import Api\n\napp = Flask(__name__)\napi = Api(app)\n\n"
       "from svc.resources import orders  # noqa: E402\n")
ORDERS = ("import requests\nfrom flask_restx import Resource\nfrom svc.app import api\n\n\n@api.route('/orders')\n"
          "class Orders(Resource):\n    def get(self):\n        return requests.get('https://stock.example/orders').json()\n")
# queue-management's `resources/theq/slack.py` (m33): a resource module the app's explicit imports leave out.
SLACK = ORDERS.replace("/orders", "/slack").replace("Orders", "Slack").replace("stock.example/orders", "hooks.slack.example")


def _findings(root: Path, files: Dict[str, str], launch: Tuple[str, ...] = ()) -> List[str]:
    result = run_on_disk(root, files, whole_project=True, launch_files=launch)
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings if f.rule == "PRR501")


def test_a_resource_module_nothing_imports_registers_nothing_and_its_calls_are_not_the_service(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/resources/slack.py": SLACK}
    assert _findings(tmp_path / "unimported", files) == ["svc/resources/orders.py:9"]
    imported = {**files, "svc/app.py": APP + "from svc.resources import slack  # noqa: E402\n"}
    assert _findings(tmp_path / "imported", imported) == ["svc/resources/orders.py:9", "svc/resources/slack.py:9"]


def test_a_test_naming_a_module_does_not_load_it_in_the_service(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/resources/slack.py": SLACK, "tests/test_slack.py": "from svc.resources import slack\n\n\ndef test_get():\n    slack.Slack()\n"}
    assert _findings(tmp_path, files) == ["svc/resources/orders.py:9"]


def test_modules_a_deployment_file_a_loader_or_a_framework_convention_loads_keep_their_findings(tmp_path: Path) -> None:
    base = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS}
    job = {**base, "svc/sync_stock.py": SLACK.replace("@api.route('/slack')\n", ""), "deploy/cron.yaml": "command: python -m svc.sync_stock\n"}
    assert "svc/sync_stock.py:8" in _findings(tmp_path / "deployed", job, ("deploy/cron.yaml",))
    walked = {**base, "svc/plugins/__init__.py": "", "svc/plugins/stock.py": SLACK,
              "svc/loader.py": "import importlib\n\n\ndef load(kind):\n    return importlib.import_module('svc.plugins.' + kind)\n"}
    assert "svc/plugins/stock.py:9" in _findings(tmp_path / "walked", walked)
    dag = {**base, "svc/dags/__init__.py": "", "svc/dags/stock.py": ("import requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n\n\n"
                                      "def pull():\n    return requests.get('https://stock.example/all')\n\n\n"
                                      "dag = DAG('stock')\npulled = PythonOperator(task_id='pull', python_callable=pull, dag=dag)\n")}
    assert "svc/dags/stock.py:7" in _findings(tmp_path / "dag", dag)  # Airflow parses its DAG folder
    worker = {**base, "svc/worker.py": ("import time\n\nimport requests\n\n\ndef main():\n    while True:\n"
                                        "        requests.post('https://stock.example/sync')\n        time.sleep(60)\n\n\n"
                                        "if __name__ == '__main__':\n    main()\n")}
    assert "svc/worker.py:8" in _findings(tmp_path / "worker", worker)  # a program a deployment elsewhere may start


def test_the_modules_of_a_package_a_setting_names_keep_their_findings(tmp_path: Path) -> None:
    """Scrapy loads every module of the packages `SPIDER_MODULES` names: a spider nothing imports or names
    runs. Django loads only its conventional modules from an `INSTALLED_APPS` package."""
    spider = ("import requests\nimport scrapy\n\n\nclass QuotesSpider(scrapy.Spider):\n    name = 'quotes'\n\n"
              "    def parse(self, response):\n        yield requests.get('https://api.example/authors').json()\n")
    base = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
            "svc/spiders/__init__.py": "", "svc/spiders/quote_spider.py": spider}
    walked = {**base, "svc/settings.py": "SPIDER_MODULES = ['svc.spiders']\n"}
    assert "svc/spiders/quote_spider.py:9" in _findings(tmp_path / "walked", walked)
    installed = {**base, "svc/settings.py": "INSTALLED_APPS = ['svc.spiders']\n"}
    assert "svc/spiders/quote_spider.py:9" not in _findings(tmp_path / "installed", installed)
