"""PRR401 and the `serving` scope: output modes an off-by-default command-line option picks, and
module functions no source of the project names (dead code)."""

from __future__ import annotations

import pytest

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, settings_with

MAIN = (
    "import argparse\nfrom flask import Flask\nfrom svc import helpers\nfrom svc.doc import ApiDoc\n"
    "from svc.screen import Screen\n\n"
    "def make_app():\n    app = Flask(__name__)\n\n    @app.get('/a')\n    def a():\n        return helpers.answer()\n"
    "    return app\n\n"
    "class Mode:\n    def __init__(self, args):\n        if args.api_doc:\n            self.screen = ApiDoc()\n"
    "        else:\n            self.screen = Screen()\n\n"
    "    def serve(self):\n        self.screen.update()\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--api-doc', action='store_true', DEFAULT)\n"
    "    args = parser.parse_args()\n    Mode(args).serve()\n    make_app().run()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
DOC = "def heading(text):\n    print(text)\n\nclass ApiDoc:\n    def update(self):\n        heading('API')\n"
SCREEN = "class Screen:\n    def update(self):\n        print('refreshed')\n"


def _prints(files: Dict[str, str], root: Path = None) -> List[Tuple[str, int]]:
    settings = replace(settings_with(), root=root) if root is not None else None
    return sorted((f.path, f.span.line) for f in run(files, select=("PRR401",), settings=settings).findings)


def _files(default: str = "default=False") -> Dict[str, str]:
    return {"svc/__init__.py": MAIN.replace("DEFAULT", default), "svc/helpers.py": HELPERS,
            "svc/doc.py": DOC, "svc/screen.py": SCREEN}


def test_an_output_mode_an_option_picks_is_not_the_service() -> None:
    """`glances --api-doc`: the class built under `if args.api_doc:` prints the product, once; the
    default branch's class and the request path stay."""
    assert _prints(_files()) == [("svc/helpers.py", 2), ("svc/screen.py", 3)]


@pytest.mark.parametrize("default", ["default=True", "required=True"])
def test_an_option_on_by_default_picks_no_mode(default: str) -> None:
    """A default of its own, or an option the parser demands: the branch runs without anyone choosing it."""
    assert ("svc/doc.py", 2) in _prints(_files(default))


def test_a_mode_class_that_loops_until_the_process_stops_is_the_service() -> None:
    files = _files()
    files["svc/doc.py"] = DOC + "\n    def run(self):\n        while True:\n            self.update()\n"
    assert ("svc/doc.py", 2) in _prints(files)


VIEWS = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
TOOLS = (
    "def report(rows):\n    print(len(rows))\n\n"
    "def do_test():\n    report([1])\n    print('done')\n\n"
    "def on_error(exc):\n    print('failed', exc)\n"
)


def _written(tmp_path: Path, files: Dict[str, str]) -> Dict[str, str]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return files


def test_a_function_no_source_names_and_its_helpers_are_not_the_service(tmp_path: Path) -> None:
    """jumpserver's `do_test()`: nothing calls it; `report` only it calls; `on_error` is named in a
    settings string, which the call graph does not follow, and stays."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS,
                                "svc/tools.py": TOOLS, "svc/settings.py": "ERROR_HOOK = 'svc.tools.on_error'\n"})
    assert _prints(files, tmp_path) == [("svc/helpers.py", 2), ("svc/tools.py", 9)]


def test_a_name_a_python_program_without_suffix_mentions_is_used(tmp_path: Path) -> None:
    """rucio's `bin/rucio-auditor` starts the daemon function it names: the function is not dead."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS,
                                "svc/tools.py": TOOLS})
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "svc-test").write_text("#!/usr/bin/env python\nfrom svc import tools\ntools.do_test()\n")
    assert ("svc/tools.py", 2) in _prints(files, tmp_path)


ARCHIVE = (
    "from svc.cli import FnToCLI\n\n"
    "def cover_url(key):\n    return f'/covers/{key}'\n\n"
    "def process(batch):\n    print('archived', batch)\n\n"
    "def main(batch):\n    process(batch)\n\n"
    "if __name__ == '__main__':\n    FnToCLI(main).run()\n"
)
FN_TO_CLI = "class FnToCLI:\n    def __init__(self, fn):\n        self.fn = fn\n\n    def run(self):\n        self.fn('all')\n"
COVERS = (
    "from flask import Flask\nfrom svc import archive\n\napp = Flask(__name__)\n\n"
    "@app.get('/c')\ndef cover():\n    return archive.cover_url('x')\n"
)


def test_a_function_a_main_block_hands_to_a_wrapper_is_a_command() -> None:
    """openlibrary's coverstore archive: `FnToCLI(main).run()` runs `main` as the program; what only
    it reaches in its module is the command's, though the server imports the module."""
    files = {"svc/__init__.py": "", "svc/views.py": COVERS, "svc/archive.py": ARCHIVE, "svc/cli.py": FN_TO_CLI}
    assert _prints(files) == []
    files["svc/views.py"] = COVERS.replace("return archive.cover_url('x')", "archive.process('x')\n    return 'ok'")
    assert _prints(files) == [("svc/archive.py", 7)]


CLIENTS = (
    "import requests\n\n"
    "def fetch(url):\n    return requests.get(url).json()\n\n"
    "def stream_to_file(url, fp):\n    fp.write(requests.get(url).content)\n\n"
    "def legacy_probe(url):\n    try:\n        return stream_to_file(url, None)\n    except Exception:\n        return None\n"
)
CLIENT_VIEWS = (
    "from flask import Flask\nfrom svc import clients\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return clients.fetch('http://x')\n"
)


