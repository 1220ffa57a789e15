"""PRR301-303 across modules, their options, and snapshots of the example services."""

from __future__ import annotations

import json
import os

import pytest

from _serving import run, settings_with
from conftest import REPO

SNAPSHOTS = REPO / "tests" / "snapshots" / "serving"
BP = "from flask import Blueprint\nbp = Blueprint('b', __name__)\n"


def _codes(result):
    return [(f.rule, f.path, f.span.line) for f in result.findings]


def test_batch_only_code_is_never_reported() -> None:
    files = {
        "svc/jobs.py": "from celery import shared_task\nfrom svc import wh\n\n@shared_task\ndef nightly():\n    wh.load()\n",
        "svc/cli.py": "import click\nfrom svc import wh\n\n@click.command()\ndef main():\n    wh.load()\n",
        "svc/wh.py": "from google.cloud import bigquery\n\ndef load():\n    bigquery.Client().query('x')\n",
        "svc/views.py": BP + "from svc.jobs import nightly\n\n@bp.post('/n')\ndef n():\n    nightly.delay()\n    return 'queued'\n",
    }
    assert _codes(run(files)) == []


def test_direct_call_of_a_task_function_runs_it_in_the_request() -> None:
    files = {
        "svc/jobs.py": "from celery import shared_task\nfrom google.cloud import bigquery\n\n@shared_task\ndef nightly():\n"
        "    bigquery.Client().query('x')\n",
        "svc/views.py": BP + "from svc.jobs import nightly\n\n@bp.post('/n')\ndef n():\n    return nightly()\n",
    }
    assert _codes(run(files, select=("PRR301",))) == [("PRR301", "svc/jobs.py", 6)]


def test_allow_calls_ok_routes_and_extra_batch_modules() -> None:
    files = {
        "svc/views.py": BP + "from google.cloud import bigquery\nimport inhouse.lake\n\n"
        "@bp.get('/admin/report')\ndef admin():\n    return bigquery.Client().query('x')\n\n"
        "@bp.get('/rows')\ndef rows():\n    return bigquery.Client().list_rows('t')\n\n"
        "@bp.get('/lake')\ndef lake():\n    return inhouse.lake.scan('t')\n",
    }
    assert _codes(run(files, select=("PRR301",))) == [("PRR301", "svc/views.py", 8), ("PRR301", "svc/views.py", 12)]
    settings = settings_with(batch={
        "ok-routes": ("/admin/*",), "allow-calls": ("google.cloud.bigquery.Client.list_rows",), "modules": ("inhouse.lake",),
    })
    assert _codes(run(files, select=("PRR301",), settings=settings)) == [("PRR301", "svc/views.py", 16)]


def test_batch_client_at_import_only_in_modules_serving_code_imports() -> None:
    files = {
        "svc/views.py": BP + "from svc import used\n\n@bp.get('/')\ndef index():\n    return used.x\n",
        "svc/used.py": "from google.cloud import bigquery\nx = 1\nclient = bigquery.Client()\n",
        "svc/unused.py": "from google.cloud import bigquery\nclient = bigquery.Client()\n",
    }
    assert _codes(run(files, select=("PRR302",))) == [("PRR302", "svc/used.py", 3)]
    settings = settings_with(reachability={"follow-import-side-effects": False})
    assert _codes(run(files, select=("PRR302",), settings=settings)) == []


def test_sync_wait_forms() -> None:
    files = {
        "svc/views.py": BP + "from celery import group\nfrom rq import Queue\nfrom svc.jobs import t\nq = Queue()\n\n"
        "@bp.get('/a')\ndef a():\n    r = t.apply_async(args=(1,))\n    return r.wait()\n\n"
        "@bp.get('/b')\ndef b():\n    return group(t.s(i) for i in range(3))().join()\n\n"
        "@bp.get('/c')\ndef c():\n    job = q.enqueue(t, 1)\n    while job.get_status() != 'finished':\n        pass\n    return 'ok'\n\n"
        "@bp.get('/d')\ndef d(cache):\n    return cache.get('k')\n",
        "svc/jobs.py": "from celery import shared_task\n\n@shared_task\ndef t(x):\n    return x\n",
    }
    assert _codes(run(files, select=("PRR303",))) == [
        ("PRR303", "svc/views.py", 11), ("PRR303", "svc/views.py", 15), ("PRR303", "svc/views.py", 20),
    ]


