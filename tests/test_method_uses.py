"""Service scope by what the source shows: methods only commands use (project/method_uses.py), and
modules that build a deployment or plug into a developer's tool (project/tooling.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, settings_with

APP = (
    "from flask import Flask\nfrom svc.deps import Dep\n\napp = Flask(__name__)\n\n"
    "@app.get('/deps')\ndef deps():\n    return [d.label() for d in Dep.get_all()]\n"
)
DEPS = (
    "import requests\n\n"
    "class Dep:\n    _all = []\n\n    def __init__(self, name):\n        self.name = name\n        Dep._all.append(self)\n\n"
    "    @classmethod\n    def get_all(cls):\n        return cls._all\n\n"
    "    @classmethod\n    def install_multiple(cls):\n        for dependency in cls.get_all():\n            dependency.install()\n\n"
    "    def label(self):\n        return self.name\n\n"
    "    def install(self):\n        self._install()\n\n"
    "    def _install(self):\n        self.download()\n\n"
    "    def download(self):\n        return requests.get('https://registry.npmjs.org/' + self.name)\n"
)
COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc.deps import Dep\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        Dep.install_multiple()\n"
)
CDK_STACK = (
    "import urllib.request\n\nfrom aws_cdk import aws_ec2 as ec2\nfrom aws_cdk import core as cdk\n\n"
    "class VPCStack(cdk.NestedStack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
    "        ec2.Vpc(self, 'Vpc', max_azs=2)\n"
    "        self.ip = urllib.request.urlopen('http://checkip.amazonaws.com').read()\n"
)
GITLINT_RULE = (
    "import requests\nfrom gitlint.rules import LineRule\n\n"
    "class GitmojiTitle(LineRule):\n    id = 'UC1'\n\n    def validate(self, title, commit):\n"
    "        return requests.get('https://gitmoji.dev/api/gitmojis').json()\n"
)


def _timeouts(tmp_path: Path, **extra: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {
        "svc/__init__.py": "", "svc/app.py": APP, "svc/deps.py": DEPS, "svc/management/__init__.py": "",
        "svc/management/commands/__init__.py": "", "svc/management/commands/deps_install.py": COMMAND,
    }
    files.update({path.replace("__", "/") + ".py": source for path, source in extra.items()})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    settings = replace(settings_with(), root=tmp_path)
    found = run(files, select=("PRR501",), settings=settings, whole_project=True).findings
    return sorted((f.path, f.span.line) for f in found)


def test_a_method_only_a_command_calls_through_an_object_is_not_the_service(tmp_path: Path) -> None:
    """`dependency.install()` on an object the graph cannot type, in a management command run at build."""
    assert _timeouts(tmp_path) == []


def test_an_attribute_call_in_serving_code_keeps_it(tmp_path: Path) -> None:
    view = "from svc.app import app\n\n@app.get('/fetch')\ndef fetch(items):\n    return [item.download() for item in items]\n"
    assert _timeouts(tmp_path, svc__views=view) == [("svc/deps.py", 29)]


def test_a_method_looked_up_by_name_is_kept(tmp_path: Path) -> None:
    view = "from svc.app import app\n\n@app.get('/run')\ndef act(dep):\n    return getattr(dep, 'download')()\n"
    assert _timeouts(tmp_path, svc__views=view) == [("svc/deps.py", 29)]


def test_a_method_a_template_reads_is_kept(tmp_path: Path) -> None:
    (tmp_path / "svc" / "templates").mkdir(parents=True)
    (tmp_path / "svc" / "templates" / "deps.html").write_text("{% for d in deps %}{{ d.download }}{% endfor %}\n")
    assert _timeouts(tmp_path) == [("svc/deps.py", 29)]


def test_a_cdk_stack_and_a_gitlint_rule_are_not_the_service(tmp_path: Path) -> None:
    assert _timeouts(tmp_path, cdk__vpc_stack=CDK_STACK, cdk__app="", gitlint__gitlint_emoji=GITLINT_RULE) == []


def test_a_module_the_service_imports_is_the_service_whatever_it_uses(tmp_path: Path) -> None:
    app = APP + "from svc import rules\n"
    assert _timeouts(tmp_path, svc__rules=GITLINT_RULE, svc__app=app) == [("svc/rules.py", 8)]


def test_a_method_nothing_uses_is_kept(tmp_path: Path) -> None:
    """A library may call it on an object it is handed (a gRPC servicer registered by generated code)."""
    servicer = "import requests\n\nclass Servicer:\n    def GetRate(self, request, context):\n        return requests.get('https://rates')\n"
    assert _timeouts(tmp_path, svc__rates=servicer) == [("svc/rates.py", 5)]
