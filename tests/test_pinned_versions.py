"""PRR501 and the version of redis-py the project pins (project/pinned_versions.py): redis-py 8.0 gave its
clients a 5 s socket and connect timeout, so a client without `socket_timeout` has a deadline where the project
admits only 8.0 and later, and none where it may install an older one or says nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

import pytest

from prr_lint.project.pinned_versions import PinnedVersions
from prr_lint.project.version_bounds import requirement

CACHE = "from redis import asyncio as aioredis\n\n\ndef cache(url):\n    return aioredis.from_url(url)\n"
SYNC = "import redis\n\n\ndef connect(host):\n    return redis.StrictRedis(host=host, port=6379)\n"
OLD_AIOREDIS = "import aioredis\n\n\ndef cache(url):\n    return aioredis.from_url(url)\n"


def _uv_lock(version: str) -> str:
    return (
        'version = 1\n\n[[package]]\nname = "hiredis"\nversion = "3.1.0"\n\n'
        f'[[package]]\nname = "redis"\nversion = "{version}"\nsource = {{ registry = "https://pypi.org/simple" }}\n'
        'dependencies = [\n    { name = "async-timeout", marker = "python_full_version < \'3.11.3\'" },\n]\n'
    )


def _pyproject(requirement_line: str) -> str:
    return f'[project]\nname = "svc"\nversion = "1.0"\ndependencies = [\n    "{requirement_line}",\n]\n'


@pytest.mark.parametrize("files", [
    {"uv.lock": _uv_lock("8.0.0"), "pyproject.toml": _pyproject("redis[hiredis]==8.0.0")},
    {"uv.lock": _uv_lock("8.1.0"), "pyproject.toml": _pyproject("redis")},  # the lock decides over an open range
    {"requirements.txt": "flask==3.0\nredis>=8  # 5 s default timeouts\n"},
    {"requirements.txt": "redis==8.0.1 \\\n    --hash=sha256:00ff\n"},  # pip-compile's continued lines
    {"requirements/base.txt": "redis~=8.1\n"},
    {"poetry.lock": '[[package]]\nname = "redis"\nversion = "8.0.0"\n'},
    {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nredis = { version = "^8.0", extras = ["hiredis"] }\n'},
    {"Pipfile.lock": '{"default": {"redis": {"version": "==8.0.0"}}, "develop": {"redis": {"version": "==7.4.0"}}}'},
    {"setup.cfg": "[options]\ninstall_requires =\n    requests\n    redis>=8.0,<9\n"},
    {"setup.py": "from setuptools import setup\n\nsetup(name='svc', install_requires=['redis>=8.0'])\n"},
    # a malformed lock says nothing: the next source decides
    {"uv.lock": "[[package]\nname = ", "requirements.txt": "redis==8.0.0\n"},
])
def test_a_client_of_redis_8_is_left_alone(tree_lines, files: Dict[str, str]) -> None:
    assert tree_lines({"svc/__init__.py": "", "svc/cache.py": CACHE, "svc/sync.py": SYNC, **files}) == []


@pytest.mark.parametrize("files", [
    {},
    {"uv.lock": _uv_lock("7.4.0"), "pyproject.toml": _pyproject("redis>=8")},  # the lock installs 7.4
    {"uv.lock": _uv_lock("8.0.0b2")},  # the betas still defaulted to no timeout
    {"pyproject.toml": _pyproject("redis")},
    {"requirements.txt": "redis<9\n"},
    {"requirements.txt": "redis>=7.4\n"},
    {"requirements.txt": "redis==8.0.0\n", "requirements-worker.txt": "redis\n"},  # one file admits any version
    {"pyproject.toml": '[tool.poetry.dependencies]\nredis = "*"\n'},
    {"setup.py": "from setuptools import setup\n\nsetup(install_requires=REQUIREMENTS)\n"},
    # malformed files: reported as without them, and the run goes on
    {"uv.lock": "[[package]\nname = \"redis\"\nversion = \"8.0.0\"\n", "Pipfile.lock": '{"default": {"redis": '},
    {"pdm.lock": "[[package]]\nname = \"redis\"\nversion = \"8.0.0", "setup.cfg": "install_requires = redis>=8\n[options"},
    {"setup.py": "setup(install_requires=['redis>=8'\n", "requirements.txt": b"redis==8.0.0\xff\n".decode("latin-1")},
])
def test_a_client_of_an_older_or_unknown_redis_is_reported(tree_lines, files: Dict[str, str]) -> None:
    assert tree_lines({"svc/__init__.py": "", "svc/cache.py": CACHE, "svc/sync.py": SYNC, **files}) == [
        ("svc/cache.py", 5), ("svc/sync.py", 5)]


def test_explicit_none_and_the_aioredis_package_stay_reported_on_redis_8(tree_lines) -> None:
    """`socket_timeout=None` removes redis-py 8's default; the aioredis distribution is not redis-py."""
    none = "import redis\n\n\ndef cache(host):\n    return redis.Redis(host=host, socket_timeout=None)\n"
    files = {"svc/__init__.py": "", "svc/none.py": none, "svc/old.py": OLD_AIOREDIS, "uv.lock": _uv_lock("8.0.0")}
    assert tree_lines(files) == [("svc/none.py", 5), ("svc/old.py", 5)]