def test_a_wait_counts_on_what_queued_the_work_not_on_its_name() -> None:
    """A Kafka producer's `send()` returns a delivery future: `future.result(timeout)` waits on the write,
    not on a worker (karapace). `send`/`enqueue` on an object of another class, or on a receiver nothing
    resolves, queue no task; on a dramatiq actor or an RQ queue made by django_rq they do. Celery's own
    `delay()` and `send_task()` count on an imported task or app, and a finite timeout keeps such a wait reported."""
    files = {
        "svc/producer.py": "from confluent_kafka import Producer\n\nclass KafkaProducer(Producer):\n"
        "    def send(self, topic, value):\n        return self.produce(topic, value)\n",
        "svc/views.py": BP + "import django_rq\nimport dramatiq\nfrom svc.producer import KafkaProducer\n"
        "from svc.jobs import t, app\n\n@dramatiq.actor\ndef work(x):\n    return x\n\n"
        "class Writer:\n    def __init__(self):\n        self._producer: KafkaProducer | None = KafkaProducer()\n\n"
        "    def write(self, value):\n        future = self._producer.send('_schemas', value)\n"
        "        return future.result(10)\n\n"
        "@bp.post('/a')\ndef a():\n    return Writer().write(b'x')\n\n"
        "@bp.post('/b')\ndef b(channel):\n    return channel.send(1).result()\n\n"
        "@bp.post('/c')\ndef c():\n    return work.send(1).get_result(block=True, timeout=5000)\n\n"
        "@bp.post('/d')\ndef d():\n    job = django_rq.get_queue('default').enqueue(t, 1)\n"
        "    while not job.is_finished:\n        job.refresh()\n    return 'ok'\n\n"
        "@bp.post('/e')\ndef e():\n    return t.delay(1).get(timeout=2) + app.send_task('svc.jobs.t').get(timeout=2)\n",
        "svc/jobs.py": "from celery import Celery\napp = Celery('svc')\n\n@app.task\ndef t(x):\n    return x\n",
    }
    assert _codes(run(files, select=("PRR303",))) == [
        ("PRR303", "svc/views.py", 30), ("PRR303", "svc/views.py", 36), ("PRR303", "svc/views.py", 41),
        ("PRR303", "svc/views.py", 41),
    ]


def test_a_status_read_is_bounded_only_by_a_short_timeout_it_keeps() -> None:
    """A task looked up by id and waited on for at most 3 s (task_results.py); the bound read from a
    number, a module constant or a default the function keeps, the first positional argument too."""
    files = {
        "svc/views.py": BP + "from celery.result import AsyncResult\nWAIT = 3\n\n"
        "@bp.get('/a/<i>')\ndef a(i):\n    return AsyncResult(i).get(WAIT)\n\n"
        "@bp.get('/b/<i>')\ndef b(i, wait=2.5):\n    return AsyncResult(i).wait(timeout=wait)\n\n"
        "@bp.get('/c/<i>')\ndef c(i):\n    return AsyncResult(i).get(timeout=3.5)\n\n"
        "@bp.get('/d/<i>')\ndef d(i, wait=2):\n    wait = wait * 10\n    return AsyncResult(i).get(timeout=wait)\n\n"
        "@bp.get('/e/<i>')\ndef e(i):\n    return AsyncResult(i).get(timeout=None)\n",
    }
    assert _codes(run(files, select=("PRR303",))) == [
        ("PRR303", "svc/views.py", 16), ("PRR303", "svc/views.py", 21), ("PRR303", "svc/views.py", 25),
    ]


def test_a_bounded_wait_on_a_task_that_does_nothing_is_a_worker_probe() -> None:
    """remo's admin view waits `.get(timeout=5)` on `check_celery.delay()`, a task of another module whose body is a
    docstring and `pass`, on an app of a `celery.Celery` subclass that only adds `on_configure` (rules/idle_tasks.py,
    rules/celery_apps.py): no work runs on the request path. A standard log call and a constant return do nothing
    either; the timeout may be a module constant. Kept: no timeout or `None`, a task that calls something (in its body
    or a log call's argument), one another decorator wraps, a compound body, a name the task's module rebinds, a
    result name bound twice, a task picked at run time, one queued by name."""
    files = {
        "svc/celery.py": "from celery import Celery as BaseCelery\n\nclass Celery(BaseCelery):\n"
        "    def on_configure(self):\n        from raven import register_signal\n        register_signal(None)\n\n"
        "app = Celery('svc')\n",
        "svc/jobs.py": "import logging\nfrom svc.celery import app\nfrom svc.locks import locked\n"
        "log = logging.getLogger(__name__)\n\n@app.task(ignore_result=False)\ndef ping():\n    \"\"\"Probe.\"\"\"\n    pass\n\n"
        "@app.task\ndef pong():\n    log.info('pong %s', 1)\n    return 'pong'\n\n"
        "@app.task\ndef calls():\n    notify()\n\n@app.task\n@locked\ndef wrapped():\n    pass\n\n"
        "@app.task\ndef rebound():\n    pass\n\nrebound = app.task(lambda: 1)\n\n"
        "@app.task\ndef logs_work():\n    log.info('n %s', count())\n\n@app.task\ndef branch():\n    if True:\n        pass\n",
        "svc/locks.py": "def locked(f):\n    return f\n",
        "svc/views.py": BP + "from svc.celery import app\nfrom svc.jobs import ping, pong, calls, wrapped, rebound, logs_work, branch\n"
        "WAIT = 5\n\n"
        "@bp.get('/a')\ndef a():\n    investigator = ping.delay()\n    try:\n        investigator.get(timeout=5)\n"
        "    except investigator.TimeoutError:\n        return 'timeout'\n    return 'ok'\n\n"
        "@bp.get('/b')\ndef b():\n    return pong.apply_async().get(4) + ping.delay().get(timeout=WAIT)\n\n"
        "@bp.get('/c')\ndef c():\n    return ping.delay().get() + ping.delay().get(timeout=None)\n\n"
        "@bp.get('/d')\ndef d():\n    return calls.delay().get(timeout=5)\n\n"
        "@bp.get('/e')\ndef e():\n    return wrapped.delay().get(timeout=5)\n\n"
        "@bp.get('/f')\ndef f():\n    return rebound.delay().get(timeout=5)\n\n"
        "@bp.get('/g')\ndef g():\n    return logs_work.delay().get(timeout=5) + branch.delay().get(timeout=5)\n\n"
        "@bp.get('/h')\ndef h():\n    r = ping.delay()\n    r = calls.delay()\n    return r.get(timeout=5)\n\n"
        "@bp.get('/i')\ndef i(x):\n    t = ping\n    if x:\n        t = calls\n    return t.delay().get(timeout=5)\n\n"
        "@bp.get('/j')\ndef j():\n    return app.send_task('svc.jobs.ping').get(timeout=5)\n",
    }
    assert _codes(run(files, select=("PRR303",))) == [
        ("PRR303", "svc/views.py", 22), ("PRR303", "svc/views.py", 22), ("PRR303", "svc/views.py", 26),
        ("PRR303", "svc/views.py", 30), ("PRR303", "svc/views.py", 34), ("PRR303", "svc/views.py", 38),
        ("PRR303", "svc/views.py", 38), ("PRR303", "svc/views.py", 44), ("PRR303", "svc/views.py", 51),
        ("PRR303", "svc/views.py", 55),
    ]


