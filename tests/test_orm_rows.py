"""Django ORM rows (prr_lint/orm_rows.py): what a manager or QuerySet fetch gives is an instance of its model,
so the call graph follows `doc = Document.objects.get(pk=pk); doc.process()` into the model's method and
PRR501 sees the Celery limit of the tasks that reach it (project/task_deadline.py) — or the view that does."""

from __future__ import annotations

import textwrap
from typing import Dict, List, Optional

import libcst as cst
import pytest

from conftest import lint_sources
from prr_lint.receivers import held
from prr_lint.resolve import Resolver
from prr_lint.walker import walk

_MODEL = "from django.db import models\n\n\nclass Document(models.Model):\n    def process(self):\n        return self\n\n"


class _Receivers:
    """The receiver expression (prr_lint/receivers.py) of each `x.process()` call."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.types: List[Optional[str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "process":
            self.types.append(held(self.resolver, node.func.value, self.resolver.scope))


def _types(body: str, head: str = _MODEL) -> List[Optional[str]]:
    tree = cst.parse_module(head + textwrap.dedent(body))
    resolver = Resolver(tree, "svc.models")
    recorder = _Receivers(resolver)
    assert walk(tree, [recorder], resolver, []) == []
    return recorder.types


@pytest.mark.parametrize("body", [
    "def f(pk):\n    doc = Document.objects.get(pk=pk)\n    doc.process()\n",
    "def f():\n    Document.objects.filter(live=True).order_by('-pk').first().process()\n",
    "def f():\n    Document.objects.create(title='x').process()\n",
    "def f():\n    Document._default_manager.latest('created').process()\n",
    "def f():\n    doc = Document.objects.get_or_create(title='x')[0]\n    doc.process()\n",
    "def f():\n    doc, created = Document.objects.update_or_create(title='x')\n    doc.process()\n",
    "def f():\n    for doc in Document.objects.filter(live=True).select_related('owner'):\n        doc.process()\n",
    "def f():\n    docs = Document.objects.all()\n    docs = docs.exclude(live=False)\n    for doc in docs:\n        doc.process()\n",
    "def f():\n    for doc in list(Document.objects.all()[:10]):\n        doc.process()\n",
    "def f():\n    Document.objects.all()[0].process()\n",
    "from django.shortcuts import get_object_or_404\n\ndef f(pk):\n    get_object_or_404(Document, pk=pk).process()\n",
    "from django.shortcuts import get_object_or_404 as fetch\n\ndef f(pk):\n    fetch(Document.objects.filter(live=True), pk=pk).process()\n",
    "from django.shortcuts import get_list_or_404\n\ndef f():\n    for doc in get_list_or_404(Document, live=True):\n        doc.process()\n",
    "class Draft(Document):\n    @classmethod\n    def start(cls):\n        cls.objects.create().process()\n",
])
def test_a_fetched_row_is_an_instance_of_its_model(body: str) -> None:
    found = _types(body)
    assert found and found[-1] in ("svc.models.Document", "svc.models.Draft"), found


@pytest.mark.parametrize("body", [
    # not rows: values, the `created` flag, a dict's `get` on a class that is no model
    "def f():\n    for doc in Document.objects.values_list('pk'):\n        doc.process()\n",
    "def f():\n    doc, created = Document.objects.get_or_create(title='x')\n    created.process()\n",
    "def f():\n    Document.objects.get_or_create(title='x')[1].process()\n",
    "class Cache:\n    objects = {}\n\ndef f(key):\n    Cache.objects.get(key).process()\n",
    "def f(manager):\n    manager.objects.get(pk=1).process()\n",
])
def test_what_is_no_row_gets_no_model(body: str) -> None:
    found = _types(body)
    assert len(found) == 1 and found[0] not in ("svc.models.Document", "svc.models.Cache"), found


def test_a_model_of_another_module_is_taken_as_named() -> None:
    """The per-file pass cannot see an imported class's bases; the call graph resolves only project methods."""
    head = "from svc.documents.models import Document\n\n"
    assert _types("def f(pk):\n    Document.objects.get(pk=pk).process()\n", head) == ["svc.documents.models.Document"]


