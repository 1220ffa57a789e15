"""PRR501's dead code: a base method no object of the deployed service can run, as every subclass the
service uses overrides it without reaching the base's, and only tests build the base itself
(project/overridden.py); and a Scrapy project, whose `scrapy.cfg` names its settings, is a crawler
whose dead code is judged (project/dead_scope.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

PIPELINES = (
    "import requests\n\n\n"
    "class HttpPushPipeline:\n"
    "    def __init__(self):\n        self.sent = []\n\n"
    "    def open_spider(self, spider):\n        self.sent = []\n\n"
    "    def process_item(self, item, spider):\n        self.sent.append(dict(item))\n        return item\n\n"
    "    def close_spider(self, spider):\n"
    "        for row in self.sent:\n"
    "            requests.post(spider.settings['PUSH_URL'], json=row)\n\n\n"
    "class QueuePushPipeline(HttpPushPipeline):\n"
    "    def __init__(self):\n        super().__init__()\n        self.queue = None\n\n"
    "    def open_spider(self, spider):\n        self.queue = spider.settings['QUEUE']\n"
    "        super(QueuePushPipeline, self).open_spider(spider)\n\n"
    "    def close_spider(self, spider):\n"
    "        for row in self.sent:\n            self.queue.put(row)\n"
)
POST_LINE = 17  # the base's `requests.post`
SETTINGS = "BOT_NAME = 'crawl'\nSPIDER_MODULES = ['crawl.spiders']\nITEM_PIPELINES = {'crawl.pipelines.QueuePushPipeline': 300}\n"
SPIDER = (
    "import scrapy\n\n\nclass NewsSpider(scrapy.Spider):\n    name = 'news'\n    start_urls = ['https://news.example']\n\n"
    "    def parse(self, response):\n        yield {'title': response.css('title::text').get()}\n"
)
TEST = (
    "from crawl.pipelines import HttpPushPipeline\n\n\n"
    "def test_close_spider_posts(spider):\n    pipeline = HttpPushPipeline()\n    pipeline.close_spider(spider)\n"
)
SCRAPY_CFG = "[settings]\ndefault = crawl.settings\n\n[deploy]\nurl = http://scrapyd:6800/\nproject = crawl\n"
SETUP = "from setuptools import setup, find_packages\n\nsetup(name='crawl', packages=find_packages())\n"


def _crawler(**extra: str) -> Dict[str, str]:
    files = {"crawl/__init__.py": "", "crawl/settings.py": SETTINGS, "crawl/pipelines.py": PIPELINES,
             "crawl/spiders/__init__.py": "", "crawl/spiders/news.py": SPIDER, "tests/__init__.py": "",
             "tests/test_pipelines.py": TEST}
    files.update(extra)
    return files


def _found(tmp_path: Path, files: Dict[str, str], scrapy_cfg: str = SCRAPY_CFG) -> List[Tuple[str, int]]:
    on_disk = {"setup.py": SETUP, **({"scrapy.cfg": scrapy_cfg} if scrapy_cfg else {})}
    result = run_on_disk(tmp_path, files, on_disk_only=on_disk, whole_project=True)
    return sorted((f.path, f.span.line) for f in result.findings)


def _changed(old: str, new: str) -> str:
    assert old in PIPELINES
    return PIPELINES.replace(old, new)


def test_a_base_pipeline_whose_close_every_loaded_subclass_overrides_is_dead(tmp_path: Path) -> None:
    """hepcrawl's shape: the settings load only the subclass, by a dotted path; its `close_spider` does not
    call the base's, and only a test builds the base. The subclass's `super()` calls of `__init__` and
    `open_spider` run those methods of the base, not `close_spider`."""
    assert _found(tmp_path, _crawler()) == []


def test_a_packaged_project_without_scrapy_cfg_may_be_a_library(tmp_path: Path) -> None:
    """Without `scrapy.cfg` naming its settings the project shows no entry point and installs as a
    distribution: another one may build the base, so nothing is dead."""
    assert _found(tmp_path, _crawler(), scrapy_cfg="") == [("crawl/pipelines.py", POST_LINE)]
    other = "[settings]\ndefault = elsewhere.settings\n"  # settings of no module of the project
    assert _found(tmp_path, _crawler(), scrapy_cfg=other) == [("crawl/pipelines.py", POST_LINE)]


def test_an_override_that_reaches_the_base_keeps_it(tmp_path: Path) -> None:
    """`super().close_spider(...)`, `super(Cls, self).close_spider(...)`, `Base.close_spider(self, ...)`, a
    `getattr` by its name, or another method of the subclass calling `super().close_spider`."""
    end = "            self.queue.put(row)\n"
    for call in ("super().close_spider(spider)", "super(QueuePushPipeline, self).close_spider(spider)",
                 "HttpPushPipeline.close_spider(self, spider)", "getattr(super(), 'close_spider')(spider)"):
        files = _crawler(**{"crawl/pipelines.py": _changed(end, f"{end}        {call}\n")})
        assert _found(tmp_path, files) == [("crawl/pipelines.py", POST_LINE)], call
    flush = f"{end}\n    def flush(self, spider):\n        super().close_spider(spider)\n"
    assert _found(tmp_path, _crawler(**{"crawl/pipelines.py": _changed(end, flush)})) == [("crawl/pipelines.py", POST_LINE)]


def test_a_helper_a_subclass_reaches_through_super_stays(tmp_path: Path) -> None:
    """The base's dead `close_spider` and the subclass's `super()._post(...)` share the helper: the call
    graph sees only the dead caller, so the method is kept and the helper with it."""
    helper = _changed("            requests.post(spider.settings['PUSH_URL'], json=row)\n",
                      "            self._post(spider, row)\n\n"
                      "    def _post(self, spider, row):\n        requests.post(spider.settings['PUSH_URL'], json=row)\n")
    files = _crawler(**{"crawl/pipelines.py": helper.replace("self.queue.put(row)\n", "self.queue.put(row)\n        super()._post(spider, {})\n")})
    assert _found(tmp_path, files) == [("crawl/pipelines.py", 20)]


def test_a_subclass_that_inherits_the_method_runs_it(tmp_path: Path) -> None:
    """A second pipeline the settings load, which does not override `close_spider`."""
    pipelines = PIPELINES + "\n\nclass AuditPipeline(HttpPushPipeline):\n    def process_item(self, item, spider):\n        return item\n"
    settings = SETTINGS.replace("300}", "300, 'crawl.pipelines.AuditPipeline': 400}")
    assert _found(tmp_path, _crawler(**{"crawl/pipelines.py": pipelines, "crawl/settings.py": settings})) == [
        ("crawl/pipelines.py", POST_LINE)]


def test_a_base_the_service_builds_or_names_runs_its_method(tmp_path: Path) -> None:
    """The base built in service code, loaded by a dotted path in the settings, or imported by the
    distribution's top package (its API: another distribution may build it or subclass it)."""
    line = [("crawl/pipelines.py", POST_LINE)]
    built = "from crawl.pipelines import HttpPushPipeline\n\nFALLBACK = HttpPushPipeline()\n"
    assert _found(tmp_path, _crawler(**{"crawl/fallback.py": built})) == line
    settings = SETTINGS.replace("300}", "300, 'crawl.pipelines.HttpPushPipeline': 400}")
    assert _found(tmp_path, _crawler(**{"crawl/settings.py": settings})) == line
    exported = "from crawl.pipelines import QueuePushPipeline\n"
    assert _found(tmp_path, _crawler(**{"crawl/__init__.py": exported})) == line