def test_a_probe_wait_stays_reported_unless_it_is_short_and_the_task_runs_nothing_around_it() -> None:
    """A probe's wait is short and bounded once: `timeout=0` (`.wait(0.0)`, a constant 0) is no timeout to Celery, a
    loop retries a short wait without end, an hour holds the request, a parameter's default is a bound a route can
    fill. Around the body: `name=` registers a stub whose work runs elsewhere, `base=`, `task_cls=` or an app
    subclass's `task` wrap the body in work, a project `.task` decorator is no Celery registration, a task that takes
    a parameter is no probe, and a project object's `.info()` is no standard logger. Each stays reported; the same
    project's plain probe (`/probe`) does not."""
    files = {
        "svc/base.py": "from celery import Celery, Task\nfrom svc.search import rebuild_index\n\n"
        "class Reindexing(Task):\n    def __call__(self, *a, **k):\n        rebuild_index()\n"
        "        return super().__call__(*a, **k)\n\nclass Wrapping(Celery):\n    def task(self, *a, **k):\n"
        "        rebuild_index()\n        return super().task(*a, **k)\n\nheavy_app = Celery('svc', task_cls='svc.base:Reindexing')\n"
        "wrapping_app = Wrapping('svc')\n",
        "svc/audit.py": "from svc.search import rebuild_index\n\nclass AuditLog:\n    def info(self, msg):\n"
        "        rebuild_index()\n\nlogger = AuditLog()\n\nclass Registry:\n    def task(self, f):\n"
        "        rebuild_index()\n        return f\n\nregistry = Registry()\n",
        "svc/jobs.py": "from celery import Celery\nfrom svc.audit import logger, registry\nfrom svc.base import Reindexing, heavy_app, "
        "wrapping_app\napp = Celery('svc')\nZERO = 0\n\n@app.task\ndef ping():\n    pass\n\n"
        "@app.task(name='billing.charge_card')\ndef stub():\n    pass\n\n@app.task(base=Reindexing)\ndef based():\n    pass\n\n"
        "@heavy_app.task\ndef classed():\n    pass\n\n@wrapping_app.task\ndef wrapped():\n    pass\n\n"
        "@registry.task\ndef registered():\n    pass\n\n@app.task\ndef takes(order_id):\n    pass\n\n"
        "@app.task\ndef audited():\n    logger.info('ping')\n",
        "svc/views.py": BP + "from celery.exceptions import TimeoutError\n"
        "from svc.jobs import ZERO, audited, based, classed, ping, registered, stub, takes, wrapped\n\n"
        "@bp.get('/zero')\ndef zero():\n    return ping.delay().get(timeout=0) + ping.delay().wait(0.0) + ping.delay().get(ZERO)\n\n"
        "@bp.get('/retry')\ndef retry():\n    r = ping.delay()\n    while True:\n        try:\n"
        "            return r.get(timeout=1)\n        except TimeoutError:\n            continue\n\n"
        "@bp.get('/long')\ndef long():\n    return ping.delay().get(timeout=3600)\n\n"
        "@bp.get('/wait', defaults={'wait': 5})\n@bp.get('/wait/<int:wait>')\ndef wait(wait=5):\n"
        "    return ping.delay().get(timeout=wait)\n\n"
        "@bp.get('/around')\ndef around():\n    return stub.delay().get(timeout=5) + based.delay().get(timeout=5) + "
        "classed.delay().get(timeout=5)\n\n"
        "@bp.get('/other')\ndef other():\n    return wrapped.delay().get(timeout=5) + registered.delay().get(timeout=5) + "
        "takes.delay(1).get(timeout=5) + audited.delay().get(timeout=5)\n\n"
        "@bp.get('/probe')\ndef probe():\n    return ping.delay().get(timeout=5)\n",
    }
    assert _codes(run(files, select=("PRR303",))) == [
        *[("PRR303", "svc/views.py", 8)] * 3, ("PRR303", "svc/views.py", 15), ("PRR303", "svc/views.py", 21),
        ("PRR303", "svc/views.py", 26), *[("PRR303", "svc/views.py", 30)] * 3, *[("PRR303", "svc/views.py", 34)] * 4,
    ]


