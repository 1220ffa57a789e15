"""PRR501 and a method whose only call is commented out, in a class with a library base (project/commented_calls.py):
openstates' Alabama scraper keeps `scrape_vote` after its one call became `#  yield from self.scrape_vote(bill, row)`,
while the other states' scrapers call their own `scrape_vote`; the library calls `scrape`, never `scrape_vote`. The
method is dead, packaged project or not. A live call of it, a sibling's method of that name nothing in the project
calls (a hook the library runs, the commented-out call beside it notwithstanding), or no sibling at all keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

_ALPHA = (
    "import requests\nfrom civicscrape import Scraper\n\n\nclass AlphaBillScraper(Scraper):\n"
    "    def scrape(self, session):\n        for row in self.rows(session):\n            yield row\n"
    "            # if row['votes']:\n            #     yield from self.scrape_votes(row)\n\n"
    "    def rows(self, session):\n        return requests.get('https://alpha.example.gov/bills', params={'s': session}, timeout=10).json()\n\n"
    "    def scrape_votes(self, row):\n        page = requests.post('https://alpha.example.gov/votes', json={'bill': row['id']})\n"
    "        yield page.json()\n"
)
_BETA = (
    "import requests\nfrom civicscrape import Scraper\n\n\nclass BetaBillScraper(Scraper):\n"
    "    def scrape(self, session):\n        for row in requests.get('https://beta.example.gov/bills', timeout=10).json():\n"
    "            yield from self.scrape_votes(row)\n\n"
    "    def scrape_votes(self, row):\n        yield requests.get('https://beta.example.gov/votes/' + row['id'], timeout=10).json()\n"
)
_PACKAGE = {"pyproject.toml": "[project]\nname = \"civic-scrapers\"\nversion = \"1\"\n"}
_REPORTED = [("scrapers/alpha.py", 16)]


def _lines(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"scrapers/__init__.py": "", **files}, on_disk_only=_PACKAGE, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_method_called_only_in_a_comment_is_dead(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"scrapers/alpha.py": _ALPHA, "scrapers/beta.py": _BETA}) == []


def test_a_live_call_keeps_it(tmp_path: Path) -> None:
    alpha = _ALPHA.replace("            yield row\n", "            yield row\n            yield from self.scrape_votes(row)\n")
    assert _lines(tmp_path, {"scrapers/alpha.py": alpha, "scrapers/beta.py": _BETA}) == [("scrapers/alpha.py", 17)]


def test_a_sibling_hook_of_that_name_keeps_it(tmp_path: Path) -> None:
    """Beta's `scrape_votes` runs though the project never calls it: the library's hook, and Alpha's may be one too."""
    beta = _BETA.replace("            yield from self.scrape_votes(row)\n", "            yield row\n")
    assert _lines(tmp_path, {"scrapers/alpha.py": _ALPHA, "scrapers/beta.py": beta}) == _REPORTED


def test_a_lone_class_keeps_it(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"scrapers/alpha.py": _ALPHA}) == _REPORTED


def test_a_comment_that_only_mentions_the_name_keeps_it(tmp_path: Path) -> None:
    alpha = _ALPHA.replace("#     yield from self.scrape_votes(row)", "#     votes come from scrape_votes")
    assert _lines(tmp_path, {"scrapers/alpha.py": alpha, "scrapers/beta.py": _BETA}) == _REPORTED


def test_modules_of_one_name_name_each_other_nothing(tmp_path: Path) -> None:
    """Every state's scraper lives in a `bills.py` and speaks of `self.bills`: a word, no name of another state's module
    (typed_calls.py `_names_module`), and a string label of its own method names only its own."""
    beta = _BETA.replace("    def scrape(self, session):\n", "    def scrape(self, session):\n        self.bills.clear()\n") \
        .replace("        yield requests.get(", "        self.retry('scrape_votes')\n        yield requests.get(")
    files = {"scrapers/al/__init__.py": "", "scrapers/al/bills.py": _ALPHA, "scrapers/de/__init__.py": "", "scrapers/de/bills.py": beta}
    assert _lines(tmp_path, files) == []


def test_code_nested_in_the_dead_method_is_dead_too(tmp_path: Path) -> None:
    """The request made by a closure the method defines runs only when the method does."""
    alpha = _ALPHA.replace(
        "        page = requests.post('https://alpha.example.gov/votes', json={'bill': row['id']})\n",
        "        def fetch():\n            return requests.post('https://alpha.example.gov/votes', json={'bill': row['id']})\n"
        "        page = fetch()\n")
    assert _lines(tmp_path, {"scrapers/alpha.py": alpha, "scrapers/beta.py": _BETA}) == []
    assert _lines(tmp_path, {"scrapers/alpha.py": alpha}) == [("scrapers/alpha.py", 17)]
