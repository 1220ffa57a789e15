"""PRR501 and the `serving` scope: a lazy client whose built object nothing uses (project/unused_clients.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

API = (
    "import smtplib\nfrom flask import Flask\nfrom redis import Redis\n\napp = Flask(__name__)\n"
    "redis = Redis.from_url('redis://cache:6379')\nmailer = smtplib.SMTP('mail')\n\n"
    "@app.get('/a')\ndef a():\n    return 'ok'\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings)


def test_a_lazy_client_nothing_reads_is_about_nothing(tmp_path: Path) -> None:
    """Artemis's module-level `redis = Redis.from_url(...)` that no code uses: the client never
    connects. An `smtplib.SMTP(host)` connects as it is built and stays; a client another module
    imports, or the module itself reads, stays."""
    files = {"svc/__init__.py": "", "svc/api.py": API}
    assert _found(tmp_path, files) == [("svc/api.py", 7)]
    files["svc/queue.py"] = "from svc.api import redis\n\ndef size():\n    return redis.llen('q')\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]
    del files["svc/queue.py"]
    (tmp_path / "svc/queue.py").unlink()
    files["svc/api.py"] = API + "\n@app.get('/q')\ndef q():\n    return str(redis.llen('q'))\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]


def test_a_test_that_imports_the_module_reads_no_client_of_it(tmp_path: Path) -> None:
    """penn-courses' `r = redis.Redis.from_url(...)` in a tasks module nothing of the service reads: a test's
    `from svc import api` and its own `redis` fixture do not make the service use the client. A service module that
    imports the module and names the client does."""
    test = "from svc import api\n\ndef test_a(redis):\n    redis.flushall()\n    assert api.a() == 'ok'\n"
    files = {"svc/__init__.py": "", "svc/api.py": API, "tests/test_api.py": test}
    assert _found(tmp_path, files) == [("svc/api.py", 7)]
    files["svc/queue.py"] = "from svc import api\n\ndef size():\n    return api.redis.llen('q')\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]


def test_a_local_client_never_used_again_is_about_nothing(tmp_path: Path) -> None:
    """steeleagle's `red = redis.Redis(...)` in `main`, never named again, and a client built and dropped:
    nothing is sent through them. A local the function calls, returns, passes on or a nested function
    reads keeps the finding, in a run over one file too."""
    unused = (
        "import redis\n\ndef main(port):\n    red = redis.Redis(host='redis', port=port)\n"
        "    redis.Redis(host='redis')\n    return port\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": unused}) == []
    used = (
        "import redis\n\ndef ping(port):\n    red = redis.Redis(host='redis', port=port)\n    return red.ping()\n\n"
        "def make(port):\n    client = redis.Redis(host='redis', port=port)\n    return client\n\n"
        "def hand(port, worker):\n    client = redis.Redis(host='redis', port=port)\n    worker.start(client)\n\n"
        "def later(port):\n    client = redis.Redis(host='redis', port=port)\n\n"
        "    def size():\n        return client.llen('q')\n    return size\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": used}) == [
        ("svc/main.py", 4), ("svc/main.py", 8), ("svc/main.py", 12), ("svc/main.py", 16)]
    assert run_on_disk(tmp_path, {"svc/main.py": unused}).findings == []


def test_a_conditional_module_client_nothing_reads(tmp_path: Path) -> None:
    """sweep's `redis_client = Redis.from_url(REDIS_URL) if REDIS_URL else None`, also bound to None
    earlier, that nothing reads: either branch is the client. Read in a function, it stays."""
    module = (
        "import os\nfrom redis import Redis\nREDIS_URL = os.environ.get('REDIS_URL')\n\n"
        "if os.environ.get('NO_CACHE'):\n    redis_client = None\n\n"
        "redis_client = Redis.from_url(REDIS_URL) if REDIS_URL else None\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/search.py": module}) == []
    read = module + "\ndef cached(key):\n    return redis_client.get(key) if redis_client else None\n"
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/search.py": read}) == [("svc/search.py", 8)]


def test_an_attribute_client_is_used_when_anything_reads_the_attribute(tmp_path: Path) -> None:
    """`self.cache = Redis(...)` that no code reads is about nothing; read in another method, or by
    another module through the object, it stays."""
    store = (
        "from redis import Redis\n\nclass Store:\n    def __init__(self, host):\n"
        "        self.cache = Redis(host=host)\n        self.rows = {}\n\n"
        "    def get(self, key):\n        return self.rows.get(key)\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/store.py": store}) == []
    read = store + "\n    def size(self):\n        return self.cache.dbsize()\n"
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/store.py": read}) == [("svc/store.py", 5)]
    other = "from svc.store import Store\n\ndef flush(host):\n    Store(host).cache.flushdb()\n"
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/store.py": store, "svc/admin.py": other}) == [("svc/store.py", 5)]


def test_a_client_imported_into_a_module_that_never_names_it_is_unused(tmp_path: Path) -> None:
    """silver's `redis = StrictRedis.from_url(...)`, imported into tasks.py and never named there (only a
    test patches `tasks.redis.lock`): the import reads nothing, through a module that re-exports it too.
    Imported and used (`redis.lock(...)`, `redis.get`), directly or through the re-export, it stays."""
    cache = "from redis import StrictRedis\n\nredis = StrictRedis.from_url('redis://cache:6379')\n"
    app = "from flask import Flask\n\napp = Flask(__name__)\n\n"
    test = "import svc.api\n\ndef test_lock(monkeypatch):\n    monkeypatch.setattr(svc.api.redis, 'lock', None)\n"
    files = {"svc/__init__.py": "", "svc/cache.py": cache, "tests/test_api.py": test,
             "svc/api.py": "from svc.cache import redis\n" + app + "@app.get('/a')\ndef a():\n    return 'ok'\n"}
    assert _found(tmp_path, files) == []
    files["svc/api.py"] = "from svc.cache import redis\n" + app + "@app.get('/a')\ndef a():\n    with redis.lock('a'):\n        return 'ok'\n"
    assert _found(tmp_path, files) == [("svc/cache.py", 3)]
    files["svc/clients.py"] = "from svc.cache import redis\n"
    files["svc/api.py"] = "from svc.clients import redis\n" + app + "@app.get('/a')\ndef a():\n    return 'ok'\n"
    assert _found(tmp_path, files) == []
    files["svc/api.py"] = "from svc.clients import redis\n" + app + "@app.get('/a')\ndef a():\n    return redis.get('a')\n"
    assert _found(tmp_path, files) == [("svc/cache.py", 3)]


def test_only_strings_that_name_a_variable_read_a_module_client(tmp_path: Path) -> None:
    """earkweb's module-level `r = redis.StrictRedis(...)` in a tasks module whose code opens files with
    mode `'r'`: a file mode names no variable, so the client is unused. An `__all__` item, a `getattr` of the
    module and a `globals()` key do name it, and keep the finding."""
    module = "import redis\n\nr = redis.StrictRedis(host='cache')\n\ndef load(path):\n    with open(path, 'r') as f:\n        return f.read()\n"
    files = {"svc/__init__.py": "", "svc/tasks.py": module}
    assert _found(tmp_path, files) == []
    for naming in ("__all__ = ['load', 'r']\n", "__all__ = []\n__all__.append('r')\n",
                   "import sys\nclient = getattr(sys.modules[__name__], 'r')\n", "client = globals()['r']\n",
                   "client = globals().get('r')\n"):
        files["svc/tasks.py"] = module + naming
        assert _found(tmp_path, files) == [("svc/tasks.py", 3)], naming


LIFESPAN = (
    "from contextlib import asynccontextmanager\nimport redis.asyncio as aioredis\nfrom fastapi import FastAPI, Request\n\n"
    "@asynccontextmanager\nasync def lifespan(app: FastAPI):\n"
    "    client = await aioredis.from_url('redis://cache:6379'{options})\n    app.state.redis = client\n"
    "    yield\n    await client.aclose()\n\napp = FastAPI(lifespan=lifespan)\n\n"
    "@app.get('/a')\nasync def a(request: Request):\n    return {{'ok': {read}}}\n"
)


def test_a_client_a_lifespan_stores_on_the_app_state_and_only_closes_is_unused(tmp_path: Path) -> None:
    """tumago's notification service: `client = await redis.asyncio.from_url(url)` in a FastAPI lifespan, stored as
    `app.state.redis`, which nothing reads, and closed at shutdown. Awaiting the client connects nothing, closing it
    sends nothing, and the state attribute is never read: the finding is about nothing. A handler that reads the
    attribute (directly or by `getattr`) or the state by a computed name, or a client given `single_connection_client`
    (awaiting it connects), keeps it."""
    files = {"svc/__init__.py": "", "svc/main.py": LIFESPAN.format(options="", read="True")}
    assert _found(tmp_path, files) == []
    for options, read in (("", "await request.app.state.redis.ping()"), ("", "await getattr(request.app.state, 'redis').ping()"),
                          ("", "len(vars(request.app.state))"), (", single_connection_client=True", "True")):
        files["svc/main.py"] = LIFESPAN.format(options=options, read=read)
        assert _found(tmp_path, files) == [("svc/main.py", 7)], (options, read)
    files["svc/main.py"] = LIFESPAN.format(options="", read="True")
    files["svc/cache.py"] = "from svc.main import app\n\nasync def size():\n    return await app.state.redis.dbsize()\n"
    assert _found(tmp_path, files) == [("svc/main.py", 7)]


def test_a_client_only_closed_is_unused_and_one_stored_where_it_is_read_is_used(tmp_path: Path) -> None:
    """A local client the function only closes (`client.close()`) sends nothing; a module-level client only a
    shutdown hook closes neither, and one stored only into an attribute nothing reads is unused too. Stored
    into an attribute that is read, or used before it is closed, it keeps the finding."""
    closed = (
        "import redis\n\nshared = redis.Redis(host='cache')\n\ndef main(port):\n    client = redis.Redis(host='cache', port=port)\n"
        "    client.close()\n    return port\n\ndef shutdown():\n    shared.close()\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": closed}) == []
    used = closed.replace("    client.close()\n", "    client.ping()\n    client.close()\n")
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": used}) == [("svc/main.py", 6)]
    stored = (
        "import redis\n\nclass Holder:\n    pass\n\nholder = Holder()\n\ndef main(port):\n"
        "    client = redis.Redis(host='redis-1.internal', port=port)\n    holder.cache = client\n\ndef size():\n    return holder.cache.dbsize()\n"
    )
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": stored}) == [("svc/main.py", 9)]
    unread = stored.replace("\ndef size():\n    return holder.cache.dbsize()\n", "")
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": unread}) == []
    named = unread + "URL = 'redis://cache:6379/0'\n"  # a URL's host names no attribute; a field list does
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": named}) == []
    named = unread + "FIELDS = ['cache']\n"
    assert _found(tmp_path, {"svc/__init__.py": "", "svc/main.py": named}) == [("svc/main.py", 9)]


_SESSIONS = (
    "import os\nimport redis\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\ndef configure(url):\n"
    "    client = redis.from_url(url)\n    app.config.update({'SESSION_TYPE': 'redis', 'SESSION_REDIS': client})\n\n\n"
    "configure(os.environ['REDIS_URL'])\n\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
)


def test_a_client_only_flask_session_would_read_is_about_nothing(tmp_path: Path) -> None:
    """opentera's `SESSION_REDIS` client, stored for a Flask-Session that is never set up (`Session(app)` commented
    out, `flask_session` imported nowhere): only that extension reads the key, so the client never connects. Set up,
    or read by the project's own code, or stored by subscript and read: reported."""
    files = {"svc/__init__.py": "", "svc/api.py": _SESSIONS}
    assert _found(tmp_path / "off", files) == []
    other = {**files, "svc/worker.py": _SESSIONS.replace("def configure", "def configure_worker")}
    assert _found(tmp_path / "two-apps", other) == []
    with_extension = {**files, "svc/sessions.py": "from flask_session import Session\nfrom svc.api import app\n\nSession(app)\n"}
    assert _found(tmp_path / "on", with_extension) == [("svc/api.py", 9)]
    reader = {**files, "svc/health.py": "from flask import current_app\n\ndef ping():\n    return current_app.config['SESSION_REDIS'].ping()\n"}
    assert _found(tmp_path / "read", reader) == [("svc/api.py", 9)]
    subscript = _SESSIONS.replace("app.config.update({'SESSION_TYPE': 'redis', 'SESSION_REDIS': client})", "app.config['SESSION_REDIS'] = client")
    assert _found(tmp_path / "subscript", {"svc/__init__.py": "", "svc/api.py": subscript}) == []
    other_key = _SESSIONS.replace("'SESSION_REDIS'", "'CACHE_REDIS'")
    assert _found(tmp_path / "other-key", {"svc/__init__.py": "", "svc/api.py": other_key}) == [("svc/api.py", 9)]
