"""Class attributes typed by what other code stores on the class (receivers.py, project/receivers.py,
project/attribute_types.py): a handler declares `session = None` and the start-up module sets
`Handler.session = requests.Session()`; the handler's calls through `self.session` are judged by PRR501 and
PRR505 as calls on a session, unless the stores disagree, one of them gives something nothing tells, or a
session has an adapter mounted on it."""

from __future__ import annotations

from typing import Dict, List, Tuple

from conftest import lint_sources

_HANDLER = (
    "import tornado.web\n\nVERIFY_URL = 'https://captcha.example.org/verify'\n\n\n"
    "class SuggestHandler(tornado.web.RequestHandler):\n    session = None\n    secret = None\n\n"
    "    def post(self):\n        answer = self.session.post(VERIFY_URL, data={'secret': self.secret}){mark}\n"
    "        self.write(answer.json())\n"
)
_START = (
    "import requests\nimport tornado.web\nfrom svc.handlers import SuggestHandler\n\n\n"
    "def make_app(options):\n    SuggestHandler.secret = options.secret\n    SuggestHandler.session = requests.Session()\n"
    "    return tornado.web.Application([(r'/suggest', SuggestHandler)])\n"
)


def _files(start: str = _START, mark: str = "", **more: str) -> Dict[str, str]:
    """The handler module (re-exported by its package, as the start-up module imports it) and the start-up module."""
    files = {
        "svc/__init__.py": "",
        "svc/handlers/__init__.py": "from svc.handlers.suggest import SuggestHandler  # noqa: F401\n",
        "svc/handlers/suggest.py": _HANDLER.replace("{mark}", mark),
        "svc/app.py": start,
    }
    files.update({f"svc/{name}.py": source for name, source in more.items()})
    return files


def _found(files: Dict[str, str], select: Tuple[str, ...] = ("PRR501",)) -> List[Tuple[str, str, int]]:
    result = lint_sources(files, select=list(select))
    return [(f.rule, f.path, f.span.line) for f in result.findings]


def test_a_session_the_start_up_module_stores_on_the_handler_class_is_judged_in_the_handler() -> None:
    assert _found(_files()) == [("PRR501", "svc/handlers/suggest.py", 11)]


def test_a_subclass_in_a_third_module_reads_the_stored_session_too() -> None:
    fast = (
        "from svc.handlers.suggest import SuggestHandler\n\n\nclass FastSuggest(SuggestHandler):\n"
        "    def get(self):\n        self.write(self.session.get('https://wiki.example.org/api').text)\n"
    )
    assert _found(_files(fast=fast)) == [("PRR501", "svc/fast.py", 6), ("PRR501", "svc/handlers/suggest.py", 11)]


def test_stores_that_disagree_or_that_nothing_tells_leave_the_attribute_untyped() -> None:
    other_client = _START + "\n\ndef use_httpx():\n    import httpx\n    SuggestHandler.session = httpx.Client()\n"
    assert _found(_files(other_client)) == []
    handed_in = "from svc.handlers import SuggestHandler\n\n\ndef configure(client):\n    SuggestHandler.session = client\n"
    assert _found(_files(tests_setup=handed_in)) == []
    built = _START + "\n\ndef rebuild(factory):\n    SuggestHandler.session = factory.build()\n"
    assert _found(_files(built)) == []


def test_an_own_value_in_the_class_conflicts_but_a_none_placeholder_does_not() -> None:
    conflicting = _HANDLER.replace("    def post(self):", "    def initialize(self, client):\n        self.session = client.open()\n\n    def post(self):")
    files = _files()
    files["svc/handlers/suggest.py"] = conflicting.replace("{mark}", "")
    assert _found(files) == []
    closing = _HANDLER.replace("    def post(self):", "    def on_finish(self):\n        self.session = None\n\n    def post(self):")
    files["svc/handlers/suggest.py"] = closing.replace("{mark}", "")
    assert _found(files) == [("PRR501", "svc/handlers/suggest.py", 14)]


def test_a_session_with_an_adapter_mounted_stays_unreported() -> None:
    adapters = (
        "from requests.adapters import HTTPAdapter\n\n\nclass TimeoutAdapter(HTTPAdapter):\n"
        "    def send(self, request, **kwargs):\n        kwargs.setdefault('timeout', 5)\n"
        "        return super().send(request, **kwargs)\n"
    )
    mounted_first = _START.replace(
        "    SuggestHandler.session = requests.Session()\n",
        "    session = requests.Session()\n    session.mount('https://', TimeoutAdapter())\n    SuggestHandler.session = session\n",
    ).replace("from svc.handlers import", "from svc.adapters import TimeoutAdapter\nfrom svc.handlers import")
    assert _found(_files(mounted_first, adapters=adapters)) == []
    mounted_later = _START.replace("    return tornado", "    SuggestHandler.session.mount('https://', TimeoutAdapter())\n    return tornado")
    mounted_later = mounted_later.replace("from svc.handlers import", "from svc.adapters import TimeoutAdapter\nfrom svc.handlers import")
    assert _found(_files(mounted_later, adapters=adapters)) == []


def test_an_async_handler_blocks_its_loop_on_the_stored_session() -> None:
    files = _files()
    files["svc/handlers/suggest.py"] = _HANDLER.replace("{mark}", "").replace("    def post(self):", "    async def post(self):")
    found = _found(files, select=("PRR501", "PRR505"))
    assert found == [("PRR501", "svc/handlers/suggest.py", 11), ("PRR505", "svc/handlers/suggest.py", 11)]


def test_a_suppression_on_the_call_is_used() -> None:
    files = _files(mark="  # prr-lint: ignore[PRR501] the captcha service answers at once")
    assert _found(files, select=("PRR501", "PRR002")) == []
