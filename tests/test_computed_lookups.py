"""computed_lookups.py: a task registry or a namespace looked up by a computed name (unsent_tasks.py keeps every task,
or takes no unsent task's body back)."""

from __future__ import annotations

import ast
from types import SimpleNamespace

from prr_lint.project.computed_lookups import name_lookups, registry_lookups


def _files(source: str):
    tree = ast.parse(source)
    words = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | \
        {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return {"svc/views.py": dict.fromkeys(words, 1)}, lambda path: tree


def _index(imports=None):
    summary = SimpleNamespace(path="svc/views.py", imports=imports or {})
    return SimpleNamespace(modules={"svc.views": summary}, module_of=lambda name: "svc.fanout" if name.startswith("svc.") else "")


def test_a_registry_looked_up_by_a_computed_key() -> None:
    for source in ("app.tasks['svc.' + kind].delay()", "app.tasks.get(kind)", "current_app.tasks[name]"):
        assert registry_lookups(*_files(source)), source
    for source in ("app.tasks['svc.fanout.publish_all'].delay()", "app.tasks.get('svc.t')", "app.jobs[kind]", "app.tasks[kind] = t"):
        assert not registry_lookups(*_files(source)), source


def test_a_name_looked_up_by_a_computed_name() -> None:
    for source in ("getattr(fanout, 'publish_' + kind)()", "f = getattr(module, kind)", "attrgetter(kind)(fanout)",
                   "methodcaller(kind)", "fanout.__getattribute__(kind)", "globals()[kind]()", "vars(fanout).get(kind)",
                   "fanout.__dict__[kind]", "getattr(fanout, *names)"):
        assert name_lookups(_index({"fanout": "svc.fanout"}), *_files(source)), source
    for source in ("getattr(fanout, 'publish_all')()", "getattr(settings, kind, None)", "vars().update(CONFIG)",
                   "globals()['X']", "getattr(fanout)"):
        assert not name_lookups(_index({"fanout": "svc.fanout", "settings": "django.conf.settings"}), *_files(source)), source
