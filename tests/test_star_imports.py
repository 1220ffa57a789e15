"""Names that `from m import *` brings into a module, followed by the per-file resolver and the project index."""

from __future__ import annotations

import libcst as cst

from _serving import entries
from prr_lint.resolve import Resolver


def _name(source: str, name: str, module: str = "svc.views") -> object:
    return Resolver(cst.parse_module(source), module).qualified_name(cst.Name(name))


def test_resolver_star_imported_names() -> None:
    # One star import: the name is that module's.
    assert _name("from flask import *\n", "Flask") == "flask.Flask"
    assert _name("from .types import *\n", "UserType", "svc.schema") == "svc.types.UserType"
    # Several: the module's own name, which the project index follows through its star imports.
    assert _name("from .a import *\nfrom .b import *\n", "X") == "svc.views.X"
    # Bound names and builtins are unchanged; without a star import an unknown name stays unknown.
    assert _name("from .a import *\nX = 1\n", "len") == "builtins.len"
    assert _name("import os\n", "Nowhere") is None


def test_view_bases_and_url_targets_through_star_re_exports() -> None:
    """INVALID before: `generic.ObjectView` where `generic/__init__.py` re-exports with `*` was no view."""
    files = {
        "svc/__init__.py": "",
        "svc/generic/__init__.py": "from .object_views import *\nfrom .bulk_views import *\n",
        "svc/generic/object_views.py": (
            "from django.views import View\n\n__all__ = ('ObjectView',)\n\n"
            "class ObjectView(View):\n    def get(self, request):\n        return None\n"
        ),
        "svc/generic/bulk_views.py": "from django.views import View\n\nclass BulkView(View):\n    pass\n",
        "svc/views/__init__.py": "from .misc import *\n",
        "svc/views/misc.py": (
            "from svc import generic\n\nclass HomeView(generic.ObjectView):\n    def get(self, request):\n        return 1\n\n"
            "class EditView(generic.BulkView):\n    def post(self, request):\n        return 2\n"
        ),
        "svc/urls.py": (
            "from django.urls import path\nfrom svc import views\n\n"
            "urlpatterns = [path('', views.HomeView.as_view()), path('edit/', views.EditView.as_view())]\n"
        ),
    }
    assert entries(files) == [
        ("django", "", "svc.generic.object_views.ObjectView.get"),
        ("django", "/", "svc.views.misc.HomeView.get"),
        ("django", "/edit/", "svc.views.misc.EditView.post"),
    ]