@pytest.mark.parametrize("fixture", ["flask_service", "fastapi_service", "django_service", "grpc_service", "restx_service",
                                     "graphql_service"])
def test_fixture_service_json(run_cli, snapshot, monkeypatch, fixture: str) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli("check", f"fixtures/{fixture}", "--no-cache", "--select", "PRR2,PRR3", "--output-format", "json")
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(result.output, f"{fixture}.json")
    document = json.loads(result.output)
    # Nothing from batch-only code.
    for finding in document["findings"]:
        assert not any(part in finding["path"] for part in ("tasks.py", "jobs.py", "cli.py", "scheduler.py", "cron.py",
                                                            os.sep.join(("management", ""))))


@pytest.mark.parametrize("fixture", ["restx_service", "graphql_service"])
def test_fixture_service_entrypoints(run_cli, snapshot, monkeypatch, fixture: str) -> None:
    monkeypatch.chdir(REPO)
    snapshot.snapshot_dir = SNAPSHOTS
    for output_format, suffix in (("text", "txt"), ("json", "json")):
        result = run_cli("entrypoints", f"fixtures/{fixture}", "--batch", "--format", output_format)
        assert result.exit_code == 0, result.output
        snapshot.assert_match(result.output, f"{fixture}.entrypoints.{suffix}")


_LOAD = "from google.cloud import bigquery\n\ndef load(day=None):\n    bigquery.Client().query('x')\n"


def test_work_handed_to_another_process_is_off_the_serving_path() -> None:
    files = {
        "svc/wh.py": _LOAD,
        "svc/workers.py": "import multiprocessing as mp\n\nclass Worker(mp.Process):\n    pass\n\nclass Manager:\n"
        "    def add_task(self, function, *args):\n        Worker(target=function, args=args).start()\n\nmanager = Manager()\n",
        "svc/views.py": BP + "from multiprocessing import Pool, Process\nfrom concurrent.futures import ProcessPoolExecutor\n"
        "from svc import wh\nfrom svc.workers import manager\npool = Pool(2)\nexecutor = ProcessPoolExecutor(2)\n\n"
        "@bp.post('/a')\ndef a():\n    manager.add_task(wh.load, 'today')\n    return '', 202\n\n"
        "@bp.post('/b')\ndef b():\n    Process(target=wh.load).start()\n    pool.apply_async(wh.load)\n"
        "    executor.submit(wh.load)\n    return '', 202\n",
    }
    assert _codes(run(files, select=("PRR301",))) == []


def test_a_handler_that_waits_on_the_process_still_reaches_it() -> None:
    views = BP + "from multiprocessing import Pool, Process\nfrom concurrent.futures import ProcessPoolExecutor\nfrom svc import wh\n\n"
    for body in ("    p = Process(target=wh.load)\n    p.start()\n    p.join()\n", "    Pool(2).apply_async(wh.load).get()\n",
                 "    ProcessPoolExecutor(2).submit(wh.load).result()\n", "    wh.load()\n"):
        files = {"svc/wh.py": _LOAD, "svc/views.py": views + "@bp.post('/a')\ndef a():\n" + body + "    return 'done'\n"}
        assert _codes(run(files, select=("PRR301",))) == [("PRR301", "svc/wh.py", 4)], body
    helper = {
        "svc/wh.py": _LOAD,
        "svc/workers.py": "from multiprocessing import Process\n\nclass Manager:\n    def add_task(self, function):\n"
        "        p = Process(target=function)\n        p.start()\n        p.join()\n\nmanager = Manager()\n",
        "svc/views.py": BP + "from svc import wh\nfrom svc.workers import manager\n\n@bp.post('/a')\ndef a():\n"
        "    manager.add_task(wh.load)\n    return 'done'\n",
    }
    assert _codes(run(helper, select=("PRR301",))) == [("PRR301", "svc/wh.py", 4)]


_QUEUE = (
    "import logging, time\nimport boto3\nlog = logging.getLogger(__name__)\nbatch = boto3.client('batch', region_name='us-east-1')\n"
    "emr = boto3.client('emr')\n\ndef send_job(name):\n    try:\n"
    "        return batch.submit_job(jobName=name, jobQueue='q', jobDefinition=name)['jobId']\n"
    "    except Exception:\n        log.warning('unable to dispatch %s', name)\n\n"
    "def run_step(step):\n    ids = emr.add_job_flow_steps(JobFlowId='j', Steps=[step])['StepIds']\n"
    "    emr.get_waiter('step_complete').wait(ClusterId='j', StepId=ids[0])\n\n"
    "def wait_job(job_id):\n    while batch.describe_jobs(jobs=[job_id])['jobs'][0]['status'] != 'SUCCEEDED':\n"
    "        time.sleep(5)\n\n"
    "def retry_submit(name):\n    for attempt in range(3):\n        try:\n"
    "            return batch.submit_job(jobName=name, jobQueue='q', jobDefinition=name)\n"
    "        except Exception:\n            time.sleep(2 ** attempt)\n\n"
    "def all_jobs():\n    jobs, token = [], ''\n    while token is not None:\n"
    "        page = batch.list_jobs(jobQueue='q', nextToken=token)\n        jobs += page['jobSummaryList']\n"
    "        token = page.get('nextToken')\n    return jobs\n"
)


