"""PRR501 and a bare environment read a guard only tests for truth (rules/truth_reads.py): `if os.getenv("X"):`,
or a local name bound once to the read and only tested (`enabled = os.getenv("X", None)`, then `if enabled:`), is
a switch off while X is unset, so the call it guards, or reaches, is not reported when the deployment files leave X
unset or blank; a file that sets it, no deployment file at all, or a name also used as a value keeps the finding."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_RECALL = (
    "import logging\nimport os\n\nimport requests\nfrom flask import Flask\n\napp = Flask(__name__)\n"
    "log = logging.getLogger(__name__)\n\n\n@app.route('/recall')\ndef view():\n    return {'found': recall('q')}\n\n\n"
    "def fetch(url):\n    return requests.post(url, json={}).json()\n\n\n"
    "def recall(query):\n    SOP_STORE_ENABLE = os.getenv('SOP_STORE_ENABLE', None)\n    if SOP_STORE_ENABLE:\n"
    "        found = fetch(os.environ['STORE_URL'])\n    else:\n        log.warning('no store: the built-in list')\n"
    "        found = [{'name': 'default'}]\n    return found\n\n\n"
    "def direct(query):\n    if os.environ.get('MIRROR_ENABLE'):\n"
    "        requests.post('https://mirror.example.com/q', json=query)\n"
)
_ENV = "OPENAI_API_KEY=<your api key>\nSEARCH_TIMEOUT=10\n"


def _files(source: str = _RECALL) -> dict:
    return {"svc/__init__.py": "", "svc/recall.py": source}


def test_a_bare_read_only_tested_that_the_env_file_leaves_unset_switches_its_calls_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {".env_template": _ENV}) == []


def test_an_env_file_that_sets_the_variable_keeps_the_calls(tmp_path: Path) -> None:
    shipped = {".env_template": _ENV + "SOP_STORE_ENABLE=true\nMIRROR_ENABLE=1\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("svc/recall.py", 17), ("svc/recall.py", 32)]


def test_without_deployment_files_a_bare_read_tells_nothing(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == [("svc/recall.py", 17), ("svc/recall.py", 32)]


def test_a_read_also_used_as_a_value_is_an_address_not_a_switch(tmp_path: Path) -> None:
    source = (
        "import os\n\nimport requests\n\n\ndef push(event):\n    hook = os.getenv('HOOK_URL')\n    if hook:\n"
        "        requests.post(hook, json=event)\n"
    )
    assert shipped_findings(tmp_path, _files(source), {".env_template": _ENV}) == [("svc/recall.py", 9)]
