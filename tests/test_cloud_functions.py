"""PRR501 and Google Cloud Functions (project/cloud_functions.py, project/gcloud_deploys.py): a function a
`gcloud functions deploy` command of the deployment deploys is stopped at its timeout (60 s unless
`--timeout` says), so what only it runs is bounded, as in a Lambda; without a deploy command, or with a
limit over 15 minutes (a 2nd gen HTTP function may run an hour) or one filled in at deployment, it is not."""

from __future__ import annotations

from typing import Dict

import pytest

from prr_lint.project.gcloud_deploys import FunctionDeploy, function_deploys

_MAIN = (
    "import functions_framework\nimport requests\n\n\ndef notify(message):\n"
    "    return requests.post('https://hooks.example.org/rates', json={'text': message})\n\n\n"
    "def fetch_rates(url):\n    quotes = requests.get(url).json()\n    if quotes['EUR'] > 1.2:\n"
    "        notify(f'EUR at {quotes[\"EUR\"]}')\n    return quotes\n\n\n"
    "@functions_framework.http\ndef rates(request):\n    return fetch_rates('https://api.example.org/v1/rates')\n"
)
_CALLS = [("functions/rates/main.py", 6), ("functions/rates/main.py", 10)]
_WORKFLOW = (
    "name: Deploy rates\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
    "    defaults:\n      run:\n        working-directory: functions/rates\n    steps:\n      - uses: actions/checkout@v4\n"
    "      - name: Deploy the function\n        run:\n          \"gcloud functions deploy rates \\\n"
    "          --runtime python312 \\\n          --source . \\\n          --trigger-http{timeout}\"\n"
    "      - name: Schedule it\n        run: gcloud scheduler jobs create http rates --schedule '*/5 * * * *'\n"
)


_ALL = {"prr-lint.toml": 'scope = "all"\n'}  # a lone function is no service: every finding, the deadlines decide


def _project(timeout: str = "") -> Dict[str, str]:
    return {**_ALL, "functions/rates/main.py": _MAIN, ".github/workflows/deploy-rates.yml": _WORKFLOW.format(timeout=timeout)}


@pytest.mark.parametrize("timeout", ["", " \\\n          --timeout=540s", " \\\n          --timeout 9m"])
def test_a_function_a_workflow_deploys_is_bounded_by_its_timeout(tree_lines, timeout: str) -> None:
    assert tree_lines(_project(timeout)) == []


def test_without_a_deploy_command_the_calls_stay_reported(tree_lines) -> None:
    assert tree_lines({**_ALL, "functions/rates/main.py": _MAIN}) == _CALLS


@pytest.mark.parametrize("timeout", [" \\\n          --timeout=3600s", " \\\n          --timeout=$FUNCTION_TIMEOUT"])
def test_an_hour_long_or_unknown_limit_is_no_deadline(tree_lines, timeout: str) -> None:
    assert tree_lines(_project(timeout)) == _CALLS


def test_a_deploy_of_another_folder_bounds_nothing_here(tree_lines) -> None:
    files = {**_project(), ".github/workflows/deploy-rates.yml": _WORKFLOW.format(timeout="").replace("functions/rates", "tools/other")}
    assert tree_lines(files) == _CALLS


def test_a_runtime_that_is_not_python_deploys_no_project_code(tree_lines) -> None:
    files = {**_project(), ".github/workflows/deploy-rates.yml": _WORKFLOW.format(timeout="").replace("python312", "nodejs20")}
    assert tree_lines(files) == _CALLS


def test_a_cloud_build_step_with_an_entry_point_filled_in_bounds_the_registered_functions(tree_lines) -> None:
    build = (
        "steps:\n- name: gcr.io/google.com/cloudsdktool/cloud-sdk\n  entrypoint: gcloud\n  dir: functions\n"
        "  args: ['functions', 'deploy', 'rates', '--entry-point=$_ENTRY', '--source=rates', '--timeout=120s']\n"
    )
    assert tree_lines({**_ALL, "functions/rates/main.py": _MAIN, "cloudbuild.yaml": build}) == []


def test_a_helper_a_served_route_also_calls_stays_reported(tree_lines) -> None:
    files = {
        **_project(),
        "functions/rates/main.py": _MAIN.replace("import requests\n", "import requests\n\nfrom alerts import notify\n")
        .replace("def notify(message):\n    return requests.post('https://hooks.example.org/rates', json={'text': message})\n\n\n", ""),
        "functions/rates/alerts.py": "import requests\n\n\ndef notify(message):\n"
        "    return requests.post('https://hooks.example.org/rates', json={'text': message})\n",
        "web/app.py": "from flask import Flask\n\nfrom functions.rates.alerts import notify\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/alert')\ndef alert():\n    return notify('manual alert').text\n",
    }
    assert tree_lines(files) == [("functions/rates/alerts.py", 5)]


def test_deploy_commands_are_read_in_each_form() -> None:
    script = "#!/bin/sh\ngcloud beta functions deploy sync --entry-point=handle \\\n  --source=functions/sync --timeout=1h5m && echo ok\n"
    build = "steps:\n- name: gcr.io/cloud-builders/gcloud\n  args:\n  - functions\n  - deploy\n  - feeds\n  - --source\n  - functions/feeds\n"
    workflow = (
        "defaults:\n  run:\n    working-directory: fns\njobs:\n  a:\n    steps:\n      - name: one\n        working-directory: fns/one\n"
        "        run: |\n          gcloud functions deploy one \\\n            --gen2 --timeout 120\n"
        "      - run: gcloud functions deploy two --source src --runtime=$RUNTIME\n"
    )
    assert function_deploys("/r/deploy/sync.sh", script, "/r") == [FunctionDeploy("handle", "functions/sync", ("/r/deploy", "/r"), 3900.0)]
    assert function_deploys("/r/cloudbuild.yaml", build, "/r") == [FunctionDeploy("feeds", "functions/feeds", ("/r",), 60.0)]
    assert function_deploys("/r/.github/workflows/d.yml", workflow, "/r") == [
        FunctionDeploy("one", ".", ("/r/fns/one",), 120.0), FunctionDeploy("two", "src", ("/r/fns",), 60.0)]
    assert function_deploys("/r/Makefile", "deploy:\n\tgcloud functions deploy f --source gs://bucket/f.zip\n", "/r") == [
        FunctionDeploy("f", None, ("/r",), 60.0)]