@pytest.mark.parametrize("line, bound", [
    ("redis==8.0.0", ((8, 0, 0), True)), ("redis>=8.0", ((8, 0), True)), ("redis~=8.1", ((8, 1), True)),
    ("Redis[hiredis] >=7.4, <9 ; python_version >= '3.9'", ((7, 4), True)), ("redis<8", None), ("redis", None),
    ("redis==8.0.0rc1", ((8, 0, 0), False)), ("redis @ https://example.org/redis-8.0.0.tar.gz", None),
])
def test_requirement_lower_bounds(line: str, bound: Optional[tuple]) -> None:
    assert requirement(line) == ("redis", bound)


def test_unreadable_files_pin_nothing(tmp_path: Path) -> None:
    """Bad input is ignored, never raised (DESIGN.md §7): a lock that is no TOML, JSON of the wrong shape,
    a binary requirements file, a setup.py that does not parse."""
    (tmp_path / "uv.lock").write_text('[[package]]\nname = "redis"\nversion = 8\n')
    (tmp_path / "poetry.lock").write_text('package = "redis"\n')
    (tmp_path / "Pipfile.lock").write_text('["redis"]')
    (tmp_path / "pdm.lock").write_bytes(b'\x00\xff"redis"')
    (tmp_path / "requirements.txt").write_bytes(b"\xff\xfe\x00r\x00e")
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = "redis>=8"\n[tool.poetry]\ndependencies = 3\n')
    (tmp_path / "setup.py").write_text("setup(install_requires=['redis>=8'] +\n")
    pins = PinnedVersions(str(tmp_path))
    assert pins.lower_bound("redis") is None and not pins.admits_only_from("redis", "8.0.0")
    assert PinnedVersions(None).lower_bound("redis") is None


def test_a_kwargs_wrapper_of_redis_8_leaves_its_default(tree_lines) -> None:
    """A project function that hands its `**kwargs` to redis: a call giving no `socket_timeout` gets redis-py 8's
    default; a wrapper's own `socket_timeout=None` parameter passes None, and stays reported."""
    wrapper = ("import redis\n\n\ndef client(**options):\n    return redis.Redis(**options)\n\n\n"
               "def pinned(host, socket_timeout=None):\n    return redis.Redis(host=host, socket_timeout=socket_timeout)\n")
    calls = "from svc.clients import client, pinned\n\n\ndef cache():\n    return client(host='cache')\n\n\ndef other():\n    return pinned('cache')\n"
    files = {"svc/__init__.py": "", "svc/clients.py": wrapper, "svc/calls.py": calls}
    assert tree_lines(files) == [("svc/calls.py", 5), ("svc/calls.py", 9)]
    assert tree_lines({**files, "requirements.txt": "redis==8.0.0\n"}) == [("svc/calls.py", 9)]


def _nested(files: Dict[str, str]) -> Dict[str, str]:
    """A repository of two parts: `webapp/`, a distribution of its own whose package `webapp/site/` runs the clients,
    and the root's `jobs/` package beside it."""
    return {"webapp/site/__init__.py": "", "webapp/site/cache.py": CACHE, "webapp/site/sync.py": SYNC,
            "jobs/__init__.py": "", "jobs/sync.py": SYNC, **files}


