"""PRR501's dead code: a Celery task nothing in the repository sends (project/unsent_tasks.py), and
what only it reaches; a task that any source, configuration or schedule names by its function name
or by its `name=` stays, and so does every task when names come from outside the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = (
    "from flask import Flask\nfrom svc.zenodo import ZenodoClient\n\napp = Flask(__name__)\n\n"
    "@app.get('/record/<doi>')\ndef record(doi):\n    return {'url': ZenodoClient.to_record_url(doi)}\n"
)
ZENODO = (
    "import requests\n\nclass ZenodoClient:\n    def __init__(self, token):\n        self.token = token\n\n"
    "    def _make_request(self, path, **kwargs):\n        return requests.request('GET', 'https://z/' + path, **kwargs)\n\n"
    "    def create_deposition(self, data):\n        return self._make_request('deposit', json=data)\n\n"
    "    @staticmethod\n    def to_record_url(doi):\n        return 'https://z/' + doi\n"
)
TASKS = (
    "import requests\nfrom celery import shared_task\nfrom svc.zenodo import ZenodoClient\n\n"
    "@shared_task{args}\ndef publish_to_zenodo(version):\n    body = requests.get('https://store/' + version).json()\n"
    "    return ZenodoClient('t').create_deposition(body)\n"
)
# what stays once the task is sent: the client's request, which its **kwargs pass on without a timeout
SENT = [("PRR501", "svc/zenodo.py", 11)]


def _found(tmp_path: Path, extra: Dict[str, str], args: str = "") -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/zenodo.py": ZENODO, "svc/tasks.py": TASKS.format(args=args), **extra}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_task_nothing_sends_and_what_only_it_reaches_are_dead(tmp_path: Path) -> None:
    """portal's `publish_to_zenodo` (J208, J224-J232): registered, but no `.delay`, signature, beat entry or name."""
    assert _found(tmp_path, {}) == []


def test_a_task_only_a_test_or_a_comment_sends_is_dead(tmp_path: Path) -> None:
    extra = {"tests/__init__.py": "", "tests/test_tasks.py": "from svc.tasks import publish_to_zenodo\n\n"
             "def test_publish():\n    publish_to_zenodo.delay('v1')\n",
             "svc/jobs.py": "import inspect\n\ndef later(version):\n    # publish_to_zenodo.delay(version)\n    return version\n\n"
             "def params(f):\n    return inspect.signature(f)\n"}
    assert _found(tmp_path, extra) == []


def test_a_task_a_view_sends_runs(tmp_path: Path) -> None:
    send = "\nfrom svc.tasks import publish_to_zenodo\n\n@app.post('/publish/<v>')\ndef publish(v):\n    publish_to_zenodo.delay(v)\n    return {}\n"
    assert _found(tmp_path, {"svc/views.py": VIEWS + send}) == SENT


def test_a_task_a_schedule_or_a_configuration_names_runs(tmp_path: Path) -> None:
    beat = "CELERY_BEAT_SCHEDULE = {'publish': {'task': 'tasks.publish_to_zenodo', 'schedule': 60}}\n"
    assert _found(tmp_path, {"svc/settings.py": beat}) == SENT
    (tmp_path / "svc/settings.py").unlink()
    assert _found(tmp_path, {"deploy/routes.yaml": "task_routes:\n  svc.tasks.publish_to_zenodo: {queue: zenodo}\n"}) == SENT


def test_a_task_sent_by_the_name_its_decorator_gives_runs(tmp_path: Path) -> None:
    jobs = "from svc.celery_app import app\n\ndef later(version):\n    return app.send_task('zenodo.publish', args=[version])\n"
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    assert _found(tmp_path, {"svc/jobs.py": jobs, "svc/celery_app.py": celery_app}, args="(name='zenodo.publish')") == SENT
    assert _found(tmp_path, {"svc/celery_app.py": celery_app}, args="(name='zenodo.publish')") == []


