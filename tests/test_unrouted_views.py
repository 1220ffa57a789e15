"""PRR501 and the `serving` scope: Django/DRF class-based views nothing refers to (project/unrouted_views.py).

A view is an entry point by its base, but Django serves it only through a reference to that very
class. A copy left in another module, while the URLconf imports its namesake, is dead code; every
way of naming it (an import, a module attribute, a string, a subclass that is served, another
class's attribute, a star import, a module looked up by a computed name) keeps it reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run_on_disk

SETTINGS = "INSTALLED_APPS = ['svc']\nROOT_URLCONF = 'svc.urls'\n"
ROUTED = (
    "import requests\nfrom django.views.generic import DetailView\n\n\n"
    "class RepoView(DetailView):\n    def get(self, request, *args, **kwargs):\n"
    "        return requests.get('https://api/repos')\n"
)
# The copy left behind: its verb calls a method, which calls a helper of another module only it uses.
LEFT = (
    "import requests\nfrom django.views.generic import DetailView\n\nfrom svc.github import milestones\n\n\n"
    "class RepoView(DetailView):\n    def get(self, request, *args, **kwargs):\n        return self.fetch()\n\n"
    "    def fetch(self):\n        requests.get('https://api/old')\n        return milestones()\n\n\n"
    "def listing(request):\n    return requests.get('https://api/list')\n"
)
GITHUB = "import requests\n\n\ndef milestones():\n    return requests.get('https://api/milestones')\n"
URLS = (
    "from django.urls import path\n\nfrom svc.views.old import listing\nfrom svc.views.repos import RepoView\n\n"
    "urlpatterns = [path('r/', RepoView.as_view()), path('l/', listing)]\n"
)
# What stays reported however the copy is named: the routed view and the routed function.
KEPT = [("svc/views/old.py", 17), ("svc/views/repos.py", 7)]
# And the copy's own call and its helper's, when something names it.
COPY = [("svc/github.py", 5), ("svc/views/old.py", 12)]


def _found(tmp_path: Path, changed: Optional[Dict[str, str]] = None) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/settings.py": SETTINGS, "svc/views/__init__.py": "",
                             "svc/views/repos.py": ROUTED, "svc/views/old.py": LEFT, "svc/github.py": GITHUB,
                             "svc/urls.py": URLS}
    files.update(changed or {})
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",)).findings)


def test_a_copy_of_a_view_the_urlconf_does_not_import_is_not_the_service(tmp_path: Path) -> None:
    """BLT's `views/repo.py` `RepoDetailView` beside the routed `views/project.py` one: the copy's
    call and the helper only it calls go; the routed namesake and the module's routed function stay."""
    assert _found(tmp_path) == KEPT


def test_a_view_routed_through_its_module_object_is_served(tmp_path: Path) -> None:
    urls = URLS + "\nimport svc.views.old as old_views\n\nurlpatterns.append(path('o/', old_views.RepoView.as_view()))\n"
    assert _found(tmp_path, {"svc/urls.py": urls}) == sorted(KEPT + COPY)


def test_a_view_imported_from_its_own_module_is_served(tmp_path: Path) -> None:
    urls = URLS.replace("from svc.views.old import listing", "from svc.views.old import RepoView as OldRepoView, listing")
    urls += "urlpatterns.append(path('o/', OldRepoView.as_view()))\n"
    assert _found(tmp_path, {"svc/urls.py": urls}) == sorted(KEPT + COPY)


def test_a_view_a_string_or_a_computed_lookup_may_name_is_served(tmp_path: Path) -> None:
    by_name = URLS + "\nfrom svc.views import old\n\nLEGACY = getattr(old, 'RepoView')\n"
    assert _found(tmp_path, {"svc/urls.py": by_name}) == sorted(KEPT + COPY)
    setting = SETTINGS + "LEGACY_VIEW = 'svc.views.old.RepoView'\n"
    assert _found(tmp_path, {"svc/settings.py": setting}) == sorted(KEPT + COPY)
    computed = URLS + "\nfrom svc.views import old\n\nLEGACY = [getattr(old, name) for name in dir(old)]\n"
    assert _found(tmp_path, {"svc/urls.py": computed}) == sorted(KEPT + COPY)