def test_a_boto3_batch_client_is_reported_only_where_the_request_waits_for_the_work() -> None:
    """A module-level boto3 client sends nothing at import (no PRR302), and a submission returns the
    job id at once (no PRR301), also one retried in a sleeping loop, as does a paged listing; a waiter
    or a status read in a sleeping loop waits for the work."""
    views = BP + "from svc import queue\n\n@bp.post('/dispatch')\ndef dispatch():\n    queue.retry_submit('smash')\n" \
        "    return {'job': queue.send_job('smash'), 'queued': len(queue.all_jobs())}\n"
    files = {"svc/queue.py": _QUEUE, "svc/views.py": views}
    assert _codes(run(files, select=("PRR301", "PRR302"))) == []
    files["svc/views.py"] = views + "\n@bp.post('/step')\ndef step():\n    queue.run_step({})\n    return 'done'\n\n" \
        "@bp.post('/wait')\ndef wait():\n    queue.wait_job('1')\n    return 'done'\n"
    assert _codes(run(files, select=("PRR301", "PRR302"))) == [("PRR301", "svc/queue.py", 15), ("PRR301", "svc/queue.py", 18)]


def test_a_short_wait_whose_timeout_the_view_answers_is_a_degraded_answer() -> None:
    """Waits of at most 30 s in all in the function (a number or a module constant; over a loop, the sum of a constant
    tuple or list of numbers the loop variable takes) inside a `try` of the same function whose first handler that
    surely catches Celery's TimeoutError answers and raises nothing on any path (rules/degrading_waits.py): the request
    holds its thread for the bound, then degrades. On work the view queued itself too (`/a`); a 1+2+...+6 = 21 s
    backoff (`/e`); three 5 s checks whose handlers log and append (`/f`)."""
    files = {
        "svc/jobs.py": "from celery import shared_task\n\n@shared_task\ndef build(x):\n    return x * 2\n",
        "svc/views.py": BP + "import celery\nfrom celery.exceptions import TimeoutError as CeleryTimeout\n"
        "import logging\nfrom svc.jobs import build\nWAIT = 5\nBACKOFF = [1, 2, 3]\nSTEPS = [1, 2, 3, 4, 5, 6]\n"
        "log = logging.getLogger(__name__)\n\n"
        "@bp.get('/a')\ndef a():\n    r = build.delay(1)\n    try:\n        return str(r.get(timeout=5))\n"
        "    except celery.exceptions.TimeoutError:\n        return 'busy', 503\n\n"
        "@bp.get('/b')\ndef b():\n    failed = []\n    try:\n        try:\n            r = build.delay(1)\n"
        "        except OSError:\n            failed.append('broker')\n        else:\n            r.get(timeout=WAIT)\n"
        "    except ValueError:\n        raise\n    except CeleryTimeout:\n        failed.append('timeout')\n"
        "    return str(failed)\n\n"
        "@bp.get('/c')\ndef c():\n    r = build.delay(1)\n    for timeout in BACKOFF:\n        try:\n"
        "            return str(r.get(timeout=timeout))\n        except CeleryTimeout:\n            continue\n"
        "    return 'later'\n\n"
        "@bp.get('/d')\ndef d():\n    r = build.delay(1)\n    try:\n        r.wait(2)\n    except:\n        pass\n"
        "    try:\n        return str(r.get(timeout=2.5))\n    except (KeyError, CeleryTimeout):\n        return 'later'\n\n"
        "@bp.get('/e')\ndef e():\n    r = build.delay(1)\n    for timeout in STEPS:\n        try:\n"
        "            return str(r.get(timeout=timeout))\n        except CeleryTimeout:\n            pass\n    return 'later'\n\n"
        "@bp.get('/f')\ndef f():\n    failed = []\n    try:\n        build.delay(1).get(timeout=5)\n        build.delay(2).get(timeout=5)\n"
        "    except Exception as error:\n        log.warning('no worker: %s', error)\n        failed.append(str(error))\n"
        "    try:\n        build.delay(3).join(5)\n    except CeleryTimeout:\n        failed.append('timeout')\n"
        "    return str(failed)\n",
    }
    assert _codes(run(files, select=("PRR303",))) == []