def test_a_task_its_decorator_names_after_itself_is_still_sent_by_nothing(tmp_path: Path) -> None:
    """earkweb's `@app.task(bind=True, name="solr_update_metadata")` on `def solr_update_metadata` (n53 NE100-NE102):
    the decorator's string is the task's own name, no sender; a chain that names it sends it."""
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    assert _found(tmp_path, {"svc/celery_app.py": celery_app}, args="(name='publish_to_zenodo')") == []
    jobs = "from svc.celery_app import app\n\ndef later(version):\n    return app.signature('publish_to_zenodo', args=[version])\n"
    files = {"svc/jobs.py": jobs, "svc/celery_app.py": celery_app}
    assert _found(tmp_path / "sent", files, args="(name='publish_to_zenodo')") == SENT


def test_every_task_stays_when_names_come_from_outside_the_repository(tmp_path: Path) -> None:
    """A name computed at run time, or a schedule an operator keeps in a database (django-celery-beat)."""
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    jobs = "from svc.celery_app import app\n\ndef later(kind, version):\n    return app.send_task(f'svc.tasks.{kind}', args=[version])\n"
    assert _found(tmp_path, {"svc/jobs.py": jobs, "svc/celery_app.py": celery_app}) == SENT
    (tmp_path / "svc/jobs.py").unlink()
    settings = "INSTALLED_APPS = ['django_celery_beat']\n"
    assert _found(tmp_path, {"svc/settings.py": settings, "svc/celery_app.py": celery_app}) == SENT


# A project's own task decorator: a factory whose result is another factory's, which calls Celery's.
CELERY_WRAPPERS = (
    "from celery import shared_task\n\n"
    "def retriable_task(retries=3, **kwargs):\n    taskifier = shared_task(bind=True, **kwargs)\n\n"
    "    def decorate(f):\n        return taskifier(f)\n\n    return decorate\n\n"
    "def http_task(post_save=False):\n    return retriable_task(retries=5 if post_save else 3)\n"
)
WRAPPED_TASKS = TASKS.replace("from celery import shared_task", "from svc.celery_wrappers import http_task").replace("@shared_task", "@http_task")


def test_a_task_a_project_decorator_makes_and_nothing_sends_is_dead(tmp_path: Path) -> None:
    """actionpopulaire's `@http_task(post_save=True) def update_ticket`: `http_task` returns
    `retriable_task(...)`, which calls `shared_task`; nothing sends the task."""
    extra = {"svc/celery_wrappers.py": CELERY_WRAPPERS, "svc/tasks.py": WRAPPED_TASKS.format(args="(post_save=True)")}
    assert _found(tmp_path, extra) == []


def test_a_task_a_project_decorator_makes_and_a_view_sends_runs(tmp_path: Path) -> None:
    send = "\nfrom svc.tasks import publish_to_zenodo\n\n@app.post('/publish/<v>')\ndef publish(v):\n    publish_to_zenodo.delay(v)\n    return {}\n"
    extra = {"svc/celery_wrappers.py": CELERY_WRAPPERS, "svc/tasks.py": WRAPPED_TASKS.format(args="(post_save=True)"),
             "svc/views.py": VIEWS + send}
    assert _found(tmp_path, extra) == [("PRR501", "svc/tasks.py", 7), *SENT]


def test_a_project_decorator_that_also_schedules_its_task_keeps_it(tmp_path: Path) -> None:
    """A decorator that hands the task to Celery's beat itself (`app.add_periodic_task`) runs it
    though no literal names it; its tasks stay, and with them what they reach."""
    scheduling = (
        "from svc.celery_app import app\n\n"
        "def every_hour(f):\n    task = app.task(f)\n    app.add_periodic_task(3600, task.s())\n    return task\n"
    )
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    tasks = TASKS.replace("from celery import shared_task", "from svc.scheduling import every_hour").replace("@shared_task", "@every_hour")
    extra = {"svc/scheduling.py": scheduling, "svc/celery_app.py": celery_app, "svc/tasks.py": tasks.format(args="")}
    assert _found(tmp_path, extra) == [("PRR501", "svc/tasks.py", 7), *SENT]