@pytest.mark.parametrize("files, reported", [
    # the sub-distribution pins redis-py 8 for its own package; the root says nothing, or admits older for its own
    ({"webapp/pyproject.toml": _pyproject("redis==8.1.0")}, [("jobs/sync.py", 5)]),
    ({"webapp/setup.py": "from setuptools import setup\n\nsetup(name='webapp', install_requires=['redis>=8'])\n",
      "requirements.txt": "redis<8\n"}, [("jobs/sync.py", 5)]),
    ({"webapp/requirements/base.txt": "redis~=8.1\n", "pyproject.toml": _pyproject("redis")}, [("jobs/sync.py", 5)]),
    # a root requirements file that installs the sub-distribution beside a lower pin: resolved together with its
    # `redis>=8`, which holds (pip and uv refuse the conflict rather than install 7.4)
    ({"webapp/pyproject.toml": _pyproject("redis>=8"), "requirements.txt": "-e ./webapp\nredis==7.4.0\n"}, [("jobs/sync.py", 5)]),
    # a sub-distribution that says nothing of redis, or admits any version: the root's pin holds for it too
    ({"webapp/setup.cfg": "[options]\ninstall_requires =\n    flask\n", "uv.lock": _uv_lock("8.0.0")}, []),
    ({"webapp/pyproject.toml": _pyproject("redis>=5"), "uv.lock": _uv_lock("8.1.0")}, []),
    # the root pins older, and the sub-distribution pins nothing higher
    ({"webapp/pyproject.toml": _pyproject("flask"), "requirements.txt": "redis==7.4.0\n"},
     [("jobs/sync.py", 5), ("webapp/site/cache.py", 5), ("webapp/site/sync.py", 5)]),
    ({"webapp/pyproject.toml": _pyproject("redis>=7"), "requirements.txt": "redis<8\n"},
     [("jobs/sync.py", 5), ("webapp/site/cache.py", 5), ("webapp/site/sync.py", 5)]),
])
def test_a_module_takes_the_pins_of_its_own_distribution(tree_lines, files: Dict[str, str], reported: list) -> None:
    """redis-py 8's default holds for the modules of a sub-distribution that pins it, and only for them."""
    assert tree_lines(_nested(files)) == reported


@pytest.mark.parametrize("files", [
    # a setup.py that calls no `setup()` is a module of the package, a pyproject.toml without `[project]` or
    # `[tool.poetry]` a tool's settings, a setup.cfg without `[options]` metadata alone: none declares a distribution,
    # and the nearest folder that does is the one above
    {"webapp/site/setup.py": "def init_app(app):\n    app.config['X'] = 1\n", "webapp/pyproject.toml": _pyproject("redis==8.1.0")},
    {"webapp/site/pyproject.toml": "[tool.black]\nline-length = 100\n", "webapp/site/setup.cfg": "[metadata]\nname = site\n",
     "webapp/pyproject.toml": _pyproject("redis==8.1.0")},
])
def test_only_a_declaration_makes_a_distribution(tree_lines, files: Dict[str, str]) -> None:
    assert tree_lines(_nested(files)) == [("jobs/sync.py", 5)]


def test_a_nearer_distribution_that_pins_older_keeps_its_clients_reported(tree_lines) -> None:
    """The nearest declaring folder is the module's: `webapp/site/` installs `redis>=7` for itself, below a
    `webapp/` that pins 8."""
    files = {"webapp/site/requirements.txt": "redis>=7\n", "webapp/pyproject.toml": _pyproject("redis==8.1.0")}
    assert tree_lines(_nested(files)) == [("jobs/sync.py", 5), ("webapp/site/cache.py", 5), ("webapp/site/sync.py", 5)]


def test_the_module_path_may_be_absolute_or_outside_the_root(tmp_path: Path) -> None:
    """A module is placed by its path relative to the root; one outside it takes the root's pins."""
    (tmp_path / "webapp" / "site").mkdir(parents=True)
    (tmp_path / "webapp" / "pyproject.toml").write_text(_pyproject("redis==8.1.0"))
    (tmp_path / "requirements.txt").write_text("redis>=7\n")
    pins = PinnedVersions(str(tmp_path))
    assert pins.admits_only_from("redis", "8.0.0", module=str(tmp_path / "webapp" / "site" / "cache.py"))
    assert pins.admits_only_from("redis", "8.0.0", module="webapp/site/sync.py")
    assert not pins.admits_only_from("redis", "8.0.0", module="../elsewhere/webapp/site/cache.py")
    assert not pins.admits_only_from("redis", "8.0.0")