def test_a_wait_stays_reported_when_it_is_long_unbounded_or_its_timeout_escapes() -> None:
    """Each way to fool the degraded-answer reading stays reported: a handler that re-raises, Python's own TimeoutError
    (not Celery's), a parameter's default, `timeout=0` or `None`, a `while` retrying, a loop summing past 30 s, a list
    something appends to, a loop over a request's values or `range`, nested loops, a loop variable rebound, an earlier
    handler of a project class that propagates, a `with` or a raising `finally` in between, a retry by recursion, a
    31 s wait, no `try` (the caller catching it is not read), the `else` of the only `try`."""
    files = {
        "svc/errors.py": "from celery.exceptions import TimeoutError as Busy\n",
        "svc/jobs.py": "from celery import shared_task\n\n@shared_task\ndef build(x):\n    return x * 2\n",
        "svc/views.py": BP + "import threading\nfrom flask import request\nfrom celery.exceptions import TimeoutError as CT\n"
        "from svc.errors import Busy\nfrom svc.jobs import build\nLONG = [5, 10, 20]\nSHORT = [1, 2]\n"
        "SHORT.append(60)\nPAIR = (1, 2)\nlock = threading.Lock()\n\n"
        "@bp.get('/a')\ndef a():\n    r = build.delay(1)\n    try:\n        return str(r.get(timeout=5))\n"
        "    except CT:\n        raise\n\n"
        "@bp.get('/b')\ndef b():\n    try:\n        return str(build.delay(1).get(timeout=5))\n"
        "    except TimeoutError:\n        return 'later'\n\n"
        "@bp.get('/c')\ndef c(wait=5):\n    try:\n        return str(build.delay(1).get(timeout=wait) + build.delay(1).get(timeout=0)"
        " + build.delay(1).get(timeout=None))\n    except CT:\n        return 'later'\n\n"
        "@bp.get('/d')\ndef d():\n    r = build.delay(1)\n    while True:\n        try:\n"
        "            return str(r.get(timeout=1))\n        except CT:\n            continue\n\n"
        "@bp.get('/e')\ndef e():\n    r = build.delay(1)\n    for t in LONG:\n        try:\n"
        "            return str(r.get(timeout=t))\n        except CT:\n            pass\n"
        "    for s in SHORT:\n        try:\n            return str(r.get(timeout=s))\n        except CT:\n"
        "            pass\n    return 'later'\n\n"
        "@bp.get('/f')\ndef f():\n    r = build.delay(1)\n    for t in request.args.getlist('t'):\n        try:\n"
        "            return str(r.get(timeout=1))\n        except CT:\n            pass\n"
        "    for _ in range(1000):\n        try:\n            return str(r.get(timeout=1))\n        except CT:\n"
        "            pass\n    for _ in PAIR:\n        for p in PAIR:\n            try:\n"
        "                return str(r.get(timeout=p))\n            except CT:\n                pass\n"
        "    for u in PAIR:\n        u = u * 100\n        try:\n            return str(r.get(timeout=u))\n"
        "        except CT:\n            pass\n    return 'later'\n\n"
        "@bp.get('/g')\ndef g():\n    r = build.delay(1)\n    try:\n        return str(r.get(timeout=5))\n"
        "    except Busy:\n        raise\n    except Exception:\n        return 'later'\n\n"
        "@bp.get('/h')\ndef h():\n    r = build.delay(1)\n    try:\n        with lock:\n"
        "            return str(r.get(timeout=5))\n    except CT:\n        return 'later'\n\n"
        "@bp.get('/i')\ndef i():\n    r = build.delay(1)\n    try:\n        return str(r.get(timeout=5))\n"
        "    except CT:\n        return 'later'\n    finally:\n        raise RuntimeError('x')\n\n"
        "@bp.get('/j')\ndef j():\n    try:\n        return str(build.delay(1).get(timeout=5))\n"
        "    except CT:\n        return j()\n\n"
        "@bp.get('/k')\ndef k():\n    try:\n        return str(build.delay(1).get(timeout=31))\n"
        "    except CT:\n        return 'later'\n\n"
        "def check():\n    return build.delay(1).get(timeout=5)\n\n"
        "@bp.get('/l')\ndef l():\n    try:\n        return str(check())\n    except Exception:\n        return 'down'\n\n"
        "@bp.get('/m')\ndef m():\n    try:\n        r = build.delay(1)\n    except CT:\n        return 'later'\n"
        "    else:\n        return str(r.get(timeout=5))\n",
    }
    lines = [line for _, _, line in _codes(run(files, select=("PRR303",)))]
    assert lines == [18, 25, 32, 32, 32, 41, 50, 55, 65, 70, 76, 82, 91, 102, 110, 119, 126, 131, 147]


_HOLES_JOBS = "from celery import shared_task\n\n@shared_task\ndef build(x):\n    return x * 2\n"
_HOLES_HEAD = BP + "from flask import request\nfrom celery.exceptions import TimeoutError as CT\nfrom svc.jobs import build\n"
_HANDLED = "    try:\n        return str(build.delay(1).get(timeout={}))\n    except CT:\n        return 'later'\n"


def _lines(files):
    return [(path, line) for _, path, line in _codes(run(files, select=("PRR303",)))]