COMMAND = ("from django.core.management.base import BaseCommand\nfrom svc.tasks import publish_to_zenodo\n\n"
           "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        publish_to_zenodo('v1')\n")
# a re-export and a task that calls the command by name, which nothing sends either
REEXPORTS = ("from celery import shared_task\nfrom django.core.management import call_command\n\n"
             "from svc.tasks import publish_to_zenodo  # noqa: F401\n\n"
             "@shared_task\ndef fetch_zenodo():\n    call_command('publish_to_zenodo')\n")
HAND_RUN = {"svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
            "svc/management/commands/publish_to_zenodo.py": COMMAND, "svc/jobs.py": REEXPORTS}


def test_a_task_only_called_in_place_imported_or_named_as_a_command_is_sent_by_nothing(tmp_path: Path) -> None:
    """montandon-etl's `import_desinventar_data`: a hand-run management command of that name calls the task
    function in place (it runs in the command, not in a worker), `tasks.py` imports it, and an unsent task's
    `call_command("import_desinventar_data")` names the command. Nothing sends it, and what it reaches is the
    command's, which nothing runs."""
    assert _found(tmp_path, HAND_RUN) == []


def test_a_task_a_view_calls_in_place_runs_in_the_request(tmp_path: Path) -> None:
    call = "\nfrom svc.tasks import publish_to_zenodo\n\n@app.post('/publish/<v>')\ndef publish(v):\n    return publish_to_zenodo(v)\n"
    assert _found(tmp_path, {**HAND_RUN, "svc/views.py": VIEWS + call}) == [("PRR501", "svc/tasks.py", 7), *SENT]


def test_a_task_sent_beside_a_command_that_calls_it_in_place_runs(tmp_path: Path) -> None:
    beat = "CELERY_BEAT_SCHEDULE = {'publish': {'task': 'svc.tasks.publish_to_zenodo', 'schedule': 60}}\n"
    assert _found(tmp_path, {**HAND_RUN, "svc/settings.py": beat}) == SENT


def test_a_command_a_sent_task_calls_by_name_runs_the_task_in_place(tmp_path: Path) -> None:
    """The beat sends `fetch_zenodo`, whose `call_command` runs the command unattended, and the task's body with it."""
    beat = "CELERY_BEAT_SCHEDULE = {'fetch': {'task': 'svc.jobs.fetch_zenodo', 'schedule': 60}}\n"
    assert _found(tmp_path, {**HAND_RUN, "svc/settings.py": beat}) == [("PRR501", "svc/tasks.py", 7), *SENT]


def _with_body(line: str, after: str = "") -> str:
    """TASKS with `line` as the task body's first statement, and `after` (module code) below the task."""
    return TASKS.format(args="").replace("    body = ", f"    {line}\n    body = ") + after


def test_a_task_whose_own_body_holds_its_name_is_still_sent_by_nothing(tmp_path: Path) -> None:
    """healthcheck's `poll_meditech_api_for_results` (n83 VV014) takes a Redis lock keyed by its own name: a string in its
    own body runs only once the task runs, so it sends nothing (name_uses.py `own_strings`); nor does its `send_task`
    of itself, a re-run."""
    assert _found(tmp_path, {"svc/tasks.py": _with_body("key = 'publish_to_zenodo'")}) == []
    celery_app = "from celery import Celery\n\napp = Celery('svc')\n"
    again = _with_body("from svc.celery_app import app\n    app.send_task('publish_to_zenodo', countdown=60)")
    assert _found(tmp_path / "again", {"svc/tasks.py": again, "svc/celery_app.py": celery_app}) == []


