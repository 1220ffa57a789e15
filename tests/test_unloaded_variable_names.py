"""Modules the service never loads (project/unloaded_modules.py): a function's local or parameter that spells a
module's file name names a variable, never the module (name_uses.py `variables`): CaeliCrawler's start-up hook binds
`rate_limiter = RateLimiter(redis)` from `core.rate_limit`, beside a `core/rate_limiter.py` nothing imports. An
import of it (in a function too), a dotted path in a string, `getattr` on its package by name or an attribute
read through its package still load it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

MAIN = (
    "from contextlib import asynccontextmanager\n\nfrom fastapi import FastAPI\nfrom redis.asyncio import Redis\n\n"
    "from svc.core.rate_limit import RateLimiter, get_rate_limiter, install\n\n\n"
    "@asynccontextmanager\nasync def lifespan(app):\n"
    "    client = Redis.from_url('redis://cache:6379/0', socket_timeout=2, socket_connect_timeout=2)\n"
    "    rate_limiter = RateLimiter(client)\n    install(rate_limiter)\n    yield\n\n\n"
    "def limited(rate_limiter, key):\n    return rate_limiter.allow(key)\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n\n\n@app.get('/items')\nasync def items():\n    return {'ok': await limited(get_rate_limiter(), 'items')}\n"
)
LIMIT = (
    "class RateLimiter:\n    def __init__(self, client):\n        self.client = client\n\n"
    "    async def allow(self, key):\n        return await self.client.incr(key) < 100\n\n\n"
    "_limiter = None\n\n\ndef install(limiter):\n    global _limiter\n    _limiter = limiter\n\n\n"
    "def get_rate_limiter():\n    return _limiter\n"
)
# the older module of a similar name: its own lazy client, no socket timeout (line 10)
OLD = (
    "class RateLimiter:\n    def __init__(self, url):\n        self.url = url\n        self._redis = None\n\n"
    "    async def _connection(self):\n        if self._redis is None:\n            import redis.asyncio as redis\n\n"
    "            self._redis = redis.from_url(self.url)\n        return self._redis\n\n"
    "    async def allow(self, key):\n        return await (await self._connection()).incr(key) < 100\n\n\n"
    "limiter = None\n\n\ndef get_rate_limiter():\n    global limiter\n    if limiter is None:\n        limiter = RateLimiter('redis://cache')\n    return limiter\n"
)
FILES = {"svc/__init__.py": "", "svc/core/__init__.py": "", "svc/main.py": MAIN, "svc/core/rate_limit.py": LIMIT,
         "svc/core/rate_limiter.py": OLD}


def _findings(root: Path, files: Dict[str, str]) -> List[str]:
    return sorted(f"{f.path}:{f.span.line}" for f in run_on_disk(root, files, whole_project=True).findings if f.rule == "PRR501")


def test_a_local_or_a_parameter_spelling_a_modules_name_does_not_load_it(tmp_path: Path) -> None:
    assert _findings(tmp_path, FILES) == []


def test_an_import_a_dotted_path_or_a_read_by_name_still_loads_it(tmp_path: Path) -> None:
    loads = {
        "imported": "def fallback(url):\n    from svc.core import rate_limiter\n    return rate_limiter.RateLimiter(url)\n",
        "dotted": "import importlib\n\n\ndef fallback(url):\n    return importlib.import_module('svc.core.rate_limiter').RateLimiter(url)\n",
        "by_name": "import importlib\n\nimport svc.core\n\n\ndef fallback(url, kind):\n    return getattr(svc.core, 'rate_limiter').RateLimiter(url)\n",
        "attribute": "import svc.core\n\n\ndef fallback(url):\n    rate_limiter = svc.core.rate_limiter\n    return rate_limiter.RateLimiter(url)\n",
    }
    for name, code in loads.items():
        files = {**FILES, "svc/fallback.py": code,
                 "svc/main.py": MAIN.replace("from svc.core.rate_limit", "from svc.fallback import fallback\nfrom svc.core.rate_limit")
                 .replace("    return {'ok'", "    await fallback('redis://cache').allow('items')\n    return {'ok'")}
        assert _findings(tmp_path / name, files) == ["svc/core/rate_limiter.py:10"], name
