"""PRR501's examples of calls that stay on this host: a redis server over a unix socket, and URLs on this host however they are built (socket_targets.loopback_through, url_parts.py):
`%` formatting, a join onto a base URL, a URL carrying credentials before its host, a request object, a host stored in a settings mapping and read back into a
concatenation, a function's parameter every caller gives a loopback address, a deadline set to none only for a request
to this host (local_calls.loopback_deadline), a base URL constant joined to a path, a path parameter rebound to one, a mail client connected later to
this host, a `file:` URL (local_calls.reads_local_file). Each is a test and a line of docs/rules.md; a host read from configuration, judged against the
shipped files, is tested in tests/test_loopback_configs.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

_METRICS = (
    "import requests\n\nclass Metrics:\n    def __init__(self):\n        self.options = {{}}\n"
    "        self.options.update({{'host': {host}, 'port': 8086}})\n\n    def send(self, lines):\n"
    "        host = self.options['host'].strip(\"[']\")\n"
    "        url = 'http://' + host + ':' + str(self.options['port']) + '/write'\n"
    "        requests.post(url, data='\\n'.join(lines)){expect}\n"
)

_JOBS = (
    "import os\nimport requests\n\ndef scheduled_jobs(host, port):\n    url = f'{{host}}:{{port}}/graphql'\n"
    "    return requests.post(url, json={{'query': '{{ jobs }}'}}).json(){expect}\n\n"
    "def job_names():\n    return [job['name'] for job in scheduled_jobs(host={host}, port='3000')]\n"
)

_ADMIN = (
    "from urllib.parse import urljoin\n\nimport requests\n\nSEARCH_ADMIN = {base}\n\n"
    "def reindex(token):\n    return requests.post(SEARCH_ADMIN + 'reindex', headers={{'X-Token': token}}).json(){expect}\n\n"
    "def shard(name):\n    return requests.get(f'{{SEARCH_ADMIN}}shards/{{name}}').json(){expect}\n\n"
    "def stats():\n    return requests.get(urljoin(SEARCH_ADMIN, 'stats')).json(){expect}\n"
)

_AGENTS = (
    "import requests\n\nAPI_PREFIX = {base}\n\ndef api_get(url, version):\n{rebind}"
    "    return requests.get(url, headers={{'Accept': f'application/vnd.v{{version}}+json'}}){expect}\n\n"
    "def agents():\n    return api_get('/agents', 7).json()\n"
)

_MAILER = (
    "import smtplib\n\ndef notify(sender, to, body):\n    smtp = smtplib.SMTP()\n"
    "    smtp.connect({host}){expect}\n    smtp.sendmail(sender, to, body)\n    smtp.quit()\n"
)

_QUEUE = (
    "import aiohttp\n\nasync def before_identify(session: aiohttp.ClientSession, shard):\n"
    "    timeout = aiohttp.ClientTimeout(total=None){expect}\n"
    "    await session.get(f'{url}/?shard={{shard}}', timeout=timeout){more}\n"
)

VALID = (
    # a unix socket: a redis server on the same host, no network path to stall
    Example("import redis\n\ncache = redis.Redis(unix_socket_path='/var/run/redis/redis.sock')\n"),
    # a pool of unix-socket connections, its path configured (pandora's cache and kvrocks index): a server on this
    # host, wherever the path points, since a unix socket crosses no network
    Example(
        "from redis import ConnectionPool, Redis\nfrom redis.connection import UnixDomainSocketConnection\n\n"
        "from svc.helpers import socket_path\n\n\nclass Cache:\n    def __init__(self):\n"
        "        self.pool = ConnectionPool(connection_class=UnixDomainSocketConnection, path=socket_path('cache'))\n\n"
        "    def redis(self):\n        return Redis(connection_pool=self.pool)\n"
    ),
    Example("import redis\n\nBROKER_URL = 'unix:///var/run/redis/redis.sock'\n\ndef broker():\n    return redis.Redis.from_url(BROKER_URL)\n"),
    # the planner, the members API and the metrics store run beside the service
    Example(
        "from urllib.request import Request, urlopen\nimport requests\n\ndef plan_tree(port, item):\n"
        "    with urlopen(Request(f'http://127.0.0.1:{port}/tree/{item}/')) as response:\n        return response.read()\n\n"
        "def plan_status(port):\n    return requests.get('http://%s:%d/status/' % ('localhost', port)).json()\n\n"
        "def is_member(listname, sender):\n"
        "    return requests.get('/'.join(['http://127.0.0.1:7790/api', listname, 'has_subscriber', sender])).json()\n"
    ),
    # the broker's management API beside the service, reached with credentials in the URL: the host follows them
    Example(
        "import requests\n\nBROKER_API = 'http://guest:guest@localhost:15672/api'\n\ndef queue_depth(vhost, queue):\n"
        "    return requests.get(f'{BROKER_API}/queues/{vhost}/{queue}').json()['messages']\n"
    ),
    Example(_METRICS.format(host="'localhost'", expect="")),
    # the scheduler's API beside the dashboard: every call of the helper passes this host
    Example(_JOBS.format(host="'http://localhost'", expect="")),
    # no deadline, on purpose, only for the gateway queue beside the bot: it lets a shard wait its turn
    Example(_QUEUE.format(url="http://localhost:5112", expect="", more="")),
    # the search engine's admin API installed on the same box: a base URL ending in its own `/`, joined to a path
    Example(_ADMIN.format(base="'http://localhost:9308/admin/v1/'", expect="")),
    # a mail client built with no host, then connected to the local MTA, which accepts and queues
    Example(_MAILER.format(host="'localhost'", expect="")),
    # a URL's unspecified address is this host: the worker polls the R server it just started in its container
    Example(
        "import time\nimport requests\n\ndef wait_for_plumber(port, retries=5):\n"
        "    url = f'http://0.0.0.0:{port}/statistical/echo'\n    for _ in range(retries):\n"
        "        if requests.get(url).status_code == 200:\n            return True\n        time.sleep(2)\n    return False\n"
    ),
    # a path parameter rebound first thing to the local CI server's URL (a release bot's admin job): the parameter's own
    # value never reaches the request
    Example(_AGENTS.format(base="'http://localhost:8153/go/api'", rebind="    url = API_PREFIX + url\n", expect="")),
    # a cached response kept as a local file and read back through urlopen: a file: URL, no peer
    Example(
        "import os\nfrom urllib.request import urlopen\n\ndef cached(path):\n    if os.path.exists(path):\n"
        "        return urlopen('file://' + path)\n    local = f'FILE://{path}.bak'\n    return urlopen(local)\n"
    ),
)
INVALID = (
    # a bare 0.0.0.0 is a bind address, not a URL: the host a client takes from it is not known to be this one
    Example("import requests\n\ndef status(host='0.0.0.0'):\n    return requests.get('http://%s:8100/status' % host)  # expect: PRR501\n"),
    # rewriting the loopback address to another host, or storing another host
    Example(
        "import requests\n\ndef plan_status(address='0.0.0.0:8100'):\n    address = address.replace('0.0.0.0:', 'planner:')\n"
        "    return requests.get('http://%s/status/' % address).json()  # expect: PRR501\n"
    ),
    Example(_METRICS.format(host="'metrics.internal'", expect="  # expect: PRR501")),
    # credentials spelled like this host, then the broker's own host
    Example(
        "import requests\n\nBROKER_API = 'http://localhost:secret@broker:15672/api'\n\ndef queue_depth(vhost, queue):\n"
        "    return requests.get(f'{BROKER_API}/queues/{vhost}/{queue}').json()['messages']  # expect: PRR501\n"
    ),
    # a caller that names another host, or passes a value the code does not show
    Example(_JOBS.format(host="'http://scheduler.internal'", expect="  # expect: PRR501")),
    Example(_JOBS.format(host="os.environ['SCHEDULER_HOST']", expect="  # expect: PRR501")),
    # the queue on another host, or the same no-deadline also given to a remote request
    Example(_QUEUE.format(url="http://gateway-queue:5112", expect="  # expect: PRR501", more="")),
    Example(_QUEUE.format(url="http://localhost:5112", expect="  # expect: PRR501",
                          more="\n    await session.get('https://discord.com/api/gateway', timeout=timeout)")),
    # the admin API on another host, or a loopback name the path may lengthen (`localhost` + `.evil/`)
    Example(_ADMIN.format(base="'http://search.internal:9308/admin/v1/'", expect="  # expect: PRR501")),
    Example(_ADMIN.format(base="'http://localhost'", expect="  # expect: PRR501").replace("'stats'", "'//stats.internal/x'")),
    # the CI server on another host, a rebinding only one branch makes (the caller's value reaches the other), or one
    # a later line undoes
    Example(_AGENTS.format(base="'https://ci.example.org/go/api'", rebind="    url = API_PREFIX + url\n", expect="  # expect: PRR501")),
    Example(_AGENTS.format(base="'http://localhost:8153/go/api'", rebind="    if version:\n        url = API_PREFIX + url\n",
                           expect="  # expect: PRR501")),
    Example(_AGENTS.format(base="'http://localhost:8153/go/api'", rebind="    url = API_PREFIX + url\n    url = url.replace('localhost', 'ci')\n",
                           expect="  # expect: PRR501")),
    # the rebinding keeps the caller's host (a token fetch given the identity server's URL)
    Example(
        "import requests\n\ndef get_token(url, realm='master'):\n    url = f'{url}/auth/realms/{realm}/token'\n"
        "    return requests.post(url, data={'grant_type': 'client_credentials'}).json()  # expect: PRR501\n\n"
        "def admin_token():\n    return get_token('https://keycloak.example.org')\n"
    ),
    # a file: URL only in text after the scheme's place: the scheme is the caller's
    Example("from urllib.request import urlopen\n\ndef fetch(base, path):\n    return urlopen(base + 'file://' + path)  # expect: PRR501\n"),
    # the mail relay on another host, or one the environment names
    Example(_MAILER.format(host="'mail.example.org', 587", expect="  # expect: PRR501")),
    Example("import os\n" + _MAILER.format(host="os.environ['SMTP_RELAY']", expect="  # expect: PRR501")),
)