def test_a_task_whose_name_its_body_and_another_function_hold_runs(tmp_path: Path) -> None:
    """The own body's strings are taken back once: another function of its module that sends it still does, whether
    the body's string is code, prose (counted apart already), an f-string's piece or in code after a `return`."""
    sender = "\n\ndef later(version):\n    return publish_to_zenodo.delay(version)\n"
    bodies = ["key = 'publish_to_zenodo'", "print('publish_to_zenodo started for the version', version)",
              "key = f'publish_to_zenodo:{version}'"]
    for number, line in enumerate(bodies):
        assert _found(tmp_path / str(number), {"svc/tasks.py": _with_body(line, sender)}) == SENT, line
    never_run = TASKS.format(args="") + "    key = 'publish_to_zenodo'\n" + sender  # after the task's `return`
    assert _found(tmp_path / "never", {"svc/tasks.py": never_run}) == SENT
    elsewhere = "\n\ndef later(version):\n    return {'task': 'publish_to_zenodo', 'args': [version]}\n"
    assert _found(tmp_path / "string", {"svc/tasks.py": _with_body("key = 'publish_to_zenodo'", elsewhere)}) == SENT


def test_a_default_that_names_the_task_is_no_part_of_its_body(tmp_path: Path) -> None:
    """A parameter's default runs when the `def` does, not with the body: it stays a mention (near miss)."""
    tasks = TASKS.format(args="").replace("def publish_to_zenodo(version):", "def publish_to_zenodo(version, key='publish_to_zenodo'):")
    assert _found(tmp_path, {"svc/tasks.py": tasks}) == SENT


def test_a_task_that_runs_its_own_command_and_is_sent_elsewhere_in_its_module_runs(tmp_path: Path) -> None:
    """A task whose body runs the management command of its own name (`call_command("publish_to_zenodo")`): that
    literal sends nothing already (`_no_sends`), so the own-body rule must not take it back a second time and cancel
    the module's real `.delay` (review hole H1)."""
    command = "from django.core.management import call_command\n    call_command('publish_to_zenodo')"
    sender = "\n\ndef later(version):\n    return publish_to_zenodo.delay(version)\n"
    assert _found(tmp_path, {"svc/tasks.py": _with_body(command, sender)}) == SENT
    assert _found(tmp_path / "alone", {"svc/tasks.py": _with_body(command)}) == []


# A task whose body sends `publish_to_zenodo` for each version (invoice-factory's `check_company_status_for_all_contractors`).
FAN_OUT = (
    "from celery import shared_task\nfrom svc.tasks import publish_to_zenodo\n\n"
    "@shared_task\ndef publish_all(versions):\n    for version in versions:\n        publish_to_zenodo.apply_async(args=[version])\n"
)
CELERY_APP = "from celery import Celery\n\napp = Celery('svc')\n"
SEND_VIEW = "\nfrom svc.{module} import {task}\n\n@app.post('/publish')\ndef publish():\n    {task}.delay(['v1'])\n    return {{}}\n"


def _view_sending(task: str, module: str = "fanout") -> Dict[str, str]:
    return {"svc/views.py": VIEWS + SEND_VIEW.format(module=module, task=task)}


def test_a_task_only_an_unsent_task_sends_is_sent_by_nothing(tmp_path: Path) -> None:
    """invoice-factory's `check_company_status` (n86 wm): its one `.apply_async` sits in the loop of a task nothing sends."""
    assert _found(tmp_path, {"svc/fanout.py": FAN_OUT}) == []