def test_the_per_file_rules_still_see_an_untyped_row() -> None:
    """The row is typed for the call graph only: a resolved `Token.delete` would read as a library helper with
    no I/O to PRR101's look-up-miss test, and a bare `except:` around a delete would pass as "the row may not exist"."""
    tokens = (
        "from rest_framework.authtoken.models import Token\n\n\n"
        "def rotate(user):\n    try:\n        token = Token.objects.get(user=user)\n        token.delete()\n"
        "    except:\n        token = Token.objects.create(user=user)\n    return token\n"
    )
    found = lint_sources({"svc/__init__.py": "", "svc/tokens.py": tokens}, select=["PRR101"]).findings
    assert [(f.rule, f.span.line) for f in found] == [("PRR101", 8)]


_MODELS = (
    "import requests\nfrom django.db import models\n\n\nclass Feed(models.Model):\n    url = models.URLField()\n\n"
    "    def refresh(self):\n        return requests.get(self.url).json()\n\n"
    "    def publish(self):\n        return requests.post(self.url, json={})\n\n"
    "    def ping(self):\n        return requests.head(self.url)\n\n"
    "    def archive(self):\n        return requests.delete(self.url)\n"
)
_TASKS = (
    "from celery import shared_task\nfrom svc.models import Feed\n\n\n"
    "@shared_task\ndef refresh(pk):\n    feed = Feed.objects.get(pk=pk)\n    feed.refresh()\n\n\n"
    "@shared_task\ndef publish_all():\n    for feed in Feed.objects.filter(live=True):\n        feed.publish()\n\n\n"
    "@shared_task\ndef ping_latest():\n    Feed.objects.order_by('-pk').first().ping()\n\n\n"
    "@shared_task\ndef archive(pk):\n    feed, created = Feed.objects.get_or_create(pk=pk)\n    feed.archive()\n"
)
_VIEWS = (
    "from django.http import HttpResponse\nfrom django.shortcuts import get_object_or_404\nfrom svc import tasks\nfrom svc.models import Feed\n\n\n"
    "def start(request, pk):\n    tasks.refresh.delay(pk)\n    tasks.publish_all.delay()\n    tasks.ping_latest.delay()\n"
    "    tasks.archive.delay(pk)\n    return HttpResponse('ok')\n\n\n"
    "def show(request, pk):\n    return HttpResponse(get_object_or_404(Feed, pk=pk).refresh())\n"
)
_PROJECT: Dict[str, str] = {
    "svc/__init__.py": "",
    "svc/models.py": _MODELS,
    "svc/tasks.py": _TASKS,
    "svc/views.py": _VIEWS,
    "svc/celery.py": "from celery import Celery\n\napp = Celery('svc')\napp.config_from_object('django.conf:settings', namespace='CELERY')\n",
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('start/<int:pk>', views.start), path('show/<int:pk>', views.show)]\n",
    "svc/settings.py": "ROOT_URLCONF = 'svc.urls'\nCELERY_TASK_SOFT_TIME_LIMIT = 60\n",
}


def _lines(files: Dict[str, str]) -> List[tuple]:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_a_model_method_only_time_limited_tasks_reach_through_rows_is_bounded() -> None:
    """`publish`, `ping` and `archive` run only in tasks under the app's 60 s soft limit, reached on rows;
    `refresh` is also a view's (`get_object_or_404(Feed, pk=pk).refresh()`): reported."""
    assert _lines(_PROJECT) == [("svc/models.py", 9)]


def test_a_model_method_a_task_without_a_limit_reaches_stays_reported() -> None:
    settings = {"svc/settings.py": "ROOT_URLCONF = 'svc.urls'\n"}
    assert _lines({**_PROJECT, **settings}) == [("svc/models.py", line) for line in (9, 12, 15, 18)]


def test_a_star_imported_model_module_is_imported_by_serving_code() -> None:
    """`svc/models/__init__.py` star-imports the model's module: serving code imports it, so a method only a
    task without a limit reaches is the service's worker code, not a tool's helper, and stays reported."""
    files = {key: value for key, value in _PROJECT.items() if key != "svc/models.py"}
    files.update({"svc/models/__init__.py": "from svc.models.feed import *\n", "svc/models/feed.py": _MODELS,
                  "svc/settings.py": "ROOT_URLCONF = 'svc.urls'\n"})
    assert _lines(files) == [("svc/models/feed.py", line) for line in (9, 12, 15, 18)]
    assert _lines({**files, "svc/settings.py": _PROJECT["svc/settings.py"]}) == [("svc/models/feed.py", 9)]
