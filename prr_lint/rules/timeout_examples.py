"""PRR501's documented examples (timeouts.py): what the rule leaves alone (VALID) and what it reports
(INVALID), kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example
from prr_lint.rules.never_returning_examples import INVALID as NEVER_RETURNING_REPORTED, VALID as NEVER_RETURNING_LEFT_ALONE

VALID = (
    Example("import requests\n\ndef f(url):\n    return requests.get(url, timeout=5)\n"),
    Example("import requests\n\ndef f(url, **options):\n    return requests.get(url, **options)\n"),
    Example("import httpx\n\ndef f(url):\n    return httpx.get(url)\n"),
    Example("from urllib.request import urlopen\n\ndef f(url):\n    return urlopen(url, None, 10)\n"),
    Example("def get(url):\n    return url\n\ndef f(url):\n    return get(url)\n"),
    Example("from requests import get\n\ndef f(cache, url):\n    return cache.get(url)\n"),
    Example(
        "import requests\n\ndef _api_session(timeout=5):\n    class Adapter(requests.adapters.HTTPAdapter):\n"
        "        def send(self, *args, **kwargs):\n            kwargs['timeout'] = timeout\n"
        "            return super().send(*args, **kwargs)\n\n    session = requests.session()\n"
        "    session.mount('https://', Adapter())\n    return session\n\ndef _slow_session():\n"
        "    return _api_session(60)\n\ndef pipelines(url):\n    return _api_session().get(url)\n\n"
        "def upload(url, body):\n    session = _slow_session()\n    return session.put(url, json=body)\n"
    ),
    Example(
        "import requests\nfrom requests.adapters import HTTPAdapter\n\nclass TimeoutAdapter(HTTPAdapter):\n"
        "    def send(self, request, **kwargs):\n        kwargs.setdefault('timeout', 5)\n"
        "        return super().send(request, **kwargs)\n\nsession = requests.Session()\n"
        "session.mount('https://', TimeoutAdapter())\n\ndef f(url):\n    return session.get(url)\n"
    ),
    Example(
        "import requests\n\nclass ApiSession(requests.Session):\n    def request(self, method, url, **kwargs):\n"
        "        kwargs.setdefault('timeout', 10)\n        return super().request(method, url, **kwargs)\n\n"
        "def f(url):\n    return ApiSession().get(url)\n"
    ),
    Example("import urllib3\n\nhttp = urllib3.PoolManager(timeout=urllib3.Timeout(connect=2, read=5))\n\n"
            "def f(url):\n    return http.request('GET', url)\n"),
    Example(
        "import pycurl\n\ndef fetch(url):\n    c = pycurl.Curl()\n    c.setopt(pycurl.URL, url)\n"
        "    c.setopt(pycurl.TIMEOUT, 10)\n    c.perform()\n"
    ),
    Example("import aiohttp\n\nasync def f(url):\n    async with aiohttp.ClientSession() as s:\n"
            "        return await s.get(url)\n"),
    Example("import redis\n\ncache = redis.Redis.from_url('redis://cache:6379/0?socket_timeout=2')\n"),
    # no address: redis-py connects to localhost:6379, a server beside the process (beets-flask's image starts one)
    Example("from redis import Redis\nfrom rq import Queue\n\nredis_conn = Redis()\nqueue = Queue('import', connection=redis_conn)\n"),
    Example("import redis.asyncio\n\ncache = redis.asyncio.Redis(db=2, decode_responses=True)\n"),
    # a loopback address: a process of this host (the local MTA, a dev server)
    Example("import smtplib\n\ndef send(sender, to, body):\n    with smtplib.SMTP('localhost') as smtp:\n        smtp.sendmail(sender, to, body)\n"),
    Example("import requests\n\ndef worker_js():\n    return requests.get('http://127.0.0.1:4000/dist/serviceWorker.js').content\n"),
    # a URL formatted around a loopback host: this process's own API
    Example("import requests\n\ndef self_check(scheme, port):\n    url = '{}://{}:{}/status'.format(scheme, 'localhost', port)\n"
            "    return requests.get(url).ok\n"),
    # an attribute set once to a URL on a loopback host constant: a model helper this host runs (the
    # constant may live in another module: the project phase looks it up, project/constant_targets.py)
    Example("import requests\n\nEMBED_SERVICE = 'localhost:9001'\n\nclass Embeddings:\n    def __init__(self):\n"
            "        self.url = f'http://{EMBED_SERVICE}/embedding'\n        self.session = requests.Session()\n\n"
            "    def embed(self, texts):\n        return self.session.post(self.url, json={'texts': texts}).json()\n"),
    # the project strips `socket_timeout` out of its redis URL's query (for Celery): the deployed URL carries it
    Example(
        "import os\nimport urllib.parse\nimport redis\n\ndef broker_url(url):\n    assert url.startswith('redis')\n"
        "    parsed = urllib.parse.urlparse(url)\n    query = urllib.parse.parse_qs(parsed.query)\n"
        "    query.pop('socket_timeout', None)\n    return parsed._replace(query=urllib.parse.urlencode(query, doseq=True)).geturl()\n\n"
        "def sessions():\n    return redis.StrictRedis.from_url(os.environ['REDIS_URL'])\n"
    ),
    # requests' default timeout patched for the whole process: every requests call gets a deadline
    Example(
        "import requests\nimport requests.adapters\nfrom requests.adapters import TimeoutSauce\n\n"
        "class DefaultTimeout(TimeoutSauce):\n    def __init__(self, *args, **kwargs):\n"
        "        if kwargs['connect'] is None:\n            kwargs['connect'] = 2\n"
        "        if kwargs['read'] is None:\n            kwargs['read'] = 10\n        super().__init__(*args, **kwargs)\n\n"
        "requests.adapters.TimeoutSauce = DefaultTimeout\n\ndef publish(url, body):\n    return requests.post(url, json=body)\n"
    ),
    # `Session.request` replaced with a function filling in a missing timeout: requests.get sends through it
    Example(
        "import requests\nfrom requests import Session\n\nSession._original_request = Session.request\n\n"
        "def new_request(self, *args, **kwargs):\n    kwargs.setdefault('timeout', 10)\n"
        "    return self._original_request(*args, **kwargs)\n\nSession.request = new_request\n\n"
        "def publish(url, body):\n    return requests.post(url, json=body)\n"
    ),
    # a hatchling build hook: runs when the package is built, not in the service
    Example(
        "import urllib.request\nfrom hatchling.builders.hooks.plugin.interface import BuildHookInterface\n\n"
        "class DownloadUIHook(BuildHookInterface):\n    def initialize(self, version, build_data):\n"
        "        urllib.request.urlretrieve(self.config['ui_url'], 'ui.tgz')\n        return urllib.request.urlopen(UI_URL).read()\n",
        path="hatch_build.py",
    ),
    # an integration test suite's base case (OpenStack's testtools), wherever it lives
    Example(
        "import urllib.request\n\nimport testtools\n\nclass IntegrationTest(testtools.TestCase):\n"
        "    def check_connectivity(self, ip):\n        return urllib.request.urlopen('http://' + ip).read()\n",
        path="svc_integrationtests/common/test.py",
    ),
    # test code by what it imports, wherever it lives (a pytest plugin shipped in the package)
    Example("import pytest\nimport requests\n\n@pytest.fixture\ndef live(url):\n    return requests.get(url)\n", path="svc/pytest_plugin.py"),
    # a process-wide default socket timeout set at import bounds the standard library's clients
    Example("import socket\nimport smtplib\nfrom urllib.request import urlopen\n\nsocket.setdefaulttimeout(60)\n\n"
            "def f(url, host):\n    smtplib.SMTP(host)\n    return urlopen(url)\n"),
    # a setting built at import whose constructor runs the setter that sets the default (a settings registry)
    Example("import socket\nfrom urllib.request import urlopen\n\nclass Setting:\n    def __init__(self, default, apply=True):\n"
            "        if apply:\n            self.set(default)\n\n    def set(self, value):\n        socket.setdefaulttimeout(value)\n\n"
            "TIMEOUT = Setting(10)\n\ndef f(url):\n    return urlopen(url)\n"),
    # a stall is aborted (below 5 bytes/s for 60 s): the deadline of a long download
    Example(
        "import pycurl\n\nclass Download:\n    def __init__(self):\n        self.c = pycurl.Curl()\n"
        "        self.c.setopt(pycurl.CONNECTTIMEOUT, 30)\n        self.c.setopt(pycurl.LOW_SPEED_TIME, 60)\n"
        "        self.c.setopt(pycurl.LOW_SPEED_LIMIT, 5)\n\n    def load(self, url):\n"
        "        self.c.setopt(pycurl.URL, url)\n        self.c.perform()\n"
    ),
    # the function sets the process-wide default socket timeout before the standard-library call
    Example(
        "import socket\nfrom urllib.request import urlopen\n\ndef listing(url):\n    if url.startswith('ftp://'):\n"
        "        socket.setdefaulttimeout(30)\n        return urlopen(url).read()\n"
    ),
    # the program's start-up sets the process-wide default (main() -> start()), and urllib3 honours it too
    Example(
        "import socket\nimport time\nimport urllib3\nfrom urllib.request import urlopen\n\nhttp = urllib3.PoolManager()\n\n"
        "def notify(url):\n    http.request('POST', url)\n    return urlopen(url).read()\n\ndef start():\n"
        "    socket.setdefaulttimeout(30)\n\ndef main():\n    start()\n    while True:\n        notify(HOOK)\n"
        "        time.sleep(60)\n\nif __name__ == '__main__':\n    main()\n"
    ),
    Example("import smtplib\n\ndef send(host, message):\n    with smtplib.SMTP(host, 587, timeout=10) as smtp:\n"
            "        smtp.send_message(message)\n"),
    Example(
        "import httpx\n\nclient = httpx.AsyncClient(timeout=5)\n\nasync def paid_invoices(url):\n    while True:\n"
        "        async with client.stream('GET', url, timeout=None) as response:\n"
        "            async for line in response.aiter_lines():\n                yield line\n"
    ),
    # only a development run makes it: Django documents DEBUG as off in production
    Example(
        "import requests\nfrom django.conf import settings\nfrom django.http import HttpResponseForbidden, JsonResponse\n\n"
        "def token(request):\n    if settings.DEBUG:\n        return JsonResponse(requests.post(TOKEN_URL, data=request.GET).json())\n"
        "    return HttpResponseForbidden()\n\ndef dev_token(request):\n    if not settings.DEBUG:\n"
        "        return HttpResponseForbidden()\n    return JsonResponse(requests.post(TOKEN_URL, data=request.GET).json())\n"
    ),
    # a reverse proxy relaying the upstream's stream to its own client, deadline off on purpose
    Example(
        "import aiohttp\nfrom aiohttp import web\n\nasync def ingress(request, session: aiohttp.ClientSession, url):\n"
        "    async with session.get(url, timeout=aiohttp.ClientTimeout(total=None)) as upstream:\n"
        "        response = web.StreamResponse(status=upstream.status)\n        await response.prepare(request)\n"
        "        async for data, _ in upstream.content.iter_chunks():\n            await response.write(data)\n"
        "        return response\n"
    ),
    # the relay answers through a project subclass of a streaming response (resolved by the project phase)
    Example(
        "import aiohttp\nfrom fastapi.responses import StreamingResponse\n\nclass StatusStreamingResponse(StreamingResponse):\n"
        "    status_on_error = 502\n\nasync def follow_logs(session: aiohttp.ClientSession, url):\n"
        "    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)\n\n    async def relay():\n"
        "        async with session.get(url, timeout=timeout) as upstream:\n"
        "            async for chunk in upstream.content.iter_any():\n                yield chunk\n\n"
        "    return StatusStreamingResponse(relay())\n"
    ),
    # a module constant read only by an event feed: a generator handing on each line while the response stays open
    Example(
        "import aiohttp\n\n_WATCH_TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=30)\n\n"
        "async def watch(session: aiohttp.ClientSession, url):\n"
        "    async with session.get(url, timeout=_WATCH_TIMEOUT) as response:\n        while True:\n"
        "            line = await response.content.readline()\n            if not line:\n                break\n"
        "            yield line\n"
    ),
    # a session factory whose only caller relays what arrives to its own client
    Example(
        "import aiohttp\nfrom aiohttp import web\n\ndef _stream_session():\n"
        "    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=10))\n    return session\n\n"
        "async def tail(request):\n    upstream = await _stream_session().get(request.query['url'])\n"
        "    response = web.StreamResponse()\n    await response.prepare(request)\n"
        "    async for chunk in upstream.content.iter_any():\n        await response.write(chunk)\n    return response\n"
    ),
    # urlopen reached only for a file: URL reads a local file; a connect probe only connects and closes
    Example(
        "import socket\nimport urllib.parse\nimport urllib.request\n\nimport requests\n\ndef fetch(url):\n"
        "    components = urllib.parse.urlparse(url)\n    if components.scheme == 'file':\n"
        "        return urllib.request.urlopen(url).read()\n    return requests.get(url, timeout=10).content\n\n"
        "def can_connect(ip, port):\n    try:\n        socket.create_connection((ip, port)).close()\n"
        "    except OSError:\n        return False\n    return True\n\n"
        "def check_connection(address):\n    sock = socket.create_connection(address)\n    sock.close()\n"
    ),
    # built with no host, a mail or FTP client connects nothing; its connect gives the deadline
    Example(
        "import ftplib\nimport smtplib\n\ndef banner(host, port, tls):\n"
        "    ftp = ftplib.FTP_TLS(context=None) if tls else ftplib.FTP()\n"
        "    ftp.connect(host=host, port=port, timeout=10)\n    return ftp.welcome\n\n"
        "def send(host, sender, to, body):\n    smtp = smtplib.SMTP(timeout=10)\n    smtp.connect(host, 587)\n"
        "    smtp.sendmail(sender, to, body)\n"
    ),
    # unreachable: after an unconditional return (a check switched off by its first line), or an `if`
    # every branch of which returns
    Example(
        "from urllib.request import urlopen\n\ndef check_gravatar(url):\n    return 'n'\n    urlopen(url)\n\n"
        "def probe(url, cached):\n    if cached:\n        return cached\n    else:\n        raise LookupError(url)\n"
        "    return urlopen(url).read()\n"
    ),
    # a feature every shipped configuration switches off (config_switches.py): `False` in each config class,
    # read through the app config, a local name, or an attribute a property returns
    Example(
        "import requests\nfrom flask import current_app\n\nclass Config:\n    CRONITOR_ENABLED = False\n\n"
        "class Production(Config):\n    CRONITOR_ENABLED = False\n\ndef ping(slug):\n"
        "    if not current_app.config['CRONITOR_ENABLED']:\n        return\n"
        "    requests.get('https://cronitor.link/' + slug)\n\ndef notify(body):\n"
        "    enabled = current_app.config.get('CRONITOR_ENABLED')\n    if not enabled:\n"
        "        raise RuntimeError('off')\n    requests.post('https://cronitor.link/notes', data=body)\n\n"
        "class StatsClient:\n    @property\n    def active(self):\n        return self._active\n\n"
        "    def init_app(self, app):\n        self._active = app.config.get('CRONITOR_ENABLED')\n\n"
        "    def send(self, payload):\n        if self.active:\n"
        "            requests.post('https://stats.example.com/api', json=payload)\n"
    ),
    # a function only an RQ job runs: the worker kills the job past its queue's timeout (180 s by default)
    Example(
        "import requests\nfrom flask import Flask\nfrom redis import Redis\nfrom rq import Queue\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\nqueue = Queue(connection=Redis(socket_timeout=5))\n\n"
        "def subscribe(email):\n    return requests.post('https://basket/subscribe', data={'email': email})\n\n"
        "@app.route('/signup')\ndef signup():\n    queue.enqueue(subscribe, 'a@example.org')\n    return 'ok'\n"
    ),
    # a coroutine every caller runs under an asyncio deadline: a task awaited under wait_for (cancelled on timeout)
    Example(
        "import asyncio\nimport httpx\n\nclient = httpx.AsyncClient(base_url='https://node')\n\n"
        "async def _pay(invoice):\n    return await client.post('/pay', json=invoice, timeout=None)\n\n"
        "async def pay(invoice, settings):\n    task = asyncio.create_task(_pay(invoice))\n"
        "    return await asyncio.wait_for(task, timeout=max(1, settings.pay_wait_seconds))\n\n"
        "async def tail(url):\n    async with asyncio.timeout(30):\n        return await client.get(url, timeout=None)\n"
    ),
    # a Django model's method only a time-limited Celery task runs, on the rows of a QuerySet (orm_rows.py)
    Example(
        "import requests\nfrom celery import Celery\nfrom django.db import models\nfrom flask import Flask\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\ncelery = Celery(__name__)\ncelery.conf.task_time_limit = 300\n\n"
        "class Feed(models.Model):\n    url = models.URLField()\n\n    def refresh(self):\n"
        "        return requests.get(self.url).json()\n\n"
        "@celery.task\ndef refresh_feed(pk):\n    for feed in Feed.objects.filter(pk=pk):\n        feed.refresh()\n\n"
        "@app.route('/feeds/<int:pk>/refresh', methods=['POST'])\ndef start(pk):\n    refresh_feed.delay(pk)\n    return 'queued'\n"
    ),
    # a Flask CLI command a hook defines on the app its factory passes (project/typed_commands.py): an operator
    # runs `flask seed-db` by hand and watches it; defining the command does not run it
    Example(
        "import requests\nfrom flask import Flask\n\ndef register_commands(app):\n    @app.cli.command('seed-db')\n"
        "    def seed_db():\n        requests.get('https://fixtures.example.org/seed.json')\n\n"
        "def create_app():\n    app = Flask(__name__)\n    register_commands(app)\n    return app\n"
    ),
)
INVALID = (
    # the host constant names another host, or is also read from the environment (the deployment decides)
    Example("import os\nimport requests\n\nEMBED_SERVICE = 'embed.internal:9001'\nRERANK_SERVICE = 'localhost:8001'\n"
            "if os.getenv('RERANK_SERVICE'):\n    RERANK_SERVICE = os.environ['RERANK_SERVICE']\n\nclass Models:\n"
            "    def __init__(self):\n        self.embed_url = f'http://{EMBED_SERVICE}/embedding'\n\n"
            "    def embed(self, texts):\n        return requests.post(self.embed_url, json=texts).json()  # expect: PRR501\n\n"
            "    def rerank(self, query):\n        return requests.post(f'http://{RERANK_SERVICE}/rerank', json=query).json()  # expect: PRR501\n"),
    # a configuration key whose loopback address only the code defaults give, in a repository that ships no
    # deployment file (the deployment is elsewhere and may set it; with a compose file that names no such key,
    # or a Dockerfile ENV setting it to a loopback address, tests/test_loopback_settings.py leaves it alone)
    Example("import requests\n\nclass Config(dict):\n    defaults = {'MODEL_HOST': '127.0.0.1', 'MODEL_PORT': '11636'}\n\n"
            "CONFIG = Config(Config.defaults)\n\ndef embed(text):\n"
            "    bind = f'{CONFIG.get(\"MODEL_HOST\")}:{CONFIG.get(\"MODEL_PORT\")}'\n"
            "    return requests.post(f'http://{bind}/embed', json={'text': text}).json()  # expect: PRR501\n"),
    # a Flask setting read from the environment with no default: the deployment decides
    Example("import os\nimport smtplib\nfrom flask import current_app\n\nclass Config:\n    SMTP_SERVER = os.getenv('SMTP_SERVER')\n\n"
            "def notify(to, body):\n    smtp = smtplib.SMTP(current_app.config['SMTP_SERVER'])  # expect: PRR501\n"
            "    smtp.sendmail('noreply@example.org', to, body)\n"),
    # a configuration key some shipped value points at another host, or that only the environment sets
    Example("import os\nimport requests\n\nclass Config(dict):\n    defaults = {'MODEL_HOST': '127.0.0.1'}\n\n"
            "class Cluster(Config):\n    defaults = {'MODEL_HOST': 'models.internal'}\n\nCONFIG = Config(Config.defaults)\n\n"
            "def embed(text):\n    bind = f'{CONFIG.get(\"MODEL_HOST\")}:11636'\n"
            "    return requests.post(f'http://{bind}/embed', json={'text': text}).json()  # expect: PRR501\n\n"
            "def rerank(query):\n    return requests.post(f'http://{os.getenv(\"RERANK_HOST\")}/rerank', json=query).json()  # expect: PRR501\n"),
    # an attribute some method points elsewhere
    Example("import requests\n\nclass Helper:\n    def __init__(self):\n        self.url = 'http://localhost:9001/embedding'\n\n"
            "    def use(self, host):\n        self.url = f'http://{host}/embedding'\n\n"
            "    def embed(self, texts):\n        return requests.post(self.url, json=texts).json()  # expect: PRR501\n"),
    # a switch some configuration turns on, one read from the environment (the deployment decides), or one
    # that chooses between two ways of doing the work (`if use_ssl: ... else: ...`) is no switched-off feature
    Example(
        "import os\nimport smtplib\nimport requests\nfrom flask import current_app\n\nclass Config:\n"
        "    CRONITOR_ENABLED = False\n    STATS_ENABLED = os.getenv('STATS_ENABLED') == '1'\n"
        "    SMTP_USE_SSL = False\n\nclass Production(Config):\n    CRONITOR_ENABLED = True\n\n"
        "def ping(slug):\n    if not current_app.config['CRONITOR_ENABLED']:\n        return\n"
        "    requests.get('https://cronitor.link/' + slug)  # expect: PRR501\n\ndef send(payload):\n"
        "    if current_app.config['STATS_ENABLED']:\n"
        "        requests.post('https://stats.example.com/api', json=payload)  # expect: PRR501\n\n"
        "def mail(host, message):\n    if current_app.config['SMTP_USE_SSL']:\n"
        "        server = smtplib.SMTP_SSL(host)  # expect: PRR501\n    else:\n"
        "        server = smtplib.SMTP(host)  # expect: PRR501\n    server.send_message(message)\n"
    ),
    # a return in a branch or a loop's `continue` ends only that branch: the call after it still runs
    Example(
        "from urllib.request import urlopen\n\ndef check(urls, skip):\n    for url in urls:\n"
        "        if url in skip:\n            continue\n        urlopen(url)  # expect: PRR501\n"
        "    try:\n        return skip.pop()\n    except KeyError:\n        pass\n    return urlopen(urls[0])  # expect: PRR501\n"
    ),
    Example(
        "import requests\n\ndef _api_session():\n    session = requests.Session()\n"
        "    session.mount('https://', requests.adapters.HTTPAdapter())\n    return session\n\n"
        "def pipelines(url):\n    return _api_session().get(url)  # expect: PRR501\n"
    ),
    Example("import requests as rq\n\ndef f(url, body):\n    return rq.post(url, json=body)  # expect: PRR501\n"),
    Example("from requests import get as fetch\n\ndef f(url):\n    return fetch(url)  # expect: PRR501\n"),
    Example("import requests\n\ndef f(url):\n    return requests.get(url, timeout=None)  # expect: PRR501\n"),
    Example("from urllib.request import urlopen\n\ndef f(url):\n    return urlopen(url)  # expect: PRR501\n"),
    Example("import httpx\n\nclient = httpx.Client(timeout=None)  # expect: PRR501\n"),
    Example(
        "import requests\n\nclass Payments:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
        "    def charge(self, order):\n        return self.session.post('/charge', json=order)  # expect: PRR501\n"
    ),
    Example("import requests\n\ndef f(session: requests.Session, url):\n    return session.get(url)  # expect: PRR501\n"),
    Example(
        "import requests\n\ndef deliver(hook, payload):\n    session = requests.Session()\n"
        "    prepared = requests.Request('POST', hook, json=payload).prepare()\n"
        "    return session.send(prepared)  # expect: PRR501\n"
    ),
    Example(
        "import requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util import Retry\n\n"
        "class ApiSession(requests.Session):\n    base = 'https://api'\n\nsession = ApiSession()\n"
        "session.mount('https://', HTTPAdapter(max_retries=Retry(3, backoff_factor=0.5)))\n\n"
        "def f(path):\n    return session.get(session.base + path)  # expect: PRR501\n"
    ),
    Example("import urllib3\n\nhttp = urllib3.PoolManager()\n\ndef f(url):\n    return http.request('GET', url)  # expect: PRR501\n"),
    Example("import http.client\n\ndef f(host):\n    conn = http.client.HTTPSConnection(host)  # expect: PRR501\n"
            "    conn.request('GET', '/')\n    return conn.getresponse()\n"),
    Example(
        "import pycurl\n\ndef fetch(url):\n    c = pycurl.Curl()\n    c.setopt(pycurl.URL, url)\n"
        "    c.perform()  # expect: PRR501\n    c.close()\n"
    ),
    # LOW_SPEED_TIME alone aborts nothing (LOW_SPEED_LIMIT defaults to 0 bytes/s)
    Example(
        "import pycurl\n\ndef fetch(url):\n    c = pycurl.Curl()\n    c.setopt(pycurl.LOW_SPEED_TIME, 60)\n"
        "    c.setopt(pycurl.URL, url)\n    c.perform()  # expect: PRR501\n"
    ),
    # the default set after the call does not bound it
    Example(
        "import socket\nfrom urllib.request import urlopen\n\ndef listing(url):\n    body = urlopen(url).read()  # expect: PRR501\n"
        "    socket.setdefaulttimeout(30)\n    return body\n"
    ),
    Example("import aiohttp\n\nTIMEOUT = aiohttp.ClientTimeout(connect=5)  # expect: PRR501\n"),
    Example("import smtplib\n\ndef send(host, port, message):\n    smtp = smtplib.SMTP(host, port)  # expect: PRR501\n"
            "    smtp.send_message(message)\n"),
    Example("import ftplib\n\ndef upload(host):\n    return ftplib.FTP(host)  # expect: PRR501\n"),
    # a pub/sub listener's client with no read deadline: a connection that dies unclosed leaves listen() blocked
    Example("import redis\n\ndef listener(host):\n    client = redis.Redis(host=host, socket_timeout=None, socket_connect_timeout=5,  # expect: PRR501\n"
            "                         socket_keepalive=True, health_check_interval=30)\n    return client.pubsub()\n"),
    # requests ignores the default socket timeout; setting it to None removes it
    Example("import socket\nimport requests\n\nsocket.setdefaulttimeout(60)\n\ndef f(url):\n    return requests.get(url)  # expect: PRR501\n"),
    Example("import socket\nfrom urllib.request import urlopen\n\nsocket.setdefaulttimeout(None)\n\ndef f(url):\n    return urlopen(url)  # expect: PRR501\n"),
    Example("import socket\nfrom urllib.request import urlopen\n\nclass Setting:\n    def __init__(self, default, apply=True):\n"
            "        if apply:\n            self.set(default)\n\n    def set(self, value):\n        socket.setdefaulttimeout(value)\n\n"
            "TIMEOUT = Setting(10, apply=False)\n\ndef f(url):\n    return urlopen(url)  # expect: PRR501\n"),
    Example("import socket\n\ndef probe(host):\n    return socket.create_connection((host, 80))  # expect: PRR501\n"),
    Example(
        "import socket\n\ndef banner(host):\n    sock = socket.create_connection((host, 25))  # expect: PRR501\n"
        "    data = sock.recv(512)\n    sock.close()\n    return data\n"
    ),
    # set by a function no program runs at start-up (a refresh job): it bounds no other call
    Example(
        "import socket\nfrom urllib.request import urlopen\n\ndef refresh():\n    socket.setdefaulttimeout(30)\n\n"
        "def notify(url):\n    return urlopen(url)  # expect: PRR501\n"
    ),
    # requests sets every socket to block forever when given no timeout, whatever the default
    Example(
        "import socket\nimport requests\nfrom flask import Flask\n\napp = Flask(__name__)  # expect: PRR201 PRR206\n\n@app.post('/notify')\n"
        "def notify():\n    return requests.post(HOOK).text  # expect: PRR501\n\ndef main():\n"
        "    socket.setdefaulttimeout(30)\n    app.run()\n\nif __name__ == '__main__':\n    main()\n"
    ),
    Example("import os\nimport redis\n\ncache = redis.from_url(os.environ['REDIS_URL'])  # expect: PRR501\n"),
    # the project reads timeouts out of its redis URLs, but this URL is a literal: its whole query is shown
    Example(
        "import urllib.parse\nimport redis\n\ndef broker_options(url):\n    assert url.startswith('redis')\n"
        "    query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)\n"
        "    return {'socket_timeout': int(query['socket_timeout'][0])}\n\n"
        "cache = redis.from_url('redis://cache:6379/0')  # expect: PRR501\n"
    ),
    Example("import redis\n\ndef client(url):\n    return redis.StrictRedis().from_url(url)  # expect: PRR501\n"),
    Example("import redis\n\ncache = redis.Redis('cache', 6379)  # expect: PRR501\n"),
    Example("import redis.asyncio\n\ncache = redis.asyncio.Redis(host=HOST, db=1)  # expect: PRR501\n"),
    # the pool beside a unix-socket one connects over TCP to a configured host
    Example(
        "import redis\n\ndef pool(socket=None, host=None):\n    if socket:\n"
        "        return redis.ConnectionPool(connection_class=redis.UnixDomainSocketConnection, path=socket)\n"
        "    return redis.ConnectionPool(host=host, port=6379)  # expect: PRR501\n"
    ),
    Example(
        "import httpx\n\nclient = httpx.AsyncClient(timeout=5)\n\nasync def payment_status(url):\n"
        "    async with client.stream('GET', url, timeout=None) as response:  # expect: PRR501\n"
        "        async for line in response.aiter_lines():\n            return line\n"
    ),
    Example(
        "import requests\n\ndef fetch(url, timeout=None):\n    return requests.get(url, timeout=timeout)\n\n"
        "def profile(user):\n    return fetch('https://users/' + user)  # expect: PRR501\n\n"
        "def avatar(user):\n    return fetch('https://avatars/' + user, timeout=2)\n"
    ),
    # the branch production takes (DEBUG off), and a switch a deployment may well turn on
    Example(
        "import os\nimport requests\nfrom django.conf import settings\n\ndef preview(url):\n    if settings.DEBUG:\n"
        "        return None\n    return requests.get(url).text  # expect: PRR501\n\ndef remote(url):\n"
        "    if os.environ.get('FETCH_REMOTE'):\n        return requests.get(url).text  # expect: PRR501\n"
    ),
    # the same deadline off, but the answer is read whole: a hung upstream holds the request
    Example(
        "import aiohttp\nfrom aiohttp import web\n\nasync def ingress(request, session: aiohttp.ClientSession, url):\n"
        "    timeout = aiohttp.ClientTimeout(total=None)  # expect: PRR501\n"
        "    async with session.get(url, timeout=timeout) as upstream:\n        return web.Response(body=await upstream.read())\n"
    ),
    # a TimeoutSauce replaced by a class that sets no timeout field bounds nothing
    Example(
        "import requests\nimport requests.adapters\n\nclass LoggedTimeout(requests.adapters.TimeoutSauce):\n"
        "    def __init__(self, *args, **kwargs):\n        self.made = True\n        super().__init__(*args, **kwargs)\n\n"
        "requests.adapters.TimeoutSauce = LoggedTimeout\n\ndef publish(url, body):\n"
        "    return requests.post(url, json=body)  # expect: PRR501\n"
    ),
    # a `Session.request` replacement that leaves the timeout alone bounds nothing
    Example(
        "import requests\nfrom requests import Session\n\nSession._original_request = Session.request\n\n"
        "def new_request(self, *args, **kwargs):\n    kwargs.setdefault('verify', True)\n"
        "    return self._original_request(*args, **kwargs)\n\nSession.request = new_request\n\n"
        "def publish(url, body):\n    return requests.post(url, json=body)  # expect: PRR501\n"
    ),
    # A helper that a view calls as well as a time-limited Celery task: the request has no task deadline.
    Example(
        "import requests\nfrom celery import Celery\nfrom flask import Flask\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n"
        "celery = Celery(__name__)\ncelery.conf.task_time_limit = 300\n\ndef latest(url):\n"
        "    return requests.get(url).json()  # expect: PRR501\n\n@celery.task\ndef refresh(url):\n    return latest(url)\n\n"
        "@app.route('/latest')\ndef show():\n    return latest('https://feeds/latest')\n"
    ),
    # the same model method, which a view also runs on the row it fetches: the request has no task deadline
    Example(
        "import requests\nfrom celery import Celery\nfrom django.db import models\nfrom flask import Flask\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\ncelery = Celery(__name__)\ncelery.conf.task_time_limit = 300\n\n"
        "class Feed(models.Model):\n    url = models.URLField()\n\n    def refresh(self):\n"
        "        return requests.get(self.url).json()  # expect: PRR501\n\n"
        "@celery.task\ndef refresh_feed(pk):\n    for feed in Feed.objects.filter(pk=pk):\n        feed.refresh()\n\n"
        "@app.route('/feeds/<int:pk>')\ndef show(pk):\n    return Feed.objects.get(pk=pk).refresh()\n"
    ),
    # an RQ job enqueued with no timeout (-1): a hung provider holds the worker forever
    Example(
        "import requests\nfrom flask import Flask\nfrom redis import Redis\nfrom rq import Queue\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\nqueue = Queue(connection=Redis(socket_timeout=5))\n\n"
        "def subscribe(email):\n    return requests.post('https://basket/subscribe', data={'email': email})  # expect: PRR501\n\n"
        "@app.route('/signup')\ndef signup():\n    queue.enqueue(subscribe, 'a@example.org', job_timeout=-1)\n    return 'ok'\n"
    ),
    # a constant an event feed reads, but also a request whose answer is read whole
    Example(
        "import aiohttp\n\n_NO_DEADLINE = aiohttp.ClientTimeout(total=None)  # expect: PRR501\n\n"
        "async def watch(session: aiohttp.ClientSession, url):\n"
        "    async with session.get(url, timeout=_NO_DEADLINE) as response:\n"
        "        async for line in response.content:\n            yield line\n\n"
        "async def status(session: aiohttp.ClientSession, url):\n"
        "    async with session.get(url, timeout=_NO_DEADLINE) as response:\n        return await response.json()\n"
    ),
    # a generator making one request per turn (pagination) is no event feed: each page can hang
    Example(
        "import aiohttp\n\nasync def pages(session: aiohttp.ClientSession, url):\n"
        "    timeout = aiohttp.ClientTimeout(total=None)  # expect: PRR501\n    while url:\n"
        "        async with session.get(url, timeout=timeout) as response:\n            page = await response.json()\n"
        "        yield page['items']\n        url = page.get('next')\n"
    ),
    Example(
        "import aiohttp\n\nasync def pages(url):\n"
        "    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as session:  # expect: PRR501\n"
        "        while url:\n            response = await session.get(url)\n            page = await response.json()\n"
        "            yield page['items']\n            url = page.get('next')\n"
    ),
    # a project response class that does not stream: the answer is read whole
    Example(
        "import aiohttp\nfrom fastapi.responses import JSONResponse\n\nclass StatusResponse(JSONResponse):\n"
        "    status_on_error = 502\n\nasync def cluster_status(session: aiohttp.ClientSession, url):\n"
        "    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)  # expect: PRR501\n"
        "    async with session.get(url, timeout=timeout) as upstream:\n        return StatusResponse(await upstream.json())\n"
    ),
    # the branch is for every scheme but file:, and a socket that is read can wait forever
    Example(
        "import socket\nimport urllib.parse\nimport urllib.request\n\ndef fetch(url):\n"
        "    if urllib.parse.urlparse(url).scheme != 'file':\n"
        "        return urllib.request.urlopen(url).read()  # expect: PRR501\n\ndef banner(host, port):\n"
        "    with socket.create_connection((host, port)) as sock:  # expect: PRR501\n        return sock.recv(64)\n"
    ),
    # a formatted URL whose host is not a literal
    Example("import requests\n\ndef status(scheme, host, port):\n"
            "    return requests.get(f'{scheme}://{host}:{port}/status').ok  # expect: PRR501\n"),
    # the connect of a client built with no host, with no deadline from either
    Example(
        "import ftplib\nimport smtplib\n\nclass Storage:\n    def __init__(self, host):\n"
        "        self.host = host\n        self.client = ftplib.FTP()\n        self.connect()\n\n"
        "    def connect(self, timeout=-999):\n        self.client.connect(self.host, 21, timeout)  # expect: PRR501\n\n"
        "def send(host, sender, to, body):\n    with smtplib.SMTP() as smtp:\n        smtp.connect(host, 587)  # expect: PRR501\n"
        "        smtp.sendmail(sender, to, body)\n"
    ),
    # no asyncio deadline: shield keeps wait_for's cancellation out, asyncio.wait leaves the task running,
    # and a caller that awaits the coroutine bare
    Example(
        "import asyncio\nimport httpx\n\nclient = httpx.AsyncClient(base_url='https://node')\n\n"
        "async def _pay(invoice):\n    return await client.post('/pay', json=invoice, timeout=None)  # expect: PRR501\n\n"
        "async def pay(invoice):\n    return await asyncio.wait_for(asyncio.shield(_pay(invoice)), 5)\n\n"
        "async def pay_all(invoices):\n    return await asyncio.wait([asyncio.create_task(_pay(i)) for i in invoices], timeout=5)\n\n"
        "async def _status(invoice):\n    return await client.get('/status', timeout=None)  # expect: PRR501\n\n"
        "async def status(invoice):\n    await asyncio.wait_for(_status(invoice), 5)\n    return await _status(invoice)\n"
    ),
    # the same hook on the same app registers a route: request handling, whatever the hook's name
    Example(
        "import requests\nfrom flask import Flask\n\ndef register_commands(app):\n    @app.route('/seed-db')\n"
        "    def seed_db():\n        return requests.get('https://fixtures.example.org/seed.json').text  # expect: PRR501\n\n"
        "def create_app():\n    app = Flask(__name__)\n    register_commands(app)\n    return app\n"
    ),
)

# after a call that never returns (rules/never_returning.py)
VALID, INVALID = VALID + NEVER_RETURNING_LEFT_ALONE, INVALID + NEVER_RETURNING_REPORTED
