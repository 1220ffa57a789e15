"""A branch under `hasattr(self, "name")` never runs when no code binds an attribute of that name
(rules/attribute_guards.py, project/absent_attributes.py): an analytics mixin declares `v2_adapter: Any` for a type
checker and asks `if hasattr(self, "v2_adapter") and self.v2_adapter:` before handing the call to the adapter, but
nothing ever sets `v2_adapter`; the adapter's method only that branch names is dead, and its request without a
timeout with it. Any code that may bind the name (a subclass's assignment, `setattr` with the literal, a
`__getattr__` in the class's family, a library base, a dataclass's field, an assignment anywhere) keeps it live."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import run_on_disk

ADAPTER = ("import requests\n\n\nclass WikiV2Adapter:\n"
           "    def __init__(self, base_url):\n        self.base_url = base_url\n        self.session = requests.Session()\n\n"
           "    def get_page(self, page_id):\n"
           "        return self.session.get(f'{self.base_url}/pages/{page_id}').json()\n\n"
           "    def get_page_views(self, page_id):\n"
           "        response = self.session.get(f'{self.base_url}/analytics/{page_id}/views')\n"
           "        return response.json()\n")
# its docstring names the adapter's class: the file names it, not only another class's method of that name
ANALYTICS = ("from typing import Any\n\n\nclass AnalyticsMixin:\n"
             "    \"\"\"Page views. Needs self.wiki, and self.v2_adapter: an optional WikiV2Adapter.\"\"\"\n\n"
             "    wiki: Any\n    v2_adapter: Any\n\n"
             "    def get_page_views(self, page_id):\n"
             "        if hasattr(self, 'v2_adapter') and self.v2_adapter:\n"
             "            views = self.v2_adapter.get_page_views(page_id)\n"
             "        else:\n            views = self._views_direct(page_id)\n"
             "        return views.get('count', 0)\n\n"
             "    def _views_direct(self, page_id):\n        return self.wiki.get(f'analytics/{page_id}/views')\n")
FETCHER = ("from svc.adapter import WikiV2Adapter\nfrom svc.analytics import AnalyticsMixin\n\n\n"
           "class WikiFetcher(AnalyticsMixin):\n    def __init__(self, wiki, base_url):\n        self.wiki = wiki\n"
           "        self.pages = WikiV2Adapter(base_url)\n\n"
           "    def read(self, page_id):\n        return self.pages.get_page(page_id)\nEXTRA")
# the MCP server's tools build the fetcher per request
DEPENDENCIES = ("from fastmcp import Context\n\nfrom svc.fetcher import WikiFetcher\n\n\n"
                "async def get_fetcher(ctx: Context) -> WikiFetcher:\n"
                "    return WikiFetcher(ctx.request_context.wiki, 'https://wiki.example.org/api/v2')\n")
APP = ("from fastmcp import Context, FastMCP\n\nfrom svc.dependencies import get_fetcher\n\ntools = FastMCP('wiki')\n\n\n"
       "@tools.tool()\nasync def read_page(ctx: Context, page_id: str) -> str:\n    fetcher = await get_fetcher(ctx)\n"
       "    return fetcher.read(page_id)\n\n\n"
       "@tools.tool()\nasync def get_page_views(ctx: Context, page_id: str) -> int:\n    fetcher = await get_fetcher(ctx)\n"
       "    return fetcher.get_page_views(page_id)\n\n\ndef main():\n    tools.run()\n")
PACKAGING = {"pyproject.toml": "[project]\nname = 'wiki-mcp'\n\n[project.scripts]\nwiki-mcp = 'svc.app:main'\n"}
PAGE, VIEWS = ("svc/adapter.py", 10), ("svc/adapter.py", 13)


def _findings(tmp_path: Path, extra: str = "", files: Dict[str, str] = {}) -> List[Tuple[str, int]]:
    tree = {"svc/__init__.py": "", "svc/adapter.py": ADAPTER, "svc/analytics.py": ANALYTICS,
            "svc/fetcher.py": FETCHER.replace("EXTRA", extra), "svc/dependencies.py": DEPENDENCIES, "svc/app.py": APP, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, tree, ("PRR501",), True, PACKAGING).findings
                  if f.name == "call-without-timeout")


def test_a_method_only_a_branch_under_an_attribute_nothing_binds_calls_is_dead(tmp_path: Path) -> None:
    assert _findings(tmp_path) == [PAGE]


@pytest.mark.parametrize("extra, files", [
    # a subclass sets it
    ("\n\nclass CloudFetcher(WikiFetcher):\n    def __init__(self, wiki, base_url):\n"
     "        super().__init__(wiki, base_url)\n        self.v2_adapter = WikiV2Adapter(base_url)\n", {}),
    # a `with`'s target
    ("\n    def with_adapter(self, base_url):\n        with WikiV2Adapter(base_url) as self.v2_adapter:\n"
     "            return self.get_page_views('home')\n", {}),
    # `setattr` with the literal name
    ("\n\ndef with_adapter(fetcher, base_url):\n    setattr(fetcher, 'v2_adapter', WikiV2Adapter(base_url))\n"
     "    return fetcher\n", {}),
    # a `__getattr__` in the class's family may answer any name
    ("\n    def __getattr__(self, name):\n        return getattr(self.wiki, name)\n", {}),
    # a library base class may bind it
    ("", {"svc/fetcher.py": FETCHER.replace("EXTRA", "").replace("(AnalyticsMixin)", "(AnalyticsMixin, Confluence)")
          .replace("from svc.adapter", "from atlassian import Confluence\nfrom svc.adapter")}),
    # a dataclass's annotation is a field
    ("", {"svc/options.py": "from dataclasses import dataclass\nfrom typing import Any\n\n\n@dataclass\nclass Options:\n"
                            "    v2_adapter: Any\n"}),
    # an assignment to the attribute anywhere
    ("", {"svc/cloud.py": "from svc.adapter import WikiV2Adapter\n\n\n"
                          "def cloud_fetcher(fetcher):\n    fetcher.v2_adapter = WikiV2Adapter('https://wiki.example.org/api/v2')\n"}),
])
def test_an_attribute_some_code_may_bind_keeps_the_branch_live(tmp_path: Path, extra: str, files: Dict[str, str]) -> None:
    assert _findings(tmp_path, extra, files) == [PAGE, VIEWS]