def test_dead_code_leaves_out_the_findings_of_every_scoped_rule(tmp_path: Path) -> None:
    """data-hub-api's `stream_to_file_pointer`: a request without a timeout, or a swallowed error, in a
    function nothing names, not even a test (and a helper only it calls), is not the running service;
    the request a view makes stays."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": CLIENT_VIEWS, "svc/clients.py": CLIENTS})
    settings = replace(settings_with(), root=tmp_path)
    found = sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR101", "PRR501"), settings=settings).findings)
    assert found == [("PRR501", "svc/clients.py", 4)]
    tested = dict(files, **{"tests/test_clients.py": "from svc.clients import stream_to_file\n\ndef test_it():\n    stream_to_file('u', None)\n"})
    _written(tmp_path, tested)
    found = sorted((f.rule, f.path, f.span.line) for f in run(tested, select=("PRR101", "PRR501"), settings=settings).findings)
    assert found == [("PRR501", "svc/clients.py", 4)], "PRR501: a test's call does not make code the service"
    (tmp_path / "tests" / "test_clients.py").unlink()
    files["svc/views.py"] += "\n@app.get('/b')\ndef b():\n    return clients.legacy_probe('http://y')\n"
    _written(tmp_path, files)
    found = sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR101", "PRR501"), settings=settings).findings)
    assert [rule for rule, _, _ in found] == ["PRR101", "PRR501", "PRR501"]


def test_a_name_a_simplate_mentions_is_used(tmp_path: Path) -> None:
    """liberapay's `www/…/%payin_id.spt`: a Pando simplate is Python under another suffix; the
    function it calls is live."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": CLIENT_VIEWS, "svc/clients.py": CLIENTS})
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "pay.spt").write_text("from svc.clients import legacy_probe\n[---]\nlegacy_probe(url)\n")
    settings = replace(settings_with(), root=tmp_path)
    found = sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR501",), settings=settings).findings)
    assert ("PRR501", "svc/clients.py", 7) in found


TIMING = (
    "import functools\nimport time\n\nclass Timer:\n    \"\"\"A quick timer.\"\"\"\n\n    def __init__(self, name):\n        self.name = name\n\n"
    "    def __enter__(self):\n        self.start = time.time()\n\n"
    "    def __exit__(self, *exc):\n        print(self.name, time.time() - self.start)\n\n"
    "def timer(fn):\n    \"\"\"A timer for fn.\"\"\"\n    @functools.wraps(fn)\n    def wrapper(*args, **kwargs):\n"
    "        with Timer(fn.__name__):\n            return fn(*args, **kwargs)\n    return wrapper\n"
)
# Another module's `timer` method: the same word, another thing (it does not name `svc.timing`).
QUERYLOG = "class Log:\n    def timer(self, name):\n        return name\n\nLOG = Log()\nLOG.timer('parse')\n"


def test_an_unused_decorator_and_the_class_only_it_builds_are_dead(tmp_path: Path) -> None:
    """hedy's `utils.timer`: no module that names `utils` uses it (querylog's `timer` is its own method),
    and `Timer` is built only in its wrapper: the print in `Timer.__exit__` never runs."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS,
                                "svc/timing.py": TIMING, "svc/querylog.py": QUERYLOG})
    assert _prints(files, tmp_path) == [("svc/helpers.py", 2)]


def test_a_decorator_a_module_that_names_its_module_uses_is_alive(tmp_path: Path) -> None:
    views = VIEWS.replace("from svc import helpers", "from svc import helpers, timing").replace("def a():", "@timing.timer\ndef a():")
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": views, "svc/helpers.py": HELPERS,
                                "svc/timing.py": TIMING, "svc/querylog.py": QUERYLOG})
    assert ("svc/timing.py", 14) in _prints(files, tmp_path)
    # built twice in its module (also by a context manager of its own): the class is used
    files["svc/timing.py"] = TIMING + "\ndef timed(name):\n    return Timer(name)\n"
    files["svc/views.py"] = VIEWS
    _written(tmp_path, files)
    assert ("svc/timing.py", 14) in _prints(files, tmp_path)


TOOLING = (
    "from contextlib import contextmanager\n\n@contextmanager\ndef show_queries(connection):\n    yield\n"
    "    for query in connection.queries:\n        print(query)\n\n"
    "class PrintOnClose(object):\n    def close(self):\n        print('closed')\n\n"
    "# def connect(self):\n#     return PrintOnClose()\n"
)


def test_an_unused_context_manager_and_a_plain_class_nothing_builds_are_dead(tmp_path: Path) -> None:
    """bugsink's `show_queries()` (a `@contextmanager` registers nothing) and `PrintOnClose`, built
    only in a commented-out line: neither runs."""
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS, "svc/tooling.py": TOOLING})
    assert _prints(files, tmp_path) == [("svc/helpers.py", 2)]


def test_a_class_with_a_base_or_a_registering_decorator_stays(tmp_path: Path) -> None:
    """A subclass may register itself by being defined (a plugin base), and a route decorator
    registers its function: neither is dead for want of a name."""
    tooling = TOOLING.replace("(object)", "(Plugin)").replace("@contextmanager", "@register").replace(
        "from contextlib import contextmanager\n", "from svc.plugins import Plugin, register\n")
    files = _written(tmp_path, {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS, "svc/tooling.py": tooling,
                                "svc/plugins.py": "HOOKS = []\n\nclass Plugin:\n    pass\n\ndef register(f):\n    HOOKS.append(f)\n    return f\n"})
    assert _prints(files, tmp_path) == [("svc/helpers.py", 2), ("svc/tooling.py", 7), ("svc/tooling.py", 11)]
