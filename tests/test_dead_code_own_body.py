"""PRR501's dead code where a module function's name is spoken only by its own body or by another object's
attribute (project/foreign_calls.py `_own_body_uses`, `_other_objects`; name_uses.py `own_attributes`, `reads`).

A wrapper `lookup` that returns `current().lookup(key)` and is decorated `@wraps(Session.lookup)` names the
session's method twice in its own file, never itself: its body runs only when something calls it, and the
decorator reads the class's attribute. When nothing else names the wrapper, it is dead, and so is the session
method only it calls; a route that calls it, or a table of its own module that holds it, keeps both alive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

APP = ("from flask import Flask\n\nfrom svc.store import save\n\napp = Flask(__name__)\n\n\n"
       "@app.route('/status')\ndef status():\n    return save('ok')\n")
# A served module whose parameter is called like the wrapper's module: its word is held in code, so the module
# counts as loaded and its findings as the service's, as arxiv-search's `fulltext` parameter beside its
# `services/fulltext.py`.
STORE = "def save(kv):\n    return kv\n"
LOOKUP = (
    "from functools import wraps\n\nimport requests\n\n\nclass Session:\n"
    "    def lookup(self, key: str) -> str:\n        return requests.get('https://kv.example.com/' + key).text\n\n\n"
    "def current() -> Session:\n    return Session()\n\n\n"
    "@wraps(Session.lookup)\ndef lookup(key: str) -> str:\n    return current().lookup(key)\n"
)
GET = ("svc/kv.py", 8)
# Only a test imports the module: it is loaded, and a test's call runs no service code.
TEST = "from svc import kv\n\n\ndef test_lookup():\n    assert kv.lookup('a')\n"


def _found(tmp_path: Path, app: str = APP, extra: str = "") -> set:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/app.py": app, "svc/store.py": STORE, "svc/kv.py": LOOKUP + extra,
                             "tests/__init__.py": "", "tests/test_kv.py": TEST}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_wrapper_that_names_only_the_method_it_wraps_is_dead(tmp_path: Path) -> None:
    assert GET not in _found(tmp_path)


def test_a_route_that_calls_the_wrapper_keeps_the_method_alive(tmp_path: Path) -> None:
    app = APP + "\n\n@app.route('/kv/<key>')\ndef read(key):\n    from svc import kv\n    return kv.lookup(key)\n"
    assert GET in _found(tmp_path, app)


def test_a_table_of_its_own_module_that_holds_the_wrapper_keeps_it_alive(tmp_path: Path) -> None:
    app = APP + "\n\n@app.route('/kv/<key>')\ndef read(key):\n    from svc.kv import HANDLERS\n    return HANDLERS['get'](key)\n"
    assert GET in _found(tmp_path, app, "\n\nHANDLERS = {'get': lookup}\n")


def test_the_summary_tells_the_body_from_the_decorators() -> None:
    """The decorator's `Session.lookup` runs when the `def` does: a read of the class's attribute, no use by the
    wrapper's own body; the body's `current().lookup(key)` is one, and only that kind is counted for it."""
    from test_word_counts import _summary

    summary = _summary(LOOKUP)
    assert summary.own_uses.get("svc.mod.lookup") == 1
    assert summary.own_attributes == {"svc.mod.lookup": 1}
    assert summary.attribute_reads == ["svc.mod.Session.lookup"]


def test_the_summary_counts_the_body_s_code_strings_of_its_name() -> None:
    """`own_strings`: a name-like string of its name in its own body (a lock key), not one in a default, a method's, a
    prose string's, an f-string's piece, nor any of a name the module's prose holds (taken back as prose already)."""
    from test_word_counts import _summary

    source = ("import redis\n\nr = redis.Redis()\n\n\ndef poll(key='poll'):\n    with r.lock('poll', 60):\n"
              "        return r.get(f'poll:{key}')\n\n\nclass Job:\n    def run(self):\n        return r.get('run')\n")
    assert _summary(source).own_strings == {"svc.mod.poll": 1}
    assert _summary(source + "\n\ndef later():\n    print('poll is called by the beat, every minute')\n").own_strings == {}
    assert _summary(source.replace("        return r.get(f", "        return None\n        r.get(f")).own_strings == {}