def test_a_decorated_subclass_keeps_the_method(tmp_path: Path) -> None:
    """A class decorator may register or rebuild the subclass: what its objects run is not known."""
    decorated = "from crawl.registry import register\n" + PIPELINES.replace("class QueuePushPipeline", "@register\nclass QueuePushPipeline")
    registry = "PIPELINES = []\n\n\ndef register(cls):\n    PIPELINES.append(cls)\n    return cls\n"
    assert _found(tmp_path, _crawler(**{"crawl/pipelines.py": decorated, "crawl/registry.py": registry})) == [
        ("crawl/pipelines.py", POST_LINE + 1)]


def test_what_scrapy_runs_in_a_crawler_stays_reported(tmp_path: Path) -> None:
    """A Scrapy project's dead code is judged, but Scrapy runs a loaded pipeline's hooks and a spider's callbacks."""
    pipelines = PIPELINES.replace("self.queue.put(row)\n", "self.queue.put(row)\n\n"
                                  "    def process_item(self, item, spider):\n        requests.put('https://audit.example', json=dict(item))\n"
                                  "        return item\n")
    spider = "import requests\n" + SPIDER.replace("    def parse(self, response):\n",
                            "    def parse(self, response):\n        yield response.follow('/next', callback=self.parse_next)\n\n"
                            "    def parse_next(self, response):\n        requests.get('https://lookup.example')\n")
    assert _found(tmp_path, _crawler(**{"crawl/pipelines.py": pipelines, "crawl/spiders/news.py": spider})) == [
        ("crawl/pipelines.py", 34), ("crawl/spiders/news.py", 13)]