LISTENERS = (
    "import redis\nimport redis.asyncio as aredis\nimport aioredis\n\n\n"
    "async def relay(url, send):\n"  # 7: keepalive on, redis-py's own options
    "    client = await aredis.from_url(url, socket_timeout=None, socket_keepalive=True, health_check_interval=30)\n"
    "    feed = client.pubsub()\n    await feed.subscribe('chat')\n    async for event in feed.listen():\n        await send(event)\n\n\n"
    "def follow(host, apply):\n"  # 15: keepalive left to redis-py's default
    "    client = redis.Redis(host=host, socket_timeout=None)\n"
    "    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n\n\n"
    "def follow_off(host, apply):\n"  # 23: keepalive turned off
    "    client = redis.Redis(host=host, socket_timeout=None, socket_keepalive=False)\n"
    "    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n\n\n"
    "def follow_kernel(host, apply):\n"  # 31: no options: the kernel's own probes, after two hours
    "    client = redis.Redis(host=host, socket_timeout=None, socket_keepalive_options={})\n"
    "    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n\n\n"
    "def lookup(host, key):\n"  # 39: commands: keepalive answers for a dead peer, not for a hung server
    "    client = redis.Redis(host=host, socket_timeout=None, socket_keepalive=True)\n    return client.get(key)\n\n\n"
    "async def legacy(url, send):\n"  # 44: the aioredis distribution is not redis-py
    "    feed = aioredis.from_url(url, socket_timeout=None).pubsub()\n    await feed.subscribe('chat')\n"
    "    async for event in feed.listen():\n        await send(event)\n"
)
# a module-level subscriber: whether another module reads it is the project phase's to confirm, apart from the pins
SHARED = ("import redis\n\nclient = redis.Redis(host='cache', socket_timeout=None, socket_keepalive=True)\n\n\n"
          "def follow(apply):\n    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n")


@pytest.mark.parametrize("files, dropped", [
    ({}, False),
    ({"uv.lock": _uv_lock("7.4.0")}, False),
    ({"requirements.txt": "redis>=7.4,<9\n"}, False),
    ({"pyproject.toml": _pyproject("redis>=8.0.1,<9"), "uv.lock": _uv_lock("8.0.1")}, True),
])
def test_redis_8_keepalive_probes_bound_a_listener(tree_lines, files: Dict[str, str], dropped: bool) -> None:
    """A subscriber given `socket_timeout=None` and blocked in `listen()`: redis-py 8.0.0 turns TCP keepalive on with
    its own options (idle 30 s, 3 probes 5 s apart), so a dead peer fails the read in under a minute where the project
    admits only 8.0.0 and later. Keepalive turned off, empty options (the kernel's hours), a client that sends
    commands, the aioredis distribution, and a module-level client keep their findings."""
    kept = [("svc/listeners.py", 23), ("svc/listeners.py", 31), ("svc/listeners.py", 39), ("svc/listeners.py", 44),
            ("svc/shared.py", 3)]
    found = tree_lines({"svc/__init__.py": "", "svc/listeners.py": LISTENERS, "svc/shared.py": SHARED, **files})
    assert found == (kept if dropped else sorted([("svc/listeners.py", 7), ("svc/listeners.py", 15), *kept]))


@pytest.mark.parametrize("given", ["socket_keepalive=0", "socket_keepalive_options=[]", "socket_keepalive_options=()"])
def test_any_false_keepalive_literal_keeps_a_listener_reported(tree_lines, given: str) -> None:
    """Keepalive turned off as `0`, or options given as an empty list or tuple, probe nothing of redis-py 8's own."""
    listener = ("import redis\n\n\ndef follow(host, apply):\n"
                f"    client = redis.Redis(host=host, socket_timeout=None, {given})\n"
                "    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n")
    pins = {"pyproject.toml": _pyproject("redis>=8.0.1,<9"), "uv.lock": _uv_lock("8.0.1")}
    assert tree_lines({"svc/__init__.py": "", "svc/listeners.py": listener, **pins}) == [("svc/listeners.py", 5)]
