"""PRR501's dead code (project/dead_code.py `built`): a class only dead code builds has no live method. A return
annotation or a module-level variable's annotation names the class and builds none (annotation_words.py): a sync
client only a getter nothing calls builds is dead, however those annotations name it. A parameter's annotation may
build it (FastAPI's `Depends()` builds the class it names), and a getter a route calls builds it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

CACHE = (
    "import os\n\nimport redis\n\n\n"
    "class AsyncCache:\n    def __init__(self):\n        self.url = os.environ['CACHE_URL']\n\n\n"
    "class BlockingCache:\n    def __init__(self, url: str | None = None) -> None:\n"
    "        self.conn = redis.from_url(url or os.environ['CACHE_URL'])\n\n"
    "    def read(self, key: str) -> str | None:\n        return self.conn.get(key)\n\n\n"
    "_blocking: BlockingCache | None = None\n\n\n"
    "def blocking_cache() -> 'BlockingCache':\n    global _blocking\n    if _blocking is None:\n"
    "        _blocking = BlockingCache()\n    return _blocking\n"
)
APP = (
    "from fastapi import FastAPI\n\nfrom svc.cache import AsyncCache\n\napp = FastAPI()\n\n\n"
    "@app.get('/ping')\ndef ping():\n    return {'cache': AsyncCache().url}\n"
)
TEST = "from svc.cache import BlockingCache, blocking_cache\n\n\ndef test_read():\n    assert blocking_cache() is blocking_cache()\n"


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    project = {"svc/__init__.py": "", "svc/cache.py": CACHE, "tests/test_cache.py": TEST, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, project, whole_project=True).findings)


def test_a_client_only_an_uncalled_getter_builds_is_dead_whatever_annotations_name_it(tmp_path: Path) -> None:
    """game-scheduler's `SyncRedisClient`: only `get_sync_redis_client`, which only tests call, builds it; the getter's
    return annotation and the singleton variable's annotation build nothing."""
    assert _found(tmp_path, {"svc/app.py": APP}) == []


def test_a_client_a_route_builds_through_the_getter_or_a_dependency_stays_reported(tmp_path: Path) -> None:
    called = APP.replace("AsyncCache\n", "AsyncCache, blocking_cache\n").replace("AsyncCache().url}", "AsyncCache().url, 'n': blocking_cache().read('n')}")
    assert _found(tmp_path / "called", {"svc/app.py": called}) == [("svc/cache.py", 13)]
    injected = ("from fastapi import Depends, FastAPI\n\nfrom svc.cache import BlockingCache\n\napp = FastAPI()\n\n\n"
                "@app.get('/n')\ndef n(cache: BlockingCache = Depends()):\n    return cache.read('n')\n")
    assert _found(tmp_path / "injected", {"svc/app.py": injected}) == [("svc/cache.py", 13)]


def test_a_routes_return_annotation_may_build_its_model(tmp_path: Path) -> None:
    """FastAPI builds a route's response model from its return annotation: a class a decorated function's return
    annotation names beside a dead builder keeps its methods (`__init__` connecting here)."""
    served = CACHE + ("\n\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
                      "@router.get('/cache')\ndef cache_info() -> BlockingCache:\n    return {}\n")
    app = APP.replace("from svc.cache import AsyncCache\n", "from svc.cache import AsyncCache, router\n") + "\n\napp.include_router(router)\n"
    assert _found(tmp_path, {"svc/app.py": app, "svc/cache.py": served}) == [("svc/cache.py", 13)]