def test_a_task_an_unsent_task_and_something_else_send_runs(tmp_path: Path) -> None:
    """The unsent sender's body is no evidence; a view, the beat, a configuration file or another function still is."""
    assert _found(tmp_path / "view", {"svc/fanout.py": FAN_OUT, **_view_sending("publish_to_zenodo", "tasks")}) == SENT
    beat = "CELERY_BEAT_SCHEDULE = {'publish': {'task': 'svc.tasks.publish_to_zenodo', 'schedule': 60}}\n"
    assert _found(tmp_path / "beat", {"svc/fanout.py": FAN_OUT, "svc/settings.py": beat}) == SENT
    routes = {"svc/fanout.py": FAN_OUT, "deploy/routes.yaml": "task_routes:\n  svc.tasks.publish_to_zenodo: {queue: zenodo}\n"}
    assert _found(tmp_path / "config", routes) == SENT
    later = FAN_OUT + "\n\ndef later(version):\n    return publish_to_zenodo.delay(version)\n"
    assert _found(tmp_path / "later", {"svc/fanout.py": later}) == SENT
    at_import = FAN_OUT + "\nLATEST = publish_to_zenodo.s('latest')\n"  # outside any function: it runs at import
    assert _found(tmp_path / "import", {"svc/fanout.py": at_import}) == SENT


def test_a_task_a_sent_task_sends_runs(tmp_path: Path) -> None:
    """The sender is sent (a view, the beat), and so is what its body sends."""
    assert _found(tmp_path / "view", {"svc/fanout.py": FAN_OUT, **_view_sending("publish_all")}) == SENT
    beat = "CELERY_BEAT_SCHEDULE = {'all': {'task': 'svc.fanout.publish_all', 'schedule': 60}}\n"
    assert _found(tmp_path / "beat", {"svc/fanout.py": FAN_OUT, "svc/settings.py": beat}) == SENT


def test_a_chain_of_three_tasks_runs_only_when_its_first_is_sent(tmp_path: Path) -> None:
    nightly = FAN_OUT + "\n\n@shared_task\ndef nightly():\n    publish_all.delay(['v1', 'v2'])\n"
    assert _found(tmp_path / "unsent", {"svc/fanout.py": nightly}) == []
    assert _found(tmp_path / "sent", {"svc/fanout.py": nightly, **_view_sending("nightly")}) == SENT
    beat = "CELERY_BEAT_SCHEDULE = {'nightly': {'task': 'svc.fanout.nightly', 'schedule': 86400}}\n"
    assert _found(tmp_path / "beat", {"svc/fanout.py": nightly, "svc/settings.py": beat}) == SENT


def test_tasks_that_send_themselves_or_each_other_run_only_when_something_else_sends_one(tmp_path: Path) -> None:
    """A re-run of itself (`apply_async(countdown=...)`) or two tasks sending each other: nothing starts them."""
    again = _with_body("publish_to_zenodo.apply_async(args=[version], countdown=60)")
    assert _found(tmp_path / "self", {"svc/tasks.py": again}) == []
    assert _found(tmp_path / "self-sent", {"svc/tasks.py": again, **_view_sending("publish_to_zenodo", "tasks")}) == SENT
    ping = ("from celery import shared_task\n\n@shared_task\ndef retry_later(version):\n"
            "    from svc.tasks import publish_to_zenodo\n    publish_to_zenodo.delay(version)\n")
    pong = _with_body("from svc.retries import retry_later\n    retry_later.apply_async(args=[version], countdown=60)")
    assert _found(tmp_path / "pair", {"svc/tasks.py": pong, "svc/retries.py": ping}) == []
    assert _found(tmp_path / "pair-sent", {"svc/tasks.py": pong, "svc/retries.py": ping, **_view_sending("retry_later", "retries")}) == SENT