@pytest.mark.parametrize("module", [
    # a module constant the module itself rebinds: through `global`, `globals()`, a walrus at module level
    ("WAIT = 5\ndef configure(s):\n    global WAIT\n    WAIT = s\nconfigure(600)\n\n"
     "@bp.get('/a')\ndef a():\n" + _HANDLED.format("WAIT")),
    ("WAIT = 5\nglobals()['WAIT'] = 600\n\n@bp.get('/a')\ndef a():\n" + _HANDLED.format("WAIT")),
    ("WAIT = 5\nif (WAIT := 600):\n    pass\n\n@bp.get('/a')\ndef a():\n" + _HANDLED.format("WAIT")),
    # a loop variable a walrus rebinds
    ("@bp.get('/a')\ndef a():\n    r = build.delay(1)\n    for t in (1, 2):\n        if (t := t * 1000):\n"
     "            try:\n                return str(r.get(timeout=t))\n            except CT:\n                pass\n"
     "    return 'later'\n"),
    # a closure retried in its caller's loop; an async view (the wait stalls the event loop)
    ("@bp.get('/a')\ndef a():\n    r = build.delay(1)\n    while True:\n        def attempt():\n"
     "            try:\n                return r.get(timeout=5)\n            except CT:\n                return None\n"
     "        v = attempt()\n        if v is not None:\n            return str(v)\n"),
    ("@bp.get('/a')\nasync def a():\n" + _HANDLED.format("5")),
    # a handler that answers on one path and re-raises on another; one that calls a helper which raises; a finally
    # that calls one; a project function of another module in the handler
    ("@bp.get('/a')\ndef a():\n    try:\n        return str(build.delay(1).get(timeout=5))\n    except CT:\n"
     "        if request.is_json:\n            return {'error': 'busy'}, 503\n        raise\n"),
    ("def fail(error):\n    raise error\n\n@bp.get('/a')\ndef a():\n    try:\n"
     "        return str(build.delay(1).get(timeout=5))\n    except CT as e:\n        fail(e)\n"),
    ("def boom():\n    raise RuntimeError\n\n@bp.get('/a')\ndef a():\n    try:\n"
     "        return str(build.delay(1).get(timeout=5))\n    except CT:\n        return 'later'\n"
     "    finally:\n        boom()\n"),
    ("from svc.errors import fail\n\n@bp.get('/a')\ndef a():\n    try:\n"
     "        return str(build.delay(1).get(timeout=5))\n    except CT as e:\n        fail(e)\n        return 'later'\n"),
    # a star import of Celery's exceptions: `TimeoutError` is Celery's, and its handler re-raises
    ("from celery.exceptions import *\n\n@bp.get('/a')\ndef a():\n    try:\n"
     "        return str(build.delay(1).get(timeout=5))\n    except TimeoutError:\n        raise\n"
     "    except Exception:\n        return 'later'\n"),
    # a retry through another function (the call graph): the view calls a helper that calls the view
    ("def again():\n    return a()\n\n@bp.get('/a')\ndef a():\n    v = None\n    try:\n"
     "        v = build.delay(1).get(timeout=5)\n    except CT:\n        pass\n"
     "    return str(v) if v is not None else again()\n"),
])
def test_a_degrading_wait_stays_reported_when_something_rewrites_its_bound_or_its_handler_may_raise(module) -> None:
    """The mended holes of the degrading-wait reading (rules/degrading_waits.py): each wait stays reported."""
    files = {"svc/jobs.py": _HOLES_JOBS, "svc/errors.py": "def fail(error):\n    raise error\n",
             "svc/views.py": _HOLES_HEAD + module}
    wait = next(number for number, line in enumerate(files["svc/views.py"].splitlines(), 1) if "(timeout=" in line)
    assert _lines(files) == [("svc/views.py", wait)]


def test_degrading_waits_add_up_in_their_function_and_other_modules_may_write_their_constants() -> None:
    """Eight handled 5 s waits in one view hold it 40 s, past a worker's 30 s deadline: all stay reported. A constant
    timeout or backoff another module writes (`views.WAIT = 600`, `views.BACKOFF = (60,) * 100`) is no bound; a
    result of another queue (huey's) is no Celery result. A wait with no fixed bound stays reported at its own line
    and leaves a short handled one beside it alone."""
    checks = "".join(f"    try:\n        build.delay({n}).get(timeout=5)\n    except CT:\n        pass\n" for n in range(8))
    files = {
        "svc/jobs.py": _HOLES_JOBS,
        "svc/settings.py": "import svc.views as views\nviews.WAIT = 600\nviews.BACKOFF = (60,) * 100\n",
        "svc/views.py": _HOLES_HEAD + "import svc.settings\nfrom huey import RedisHuey\nWAIT = 5\nBACKOFF = (1, 2)\nhuey = RedisHuey('x')\n\n"
        "@huey.task()\ndef slow(x):\n    return x\n\n"
        "@bp.get('/a')\ndef a():\n" + checks + "    return 'done'\n\n"
        "@bp.get('/b')\ndef b():\n" + _HANDLED.format("WAIT") + "\n"
        "@bp.get('/c')\ndef c():\n    r = build.delay(1)\n    for t in BACKOFF:\n        try:\n"
        "            return str(r.get(timeout=t))\n        except CT:\n            pass\n    return 'later'\n\n"
        "@bp.get('/d')\ndef d():\n    r = huey.enqueue(slow.s(1))\n    try:\n        return str(r.get(blocking=True, timeout=5))\n"
        "    except Exception:\n        return 'later'\n\n"
        "@bp.get('/e')\ndef e():\n    try:\n        build.delay(1).get(timeout=5)\n    except CT:\n        pass\n"
        "    return str(build.delay(2).get())\n",
    }
    assert _lines(files) == [("svc/views.py", line) for line in (19, 23, 27, 31, 35, 39, 43, 47, 55, 64, 73, 83)]


