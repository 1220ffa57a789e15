"""PRR504's documented examples (retries.py): what the rule leaves alone (VALID) and what it reports
(INVALID), kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a forwarder's few attempts 2 s apart, through a sleep its tests may replace (`sleep or asyncio.sleep`)
    Example(
        "import asyncio\nimport httpx\n\nasync def forward(client, url, body, sleep=None):\n    for attempt in range(3):\n"
        "        try:\n            return await client.post(url, json=body, timeout=5)\n        except httpx.HTTPError:\n"
        "            if attempt < 2:\n                await (sleep or asyncio.sleep)(2)\n    raise RuntimeError('gave up')\n"
    ),
    # a lease renewed every 10 s until a stop event is set: the try around the event's wait is the pause, not an attempt
    Example(
        "import asyncio\nimport logging\nimport redis\n\nclass Lease:\n    def __init__(self, client, key):\n"
        "        self._client, self._key = client, key\n        self._stop = asyncio.Event()\n\n"
        "    async def keep(self):\n        while True:\n            try:\n                await self._client.expire(self._key, 30)\n"
        "            except redis.RedisError:\n                logging.exception('renew failed')\n            try:\n"
        "                await asyncio.wait_for(self._stop.wait(), timeout=10)\n                return\n"
        "            except asyncio.TimeoutError:\n                pass\n"
    ),
    # a few attempts, each failure followed by a 2 s wait on a stop event: a constant pause of a second or more, bounded
    Example(
        "import threading\nimport requests\n\ndef fetch(url, stop: threading.Event):\n    for attempt in range(5):\n"
        "        try:\n            return requests.get(url, timeout=5).json()\n        except requests.ConnectionError:\n"
        "            if stop.wait(timeout=2):\n                return None\n    raise RuntimeError('gave up')\n"
    ),
    # Redis answers LOADING while it reads its dataset at start-up: waiting for that to end retries no failure
    Example(
        "import time\nimport redis\n\ndef oldest(client, queue):\n    while True:\n        try:\n"
        "            item = client.lindex(queue, -1)\n        except redis.exceptions.BusyLoadingError:\n"
        "            time.sleep(1)\n        else:\n            break\n    return item\n"
    ),
    # the loop's round always ends (the `return` after the `try`): it runs once, a failure is not tried again
    Example(
        "import logging\nimport redis\n\ndef release(client, key, token):\n    pipe = client.pipeline()\n    while True:\n"
        "        try:\n            pipe.watch(key)\n            if pipe.get(key) == token:\n                pipe.delete(key)\n"
        "            pipe.unwatch()\n            break\n        except redis.ConnectionError:\n"
        "            logging.exception('lock %s not released', key)\n        return False\n    return True\n"
    ),
    # the attempt builds a gRPC channel and reads its state: nothing is sent, the channel connects on its own
    Example(
        "import asyncio\nimport logging\nimport grpc\n\nclass Channels:\n    def __init__(self, target):\n        self._target = target\n"
        "        self._channel = None\n\n    def build(self):\n        return grpc.aio.insecure_channel(self._target)\n\n"
        "    async def shared(self):\n        while True:\n            try:\n                self._channel = self.build()\n"
        "                self._channel.get_state(try_to_connect=True)\n                break\n"
        "            except Exception:\n                logging.exception('no channel')\n                await asyncio.sleep(5)\n"
        "        return self._channel\n"
    ),
    # waiting again on the same pending answer after each timeout: the request was sent once
    Example(
        "import asyncio\nimport logging\n\nclass Request:\n    def __init__(self):\n"
        "        self._fut = asyncio.get_running_loop().create_future()\n\n    async def wait(self):\n"
        "        while True:\n            try:\n                return await asyncio.wait_for(asyncio.shield(self._fut), 60)\n"
        "            except asyncio.TimeoutError:\n                logging.info('still pending')\n"
    ),
    # the attempt only builds a client that connects on its first command: nothing is sent, nothing retried at once
    Example(
        "from redis import Redis, RedisError\n\ndef client(host):\n    for attempt in range(5):\n        try:\n"
        "            return Redis(host=host, socket_timeout=5)\n        except RedisError:\n            pass\n"
        "    raise RuntimeError('no redis')\n"
    ),
    # the client call names this host's API (a URL built from a loopback literal): waiting for it to start
    Example(
        "import logging\nimport os\nimport time\nimport requests\n\nlog = logging.getLogger(__name__)\n\ndef wait_for_api():\n"
        "    url = 'http://localhost:' + str(os.environ.get('PORT', 8080))\n    while True:\n        try:\n"
        "            log.info('waiting for %s', url)\n            requests.get(url, timeout=5).raise_for_status()\n            break\n"
        "        except requests.RequestException:\n            time.sleep(5)\n"
    ),
    # the database answered that the write lost a race (StaleDataError): redone at once, nothing failed
    Example(
        "from sqlalchemy import update\nfrom sqlalchemy.orm.exc import StaleDataError\n\ndef close_incident(session, incident_id):\n"
        "    for attempt in range(3):\n        try:\n"
        "            session.execute(update(Incident).where(Incident.id == incident_id).values(status='closed'))\n"
        "            session.commit()\n            break\n        except StaleDataError:\n            session.rollback()\n"
    ),
    # bounded, a constant pause of a second or more: a slow retry, no storm (a background mailer;
    # a tenacity retry of the connection errors it names)
    Example(
        "import smtplib\nimport time\n\ndef retry_send(send, message):\n    for _ in range(5):\n        try:\n"
        "            send(message)\n        except smtplib.SMTPConnectError:\n            time.sleep(60)\n        else:\n"
        "            break\n"
    ),
    Example(
        "import requests\nfrom tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_fixed\n\n"
        "@retry(wait=wait_fixed(2), stop=stop_after_attempt(3), retry=retry_if_exception_type(requests.ConnectionError))\n"
        "def fetch(url):\n    return requests.get(url, timeout=5)\n"
    ),
    # a bounded retry pausing a constant 10 s (Kometa's client, judged false), with no retry= and in
    # tenacity's or a loop's form alike: at most one attempt per 10 s per caller, six times, is no storm
    Example(
        "import time\nimport requests\nfrom tenacity import retry, stop_after_attempt, wait_fixed\n\nPAUSE = 10\n\n"
        "@retry(stop=stop_after_attempt(6), wait=wait_fixed(PAUSE))\ndef post(session, url, body):\n"
        "    return session.post(url, json=body)\n\n\n"
        "def get(session, url):\n    for _ in range(6):\n        try:\n            return session.get(url)\n"
        "        except Exception:\n            time.sleep(PAUSE)\n    raise RuntimeError('gave up')\n"
    ),
    Example(
        "import tenacity\n\n@tenacity.retry(stop=tenacity.stop_after_attempt(5), "
        "wait=tenacity.wait_random_exponential(multiplier=0.5, max=10))\ndef fetch(client):\n    return client.fetch()\n"
    ),
    Example(
        "import backoff\nimport requests\n\n@backoff.on_exception(backoff.expo, requests.RequestException, max_tries=5)\n"
        "def fetch(url):\n    return requests.get(url, timeout=5)\n"
    ),
    Example(
        "from urllib3.util.retry import Retry\nfrom requests.adapters import HTTPAdapter\n\n"
        "adapter = HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5))\n"
    ),
    Example(
        "import random\nimport time\nimport requests\n\ndef fetch(url):\n    for attempt in range(5):\n        try:\n"
        "            return requests.get(url, timeout=5)\n        except requests.ConnectionError:\n"
        "            time.sleep(random.uniform(0, 2 ** attempt))\n    raise RuntimeError('gave up')\n"
    ),
    Example(
        "import tenacity\n\n@tenacity.retry(wait=tenacity.wait_exponential(max=30))\ndef listen(pubsub, handle):\n"
        "    while True:\n        handle(pubsub.get_message(timeout=5))\n"
    ),
    Example(
        "import time\nimport requests\n\ndef wait_ready(url):\n    while True:\n        try:\n"
        "            if requests.get(url, timeout=2).ok:\n                break\n"
        "        except requests.ConnectionError:\n            pass\n        time.sleep(5)\n"
    ),
    Example(
        "from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed\n\n"
        "class JobStillRunning(Exception):\n    pass\n\ndef wait_for(client, job):\n    def check():\n"
        "        if client.get_job(job).state == 'RUNNING':\n            raise JobStillRunning(job)\n\n"
        "    Retrying(wait=wait_fixed(5), stop=stop_after_delay(1800), retry=retry_if_exception_type(JobStillRunning))(check)\n"
    ),
    Example(
        "import time\nfrom django.core.management.base import BaseCommand\nfrom django.db import OperationalError, connection\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        while True:\n            try:\n"
        "                connection.ensure_connection()\n                break\n            except OperationalError:\n"
        "                time.sleep(0.5)\n",
        path="svc/core/management/commands/waitfordb.py",
    ),
    Example(
        "from botocore.exceptions import ClientError\n\ndef add_tag(table, key, tag):\n    for _ in range(5):\n"
        "        item = table.get_item(Key=key)['Item']\n        try:\n"
        "            table.put_item(Item={**item, 'tags': item['tags'] + [tag]}, ConditionExpression='version = :v')\n"
        "            return\n        except ClientError as exc:\n"
        "            if exc.response['Error']['Code'] != 'ConditionalCheckFailedException':\n                raise\n"
        "    raise RuntimeError('lost the race five times')\n"
    ),
    # a developer command waiting for the local node it started: only a click command reaches it
    Example(
        "import asyncio\nimport aiohttp\nimport click\n\nasync def wait_for_node(session):\n    while True:\n"
        "        try:\n            return await session.get('http://localhost:8555/height')\n"
        "        except aiohttp.ClientConnectorError:\n            await asyncio.sleep(0.25)\n\n"
        "@click.command()\ndef create():\n    asyncio.run(wait_for_node(aiohttp.ClientSession()))\n"
    ),
    # a read loop consumes each result; pagination asks for the next page; a poll pauses
    Example(
        "import socket\n\ndef read_all(host):\n    sock = socket.create_connection((host, 9000), timeout=5)\n"
        "    data = b''\n    while True:\n        chunk = sock.recv(4096)\n        if not chunk:\n            break\n"
        "        data += chunk\n    return data\n"
    ),
    Example(
        "import boto3\n\ndef all_tables():\n    client = boto3.client('dynamodb')\n    names, token = [], None\n"
        "    while True:\n        page = client.list_tables(ExclusiveStartTableName=token)\n        names += page['TableNames']\n"
        "        if 'LastEvaluatedTableName' not in page:\n            break\n        token = page['LastEvaluatedTableName']\n"
        "    return names\n"
    ),
    Example(
        "import time\nimport requests\n\ndef wait_done(url):\n    while True:\n"
        "        state = requests.get(url, timeout=5).json()['state']\n        if state == 'done':\n            return\n"
        "        time.sleep(5)\n"
    ),
    # waiting for a console port of a process this host just started
    Example(
        "import asyncio\n\nasync def attach(port):\n    remaining = 60\n    while True:\n        try:\n"
        "            return await asyncio.open_connection(host='127.0.0.1', port=port)\n"
        "        except (OSError, ConnectionRefusedError):\n            if remaining <= 0:\n                raise\n"
        "        await asyncio.sleep(0.1)\n        remaining -= 1\n"
    ),
    # a request's own websocket, drained until the client closes it
    Example(
        "from aiohttp import WSMsgType, web\n\nasync def status(request):\n    ws = web.WebSocketResponse()\n"
        "    await ws.prepare(request)\n    while not ws.closed:\n        message = await ws.receive()\n"
        "        if message.type in (WSMsgType.CLOSE, WSMsgType.ERROR):\n            break\n    return ws\n"
    ),
    # a couple of transport retries: urllib3 retries only failed connections and timed-out idempotent reads
    Example(
        "import requests\nfrom requests.adapters import HTTPAdapter\n\ndef session():\n    s = requests.Session()\n"
        "    s.mount('https://', HTTPAdapter(max_retries=2))\n    return s\n"
    ),
    # a build step in the `__main__` block of a module the app imports only for its file list
    Example(
        "import urllib.error\nimport urllib.request\nfrom flask import Blueprint\n\nbp = Blueprint('assets', __name__)\n"
        "ASSETS = ['cdn.example.com/app.js']\n\n@bp.get('/assets')\ndef assets():\n    return {'assets': ASSETS}\n\n"
        "def download(url):\n    for attempt in range(3):\n        try:\n"
        "            return urllib.request.urlopen(url, timeout=30).read()\n        except urllib.error.URLError:\n"
        "            pass\n    raise RuntimeError('gave up')\n\nif __name__ == '__main__':\n    for url in ASSETS:\n"
        "        download('https://' + url)\n"
    ),
    # one reconnect, then the error goes up: at most two attempts
    Example(
        "import smtplib\n\nclass Mailer:\n    def send(self, message):\n        reconnected = False\n        while True:\n"
        "            try:\n                self.server.sendmail(message)\n                break\n"
        "            except smtplib.SMTPServerDisconnected:\n                if not reconnected:\n"
        "                    self.connect()\n                    reconnected = True\n                else:\n"
        "                    raise\n"
    ),
    # a daemon retrying its status write every minute, reporting each failure
    Example(
        "import time\nimport psycopg2\n\ndef record_success(db, name, report):\n    while True:\n        try:\n"
        "            db.run('UPDATE cron_jobs SET last_success = now() WHERE name = %s', (name,))\n"
        "        except psycopg2.OperationalError as e:\n            report(e)\n            time.sleep(60)\n"
        "        else:\n            break\n"
    ),
    # the database's deadlock victim, retried at once: the handler tests the error and raises every other
    Example(
        "from sqlalchemy.exc import OperationalError\n\ndef upsert_fields(session, stmt, max_retries=3):\n"
        "    for attempt in range(max_retries):\n        try:\n            session.execute(stmt)\n            session.commit()\n"
        "            break\n        except OperationalError as e:\n            session.rollback()\n"
        "            if 'Deadlock found' in str(e):\n                continue\n            else:\n                raise e\n"
    ),
    # a socket waiting for the port of a process this host just started
    Example(
        "import socket\nimport time\n\ndef wait_for_own_server(port):\n    sock = socket.socket()\n    for _ in range(5):\n"
        "        try:\n            sock.connect(('localhost', port))\n            break\n        except OSError:\n"
        "            time.sleep(0.5)\n    sock.close()\n"
    ),
    # the policy's backoff is set after it is built: a jittered factor before each report is sent
    Example(
        "import random\nimport requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3 import Retry\n\n"
        "def send_reports(queue, url):\n    session = requests.Session()\n    adapter = HTTPAdapter(max_retries=Retry(5))\n"
        "    session.mount('https://', adapter)\n    while True:\n        report = queue.get()\n"
        "        adapter.max_retries.backoff_factor = random.random() * 5\n        session.post(url, json=report, timeout=10)\n"
    ),
    # the app waits for its search cluster once, as its module loads: four tries, then it raises
    Example(
        "import time\nfrom elasticsearch import Elasticsearch, exceptions\nfrom flask import Blueprint, current_app\n\n"
        "bp = Blueprint('search', __name__)\n\ndef wait_for_search(hosts, pause):\n    for attempt in range(4):\n        try:\n"
        "            return Elasticsearch(hosts=hosts).info()\n        except exceptions.ConnectionError:\n"
        "            if attempt == 3:\n                raise\n            time.sleep(pause)\n\n"
        "SEARCH = wait_for_search(['es:9200'], current_app.config.get('PAUSE', 30))\n\n"
        "@bp.get('/indices')\ndef indices():\n    return {'indices': SEARCH['indices']}\n"
    ),
    # the pacer the loop calls in its test sleeps between tries, longer each time, and raises once they are spent:
    # the wait and the bound sit in the project's class, not in the loop (rules/called_waits.py)
    Example(
        "import time\nimport requests\n\nclass Pacer:\n    def __init__(self, pause=1, step=2, tries=6, sleeper=None):\n"
        "        self.pause, self.step, self.tries, self.rounds = pause, step, tries, 0\n"
        "        self.sleeper = sleeper or time.sleep\n\n    def __enter__(self):\n        return self\n\n"
        "    def __exit__(self, *exc):\n        return False\n\n    def __call__(self):\n        self.rounds += 1\n"
        "        if self.rounds == 1:\n            return True\n        if self.rounds > self.tries:\n"
        "            raise TimeoutError(f'gave up after {self.tries} tries')\n        self.pause += self.step\n"
        "        self.sleeper(self.pause)\n        return True\n\ndef register(url, node):\n"
        "    with Pacer(pause=1, step=3) as proceed:\n        while proceed():\n            try:\n"
        "                return requests.put(url, json=node, timeout=5)\n            except requests.ConnectionError:\n"
        "                pass\n"
    ),
    # a helper of the project that waits a random while, called after each failed try of a counted loop
    Example(
        "import random\nimport time\nimport requests\n\ndef wait_between_tries():\n    time.sleep(random.uniform(0.5, 3))\n\n"
        "def fetch(url):\n    for attempt in range(5):\n        try:\n            return requests.get(url, timeout=5).json()\n"
        "        except requests.ConnectionError:\n            wait_between_tries()\n    raise RuntimeError('gave up')\n"
    ),
    # a budget of two tries counted down in the handler (`retry -= 1`): it retries once, as `for _ in range(2)`
    Example(
        "import logging\nimport requests\n\ndef is_image(url):\n    retry = 2\n    while retry > 0:\n        try:\n"
        "            answer = requests.get(url, timeout=10)\n            return answer.headers['content-type'].startswith('image/')\n"
        "        except requests.Timeout:\n            logging.warning('timeout for %s', url)\n            retry -= 1\n"
        "        except requests.RequestException:\n            return False\n    return False\n"
    ),
    # a call a signal interrupted (EINTR) is made again; every other error leaves the loop: nothing failed
    Example(
        "import errno\nimport socket\n\ndef connect(host, port):\n    while True:\n        try:\n"
        "            conn = socket.create_connection((host, port), timeout=5)\n        except OSError as e:\n"
        "            if e.errno != errno.EINTR:\n                raise\n        else:\n            return conn\n"
    ),
    # the pause is a parameter its module's only caller passes from its own default, 3 s, ten times at most
    Example(
        "import logging\nimport socket\nimport time\n\ndef _bind(sock, attempts, interval):\n    tried = 1\n    while True:\n"
        "        try:\n            sock.bind(('', 68))\n            break\n        except socket.error as e:\n"
        "            if tried >= attempts or e.errno != 98:\n                raise\n            tried += 1\n"
        "            logging.info('port busy, again in %s s', interval)\n            time.sleep(interval)\n\n"
        "def listen(attempts=10, interval=3):\n    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "    _bind(sock, attempts, interval)\n    return sock\n"
    ),
    # a random code retried five times at once when its insert hits the unique constraint: a lost race, not an outage
    Example(
        "import secrets\nfrom sqlalchemy.exc import IntegrityError\nfrom tenacity import retry, retry_if_exception_type, stop_after_attempt\n\n"
        "@retry(stop=stop_after_attempt(5), retry=retry_if_exception_type(IntegrityError), reraise=True)\n"
        "def add_code(session, owner):\n    session.add(owner.new_code(secrets.token_hex(4)))\n    session.commit()\n"
    ),
    # the module's own error, raised only where the commit hit the unique constraint, retried at once
    Example(
        "import secrets\nfrom sqlalchemy.exc import IntegrityError\nfrom tenacity import retry, retry_if_exception_type, stop_after_attempt\n\n"
        "class CodeTaken(Exception):\n    pass\n\nclass TicketCodeTaken(CodeTaken):\n    pass\n\n"
        "@retry(stop=stop_after_attempt(5), retry=retry_if_exception_type(CodeTaken), reraise=True)\n"
        "def add_ticket(session, owner):\n    session.add(owner.new_ticket(secrets.token_hex(4)))\n    try:\n        session.commit()\n"
        "    except IntegrityError as exc:\n        session.rollback()\n        raise TicketCodeTaken(exc) from exc\n"
    ),
)
INVALID = (
    # the sleep a parameter may replace waits a constant 0.1 s, and the loop never gives up
    Example(
        "import asyncio\nimport httpx\n\nasync def forward(client, url, body, sleep=None):\n"
        "    while True:  # expect: PRR504\n        try:\n            return await client.post(url, json=body, timeout=5)\n"
        "        except httpx.HTTPError:\n            await (sleep or asyncio.sleep)(0.1)\n"
    ),
    # the only pause is a wait on a stop event for a fixed half second: a constant, short pause
    Example(
        "import asyncio\nimport aiohttp\n\nasync def post(session, url, stop: asyncio.Event):\n"
        "    for attempt in range(5):  # expect: PRR504\n        try:\n            return await session.post(url)\n"
        "        except aiohttp.ClientConnectionError:\n            try:\n"
        "                await asyncio.wait_for(stop.wait(), timeout=0.5)\n            except asyncio.TimeoutError:\n"
        "                pass\n    raise ConnectionError(url)\n"
    ),
    # the same wait that also goes round again when Redis is down or unreachable
    Example(
        "import time\nimport redis\n\ndef oldest(client, queue):\n    while True:  # expect: PRR504\n        try:\n"
        "            item = client.lindex(queue, -1)\n        except (redis.exceptions.BusyLoadingError, redis.ConnectionError):\n"
        "            time.sleep(0.2)\n        else:\n            break\n    return item\n"
    ),
    # a call through a stub on the channel: sent again every round, at a fixed cadence, forever
    Example(
        "import time\nimport grpc\nfrom svc import status_pb2, status_pb2_grpc\n\ndef report(target):\n"
        "    stub = status_pb2_grpc.StatusStub(grpc.insecure_channel(target))\n"
        "    while True:  # expect: PRR504\n        try:\n            return stub.Report(status_pb2.Status(), timeout=5)\n"
        "        except grpc.RpcError:\n            time.sleep(5)\n"
    ),
    # each round makes a new request under the timeout: a retry, at once
    Example(
        "import asyncio\n\nasync def fetch(client):\n    while True:  # expect: PRR504\n        try:\n"
        "            return await asyncio.wait_for(client.fetch(), 5)\n        except asyncio.TimeoutError:\n            pass\n"
    ),
    # the same loop sending a command through the client: retried at once against a failing server
    Example(
        "from redis import Redis, RedisError\n\ndef client(host):\n    for attempt in range(5):  # expect: PRR504\n        try:\n"
        "            return Redis(host=host, socket_timeout=5).ping()\n        except RedisError:\n            pass\n"
        "    raise RuntimeError('no redis')\n"
    ),
    # a retry on a returned result: the same invocation again at once, the failed answer only logged
    Example(
        "import json\nimport logging\nimport boto3\nlog = logging.getLogger(__name__)\n\n"
        "def invoke(**kwargs):\n    client = boto3.client('lambda')\n    retries = 0\n"
        "    while retries < 3:  # expect: PRR504\n        response = client.invoke(**kwargs)\n"
        "        payload = json.loads(response['Payload'].read()) or {}\n"
        "        if 'Task timed out' not in payload.get('errorMessage', ''):\n            break\n        retries += 1\n"
        "        log.warning('retrying %s', response['ResponseMetadata'])\n    return response, payload\n"
    ),
    # the same loop run by a task-queue worker, unattended, beside the service
    Example(
        "import asyncio\nimport aiohttp\nfrom celery import shared_task\n\nasync def wait_for_node(session):\n"
        "    while True:  # expect: PRR504\n        try:\n            return await session.get('http://node:8555/height')\n"
        "        except aiohttp.ClientConnectorError:\n            await asyncio.sleep(0.25)\n\n"
        "@shared_task\ndef sync():\n    asyncio.run(wait_for_node(aiohttp.ClientSession()))\n"
    ),
    Example(
        "import time\nimport requests\n\ndef fetch(url):\n    for attempt in range(5):  # expect: PRR504\n        try:\n"
        "            return requests.get(url, timeout=5)\n        except requests.RequestException:\n"
        "            time.sleep(0.5)\n    raise RuntimeError('gave up')\n"
    ),
    Example(
        "from redis.exceptions import ConnectionError\n\ndef take(queue):\n    while True:  # expect: PRR504\n"
        "        try:\n            return queue.pop()\n        except ConnectionError:\n            continue\n"
    ),
    Example(
        "from tenacity import retry, wait_fixed\n\n@retry(wait=wait_fixed(2))  # expect: PRR504\n"
        "def fetch(client):\n    return client.fetch()\n"
    ),
    Example("import tenacity\n\n@tenacity.retry  # expect: PRR504\ndef fetch(client):\n    return client.fetch()\n"),
    # a fixed pause under a second: callers failing together come back together, five times a second
    Example(
        "import requests\nfrom tenacity import retry, stop_after_attempt, wait_fixed\n\n"
        "@retry(wait=wait_fixed(0.2), stop=stop_after_attempt(5))  # expect: PRR504\n"
        "def fetch(url):\n    return requests.get(url, timeout=5).raise_for_status()\n"
    ),
    # the same short constant pause in a hand-rolled loop
    Example(
        "import time\nimport requests\n\nRETRY_PAUSE = 0.2\n\ndef fetch(url):\n    for _ in range(5):  # expect: PRR504\n"
        "        try:\n            return requests.get(url, timeout=5)\n        except requests.ConnectionError:\n"
        "            time.sleep(RETRY_PAUSE)\n    raise RuntimeError('gave up')\n"
    ),
    Example(
        "import backoff\nimport requests\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
        "@backoff.on_exception(backoff.expo, requests.RequestException)  # expect: PRR504\n"
        "def fetch(url):\n    return requests.get(url, timeout=5)\n\n@bp.get('/rates')\ndef rates():\n"
        "    return fetch('https://rates/today').json()\n"
    ),
    Example(
        "from requests.adapters import HTTPAdapter\nfrom urllib3 import Retry\n\n"
        "a = HTTPAdapter(max_retries=Retry(total=5, status_forcelist=[502, 503]))  # expect: PRR504\n"
        "b = HTTPAdapter(max_retries=3)  # expect: PRR504\n"
    ),
    # the flag the handler sets is not the one it tests: every failure retries at once
    Example(
        "import smtplib\n\nclass Mailer:\n    def send(self, message):\n        failures = 0\n"
        "        while True:  # expect: PRR504\n            try:\n                self.server.sendmail(message)\n                break\n"
        "            except smtplib.SMTPServerDisconnected:\n                if not self.closing:\n"
        "                    self.connect()\n                    failures += 1\n                else:\n"
        "                    raise\n"
    ),
    # endless, with a short constant pause: every caller knocks every few seconds forever
    Example(
        "import time\nimport psycopg2\n\ndef record_success(db, name):\n    while True:  # expect: PRR504\n        try:\n"
        "            db.run('UPDATE cron_jobs SET last_success = now() WHERE name = %s', (name,))\n"
        "        except psycopg2.OperationalError:\n            time.sleep(5)\n        else:\n            break\n"
    ),
    # the same start-up shape on a request: every request waits and knocks again half a second later
    Example(
        "import time\nfrom elasticsearch import Elasticsearch, exceptions\nfrom flask import Blueprint\n\n"
        "bp = Blueprint('search', __name__)\n\ndef search(hosts, query):\n    for attempt in range(4):  # expect: PRR504\n        try:\n"
        "            return Elasticsearch(hosts=hosts).search(q=query)\n        except exceptions.ConnectionError:\n"
        "            if attempt == 3:\n                raise\n            time.sleep(0.5)\n\n"
        "@bp.get('/search')\ndef find():\n    return search(['es:9200'], 'x')\n"
    ),
    # a test of the error that retries every OperationalError anyway (the `continue` is not under it)
    Example(
        "from sqlalchemy.exc import OperationalError\n\ndef upsert_fields(session, stmt):\n"
        "    for attempt in range(3):  # expect: PRR504\n        try:\n            session.execute(stmt)\n"
        "            session.commit()\n            break\n        except OperationalError as e:\n            session.rollback()\n"
        "            if 'Deadlock found' in str(e):\n                session.expire_all()\n            continue\n"
    ),
    # a socket to another host, retried at once
    Example(
        "import socket\n\ndef connect(host):\n    sock = socket.socket()\n    for _ in range(5):  # expect: PRR504\n"
        "        try:\n            sock.connect((host, 9000))\n            return sock\n        except OSError:\n            pass\n"
        "    raise ConnectionError(host)\n"
    ),
    # the round ends only when a test passes: the other rounds go round again at once
    Example(
        "import redis\n\ndef release(client, key, token, patient):\n    pipe = client.pipeline()\n"
        "    while True:  # expect: PRR504\n        try:\n            pipe.watch(key)\n            pipe.delete(key)\n"
        "            break\n        except redis.ConnectionError:\n            pass\n        if not patient:\n"
        "            return False\n    return True\n"
    ),
    # the helper the loop calls only logs: no pause between tries
    Example(
        "import logging\nimport requests\n\ndef note_failure(url, error):\n    logging.warning('retrying %s: %s', url, error)\n\n"
        "def fetch(url):\n    for attempt in range(5):  # expect: PRR504\n        try:\n            return requests.get(url, timeout=5).json()\n"
        "        except requests.ConnectionError as e:\n            note_failure(url, e)\n    raise RuntimeError('gave up')\n"
    ),
    # the helper sleeps, but only once the loop is over: the tries themselves come at once
    Example(
        "import random\nimport time\nimport requests\n\ndef wait_between_tries():\n    time.sleep(random.uniform(0.5, 3))\n\n"
        "def fetch(url):\n    for attempt in range(5):  # expect: PRR504\n        try:\n            return requests.get(url, timeout=5).json()\n"
        "        except requests.ConnectionError:\n            pass\n    wait_between_tries()\n    raise RuntimeError('gave up')\n"
    ),
    # a budget of three tries counted down in the handler: two retries at once
    Example(
        "import requests\n\ndef is_image(url):\n    retry = 3\n    while retry > 0:  # expect: PRR504\n        try:\n"
        "            answer = requests.get(url, timeout=10)\n            return answer.headers['content-type'].startswith('image/')\n"
        "        except requests.Timeout:\n            retry -= 1\n    return False\n"
    ),
    # a budget of two, but a refused connection goes round again without spending it: no bound on that path
    Example(
        "import requests\n\ndef is_image(url):\n    retry = 2\n    while retry > 0:  # expect: PRR504\n        try:\n"
        "            answer = requests.get(url, timeout=10)\n            return answer.headers['content-type'].startswith('image/')\n"
        "        except requests.Timeout:\n            retry -= 1\n        except requests.ConnectionError:\n            pass\n"
        "    return False\n"
    ),
    # the handler swallows every OSError, not only an interrupted call: a refused connection is retried at once
    Example(
        "import errno\nimport socket\n\ndef connect(host, port):\n    while True:  # expect: PRR504\n        try:\n"
        "            conn = socket.create_connection((host, port), timeout=5)\n        except OSError as e:\n"
        "            if e.errno == errno.EINTR:\n                raise\n        else:\n            return conn\n"
    ),
    # the pause is a parameter one caller of the module passes as a tenth of a second
    Example(
        "import socket\nimport time\n\ndef _connect(host, attempts, interval):\n    tried = 1\n    while True:  # expect: PRR504\n"
        "        try:\n            return socket.create_connection((host, 80), timeout=5)\n        except OSError:\n"
        "            if tried >= attempts:\n                raise\n            tried += 1\n            time.sleep(interval)\n\n"
        "def connect(host, attempts=10, interval=3):\n    return _connect(host, attempts, interval)\n\n"
        "def connect_fast(host):\n    return _connect(host, 10, 0.1)\n"
    ),
    # the database's operational errors (it is down or overloaded) retried at once
    Example(
        "from sqlalchemy.exc import OperationalError\nfrom tenacity import retry, retry_if_exception_type, stop_after_attempt\n\n"
        "@retry(stop=stop_after_attempt(5), retry=retry_if_exception_type(OperationalError))  # expect: PRR504\n"
        "def add_code(session, code):\n    session.add(code)\n    session.commit()\n"
    ),
    # the module's error stands for a failed connection too: retried at once
    Example(
        "import requests\nfrom sqlalchemy.exc import IntegrityError\nfrom tenacity import retry, retry_if_exception_type, stop_after_attempt\n\n"
        "class SyncFailed(Exception):\n    pass\n\n"
        "@retry(stop=stop_after_attempt(5), retry=retry_if_exception_type(SyncFailed))  # expect: PRR504\n"
        "def sync(session, url):\n    try:\n        session.add_all(requests.get(url, timeout=5).json())\n        session.commit()\n"
        "    except requests.ConnectionError as exc:\n        raise SyncFailed(url) from exc\n"
        "    except IntegrityError as exc:\n        raise SyncFailed(url) from exc\n"
    ),
    # the pause is a parameter of a function also handed to a thread pool, whose arguments the module cannot see
    Example(
        "import socket\nimport time\n\ndef _connect(host, attempts, interval):\n    tried = 1\n    while True:  # expect: PRR504\n"
        "        try:\n            return socket.create_connection((host, 80), timeout=5)\n        except OSError:\n"
        "            if tried >= attempts:\n                raise\n            tried += 1\n            time.sleep(interval)\n\n"
        "def connect(host, attempts=10, interval=3):\n    return _connect(host, attempts, interval)\n\n"
        "def connect_later(pool, host):\n    return pool.submit(_connect, host, 10, 0.1)\n"
    ),
)