def test_an_unsent_task_whose_body_may_run_otherwise_still_sends(tmp_path: Path) -> None:
    """Near misses: the sender's body runs when a view calls it in place; another decorator may register it; its
    default runs with the `def`; two `def`s of its name leave open which is the task; a string of the name is kept."""
    in_place = "\nfrom svc.fanout import publish_all\n\n@app.post('/publish')\ndef publish():\n    publish_all(['v1'])\n    return {}\n"
    assert _found(tmp_path / "in-place", {"svc/fanout.py": FAN_OUT, "svc/views.py": VIEWS + in_place}) == SENT
    hooks = "HOOKS = []\n\ndef register(f):\n    HOOKS.append(f)\n    return f\n\n"
    registered = FAN_OUT.replace("@shared_task\n", hooks + "@register\n@shared_task\n")
    assert _found(tmp_path / "registered", {"svc/fanout.py": registered}) == SENT
    default = FAN_OUT.replace("def publish_all(versions):", "def publish_all(versions, send=publish_to_zenodo.s):")
    assert _found(tmp_path / "default", {"svc/fanout.py": default}) == SENT
    body = FAN_OUT.split("@shared_task\n", 1)[1]
    twice = FAN_OUT.split("@shared_task\n", 1)[0] + "import os\n\nif os.environ.get('A'):\n    @shared_task\n    " + \
        body.replace("\n", "\n    ").rstrip() + "\nelse:\n    @shared_task\n    def publish_all(versions):\n        return versions\n"
    assert _found(tmp_path / "twice", {"svc/fanout.py": twice}) == SENT
    by_name = FAN_OUT.replace("publish_to_zenodo.apply_async(args=[version])", "app.send_task('svc.tasks.publish_to_zenodo', args=[version])")
    by_name = by_name.replace("from svc.tasks import publish_to_zenodo\n", "from svc.celery_app import app\n")
    assert _found(tmp_path / "by-name", {"svc/fanout.py": by_name, "svc/celery_app.py": CELERY_APP}) == SENT


def test_a_send_in_never_run_code_of_an_unsent_task_is_not_taken_back_twice(tmp_path: Path) -> None:
    """Code after a `return` is prose already: the module's other send still counts (a near miss of the take-back)."""
    fan_out = FAN_OUT.replace("    for version in versions:\n        publish_to_zenodo.apply_async(args=[version])\n",
                              "    return versions\n    publish_to_zenodo.delay(versions)\n")
    later = "\n\ndef later(version):\n    return publish_to_zenodo.delay(version)\n"
    assert _found(tmp_path, {"svc/fanout.py": fan_out + later}) == SENT
    assert _found(tmp_path / "alone", {"svc/fanout.py": fan_out}) == []


# A client whose module has a demo `__main__` block, used by a task only an unsent task sends (invoice-factory's
# `CEIDGAdapter`, n86 wm): what reaches its request is the demo and the unsent chain, none of it the service.
REGISTRY = (
    "import requests\n\nclass Registry:\n    def __init__(self, token):\n        self.token = token\n\n"
    "    def _fetch(self, nip):\n        return requests.get('https://registry/' + nip, headers={'t': self.token})\n\n"
    "    def is_active(self, nip):\n        return self._fetch(nip).status_code == 200\n\n\n"
    "if __name__ == '__main__':\n    print(Registry('t').is_active('1'))\n"
)
CHECKS = (
    "from celery import shared_task\nfrom svc.registry import Registry\n\n"
    "@shared_task\ndef check_all(ids):\n    for nip in ids:\n        check_one.apply_async(args=[nip])\n\n"
    "@shared_task\ndef check_one(nip):\n    return Registry('t').is_active(nip)\n"
)
REGISTRY_FOUND = [("PRR501", "svc/registry.py", 8)]


def test_a_client_only_a_demo_and_an_unsent_chain_call_is_no_service(tmp_path: Path) -> None:
    """The task that calls the client runs nowhere: nothing sends it but the unsent task, or nothing at all."""
    assert _found(tmp_path / "chain", {"svc/registry.py": REGISTRY, "svc/checks.py": CHECKS}) == []
    alone = CHECKS.split("@shared_task\ndef check_all", 1)[0] + "@shared_task\ndef check_one" + CHECKS.split("def check_one", 1)[1]
    assert _found(tmp_path / "alone", {"svc/registry.py": REGISTRY, "svc/checks.py": alone}) == []


