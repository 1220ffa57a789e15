"""PRR501 in a model's methods that only a management command calls, on rows whose class the call graph cannot
type (project/command_calls.py): they are the command's, as what it reaches by typed calls is. A view, a task or
a framework that may call the method, or a template that may (a method that needs no argument), keeps them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

MODELS = (
    "import requests\nfrom django.db import models\n{imports}\n\n"
    "class Topic(models.Model):\n    link = models.URLField()\n    label = models.CharField(max_length=200)\n\n"
    "    @classmethod\n    def from_link(cls, link):\n"
    "        answer = requests.get(link, headers={{'accept': 'application/rdf+xml'}})\n"  # line 11
    "        return cls.objects.create(link=link, label=answer.text)\n\n"
    "class Book({bases}):\n    title = models.CharField(max_length=200)\n    topics = models.ManyToManyField(Topic)\n\n"
    "    def enrich_from_catalogue(self, record):\n        self.title = record.title\n"
    "        self.topics.set([Topic.from_link(link) for link in record.links])\n\n"
    "    def refresh_cover(self):\n        return requests.get('https://covers.example/' + self.title)\n"
)
VIEWS = (
    "from django.http import JsonResponse\nfrom svc.models import Book\n\n"
    "def book_list(request):\n    return JsonResponse({{'titles': [book.title for book in Book.objects.all()]}})\n{more}"
)
URLS = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('books/', views.book_list)]\n"
COMMAND = (  # a hand-run batch job: the rows it updates come in a parameter, so the graph cannot type `book`
    "from django.core.management.base import BaseCommand\nfrom svc.models import Book\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        self.enrich(Book.objects.filter(title=''))\n\n"
    "    def enrich(self, books):\n        for book in books:\n            record = self.lookup(book)\n"
    "            book.enrich_from_catalogue(record)\n{more}            book.save()\n\n"
    "    def lookup(self, book):\n        return options_record(book)\n\n\ndef options_record(book):\n    return book\n"
)
_LINES = MODELS.format(imports="", bases="").splitlines()
TOPIC = ("svc/models.py", 1 + next(number for number, line in enumerate(_LINES) if "answer = requests.get" in line))
COVER = ("svc/models.py", 1 + next(number for number, line in enumerate(_LINES) if "covers.example" in line))


def _project(bases: str = "models.Model", imports: str = "", view: str = "", command: str = "") -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/models.py": MODELS.format(imports=imports, bases=bases),
            "svc/views.py": VIEWS.format(more=view), "svc/urls.py": URLS,
            "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
            "svc/management/commands/enrich_books.py": COMMAND.format(more=command)}


def _timeouts(files: Dict[str, str], root: Path, scope: str = "serving") -> List[Tuple[str, int]]:
    """(path, line) of PRR501's findings of a run over `files`, written under `root`."""
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    plan = Plan(replace(settings_with(), root=root, scope=scope), tuple(REGISTRY.select(["PRR501"], [], [])))
    return sorted((finding.path, finding.span.line) for finding in run_jobs(jobs_for(files), plan).findings)


@pytest.mark.parametrize("bases, imports", [
    ("models.Model", ""),
    # mep-django's Work: parasolr's indexing mixin calls only its own API on a model (known_bases.py)
    ("models.Model, ModelIndexable", "from parasolr.django.indexing import ModelIndexable"),
])
def test_a_model_method_only_a_command_calls_on_untyped_rows_is_the_commands(tmp_path: Path, bases: str, imports: str) -> None:
    """mep-django's `reconcile_oclc` calls `work.populate_from_worldcat(entity)` on the works it loops over, and
    that method alone calls `Subject.create_from_uri(uri)`: both are the command's."""
    files = _project(bases, imports)
    assert _timeouts(files, tmp_path) == []
    assert _timeouts(files, tmp_path / "all", scope="all") == [TOPIC, COVER]


def test_a_view_calling_the_method_on_any_receiver_keeps_it(tmp_path: Path) -> None:
    view = "\ndef enrich(request, pk):\n    row = load(pk)\n    row.enrich_from_catalogue(request.record)\n    return JsonResponse({})\n"
    urls = URLS.replace("]", ", path('enrich/<pk>/', views.enrich)]")
    files = {**_project(view=view), "svc/urls.py": urls}
    assert _timeouts(files, tmp_path) == [TOPIC]


def test_a_task_calling_the_method_keeps_it(tmp_path: Path) -> None:
    files = {**_project(), "svc/tasks.py": (
        "from celery import shared_task\nfrom svc.models import Book\n\n"
        "@shared_task\ndef enrich(pk, record):\n    Book.objects.get(pk=pk).enrich_from_catalogue(record)\n")}
    files["svc/views.py"] = VIEWS.format(more="\ndef queue(request, pk):\n    enrich.delay(pk, request.record)\n    return JsonResponse({})\n")
    files["svc/views.py"] = files["svc/views.py"].replace("from svc.models import Book\n", "from svc.models import Book\nfrom svc.tasks import enrich\n")
    files["svc/urls.py"] = URLS.replace("]", ", path('queue/<pk>/', views.queue)]")
    assert _timeouts(files, tmp_path) == [TOPIC]


def test_a_method_a_template_may_call_keeps_it(tmp_path: Path) -> None:
    """`refresh_cover()` needs no argument: a Django template's `{{ book.refresh_cover }}` calls it."""
    files = _project(command="            book.refresh_cover()\n")
    assert _timeouts(files, tmp_path) == [COVER]


def test_a_method_handed_on_as_a_value_keeps_it(tmp_path: Path) -> None:
    view = "\ndef hooks(request):\n    return JsonResponse({'hook': str(Book.enrich_from_catalogue)})\n"
    files = {**_project(view=view), "svc/urls.py": URLS.replace("]", ", path('hooks/', views.hooks)]")}
    assert _timeouts(files, tmp_path) == [TOPIC]


def test_a_method_of_a_class_a_framework_calls_into_keeps_it(tmp_path: Path) -> None:
    """A mixin of a library whose calls are not known may call a public method as its hook."""
    files = _project("models.Model, Searchable", "from search_kit.indexing import Searchable")
    assert TOPIC in _timeouts(files, tmp_path)