def test_a_view_a_star_import_may_bring_in_is_served(tmp_path: Path) -> None:
    """`from .old import *` beside `from .repos import *`: which `RepoView` the package holds is the
    resolver's guess, so the copy may be the routed one."""
    package = "from .old import *\nfrom .repos import *\n"
    urls = URLS.replace("from svc.views.repos import RepoView", "from svc.views import RepoView")
    assert _found(tmp_path, {"svc/views/__init__.py": package, "svc/urls.py": urls}) == sorted(KEPT + COPY)


def test_a_view_a_served_subclass_or_another_class_names_is_served(tmp_path: Path) -> None:
    sub = "from svc.views.old import RepoView\n\n\nclass NewRepoView(RepoView):\n    template_name = 'new.html'\n"
    urls = URLS + "\nfrom svc.views.new import NewRepoView\n\nurlpatterns.append(path('n/', NewRepoView.as_view()))\n"
    assert _found(tmp_path, {"svc/views/new.py": sub, "svc/urls.py": urls}) == sorted(KEPT + COPY)
    holder = "from svc.views.old import RepoView\n\n\nclass Legacy:\n    view = RepoView\n"
    assert _found(tmp_path, {"svc/legacy.py": holder}) == sorted(KEPT + COPY)


def test_a_view_only_an_unrouted_subclass_names_is_not_the_service(tmp_path: Path) -> None:
    sub = "from svc.views.old import RepoView\n\n\nclass NewRepoView(RepoView):\n    template_name = 'new.html'\n"
    assert _found(tmp_path, {"svc/views/new.py": sub}) == KEPT


def test_a_router_registration_serves_a_viewset(tmp_path: Path) -> None:
    viewsets = (
        "import requests\nfrom rest_framework import viewsets\n\n\n"
        "class ItemViewSet(viewsets.ViewSet):\n    def list(self, request):\n        return requests.get('https://api/items')\n"
    )
    router = ("from rest_framework import routers\n\nfrom svc.api import ItemViewSet\n\n"
              "router = routers.DefaultRouter()\nrouter.register('items', ItemViewSet, basename='item')\n")
    assert ("svc/api.py", 7) in _found(tmp_path, {"svc/api.py": viewsets, "svc/router.py": router})
    assert ("svc/api.py", 7) not in _found(tmp_path, {"svc/api.py": viewsets})


def test_a_reusable_app_without_a_site_keeps_its_views(tmp_path: Path) -> None:
    """No settings module: the sites that install the app may route any of its views; nor does a
    run that does not hold the URLconf the settings name see where the site routes them."""
    assert _found(tmp_path, {"svc/settings.py": "DEBUG = False\n"}) == sorted(KEPT + COPY)
    elsewhere = SETTINGS.replace("svc.urls", "site.urls")
    assert _found(tmp_path, {"svc/settings.py": elsewhere}) == sorted(KEPT + COPY)


def test_a_view_of_a_module_loaded_by_a_computed_name_is_served(tmp_path: Path) -> None:
    loader = ("import importlib\n\n\ndef view_of(module, name):\n"
              "    return getattr(importlib.import_module(f'svc.views.{module}'), name)\n")
    assert _found(tmp_path, {"svc/loader.py": loader}) == sorted(KEPT + COPY)


def test_a_site_whose_urlconf_name_is_computed_routes_its_views_in_view(tmp_path: Path) -> None:
    """`ROOT_URLCONF = '{}.urls'.format(SITE_NAME)`: a module that routes Django paths beside the
    settings is the URLconf the run holds."""
    computed = "SITE_NAME = 'svc'\nINSTALLED_APPS = ['svc']\nROOT_URLCONF = '{}.urls'.format(SITE_NAME)\n"
    assert _found(tmp_path, {"svc/settings.py": computed}) == KEPT


def test_a_view_with_another_package_s_base_may_be_found_by_it(tmp_path: Path) -> None:
    """A forked django-oscar view: oscar loads it by its app label and class name."""
    forked = LEFT.replace("from django.views.generic import DetailView",
                          "from django.views.generic import DetailView\nfrom oscar.apps.catalogue.views import ProductDetailView")
    forked = forked.replace("class RepoView(DetailView):", "class RepoView(ProductDetailView, DetailView):")
    assert _found(tmp_path, {"svc/views/old.py": forked}) == sorted([("svc/views/old.py", 18), ("svc/views/repos.py", 7),
                                                                     ("svc/github.py", 5), ("svc/views/old.py", 13)])
