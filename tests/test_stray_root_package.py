"""A checkout whose root holds a stray `__init__.py` (project/index.py `_stray_root_package`): the root folder's
name then starts every module's name (`checkout.svc.feeds`), while the code imports its modules as the programs
run from the root do (`from svc import feeds`). Those imports still reach the project's modules."""

from __future__ import annotations

APP = (
    "from fastapi import FastAPI\n\nfrom svc import feeds\n\napp = FastAPI()\n\n\n"
    "@app.get('/latest')\nasync def latest():\n    return feeds.fetch()\n"
)
FEEDS = "import requests\n\n\ndef fetch():\n    return requests.get('https://feeds.example/latest', timeout=5).json()\n"


def test_a_stray_root_init_does_not_hide_the_blocking_call_a_handler_reaches(tree_lines) -> None:
    """pulseguardian (n67): its checkout holds `__init__.py` beside the package of its own name; the async
    handler's helper in another module blocks the event loop, found through `from svc import feeds`."""
    files = {"__init__.py": "", "svc/__init__.py": "", "svc/app.py": APP, "svc/feeds.py": FEEDS}
    assert tree_lines(files, rule="PRR505") == [("svc/feeds.py", 5)]


def test_the_same_tree_without_the_stray_init_reads_the_same(tree_lines) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/feeds.py": FEEDS}
    assert tree_lines(files, rule="PRR505") == [("svc/feeds.py", 5)]
