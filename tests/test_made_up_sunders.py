"""PRR501 and `_sunder_` helpers (called_dunders.py) a subclass overrides (typed_calls.py `names_other`): foi-flow's
workflow client spells its private helpers with underscores at both ends; its base's `_getheaders_` is called by
nothing, and its `_getserviceaccounttoken_`, which only that helper calls, is overridden by the one subclass the
service builds, whose own `self._getserviceaccounttoken_()` runs the override. Library hooks stay live."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

from prr_lint.called_dunders import called_outside_code

_BASE = (
    "import os\n\nimport requests\n\n\nclass CamundaService:\n    token_url = os.getenv('BPM_TOKEN_URL')\n\n"
    "    def _getserviceaccounttoken_(self):\n"
    "        return requests.post(self.token_url, data='grant_type=client_credentials').json()['access_token']\n\n"
    "    def _getheaders_(self, token):\n        if token is None:\n            token = self._getserviceaccounttoken_()\n"
    "        return {'Authorization': 'Bearer ' + token}\n"
)
_BPM = (
    "import requests\n\nfrom workflow.camunda import CamundaService\n\n\nclass BpmService(CamundaService):\n"
    "    def claim(self, task):\n"
    "        return requests.post(self.token_url + '/claim/' + task, headers=self._getHeaders_(None), timeout=5).json()\n\n"
    "    def _getserviceaccounttoken_(self):\n"
    "        return requests.post(self.token_url, data='grant_type=client_credentials').json()['access_token']\n\n"
    "    def _getHeaders_(self, token):\n        if token is None:\n            token = self._getserviceaccounttoken_()\n"
    "        return {'Authorization': 'Bearer ' + token}\n"
)
_APP = (
    "from flask import Flask\n\nfrom workflow.bpm import BpmService\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/claim/<task>')\ndef claim(task):\n    return BpmService().claim(task)\n"
)


def _lines(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"workflow/__init__.py": "", "workflow/app.py": _APP, **files}, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_an_overridden_helper_only_an_uncalled_sunder_helper_calls_is_dead(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"workflow/camunda.py": _BASE, "workflow/bpm.py": _BPM}) == [("workflow/bpm.py", 11)]


def test_the_base_helper_a_subclass_inherits_stays_reported(tmp_path: Path) -> None:
    """A subclass that calls the base's `_getheaders_` and overrides no token helper runs the base's request (its own
    `_service_token` nothing calls)."""
    bpm = _BPM.replace("headers=self._getHeaders_(None)", "headers=self._getheaders_(None)").replace(
        "    def _getserviceaccounttoken_(self):\n", "    def _service_token(self):\n")
    assert _lines(tmp_path, {"workflow/camunda.py": _BASE, "workflow/bpm.py": bpm}) == [("workflow/camunda.py", 10)]


def test_a_super_call_of_the_overridden_helper_keeps_it(tmp_path: Path) -> None:
    bpm = _BPM.replace("    def _getserviceaccounttoken_(self):\n        return requests.post",
                       "    def _getserviceaccounttoken_(self):\n        super()._getserviceaccounttoken_()\n        return requests.post")
    bpm = bpm.replace("headers=self._getHeaders_(None)", "headers=self._getheaders_(None)")
    assert ("workflow/camunda.py", 10) in _lines(tmp_path, {"workflow/camunda.py": _BASE, "workflow/bpm.py": bpm})


def test_the_sunder_hooks_libraries_call() -> None:
    assert all(map(called_outside_code, ("_missing_", "_generate_next_value_", "_repr_html_", "_ipython_display_", "_")))
    assert not any(map(called_outside_code, ("_getheaders_", "_getserviceaccounttoken_", "_getUrl_")))
