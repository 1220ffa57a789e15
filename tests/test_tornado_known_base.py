"""PRR501 and a method of a Tornado handler that Tornado never calls (known_bases.py): TorCMS's base handler keeps a
`get_location` whose one call, in a subclass's module, is commented out. Tornado dispatches a request to the method
of its verb and runs its own hooks (`prepare`, `get_current_user`), so a handler's other public methods run only
when the project calls them by name. The verb, a Tornado hook and a helper the verb calls stay reported, and so
does the method once a live call of it returns, or when another library's base may call it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

_BASE = (
    "import requests\nimport tornado.web\n\n\nclass SiteHandler(tornado.web.RequestHandler):\n"
    "    def get_current_user(self):\n        return requests.get('https://auth.example.org/me').json()\n\n"
    "    def client_address(self):\n        return requests.get('https://ip.example.org/').text\n\n"
    "    def visitor_region(self):\n        return requests.get('https://geo.example.org/lookup').json()\n"
)
_PAGES = (
    "import tornado.ioloop\nimport tornado.web\n\nfrom site_app.base import SiteHandler\n\n\n"
    "class PageHandler(SiteHandler):\n    def get(self, slug):\n        address = self.client_address()\n"
    "        # region = self.visitor_region()\n        self.write({'slug': slug, 'from': address})\n\n\n"
    "def main():\n    app = tornado.web.Application([(r'/page/(.*)', PageHandler)])\n    app.listen(8888)\n"
    "    tornado.ioloop.IOLoop.current().start()\n\n\nif __name__ == '__main__':\n    main()\n"
)
_LIVE = [("site_app/base.py", 7), ("site_app/base.py", 10)]


def _lines(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"site_app/__init__.py": "", **files}, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_handler_method_tornado_never_calls_is_dead(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"site_app/base.py": _BASE, "site_app/pages.py": _PAGES}) == _LIVE


def test_a_live_call_keeps_it(tmp_path: Path) -> None:
    pages = _PAGES.replace("# region = self.visitor_region()", "region = self.visitor_region()")
    assert _lines(tmp_path, {"site_app/base.py": _BASE, "site_app/pages.py": pages}) == [*_LIVE, ("site_app/base.py", 13)]


def test_another_library_base_may_call_it(tmp_path: Path) -> None:
    base = _BASE.replace("import tornado.web\n", "import tornado.web\nfrom geokit import RegionMixin\n").replace(
        "(tornado.web.RequestHandler)", "(RegionMixin, tornado.web.RequestHandler)")
    assert _lines(tmp_path, {"site_app/base.py": base, "site_app/pages.py": _PAGES}) == [
        ("site_app/base.py", 8), ("site_app/base.py", 11), ("site_app/base.py", 14)]


def test_an_unrouted_handler_runs_no_helper(tmp_path: Path) -> None:
    """No application routes the page handler: its verb and what only the verb calls are dead, Tornado's hook is not."""
    pages = _PAGES[:_PAGES.index("\n\ndef main")] + "\n"
    assert _lines(tmp_path, {"site_app/base.py": _BASE, "site_app/pages.py": pages}) == [("site_app/base.py", 7)]

