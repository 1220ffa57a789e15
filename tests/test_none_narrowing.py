"""A deadline parameter narrowed away from None across modules (rules/none_cases.py): pyca's `utils.http_request`
sets pycurl's TIMEOUT to the caller's timeout when one is given and to a setting otherwise, so its callers in another
module that give none are no PRR501 findings; the same helper whose None branch sets no TIMEOUT keeps them."""

from __future__ import annotations

from conftest import lint_sources

_UTILS = (
    "import pycurl\nfrom pyca.config import config\n\n"
    "def http_request(url, post_data=None, timeout=None):\n    curl = pycurl.Curl()\n    curl.setopt(curl.URL, url)\n"
    "    if post_data:\n        curl.setopt(curl.HTTPPOST, post_data)\n"
    "    if timeout is not None:\n        curl.setopt(curl.TIMEOUT, timeout)\n    else:\n{none_case}\n"
    "    curl.perform()\n    curl.close()\n"
)
_CONFIG = "SETTINGS = {'http': {'timeout': 300}}\n\ndef config(section, key):\n    return SETTINGS[section][key]\n"
_SCHEDULE = (
    "from pyca.utils import http_request\n\n"
    "def get_schedule():\n    return http_request('https://opencast.example/recordings/calendars')\n\n"
    "def ingest(files):\n    return http_request('https://opencast.example/ingest', files, timeout=3600)\n"
)


def _found(none_case: str):
    files = {"pyca/__init__.py": "", "pyca/config.py": _CONFIG, "pyca/utils.py": _UTILS.format(none_case=none_case),
             "pyca/schedule.py": _SCHEDULE}
    return [(f.rule, f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_a_setting_in_the_none_branch_is_the_deadline_callers_get() -> None:
    assert _found("        curl.setopt(curl.TIMEOUT, config('http', 'timeout'))") == []


def test_a_none_branch_without_a_deadline_keeps_the_callers_findings() -> None:
    reported = [("PRR501", "pyca/schedule.py", 4)]
    assert _found("        curl.setopt(curl.CONNECTTIMEOUT, 10)") == reported
    assert _found("        curl.setopt(curl.TIMEOUT, None)") == reported
    assert _found("        curl.setopt(curl.TIMEOUT, timeout)") == reported
