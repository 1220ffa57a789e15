"""Service scope by what a module builds or plugs into: a deployment (an AWS CDK stack) or a developer's
tool (a gitlint rule), when the service does not import it (project/tooling.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, settings_with

APP = (
    "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n"
    "@app.get('/rates')\ndef rates():\n    return requests.get('https://rates').json()\n"
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
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/app.py": APP}
    files.update({path.replace("__", "/") + ".py": source for path, source in extra.items()})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    settings = replace(settings_with(), root=tmp_path)
    found = run(files, select=("PRR501",), settings=settings, whole_project=True).findings
    return sorted((f.path, f.span.line) for f in found)


def test_a_cdk_stack_and_a_gitlint_rule_are_not_the_service(tmp_path: Path) -> None:
    found = _timeouts(tmp_path, cdk__vpc_stack=CDK_STACK, cdk__app="", gitlint__gitlint_emoji=GITLINT_RULE)
    assert found == [("svc/app.py", 8)]


def test_a_module_the_service_imports_is_the_service_whatever_it_uses(tmp_path: Path) -> None:
    app = APP + "from svc import rules\n"
    assert _timeouts(tmp_path, svc__rules=GITLINT_RULE, svc__app=app) == [("svc/app.py", 8), ("svc/rules.py", 8)]
