"""A call whose arguments cannot bind to its target's signature raises TypeError before the body runs
(project/unbound.py): a Flask view that passes a keyword the helper does not declare, or more positional
arguments than it takes, reaches none of its body, so a deadline-less call only that helper makes is dead
code (PRR501). Where the keywords fit, where the call unpacks `**opts`, where the helper takes `**kwargs` or
`*args`, or where a decorator may change what it takes, it may run and stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk

LISTING = (
    "import ftplib\n\n"
    "def list_remote(uri, flat=False):\n    with ftplib.FTP(uri) as ftp:\n        return ftp.nlst()\n"
)
# the call of `list_remote` in the view
VIEW = (
    "from flask import Flask\nfrom svc.listing import list_remote\n\napp = Flask(__name__)\n\n"
    "@app.get('/content')\ndef content():\n    digest = 'md5'\n    found = CALL\n    return {'found': found}\n"
)
FTP = ("PRR501", "svc/listing.py", 4)


def _found(tmp_path: Path, call: str, extra: Dict[str, str] = None) -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/listing.py": LISTING, "svc/views.py": VIEW.replace("CALL", call), **(extra or {})}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


@pytest.mark.parametrize("call", [
    "list_remote('ftp://mirror/pub', flat=True, checksum=digest)",  # a keyword it does not declare
    "list_remote('ftp://mirror/pub', True, digest)",  # one positional too many
])
def test_a_call_that_cannot_bind_runs_nothing(tmp_path: Path, call: str) -> None:
    assert _found(tmp_path, call) == []


@pytest.mark.parametrize("call", [
    "list_remote('ftp://mirror/pub', flat=True)",
    "list_remote('ftp://mirror/pub', True)",
    "list_remote(uri='ftp://mirror/pub')",
    "list_remote('ftp://mirror/pub', **{'checksum': digest})",  # what the mapping holds is not followed
])
def test_a_call_that_may_bind_runs(tmp_path: Path, call: str) -> None:
    assert _found(tmp_path, call) == [FTP]


def test_another_call_of_the_view_that_binds_runs_it(tmp_path: Path) -> None:
    call = "list_remote('ftp://a', checksum=digest) or list_remote('ftp://b')"
    assert _found(tmp_path, call) == [FTP]


@pytest.mark.parametrize("signature", ["def list_remote(uri, flat=False, **options):", "def list_remote(uri, *rest, flat=False):"])
def test_a_target_that_takes_any_keyword_or_positional_runs(tmp_path: Path, signature: str) -> None:
    listing = LISTING.replace("def list_remote(uri, flat=False):", signature)
    call = "list_remote('ftp://mirror/pub', True, digest)" if "*rest" in signature else \
        "list_remote('ftp://mirror/pub', checksum=digest)"
    assert _found(tmp_path, call, {"svc/listing.py": listing}) == [FTP]


def test_a_decorator_may_take_other_arguments(tmp_path: Path) -> None:
    """A project decorator whose wrapper takes what it likes and calls the function otherwise."""
    listing = (
        "import ftplib\nimport functools\n\n"
        "def checked(func):\n    @functools.wraps(func)\n    def inner(uri, checksum=None, **rest):\n"
        "        return func(uri, **rest)\n    return inner\n\n"
        "@checked\ndef list_remote(uri, flat=False):\n    with ftplib.FTP(uri) as ftp:\n        return ftp.nlst()\n"
    )
    found = _found(tmp_path, "list_remote('ftp://mirror/pub', checksum=digest)", {"svc/listing.py": listing})
    assert found == [("PRR501", "svc/listing.py", 12)]


ALERTERS = (
    "import requests\n\n"
    "class HookAlerter:\n    def notify(self):\n        requests.post('https://hooks/alert', json={})\n\n"
    "class ChatAlerter:\n    def notify(self, start=None, end=None):\n        requests.post('https://chat/alert', json={})\n"
)
ALERT_VIEW = (
    "from flask import Flask\nfrom svc.alerting import ChatAlerter, HookAlerter\n\napp = Flask(__name__)\n"
    "app.extensions['alerters'] = [HookAlerter(), ChatAlerter()]\n\n"
    "@app.post('/alerts')\ndef alerts():\n    for alerter in app.extensions['alerters']:\n"
    "        alerter.notify(start=1, end=2)\n    return 'ok'\n"
)


def test_a_method_by_name_runs_only_where_the_call_fits(tmp_path: Path) -> None:
    """A call on a receiver of no known type may run either class's `notify`; only the one whose
    signature takes `start=`/`end=` can run (`self` is the receiver's)."""
    files = {"svc/alerting.py": ALERTERS, "svc/views.py": ALERT_VIEW}
    found = _found(tmp_path, "None", files)
    assert found == [("PRR501", "svc/alerting.py", 9)]
    bare = {**files, "svc/views.py": ALERT_VIEW.replace("alerter.notify(start=1, end=2)", "alerter.notify()")}
    assert _found(tmp_path, "None", bare) == [("PRR501", "svc/alerting.py", 5), ("PRR501", "svc/alerting.py", 9)]
