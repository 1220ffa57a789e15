"""A cached run is served again only while everything its project phase read is unchanged: besides the
run's modules, the other files of the tree it reads (templates, documentation, scripts without a `.py`
name, a distribution's script files). Each test runs twice with the cache and changes only such a
file in between, which must change the findings."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from prr_lint.config import load_settings
from prr_lint.registry import default_registry
from prr_lint.runner import CheckRequest, run_check
from prr_lint.tree_reads import Saved, file_size, is_file, list_folder, read_text, real_path, recording, unchanged

REGISTRY = default_registry()
FLASK = "from flask import Flask\n\napp = Flask(__name__)\n\n"
# A method a template calls by name runs (project/dead_code.py, tree_words); unnamed, it is dead code.
ACCOUNTS = {
    "svc/views.py": FLASK + "from svc.accounts import Accounts\n\nCLIENT = Accounts()\n\n@app.get('/a')\ndef a():\n    return CLIENT.name\n",
    "svc/accounts.py": "import requests\n\nclass Accounts:\n    name = 'a'\n\n    def _docker_get(self):\n        return requests.get('https://d')\n",
    "svc/templates/profile.html": "{{ client._docker_get() }}\n",
}
# A template tag no template uses never runs, nor what it calls (project/framework_hooks.py).
TAGS = {
    "svc/views.py": FLASK + "@app.get('/a')\ndef a():\n    return 'ok'\n",
    "svc/utils.py": "import requests\n\ndef url_exists(url):\n    return requests.head(url).text\n",
    "svc/templatetags/__init__.py": "",
    "svc/templatetags/base_tags.py": "from django import template\nfrom svc.utils import url_exists\n\nregister = template.Library()\n\n"
                                     "@register.filter(name='remote_size')\ndef size_of(url):\n    return len(url_exists(url))\n",
    "svc/templates/page.html": "{{ url|remote_size }}\n",
}
# A function a Python program without a `.py` name calls is alive (project/dead_code.py, script_words).
PROGRAM = {
    "svc/views.py": FLASK + "@app.get('/a')\ndef a():\n    return 'ok'\n",
    "svc/tools.py": "import requests\n\ndef sync():\n    return requests.get('https://x')\n",
    # a daemon (it loops until stopped): what it calls is the service's (project/program_files.py)
    "bin/svc-sync": "#!/usr/bin/env python\nimport time\nfrom svc import tools\nwhile True:\n    tools.sync()\n    time.sleep(60)\n",
}
# Documentation that names a module by its dotted path may have it loaded (project/command_names.py).
BACKEND = {
    "svc/views.py": FLASK + "from django.core.mail import send_mail\n\n@app.get('/a')\ndef a():\n    send_mail('s', 'b', 'f', ['t'])\n    return 'ok'\n",
    "svc/backends/__init__.py": "",
    "svc/backends/mediawiki.py": "import requests\nfrom django.core.mail.backends.base import BaseEmailBackend\n\n"
                                 "class EmailBackend(BaseEmailBackend):\n    def open(self):\n        requests.get('https://wiki/api.php')\n",
    "svc/management/__init__.py": "",
    "svc/management/commands/__init__.py": "",
    "svc/management/commands/survey.py": "from django.core.mail import get_connection\nfrom django.core.management.base import BaseCommand\n\n"
                                         "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
                                         "        get_connection(backend='svc.backends.mediawiki.EmailBackend').open()\n",
    "docs/index.md": "# Mail\n",
}
# A distribution's shipped script runs a command-line program: what only it loads is a tool (project/script_files.py).
SHIPPED = {
    "packaging/tool/pyproject.toml": '[project]\nname = "tool"\n\n[tool.hatch.build.targets.wheel.shared-scripts]\n"scripts" = "/"\n',
    "packaging/tool/scripts/tool": "#!python3\n\nfrom svc import cli\n\nexit(cli.main())\n",
    "svc/views.py": FLASK + "@app.get('/a')\ndef a():\n    return 'ok'\n",
    "svc/cli.py": "import urllib.request\n\ndef main():\n    return urllib.request.urlopen('https://x').read()\n",
    "svc/jobs.py": "from svc import cli\n\nHANDLERS = [cli.main]\n",  # names it: not dead once the script is gone
}
CASES = {  # files, the file changed (None: deleted), rules, findings before and after
    "template-method": (ACCOUNTS, "svc/templates/profile.html", "{{ client.name }}\n", "PRR501", [("svc/accounts.py", 7)], []),
    "template-tag": (TAGS, "svc/templates/page.html", "{{ url }}\n", "PRR501", [("svc/utils.py", 4)], []),
    "program-without-suffix": (PROGRAM, "bin/svc-sync", "#!/usr/bin/env python\nprint('no tools')\n", "PRR501",
                               [("svc/tools.py", 4)], []),
    "documentation-added": (BACKEND, "docs/mail.md", "Set `EMAIL_BACKEND = 'svc.backends.mediawiki.EmailBackend'`.\n",
                            "PRR501", [], [("svc/backends/mediawiki.py", 6)]),
    "shipped-script": (SHIPPED, "packaging/tool/scripts/tool", None, "PRR501", [], [("svc/cli.py", 4)]),
}


def _write(root: Path, files: Dict[str, str]) -> None:
    """The files, written a minute ago as a real tree's are (cache.RACY_SECONDS)."""
    (root / ".git").mkdir(exist_ok=True)
    (root / "svc").mkdir(exist_ok=True)
    (root / "svc" / "__init__.py").write_text("")
    past = time.time() - 60
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for path in root.rglob("*"):
        os.utime(path, (past, past))


