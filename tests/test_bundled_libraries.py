"""The `serving` scope on a library the service bundles in its own tree (project/bundled.py): a top-level package
that takes over the import name of a distribution the project declares, stamps a `__version__` and reaches
nothing of the service, while the service imports it (iRedAdmin's `web/`, web.py itself)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, settings_with

VIEWS = (
    "import smtplib\nimport web\n\nurls = ('/send', 'Send')\n\n"
    "class Send:\n    def POST(self):\n        web.sendmail('a@b', 'c@d', 'hi', 'body')\n"
    "        return smtplib.SMTP('mail.example')\n\napp = web.application(urls, globals())\n"
)
SERVICE = {"controllers/__init__.py": "", "controllers/mail.py": VIEWS}
WEB = {
    "web/__init__.py": "from .utils import *\n\n__version__ = '0.70'\n__author__ = ['Aaron Swartz']\n",
    "web/utils.py": "import smtplib\n\ndef sendmail(from_address, to_address, subject, message):\n"
                    "    server = smtplib.SMTP('mail.example')\n    server.sendmail(from_address, to_address, message)\n",
}
OWN = ("controllers/mail.py", 9)  # the service's own call without a timeout, kept whatever the copy
COPY = ("web/utils.py", 4)


def _found(tmp_path: Path, files: Dict[str, str], requirements: str = "web.py>=0.61\n", scope: str = "serving") -> List[Tuple[str, int]]:
    on_disk = {"requirements.txt": requirements} if requirements else {}
    for name, text in {**files, **on_disk}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    settings = replace(settings_with(), root=tmp_path, scope=scope)
    return sorted((f.path, f.span.line) for f in run(files, select=("PRR501",), settings=settings, whole_project=True).findings)


def test_a_copy_of_a_declared_dependency_under_its_import_name_is_not_the_service(tmp_path: Path) -> None:
    assert _found(tmp_path, {**SERVICE, **WEB}) == [OWN]


def test_scope_all_reports_the_copy_again(tmp_path: Path) -> None:
    assert _found(tmp_path, {**SERVICE, **WEB}, scope="all") == [OWN, COPY]


def test_a_package_the_project_declares_no_distribution_for_is_the_services(tmp_path: Path) -> None:
    assert _found(tmp_path, {**SERVICE, **WEB}, requirements="jinja2\n") == [OWN, COPY]


def test_a_package_of_that_name_that_imports_the_services_code_is_the_services(tmp_path: Path) -> None:
    """live-source-manager's own admin app lives in `web/` and imports the service's `app` package."""
    files = {**SERVICE, **WEB, "app/__init__.py": "", "app/config.py": "ADMIN = 'a@b'\n"}
    files["web/utils.py"] = WEB["web/utils.py"].replace("    server = ", "    from app.config import ADMIN\n    server = ") \
        .replace("(from_address, to_address", "(ADMIN, to_address")
    assert _found(tmp_path, files) == [OWN, ("web/utils.py", 5)]


def test_a_package_without_a_release_stamp_is_the_services(tmp_path: Path) -> None:
    files = {**SERVICE, **WEB, "web/__init__.py": "from .utils import *\n# no __version__ here\n"}
    assert _found(tmp_path, files) == [OWN, COPY]


def test_a_copy_nothing_of_the_project_uses_is_kept(tmp_path: Path) -> None:
    files = {**SERVICE, **WEB, "controllers/mail.py": VIEWS.replace("import web\n", "").replace("web.sendmail('a@b', 'c@d', 'hi', 'body')", "pass")
             .replace("app = web.application(urls, globals())\n", "")}
    assert _found(tmp_path, files) == [("controllers/mail.py", 8), COPY]


def test_copies_that_import_each_other_and_a_single_file_copy_are_copies(tmp_path: Path) -> None:
    """SIP's cheroot copy imports its copy of more_itertools; six bundled as `six.py`."""
    files = {
        **SERVICE, **WEB,
        "web/utils.py": "import smtplib\nimport six\nfrom more_itertools import first\n\n"
                        "def sendmail(from_address, to_address, subject, message):\n"
                        "    server = smtplib.SMTP(first(['mail.example']))\n    server.sendmail(from_address, to_address, message)\n",
        "more_itertools/__init__.py": "__version__ = '8.13.0'\n\ndef first(items):\n    return items[0]\n",
        "six.py": "import smtplib\n\n__version__ = '1.16.0'\n\ndef connect():\n    return smtplib.SMTP('mail.example')\n",
    }
    assert _found(tmp_path, files, requirements="web.py\nmore-itertools\nsix\n") == [OWN]
    assert _found(tmp_path, files, requirements="web.py\nsix\n") == [OWN, ("web/utils.py", 6)]
