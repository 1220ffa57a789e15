"""PRR501 on sessions typed only by an annotation naming `requests.Session` (rules/annotated_sessions.py,
project/annotated_sessions.py): a parameter `session: Session` or an attribute stored from one holds one of
the sessions the service makes, so it is bounded when all of them are of a project subclass that fills in
a missing timeout, across modules too."""

from __future__ import annotations

from typing import Dict, List, Tuple

from conftest import lint_sources

_SESSION = (
    "from requests import Session\n\n\nclass ApiSession(Session):\n    def __init__(self, config):\n"
    "        super().__init__()\n        self.config = config\n\n    def request(self, method, url, **kwargs):\n"
    "{fill}        return super().request(method, url, **kwargs)\n"
)
_FILLS = "        if 'timeout' not in kwargs and self.config.http_timeout is not None:\n            kwargs['timeout'] = self.config.http_timeout\n"
_SERVICES = (
    "from requests import Session\n\n\ndef fetch_blob(session: Session, url):\n    return session.get(url, stream=True)\n\n\n"
    "class Albums:\n    def __init__(self, endpoint, session: Session):\n        self.endpoint = endpoint\n        self.session = session\n\n"
    "    def names(self):\n        return self.session.post(self.endpoint + '/albums', json={})\n"
)
_ACCOUNT = (
    "from svc.client import ApiSession\nfrom svc.services import Albums, fetch_blob\n\n\nclass Account:\n"
    "    def __init__(self, config):\n        self.session: ApiSession = ApiSession(config)\n"
    "        self.albums = Albums(config.endpoint, self.session)\n\n    def download(self, url):\n"
    "        return fetch_blob(self.session, url)\n"
)
_CLEANUP = (
    "from svc.services import Albums\n\n\ndef purge(albums: Albums, url):\n"
    "    albums.session.post(url, json={})\n"
)


def _files(fill: str = _FILLS, **more: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/client.py": _SESSION.replace("{fill}", fill), "svc/services.py": _SERVICES,
             "svc/account.py": _ACCOUNT, "svc/cleanup.py": _CLEANUP}
    files.update(more)
    return files


def _found(files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings)


_ALL = [("svc/cleanup.py", 5), ("svc/services.py", 5), ("svc/services.py", 14)]


def test_parameters_and_attributes_annotated_session_hold_the_filling_subclass_the_service_builds() -> None:
    assert _found(_files()) == []


def test_a_plain_session_a_test_builds_changes_nothing() -> None:
    test = "import requests\nfrom svc.services import fetch_blob\n\n\ndef test_blob():\n    fetch_blob(requests.Session(), 'https://x')\n"
    assert _found(_files(**{"tests/test_blob.py": test})) == []


def test_a_plain_session_built_in_service_code_keeps_them() -> None:
    probe = "import requests\n\n\ndef health(url):\n    return requests.session().get(url, timeout=5)\n"
    assert _found(_files(**{"svc/health.py": probe})) == _ALL


def test_a_subclass_that_fills_in_no_timeout_keeps_them() -> None:
    assert _found(_files(fill="        self.config.log.debug('%s %s', method, url)\n")) == _ALL


def test_a_session_from_a_library_handed_to_the_parameter_keeps_them() -> None:
    cached = "import cachelib\nfrom svc.services import fetch_blob\n\n\ndef cached(url):\n    return fetch_blob(cachelib.cached_session(), url)\n"
    assert _found(_files(**{"svc/cached.py": cached})) == _ALL


def test_a_library_session_bound_under_the_annotation_stays_reported() -> None:
    local = "import cachelib\nfrom requests import Session\n\n\ndef cached(url):\n    session: Session = cachelib.cached_session()\n    return session.get(url)\n"
    assert _found(_files(**{"svc/cached.py": local})) == [("svc/cached.py", 7)]


def test_no_session_subclass_built_leaves_the_annotation_telling_nothing() -> None:
    account = _ACCOUNT.replace("ApiSession(config)", "config.session")
    assert _found(_files(**{"svc/account.py": account})) == _ALL
