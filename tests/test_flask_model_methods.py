"""PRR501's dead code (known_bases.py): a Flask-SQLAlchemy `db.Model` is mapped by SQLAlchemy, which calls no
public method of a model by name, so a method nothing calls (oadoi's `Pub.do_not_refresh`) is dead, while one
a view calls stays."""

from __future__ import annotations

from pathlib import Path

from _serving import run_on_disk

APP = ("from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\n"
       "db = SQLAlchemy(app)\n")
MODELS = ("import requests\nfrom svc.app import db\n\n\nclass Pub(db.Model):\n    id = db.Column(db.Text, primary_key=True)\n\n"
          "    def refresh(self):\n        return requests.get('https://api.example.com/' + self.id).json()\n\n"
          "    def skip_refresh(self):\n        return requests.get('https://parse.example.com/' + self.id).ok\n")
VIEWS = ("from svc.app import app\nfrom svc.models import Pub\n\n\n@app.route('/pub/<id>')\ndef pub(id):\n"
         "    return Pub.query.get(id).refresh()\n")


def test_a_flask_model_method_nothing_calls_is_dead(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/models.py": MODELS, "svc/views.py": VIEWS}
    found = {(f.path, f.span.line) for f in run_on_disk(tmp_path, files).findings}
    assert found == {("svc/models.py", 9)}
