"""Registration lines found by a scan of the source (prr_lint/source_lines.py)."""

from __future__ import annotations

from _serving import analysis_for
from prr_lint.source_lines import LineFinder


def test_whole_words_and_calls_split_over_lines() -> None:
    source = (
        "api.add_resource(AuthoritiesList, '/authorities')\n"     # 1
        "api.add_resource(Authorities, '/authorities/<int:id>')\n"  # 2
        "api.add_resource(\n"                                      # 3
        "    Certificates,\n"                                      # 4
        "    '/certificates/<int:id>',\n"                          # 5
        ")\n"                                                      # 6
        "api.add_resource(CertificatesList, '/certificates')\n"   # 7
    )
    finder = LineFinder(source)
    assert finder.line_of("add_resource", "AuthoritiesList") == 1
    assert finder.line_of("add_resource", "Authorities") == 2  # not the AuthoritiesList line
    assert finder.line_of("add_resource", "Certificates") == 3  # the call split over lines
    assert finder.line_of("add_resource", "CertificatesList") == 7
    assert finder.line_of("add_resource", "Nowhere") == 0
    # A word that is no name (batch marks look for `.do(`) matches as written.
    assert LineFinder("schedule.every(10).minutes.do(job)\n").line_of(".do(") == 1
    assert LineFinder("class Q:\n    cable: str = x()\n    cable_list: str = x()\n").attribute_line("cable_list") == 3


def test_registered_column_names_the_registration_of_that_class() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/views.py": (
            "from flask import Flask\nfrom flask_restful import Api, Resource\n\napp = Flask(__name__)\napi = Api(app)\n\n"
            "class ItemsList(Resource):\n    def get(self):\n        return []\n\n"
            "class Items(Resource):\n    def get(self, id):\n        return {}\n\n"
            "api.add_resource(ItemsList, '/items')\napi.add_resource(\n    Items,\n    '/items/<int:id>',\n)\n"
        ),
    }
    where = {e.qualname: e.registered for e in analysis_for(files).model.entry_points}
    assert where == {"svc.views.ItemsList.get": "svc/views.py:15", "svc.views.Items.get": "svc/views.py:16"}