def test_a_status_read_bound_by_a_constant_the_module_rewrites_stays_reported() -> None:
    """The status read's constant is read as the other PRR303 bounds read one (task_results.fixed_timeout): a constant
    the module rebinds through `global` or a walrus, or writes through `globals()`, is no bound; one nothing rewrites
    is."""
    head = BP + "from celery.result import AsyncResult\nWAIT = 2\n"
    read = "\n@bp.get('/a/<i>')\ndef a(i):\n    return AsyncResult(i).get(timeout=WAIT)\n"
    assert _lines({"svc/views.py": head + read}) == []
    for rewrite in ("def slow(s):\n    global WAIT\n    WAIT = s\n", "globals()['WAIT'] = 600\n", "if (WAIT := 600):\n    pass\n"):
        files = {"svc/views.py": head + rewrite + read}
        assert _lines(files) == [("svc/views.py", len(files["svc/views.py"].splitlines()))]


_VIEW_HEAD = BP + "from flask.views import MethodView\nfrom celery.exceptions import TimeoutError as CT\nfrom svc.jobs import build\n"
_RETRIED = ("    v = None\n    try:\n        v = build.delay(1).get(timeout=5)\n    except CT:\n        pass\n"
            "    return str(v) if v is not None else {again}\n")


def test_a_method_that_calls_an_imported_function_of_its_name_does_not_call_itself() -> None:
    """A method `get` that calls `get` imported from a library (`requests.get`) runs another function: its degrading
    wait is not a retry by recursion (rules/degrading_waits.py `_calls_itself`)."""
    files = {"svc/jobs.py": _HOLES_JOBS, "svc/views.py": _VIEW_HEAD + "from requests import get\n\n"
             "class Status(MethodView):\n    def get(self):\n" + _RETRIED.replace("    ", "        ").format(
                 again="get('https://status.example.com', timeout=2).text") +
             "\nbp.add_url_rule('/s', view_func=Status.as_view('s'))\n"}
    assert _lines(files) == []


@pytest.mark.parametrize("module", [
    # its own name, called where it is bound to the view itself, or to what wraps it (`a = wrap(a)`)
    "@bp.get('/a')\ndef a():\n" + _RETRIED.format(again="a()"),
    "import functools\n\n@bp.get('/a')\ndef a():\n" + _RETRIED.format(again="a()") + "\na = functools.lru_cache()(a)\n",
    # a method through `self`; a plain name a star import may bind
    "class Status(MethodView):\n    def get(self):\n" + _RETRIED.replace("    ", "        ").format(again="self.get()")
    + "\nbp.add_url_rule('/s', view_func=Status.as_view('s'))\n",
    "from svc.helpers import *\n\nclass Status(MethodView):\n    def get(self):\n"
    + _RETRIED.replace("    ", "        ").format(again="get()") + "\nbp.add_url_rule('/s', view_func=Status.as_view('s'))\n",
    # an imported project function that calls the view again (the call graph), also one of the method's name
    "from svc.helpers import a as again\n\n@bp.get('/a')\ndef a():\n" + _RETRIED.format(again="again()"),
    "from svc.helpers import get\n\nclass Status(MethodView):\n    def get(self):\n"
    + _RETRIED.replace("    ", "        ").format(again="get()") + "\nbp.add_url_rule('/s', view_func=Status.as_view('s'))\n",
])
def test_a_function_that_may_call_itself_keeps_its_degrading_wait_reported(module) -> None:
    """Each way the view may run itself again keeps the wait reported: its name bound to it or to its wrapper, `self.`,
    a name only a star import may bind, a project function that calls it back (by another name, or the method's)."""
    helpers = "def a():\n    from svc import views\n    return views.a()\n\ndef get():\n    from svc.views import Status\n" \
        "    return Status().get()\n"
    files = {"svc/jobs.py": _HOLES_JOBS, "svc/helpers.py": helpers,
             "svc/views.py": _VIEW_HEAD + module}
    wait = next(number for number, line in enumerate(files["svc/views.py"].splitlines(), 1) if "(timeout=" in line)
    assert _lines(files) == [("svc/views.py", wait)]


def test_a_non_blocking_result_read_adds_nothing_to_a_views_waits() -> None:
    """dramatiq's `get_result` without `block=True` reads a stored result or raises at once: it holds the request no
    time, and the view's Celery waits (25 s) stay within 30 s. With `block=True` it waits 10 s more: the Celery wait
    stays reported, beside the dramatiq wait itself."""
    view = ("import dramatiq\n\n@dramatiq.actor\ndef count(x):\n    return x\n\n"
            "@bp.get('/a')\ndef a():\n    message = count.send(1)\n    v = None\n    try:\n"
            "        v = build.delay(1).get(timeout=25)\n    except CT:\n        pass\n"
            "    return str((v, message.get_result(timeout=10{block})))\n")
    assert _lines({"svc/jobs.py": _HOLES_JOBS, "svc/views.py": _HOLES_HEAD + view.format(block="")}) == []
    files = {"svc/jobs.py": _HOLES_JOBS, "svc/views.py": _HOLES_HEAD + view.format(block=", block=True")}
    assert _lines(files) == [("svc/views.py", 17), ("svc/views.py", 20)]