def test_a_client_a_sent_task_calls_is_the_service(tmp_path: Path) -> None:
    """Near misses: the beat sends the task that calls the client, or the task that sends it; another function sends it;
    a sent task calls it in place."""
    files = {"svc/registry.py": REGISTRY, "svc/checks.py": CHECKS}
    for task in ("check_one", "check_all"):
        beat = f"CELERY_BEAT_SCHEDULE = {{'check': {{'task': 'svc.checks.{task}', 'schedule': 60}}}}\n"
        assert _found(tmp_path / task, {**files, "svc/settings.py": beat}) == REGISTRY_FOUND, task
    later = "from svc.checks import check_one\n\ndef later(nip):\n    return check_one.delay(nip)\n"
    assert _found(tmp_path / "later", {**files, "svc/jobs.py": later}) == REGISTRY_FOUND
    # nothing sends `check_one`, but a task the beat sends calls it in place: its body runs in that worker
    in_place = CHECKS + "\n\n@shared_task\ndef nightly():\n    return check_one('1')\n"
    beat = "CELERY_BEAT_SCHEDULE = {'nightly': {'task': 'svc.checks.nightly', 'schedule': 60}}\n"
    assert _found(tmp_path / "in-place", {**files, "svc/checks.py": in_place, "svc/settings.py": beat}) == REGISTRY_FOUND


# A view that reaches the unsent sender's module through an object the resolver does not tie to it.
THROUGH_CLASS = "\nfrom svc import fanout\n\nclass Jobs:\n    mod = fanout\n\nJOBS = Jobs()\n\n@app.post('/run')\ndef run():\n    JOBS.mod.publish_all(['v'])\n    return {}\n"
THROUGH_SELF = ("\nimport svc.{module}\n\nclass Runner:\n    def __init__(self):\n        self.jobs = svc.{module}\n\n"
                "    def go(self, value):\n        return self.jobs.{task}([value])\n\n@app.post('/run')\ndef run():\n"
                "    Runner().go('v')\n    return {{}}\n")


def test_an_unsent_task_called_in_place_through_an_unresolved_receiver_still_sends(tmp_path: Path) -> None:
    """`JOBS.mod.publish_all(...)` or `self.jobs.publish_all(...)` resolve to no project function: the call may be the
    task's, run in place in the view, so its body may run and its sends count."""
    assert _found(tmp_path / "class", {"svc/fanout.py": FAN_OUT, "svc/views.py": VIEWS + THROUGH_CLASS}) == SENT
    through_self = VIEWS + THROUGH_SELF.format(module="fanout", task="publish_all")
    assert _found(tmp_path / "self", {"svc/fanout.py": FAN_OUT, "svc/views.py": through_self}) == SENT


def test_a_client_an_unsent_task_may_call_in_place_is_the_service(tmp_path: Path) -> None:
    """The client's task is run in place through an unresolved receiver, or by a helper nothing calls (no tool's, no
    test's: the service's, as the client docstring says)."""
    files = {"svc/registry.py": REGISTRY, "svc/checks.py": CHECKS}
    through_self = VIEWS + THROUGH_SELF.format(module="checks", task="check_one").replace("([value])", "(value)")
    assert _found(tmp_path / "self", {**files, "svc/views.py": through_self}) == REGISTRY_FOUND
    helper = "from svc.checks import check_one\n\ndef check_many(ids):\n    return [check_one(nip) for nip in ids]\n"
    assert _found(tmp_path / "helper", {**files, "svc/api.py": helper}) == REGISTRY_FOUND


