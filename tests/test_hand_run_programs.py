"""Code a person runs against the service, beside a service prr-lint sees no route of: a script whose import is its
run that nothing imports or names, beside programs the deployment runs (root_scripts.py `hand_run_programs`), and the client functions of a module the
site imports only a constant from (dead_scope.py: a Django site whose URLconf prr-lint cannot read)."""

from __future__ import annotations

from pathlib import Path

from test_schedules import VIEWS, _timeouts

# A Django site whose URLconf routes views through a helper of its own: prr-lint sees no route.
SITE = {
    "wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\n\n"
               "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_settings')\napplication = get_wsgi_application()\n",
    "site_settings.py": "ROOT_URLCONF = 'urls'\n",
    "manage.py": "import sys\nfrom django.core.management import execute_from_command_line\n\n\n"
                 "def main():\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == '__main__':\n    main()\n",
    "urls.py": "from django.urls import path as django_path\nfrom pages import views\n\nurlpatterns = []\n\n\n"
               "def route(url, view):\n    urlpatterns.append(django_path(url, view))\n\n\nroute('export/', views.export)\n",
    "pages/__init__.py": "",
    "pages/views.py": "from django.http import JsonResponse\nfrom client_kit.fetch import EXPORT_KIND\n\n\n"
                      "def export(request):\n    return JsonResponse({'kind': EXPORT_KIND})\n",
}
# The client a researcher copies: constants the site shares, and a function that calls the site's API.
CLIENT = ("import requests\n\nEXPORT_KIND = 'audio'\n\n\ndef fetch_export(base, key):\n"
          "    return requests.post(base + '/export/', data={'key': key}).content\n")
# A script that does its work at its top level: a request against the site, then a check of the answer.
PROBE = "import requests\n\nresponse = requests.post('https://beiwe.example/export/', data={})\nprint(response.status_code)\n"
TEST = "from client_kit.fetch import fetch_export\n\n\ndef helper():\n    return fetch_export('http://127.0.0.1:8080', 'k')\n"
# a declared distribution (beiwe's pyproject.toml): the project may be a library, so only the site shows its dead code
DEPLOY = {"pyproject.toml": "[project]\nname = 'site'\nversion = '0'\n", "Procfile": "release: python manage.py migrate\nweb: gunicorn wsgi:application\n", "Makefile": "check:\n\tpytest -k helper\n"}


def test_a_reference_client_and_a_probe_script_beside_an_unrouted_site_are_not_the_service(tmp_path: Path) -> None:
    """beiwe-backend: the site imports a constant from the client; only a test calls its function (a Makefile's word
    names the test's `helper`: no hook); nothing imports or names the probe script, which defines nothing."""
    files = {**SITE, "client_kit/fetch.py": CLIENT, "client_kit/probe.py": PROBE, "tests/test_client.py": TEST}
    assert _timeouts(files, DEPLOY, tmp_path / "site") == []


def test_the_site_calling_the_client_or_a_deployment_running_the_script_keeps_the_findings(tmp_path: Path) -> None:
    """A view that calls the client function runs it in the site; a Procfile line that runs the probe runs it; a
    module that defines a function (a Lambda handler's `handler`) may be loaded for it, and stays."""
    calling = {**SITE, "pages/views.py": SITE["pages/views.py"] + "\n\ndef relay(request):\n    return fetch_export('https://up', 'k')\n",
               "client_kit/fetch.py": CLIENT}
    calling["pages/views.py"] = calling["pages/views.py"].replace("import EXPORT_KIND", "import EXPORT_KIND, fetch_export")
    calling["urls.py"] += "route('relay/', views.relay)\n"
    assert _timeouts(calling, DEPLOY, tmp_path / "called") == ["client_kit/fetch.py"]
    files = {**SITE, "client_kit/fetch.py": "EXPORT_KIND = 'audio'\n", "client_kit/probe.py": PROBE}
    run = {**DEPLOY, "Procfile": DEPLOY["Procfile"] + "probe: python client_kit/probe.py\n"}
    assert _timeouts(files, run, tmp_path / "run") == ["client_kit/probe.py"]
    handler = PROBE.replace("response = requests", "def handler(event, context):\n    return event\n\n\nresponse = requests")
    assert _timeouts({**files, "client_kit/probe.py": handler}, DEPLOY, tmp_path / "handler") == ["client_kit/probe.py"]
    # without a deployment that runs some program of the project by name nothing shows how it runs
    assert _timeouts(files, {"Makefile": DEPLOY["Makefile"]}, tmp_path / "undeployed") == ["client_kit/probe.py"]


