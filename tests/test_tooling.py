"""Service scope by what a module builds or plugs into: a deployment (an AWS CDK stack) or a developer's
tool (a gitlint rule), when the service does not import it (project/tooling.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, run_on_disk, settings_with

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


# freva-nextgen's `docs/source/auth/dash_auth_example.py` (m33 I255/I256): a Flask/Dash app that the docs
# page includes with `.. literalinclude:: dash_auth_example.py`, showing how a client logs in.
DOCS_EXAMPLE = (
    "import requests\nfrom flask import Flask, session\n\nserver = Flask(__name__)\n\n"
    "@server.route('/callback')\ndef callback():\n    token = requests.post('https://auth/token').json()\n"
    "    session['token'] = token\n    return 'ok'\n"
)
SPHINX_CONF = "project = 'svc'\nextensions = ['sphinx.ext.autodoc']\nhtml_static_path = ['_static']\n"
EXAMPLE_PATH = "docs/source/auth/dash_auth_example.py"


def _docs_run(tmp_path: Path, files: Dict[str, str], launch: Dict[str, str]) -> List[Tuple[str, int]]:
    found = run_on_disk(tmp_path, {"svc/__init__.py": "", "svc/app.py": APP, **files}, ("PRR501",), True,
                        on_disk_only=launch, launch_files=tuple(launch)).findings
    return sorted((f.path, f.span.line) for f in found)


def test_an_example_of_a_sphinx_source_tree_or_an_mkdocs_docs_dir_is_not_the_service(tmp_path: Path) -> None:
    """The folder of a `conf.py` that configures Sphinx, or the `docs_dir` of `mkdocs.yml`, is documentation:
    an app there is an example the pages include, served by nothing the project deploys."""
    sphinx = {"docs/source/conf.py": SPHINX_CONF, EXAMPLE_PATH: DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "sphinx", sphinx, {}) == [("svc/app.py", 8)]
    star = {"docs/conf.py": "from swh.docs.sphinx.conf import *\n", "docs/example.py": DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "star", star, {}) == [("svc/app.py", 8)]
    mkdocs = {"manual/snippets/login.py": DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "mkdocs", mkdocs, {"mkdocs.yml": "site_name: svc\ndocs_dir: 'manual'\n"}) == [("svc/app.py", 8)]


def test_an_example_the_service_imports_or_a_tree_that_is_not_documentation_stays(tmp_path: Path) -> None:
    """A module outside the docs that imports the example runs it; a `conf.py` that sets no Sphinx settings, or only
    words an app's configuration shares with Sphinx (`extensions`, `templates_path`), makes no documentation tree, nor does one at the project root, nor a `docs/` folder
    without `conf.py` or `mkdocs.yml`."""
    reported = [(EXAMPLE_PATH, 8), ("svc/app.py", 8)]
    imported = {"docs/source/conf.py": SPHINX_CONF, EXAMPLE_PATH: DOCS_EXAMPLE, "docs/__init__.py": "", "docs/source/__init__.py": "",
                "docs/source/auth/__init__.py": "", "svc/jobs.py": "from docs.source.auth.dash_auth_example import callback\n"}
    assert _docs_run(tmp_path / "imported", imported, {}) == reported
    app_conf = {"docs/source/conf.py": "TIMEOUT = 3\nextensions = ['auth']\n", EXAMPLE_PATH: DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "conf", app_conf, {}) == reported
    jinja_conf = {"docs/source/conf.py": "extensions = ['jinja2.ext.do']\ntemplates_path = ['templates']\n", EXAMPLE_PATH: DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "jinja", jinja_conf, {}) == reported
    no_docs_build = {EXAMPLE_PATH: DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "plain", no_docs_build, {}) == reported
    at_root = {"conf.py": SPHINX_CONF, "docs/source/auth/dash_auth_example.py": DOCS_EXAMPLE}
    assert _docs_run(tmp_path / "root", at_root, {}) == reported