def test_an_unsent_task_under_a_project_task_decorator_still_sends(tmp_path: Path) -> None:
    """A project decorator that makes a Celery task may also keep the function (and run it elsewhere) or run it:
    only a body under Celery's own task decorators runs only when sent."""
    kept = ("from celery import shared_task\n\nON_START = []\n\ndef startup_task(fn):\n    ON_START.append(fn)\n"
            "    return shared_task(fn)\n")
    hook = "\nfrom svc.deco import ON_START\n\n@app.before_request\ndef start():\n    for fn in ON_START:\n        fn(['v'])\n"
    fan_out = FAN_OUT.replace("from celery import shared_task\n", "from svc.deco import startup_task\n").replace("@shared_task\n", "@startup_task\n")
    assert _found(tmp_path / "kept", {"svc/deco.py": kept, "svc/fanout.py": fan_out, "svc/views.py": VIEWS + hook}) == SENT
    runs = "from celery import shared_task\n\ndef startup_task(fn):\n    fn(['v'])\n    return shared_task(fn)\n"
    assert _found(tmp_path / "runs", {"svc/deco.py": runs, "svc/fanout.py": fan_out}) == SENT


REGISTRY_VIEW = "\nfrom svc.celery_app import app as celery_app\n\n@app.post('/run/<kind>')\ndef run(kind):\n    {lookup}.delay(['v'])\n    return {{}}\n"


def test_a_task_looked_up_in_the_app_registry_by_a_computed_name_may_be_any(tmp_path: Path) -> None:
    """`celery_app.tasks[name]` / `.tasks.get(name)` with a computed name sends any registered task, as a computed
    `send_task` does: every task stays (a literal key names one, which its words already keep)."""
    base = {"svc/fanout.py": FAN_OUT, "svc/celery_app.py": CELERY_APP}
    for lookup in ("celery_app.tasks['svc.fanout.' + kind]", "celery_app.tasks.get(kind)"):
        views = VIEWS + REGISTRY_VIEW.format(lookup=lookup)
        assert _found(tmp_path / str(len(lookup)), {**base, "svc/views.py": views}) == SENT, lookup
    assert _found(tmp_path / "alone", {"svc/celery_app.py": CELERY_APP, "svc/views.py": VIEWS + REGISTRY_VIEW.format(lookup="celery_app.tasks[kind]")}) == SENT
    checks = {"svc/registry.py": REGISTRY, "svc/checks.py": CHECKS, "svc/celery_app.py": CELERY_APP}
    views = VIEWS + REGISTRY_VIEW.format(lookup="celery_app.tasks['svc.checks.' + kind]")
    assert _found(tmp_path / "client", {**checks, "svc/views.py": views}) == sorted(REGISTRY_FOUND + SENT)  # every task stays


GETATTR_VIEW = "\nfrom svc import fanout\n\n@app.post('/run/<kind>')\ndef run(kind):\n{body}    return {{}}\n"


def test_a_task_body_a_computed_lookup_may_run_in_place_still_sends(tmp_path: Path) -> None:
    """`getattr(fanout, 'publish_' + kind)(...)` may run the unsent sender in place (so may `globals()[name]`): no body
    is taken back while the project holds such a lookup. A literal name (which its words keep) or a lookup on an imported
    library object does not stop the reading."""
    base = {"svc/fanout.py": FAN_OUT}
    for body in ("    getattr(fanout, 'publish_' + kind)(['v'])\n", "    run_it = getattr(fanout, kind)\n    run_it(['v'])\n",
                 "    globals()[kind](['v'])\n", "    vars(fanout).get(kind)(['v'])\n"):
        assert _found(tmp_path / str(len(body)), {**base, "svc/views.py": VIEWS + GETATTR_VIEW.format(body=body)}) == SENT, body
    library = "\nimport os\n\n@app.post('/on/<kind>')\ndef on(kind):\n    return {'on': getattr(os, kind, None) is not None}\n"
    assert _found(tmp_path / "library", {**base, "svc/views.py": VIEWS + library}) == []
    literal = GETATTR_VIEW.format(body="    getattr(fanout, 'publish_all')(['v'])\n")  # the literal names the sender: it runs
    assert _found(tmp_path / "literal", {**base, "svc/views.py": VIEWS + literal}) == SENT