# A hand-run experiment inside the service's package (HiddifyPanel's `panel/node/a.py`): its top level runs a coroutine
# that makes one call to a node and returns; nothing imports it, nothing names it.
EXPERIMENT = ("import asyncio\nimport requests\n\n\nasync def probe_hello():\n    print(fetch('F'))\n\n\n"
              "def fetch(word):\n    return requests.post('https://node.example/hello', data={'req': word}).text\n\n\n"
              "asyncio.run(probe_hello())\n")


def test_a_module_whose_import_runs_the_functions_it_defines_is_a_hand_run_script(tmp_path: Path) -> None:
    """What its top level runs (the coroutine `asyncio.run` is given, and what that calls in the module) is its own run,
    no function a loader takes out of it."""
    assert _timeouts({**SITE, "pages/experiment.py": EXPERIMENT}, DEPLOY, tmp_path) == []


def test_the_experiment_stays_when_run_imported_or_defining_what_its_run_does_not_call(tmp_path: Path) -> None:
    """A Procfile line that runs it, a view that imports it (its import runs it in the site), or a function its top
    level does not run (a handler a loader may take out) keep the finding."""
    files = {**SITE, "pages/experiment.py": EXPERIMENT}
    run = {**DEPLOY, "Procfile": DEPLOY["Procfile"] + "probe: python -m pages.experiment\n"}
    assert _timeouts(files, run, tmp_path / "run") == ["pages/experiment.py"]
    imported = {**files, "pages/views.py": SITE["pages/views.py"] + "from pages import experiment  # noqa: F401\n"}
    assert _timeouts(imported, DEPLOY, tmp_path / "imported") == ["pages/experiment.py"]
    handler = EXPERIMENT.replace("asyncio.run(probe_hello())", "def handler(event, context):\n    return fetch(event['word'])\n\n\nasyncio.run(probe_hello())")
    assert _timeouts({**SITE, "pages/experiment.py": handler}, DEPLOY, tmp_path / "handler") == ["pages/experiment.py"]


def test_a_deployment_running_a_program_the_shell_names_keeps_the_probe_script(tmp_path: Path) -> None:
    """`python $SCRIPT` may run any program of the project (program_runs.py `unnamed`): the probe may be the one."""
    files = {**SITE, "client_kit/fetch.py": "EXPORT_KIND = 'audio'\n", "client_kit/probe.py": PROBE}
    run = {**DEPLOY, "Procfile": DEPLOY["Procfile"] + "job: python $JOB_SCRIPT\n"}
    assert _timeouts(files, run, tmp_path / "shell") == ["client_kit/probe.py"]
    assert _timeouts(files, DEPLOY, tmp_path / "named") == []


def test_a_hyphenated_probe_script_nothing_names_is_not_the_service_but_a_launch_file_naming_its_words_keeps_it(
        tmp_path: Path) -> None:
    """A file name that is no word (`fetch-example.py`) is named by a text holding all its words (unloaded_files.py
    `spelled`): unnamed, it is a person's; an installed copy a launch file runs (`bin/fetch-example`) keeps it."""
    files = {**SITE, "client_kit/fetch.py": "EXPORT_KIND = 'audio'\n", "client_kit/fetch-example.py": PROBE}
    assert _timeouts(files, DEPLOY, tmp_path / "unnamed") == []
    run = {**DEPLOY, "Procfile": DEPLOY["Procfile"] + "probe: /app/bin/fetch-example\n"}
    assert _timeouts(files, run, tmp_path / "copy") == ["client_kit/fetch-example.py"]
