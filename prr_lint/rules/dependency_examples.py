"""PRR301's, PRR302's and PRR303's documented examples (dependencies.py): what each rule leaves alone (VALID) and
what it reports (INVALID), kept apart so the rules' module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

SERVING_VALID = (
    Example(
        "from celery import shared_task\nfrom google.cloud import bigquery\n\n@shared_task\ndef nightly():\n"
        "    bigquery.Client().query('select 1')\n"
    ),
    Example(
        "from flask import Blueprint\nfrom google.cloud import bigquery\nbp = Blueprint('b', __name__)\n\n"
        "@bp.get('/t')\ndef table():\n    return bigquery.Client().get_table('d.t').num_rows\n"
    ),
    Example(
        "from flask import Blueprint\nfrom google.cloud import bigquery\nbp = Blueprint('b', __name__)\n\n"
        "def rebuild():\n    bigquery.Client().query('select 1')\n\n@bp.get('/ok')\ndef ok():\n    return 'ok'\n"
    ),
    Example(
        "from multiprocessing import Process\nfrom flask import Blueprint\nfrom google.cloud import bigquery\n"
        "bp = Blueprint('b', __name__)\n\nclass Manager:\n    def add_task(self, function, *args):\n"
        "        Process(target=function, args=args).start()\n\nmanager = Manager()\n\n"
        "def rebuild(day):\n    bigquery.Client().query('select 1')\n\n"
        "@bp.post('/rebuild')\ndef start():\n    manager.add_task(rebuild, 'today')\n    return '', 202\n"
    ),
    # submissions to AWS Batch and Athena return a job or query id at once: the request waits for no batch work
    Example(
        "import boto3\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\nbatch = boto3.client('batch')\n"
        "athena = boto3.client('athena')\n\n@bp.post('/jobs')\ndef submit():\n"
        "    job = batch.submit_job(jobName='smash', jobQueue='q', jobDefinition='d')\n"
        "    qid = athena.start_query_execution(QueryString='select 1')['QueryExecutionId']\n"
        "    return {'job': job['jobId'], 'query': qid}, 202\n"
    ),
)

SERVING_INVALID = (
    Example(
        "from flask import Blueprint\nfrom google.cloud import bigquery\nbp = Blueprint('b', __name__)\n\n"
        "def rollup():\n    client = bigquery.Client()\n    return client.query('select 1').result()  # expect: PRR301\n\n"
        "@bp.get('/report')\ndef report():\n    return rollup()\n"
    ),
    # a submitted query the handler waits for: a status read in a loop that sleeps
    Example(
        "import time\nimport boto3\nfrom fastapi import APIRouter\nrouter = APIRouter()\nathena = boto3.client('athena')\n\n"
        "@router.post('/q')\ndef run(q: str):\n    qid = athena.start_query_execution(QueryString=q)['QueryExecutionId']\n"
        "    while True:\n        state = athena.get_query_execution(QueryExecutionId=qid)  # expect: PRR301\n"
        "        if state['QueryExecution']['Status']['State'] != 'RUNNING':\n            break\n        time.sleep(1)\n"
        "    return athena.get_query_results(QueryExecutionId=qid)\n"
    ),
    Example(
        "from multiprocessing import Process\nfrom flask import Blueprint\nfrom google.cloud import bigquery\n"
        "bp = Blueprint('b', __name__)\n\ndef rebuild():\n    bigquery.Client().query('select 1')  # expect: PRR301\n\n"
        "@bp.post('/rebuild')\ndef start():\n    worker = Process(target=rebuild)\n    worker.start()\n"
        "    worker.join()\n    return 'done'\n"
    ),
)

IMPORT_VALID = (
    Example("from google.cloud import bigquery\n\nclient = bigquery.Client()\n"),
    Example(
        "from flask import Blueprint\nfrom google.cloud import bigquery\nbp = Blueprint('b', __name__)\n\n"
        "def client():\n    return bigquery.Client()\n\n@bp.get('/')\ndef index():\n    return 'ok'\n"
    ),
    # a boto3 client is built locally: no request to AWS Batch, no credential check until a call is signed
    Example(
        "import boto3\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
        "batch = boto3.client('batch', region_name='us-east-1')\n\n@bp.get('/')\ndef index():\n    return 'ok'\n"
    ),
)

IMPORT_INVALID = (
    Example(
        "from flask import Blueprint\nfrom google.cloud import bigquery\nbp = Blueprint('b', __name__)\n"
        "warehouse = bigquery.Client()  # expect: PRR302\n\n@bp.get('/')\ndef index():\n    return 'ok'\n"
    ),
    Example(
        "import snowflake.connector\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
        "conn = snowflake.connector.connect(account='a', user='u')  # expect: PRR302\n\n@bp.get('/')\ndef index():\n"
        "    return 'ok'\n"
    ),
)

WAIT_VALID = (
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def build(x):\n    return x\n\n@bp.post('/export')\ndef export():\n    task = build.delay(1)\n"
        "    return {'task': task.id}, 202\n"
    ),
    Example(
        "from flask import Blueprint\nbp = Blueprint('b', __name__)\n\n@bp.get('/c')\ndef c():\n"
        "    return {'a': 1}.get('a')\n"
    ),
    # a module's name bound twice, neither a task result, read in a view
    Example(
        "from flask import Blueprint\nbp = Blueprint('b', __name__)\ntry:\n    from svc.local import OPTIONS\n"
        "except ImportError:\n    OPTIONS = {}\n\n@bp.get('/c')\ndef c():\n    return {'v': OPTIONS.get('a')}\n"
    ),
    # the first page runs in the request (a plain call returns a dict); only the rest is queued, after the read
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def fetch(url):\n    return {'next': None}\n\n@bp.post('/follow')\ndef follow():\n    page = fetch('https://a.example/1')\n"
        "    if page.get('next'):\n        page = fetch.delay(page['next'])\n    return {'ok': True}\n"
    ),
    # eager mode (a testing hook): the task already ran in this process
    Example(
        "from flask import Blueprint, current_app\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n"
        "@shared_task\ndef build(x):\n    return x\n\n@bp.post('/export')\ndef export():\n    task = build.delay(1)\n"
        "    if current_app.config.get('CELERY_ALWAYS_EAGER'):\n        RESULTS[task.id] = task.get()\n"
        "    return {'task': task.id}, 202\n"
    ),
    # a status route: while the task runs it answers with its state, and fetches only a finished result
    Example(
        "from celery.result import AsyncResult\nfrom fastapi import APIRouter\nrouter = APIRouter()\n\n"
        "@router.get('/tasks/{task_id}')\ndef status(task_id: str):\n    job = AsyncResult(task_id)\n"
        "    if job.state not in ('SUCCESS', 'FAILURE'):\n        return {'state': job.state}\n"
        "    if job.state == 'FAILURE':\n        return {'error': str(job.result)}\n    return job.get()\n"
    ),
    # a status route's short bounded read of a task an earlier request queued, looked up by its id
    Example(
        "from celery.result import AsyncResult\nfrom flask import Blueprint, jsonify\nbp = Blueprint('b', __name__)\n"
        "WAIT = 2\n\n@bp.get('/task/<task_id>')\ndef task_result(task_id):\n    task = AsyncResult(task_id)\n"
        "    return jsonify(task.get(timeout=WAIT))\n\n"
        "@bp.get('/post-result/<task_id>')\ndef post_result(task_id, wait=1.0):\n"
        "    return jsonify(AsyncResult(task_id).get(timeout=wait))\n"
    ),
    # waits that run only when an operator turns a feature on: a key nothing defines, read with a false default, and a
    # helper called only under a constant the project leaves off
    Example(
        "import flask\nfrom celery import shared_task\nbp = flask.Blueprint('b', __name__)\nREMOTE_EXPORTS = False\n\n"
        "@shared_task\ndef build(x):\n    return x\n\ndef remote_export(x):\n    return build.delay(x).get(timeout=30)\n\n"
        "@bp.post('/preview')\ndef preview():\n    remote = flask.current_app.config.get('PREVIEW_REMOTE', False)\n"
        "    if remote:\n        return {'result': build.delay(1).get(timeout=30)}\n    return {'result': 1}\n\n"
        "@bp.post('/export')\ndef export():\n    if REMOTE_EXPORTS:\n        return remote_export(1)\n    return {'result': 1}\n"
    ),
    # a helper run only under a key of a section of the Flask config (one dict per chain) that every chain leaves off
    Example(
        "from celery import Celery\nfrom flask import Blueprint, current_app\nbp = Blueprint('b', __name__)\n"
        "celery_app = Celery('app')\nCHAINS = {}\nfor chain in ('ETHEREUM', 'CELO'):\n    configs = {}\n"
        "    configs['IS_USING_BITCOIN'] = False\n    CHAINS[chain] = configs\n\ndef satoshi_rate():\n"
        "    result = celery_app.signature('worker.rate').apply_async()\n    return result.wait(timeout=3)\n\n"
        "@bp.get('/me')\ndef me():\n    if current_app.config['CHAINS'][current_app.config['CHAIN']]['IS_USING_BITCOIN']:\n"
        "        return {'rate': satoshi_rate()}\n    return {'rate': None}\n"
    ),
    # a Kafka producer's `send()` returns a delivery future: waiting on it is the write itself, no worker's task
    Example(
        "from flask import Blueprint\nfrom kafka import KafkaProducer\nbp = Blueprint('b', __name__)\n"
        "producer = KafkaProducer(bootstrap_servers='kafka:9092')\n\n@bp.post('/events')\ndef post():\n"
        "    future = producer.send('events', b'x')\n    return {'offset': future.get(timeout=10).offset}\n"
    ),
    # a worker health probe: a bounded wait on a task whose body does nothing, its timeout answered (remo's admin view)
    Example(
        "import logging\nfrom celery import shared_task\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
        "log = logging.getLogger(__name__)\n\n@shared_task\ndef ping():\n    \"\"\"Does nothing: a worker ran it.\"\"\"\n"
        "    log.debug('ping')\n\n@bp.get('/check-celery')\ndef check_celery():\n    investigator = ping.delay()\n"
        "    try:\n        investigator.get(timeout=5)\n    except investigator.TimeoutError:\n"
        "        log.error('Celery worker timeout')\n        return 'Worker timeout', 503\n    return 'Celery is OK'\n"
    ),    # a short wait whose timeout the view answers: at most 1+2+3 s over the backoff, then a placeholder
    Example(
        "import celery\nfrom celery import shared_task\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
        "BACKOFF = (1, 2, 3)\n\n@shared_task\ndef thumbnail(x):\n    return x\n\n@bp.get('/thumb/<int:x>')\n"
        "def thumb(x):\n    result = thumbnail.delay(x)\n    for seconds in BACKOFF:\n        try:\n"
        "            return result.get(timeout=seconds)\n        except celery.exceptions.TimeoutError:\n"
        "            continue\n    return 'placeholder'\n"
    ),
)

WAIT_INVALID = (
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def build(x):\n    return x\n\n@bp.post('/export')\ndef export():\n    task = build.delay(1)\n"
        "    return {'result': task.get(timeout=30)}  # expect: PRR303\n"
    ),
    Example(
        "from celery.result import AsyncResult\nfrom fastapi import APIRouter\nrouter = APIRouter()\n\n"
        "@router.get('/tasks/{task_id}')\ndef wait(task_id: str):\n    return AsyncResult(task_id).get()  # expect: PRR303\n"
    ),
    # rebound further down, but a loop brings the queued result back to the wait
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def fetch(url):\n    return {'next': None}\n\n@bp.post('/follow')\ndef follow():\n    page = fetch('https://a.example/1')\n"
        "    while page:\n        url = page.get('next')  # expect: PRR303\n        page = fetch.delay(url)\n    return {'ok': True}\n"
    ),
    # a module's name the module leaves bound to a queued result, read in a view
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def fetch(url):\n    return {'next': None}\n\npage = fetch('https://a.example/1')\n"
        "page = fetch.delay('https://a.example/2')\n\n@bp.get('/c')\ndef c():\n    return {'v': page.get()}  # expect: PRR303\n"
    ),
    # a closure runs after the handler rebinds its free name to the queued result
    Example(
        "from flask import Blueprint\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def fetch(url):\n    return {'next': None}\n\n@bp.post('/follow')\ndef follow():\n    page = fetch('https://a.example/1')\n\n"
        "    def wait():\n        return page.get()  # expect: PRR303\n    page = fetch.delay('https://a.example/2')\n"
        "    return {'v': wait()}\n"
    ),
    # either branch may bind the queued result
    Example(
        "from flask import Blueprint, request\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n@shared_task\n"
        "def fetch(url):\n    return {'next': None}\n\n@bp.post('/follow')\ndef follow():\n    if request.args:\n"
        "        page = fetch('https://a.example/1')\n    else:\n        page = fetch.delay('https://a.example/1')\n"
        "    return {'next': page.get()}  # expect: PRR303\n"
    ),
    # the worker's branch of an eager test waits on the queue
    Example(
        "from flask import Blueprint, current_app, jsonify\nfrom celery import shared_task\nbp = Blueprint('b', __name__)\n\n"
        "@shared_task\ndef build(x):\n    return x\n\n@bp.post('/export')\ndef export():\n    task = build.delay(1)\n"
        "    if current_app.conf.task_always_eager:\n        return jsonify(task=task.id)\n"
        "    else:\n        return jsonify(task.get(timeout=30))  # expect: PRR303\n"
    ),
    # a long wait on a task looked up by id, and a short one on work the handler queued itself
    Example(
        "from celery.result import AsyncResult\nfrom flask import Blueprint, jsonify\nfrom celery import shared_task\n"
        "bp = Blueprint('b', __name__)\n\n@shared_task\ndef build(x):\n    return x\n\n"
        "@bp.get('/task/<task_id>')\ndef task_result(task_id):\n"
        "    return jsonify(AsyncResult(task_id).get(timeout=30))  # expect: PRR303\n\n"
        "@bp.post('/build')\ndef start():\n    return jsonify(build.delay(1).get(timeout=2))  # expect: PRR303\n"
    ),
    # the constant the call to the waiting helper runs under is on
    Example(
        "import flask\nfrom celery import shared_task\nbp = flask.Blueprint('b', __name__)\nREMOTE_EXPORTS = True\n\n"
        "@shared_task\ndef build(x):\n    return x\n\n"
        "def remote_export(x):\n    return build.delay(x).get(timeout=30)  # expect: PRR303\n\n"
        "@bp.post('/export')\ndef export():\n    if REMOTE_EXPORTS:\n        return remote_export(1)\n    return {'result': 1}\n"
    ),
    # the same section's key is on for one chain
    Example(
        "from celery import Celery\nfrom flask import Blueprint, current_app\nbp = Blueprint('b', __name__)\n"
        "celery_app = Celery('app')\nCHAINS = {'ETHEREUM': {'IS_USING_BITCOIN': False}, 'BITCOIN': {'IS_USING_BITCOIN': True}}\n\n"
        "def satoshi_rate():\n    result = celery_app.signature('worker.rate').apply_async()\n"
        "    return result.wait(timeout=3)  # expect: PRR303\n\n"
        "@bp.get('/me')\ndef me():\n    if current_app.config['CHAINS'][current_app.config['CHAIN']]['IS_USING_BITCOIN']:\n"
        "        return {'rate': satoshi_rate()}\n    return {'rate': None}\n"
    ),
    # a dramatiq actor's message waited on with block=True
    Example(
        "import dramatiq\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n@dramatiq.actor\ndef build(x):\n"
        "    return x\n\n@bp.post('/build')\ndef start():\n"
        "    return {'result': build.send(1).get_result(block=True, timeout=10_000)}  # expect: PRR303\n"
    ),
    # the probe's task waited on without a timeout, a task that does work, and one queued by its name
    Example(
        "from celery import Celery\nfrom flask import Blueprint\nfrom svc.search import rebuild_index\n"
        "bp = Blueprint('b', __name__)\napp = Celery('svc')\n\n@app.task\ndef ping():\n    pass\n\n"
        "@app.task\ndef reindex():\n    rebuild_index()\n\n@bp.get('/check-celery')\ndef check_celery():\n"
        "    return ping.delay().get()  # expect: PRR303\n\n@bp.post('/reindex')\ndef start():\n"
        "    return reindex.delay().get(timeout=5)  # expect: PRR303\n\n@bp.get('/ping')\ndef by_name():\n"
        "    return app.send_task('svc.ping').get(timeout=5)  # expect: PRR303\n"
    ),
    # a probe's wait that is no short bound (0 is none to Celery, a loop retries it, an hour), and stubs that work
    Example(
        "from celery import Celery\nfrom flask import Blueprint\nfrom svc.tasks import Reindexing\n"
        "bp = Blueprint('b', __name__)\napp = Celery('svc')\n\n@app.task\ndef ping():\n    pass\n\n"
        "@app.task(name='billing.charge_card')\ndef charge():\n    pass\n\n@app.task(base=Reindexing)\ndef based():\n"
        "    pass\n\n@bp.get('/zero')\ndef zero():\n    return ping.delay().get(timeout=0)  # expect: PRR303\n\n"
        "@bp.get('/retry')\ndef retry():\n    r = ping.delay()\n    while True:\n        try:\n"
        "            return r.get(timeout=1)  # expect: PRR303\n        except Exception:\n            continue\n\n"
        "@bp.get('/long')\ndef long():\n    return ping.delay().get(timeout=3600)  # expect: PRR303\n\n"
        "@bp.post('/pay')\ndef pay():\n    return charge.delay().get(timeout=5)  # expect: PRR303\n\n"
        "@bp.get('/based')\ndef check_based():\n    return based.delay().get(timeout=5)  # expect: PRR303\n"
    ),    # a handled wait that is too long in all (5+10+20 s), and a short one whose handler raises
    Example(
        "import celery\nfrom celery import shared_task\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
        "BACKOFF = (5, 10, 20)\n\n@shared_task\ndef thumbnail(x):\n    return x\n\n@bp.get('/thumb/<int:x>')\n"
        "def thumb(x):\n    result = thumbnail.delay(x)\n    for seconds in BACKOFF:\n        try:\n"
        "            return result.get(timeout=seconds)  # expect: PRR303\n        except celery.exceptions.TimeoutError:\n"
        "            continue\n    return 'placeholder'\n\n@bp.get('/render/<int:x>')\ndef render(x):\n    try:\n"
        "        return thumbnail.delay(x).get(timeout=5)  # expect: PRR303\n    except celery.exceptions.TimeoutError:\n"
        "        raise RuntimeError('worker slow')\n"
    ),
)
