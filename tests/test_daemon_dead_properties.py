"""PRR501 dead code and properties (method_naming.py `PROPERTIES`, dead_scope.py `_daemons_dead`).

A cached property (`functools.cached_property`, the `cached_property` package's, Django's, Werkzeug's) registers
nothing: its getter runs when code reads the attribute, as a property's does. In an unpackaged project whose
programs are daemons, a queue runner that calls a method by a name its command line gives keeps every method, but
a property that no code reads (a read after a bare `return` is none) runs in none of its processes: openalex-guts'
`Concept.raw_wikipedia_data`."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

MODEL = '''import requests
from cached_property import cached_property


class Concept:
    def __init__(self, wikidata_id):
        self.wikidata_id = wikidata_id
        self.data = None

    @cached_property
    def raw_page(self):
        return requests.get(f"https://wiki.example/{self.wikidata_id}").json()

    @cached_property
    def raw_entity(self):
        return requests.get(f"https://data.example/{self.wikidata_id}").json()

    def add_concepts(self):
        return requests.post("https://tagger.example/", json={"id": self.wikidata_id}).json()

    def clean(self):
        if not self.wikidata_id:
            return
        self.wikidata_id = self.wikidata_id.strip()
        return
        self.data = self.raw_entity
'''
RUNNER = '''import sys
import time

from models.concept import Concept


def run(method_name):
    while True:
        obj = Concept("Q42")
        getattr(obj, method_name.replace("update_once_", ""))()
        time.sleep(5)


if __name__ == "__main__":
    run(sys.argv[1])
'''
PROCFILE = "clean: python -m scripts.queue clean\nconcepts: python -m scripts.queue update_once_add_concepts\n"


def _found(tmp_path: Path, model: str = MODEL) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"models/__init__.py": "", "models/concept.py": model, "scripts/__init__.py": "",
                             "scripts/queue.py": RUNNER}
    result = run_on_disk(tmp_path, files, on_disk_only={"Procfile": PROCFILE}, launch_files=("Procfile",))
    return sorted((f.path, f.span.line) for f in result.findings)


def test_a_property_nothing_reads_runs_in_no_daemon(tmp_path: Path) -> None:
    # raw_page: read nowhere; raw_entity: read only after a bare `return`; add_concepts: the runner's computed call
    # given `update_once_add_concepts` runs it, so it stays
    assert _found(tmp_path) == [("models/concept.py", 19)]


def test_a_property_live_code_reads_stays(tmp_path: Path) -> None:
    read = MODEL.replace("        return\n        self.data = self.raw_entity\n", "        self.data = self.raw_entity\n")
    assert _found(tmp_path, read) == [("models/concept.py", 16), ("models/concept.py", 19)]


def test_a_read_after_a_conditional_return_stays(tmp_path: Path) -> None:
    read = MODEL.replace("        return\n        self.data", "        if self.data:\n            return\n        self.data")
    assert _found(tmp_path, read) == [("models/concept.py", 16), ("models/concept.py", 19)]


def test_a_property_a_string_names_stays(tmp_path: Path) -> None:
    named = MODEL + '\nFIELDS = ["raw_page"]\n'
    assert _found(tmp_path, named) == [("models/concept.py", 12), ("models/concept.py", 19)]


SERVED = '''from functools import cached_property

import requests
from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Pub(db.Model):
    id = db.Column(db.Text, primary_key=True)

    @cached_property
    def crossref_api_raw(self):
        return requests.get(f"https://api.crossref.example/works/{self.id}").json()

    @cached_property
    def landing_page(self):
        return requests.get(f"https://doi.example/{self.id}").text


@app.route("/pub/<pub_id>")
def get_pub(pub_id):
    return jsonify({"page": Pub.query.get(pub_id).landing_page})
'''


def test_a_cached_property_of_a_served_model_nothing_reads_is_dead(tmp_path: Path) -> None:
    result = run_on_disk(tmp_path, {"app.py": SERVED})
    assert sorted((f.path, f.span.line) for f in result.findings) == [("app.py", 20)]