def _findings(root: Path, rule: str, use_cache: bool = True) -> List[Tuple[str, int]]:
    settings = dataclasses.replace(load_settings(root, None, REGISTRY), select=(rule,))
    result = run_check(CheckRequest(["."], use_cache=use_cache), settings, REGISTRY, root).result
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def _edit(path: Path, text: Optional[str]) -> None:
    if text is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_change_to_a_file_the_project_phase_reads_alone_is_a_miss(tmp_path: Path, case: str) -> None:
    files, changed, text, rule, before, after = CASES[case]
    _write(tmp_path, files)
    assert _findings(tmp_path, rule) == before
    _edit(tmp_path / changed, text)
    assert _findings(tmp_path, rule) == after
    assert _findings(tmp_path, rule, use_cache=False) == after


def test_an_edit_within_the_same_mtime_tick_is_a_miss(tmp_path: Path) -> None:
    """A file read within cache.RACY_SECONDS of its last change may change again unseen by its stat
    (same size, same mtime): its content decides."""
    _write(tmp_path, ACCOUNTS)
    template = tmp_path / "svc/templates/profile.html"
    template.write_text("{{ client._docker_get() }}\n")
    status = template.stat()
    assert _findings(tmp_path, "PRR501") == [("svc/accounts.py", 7)]
    template.write_text("{{ client._docker_put() }}\n")
    os.utime(template, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert _findings(tmp_path, "PRR501") == []


def test_an_unchanged_tree_is_still_served_whole(tmp_path: Path, monkeypatch) -> None:
    """What the project phase read is checked by its stat, and by content only where that changed: a
    touched template is still a hit."""
    _write(tmp_path, ACCOUNTS)
    first = _findings(tmp_path, "PRR501")

    def no_project_phase(*args, **kwargs):
        raise AssertionError("the run should have been served whole")

    monkeypatch.setattr("prr_lint.runner._gather", no_project_phase)
    assert _findings(tmp_path, "PRR501") == first
    os.utime(tmp_path / "svc/templates/profile.html")
    assert _findings(tmp_path, "PRR501") == first


def test_a_record_of_reads_sees_each_kind_of_change(tmp_path: Path) -> None:
    """A file's bytes, a folder's entries, whether a file is there, a file's size, where a link leads."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("one\n")
    (tmp_path / "current").symlink_to(docs)
    past = time.time() - 60
    for path in (docs, docs / "page.md", tmp_path):
        os.utime(path, (past, past))

    def record() -> Saved:
        with recording() as taken:
            read_text(docs / "page.md")
            list_folder(docs)
            is_file(tmp_path / "notes.md")
            file_size(docs / "page.md")
            real_path(tmp_path / "current")
        return taken.saved()

    saved = record()
    assert unchanged(saved)
    os.utime(docs / "page.md")  # touched, not changed
    assert unchanged(saved)
    changes = [lambda: (docs / "page.md").write_text("two\n"), lambda: (docs / "more.md").write_text(""),
               lambda: (tmp_path / "notes.md").write_text(""), lambda: (docs / "page.md").write_text("three\n"),
               lambda: ((tmp_path / "current").unlink(), (tmp_path / "current").symlink_to(tmp_path))]
    for change in changes:
        saved = record()
        change()
        assert not unchanged(saved)
    with recording(frozenset({str(docs / "page.md")})) as keyed:  # a module of the run: its content keys the run
        read_text(docs / "page.md")
    assert keyed.saved()[0] == ()
