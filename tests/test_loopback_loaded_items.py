"""PRR501 and a host read by one key from a mapping a loader fills from a shipped JSON file (config_paths.item_key,
project/config_paths.py): a scanner wrapper keeps its settings in a module global through the module's own object
(`this = sys.modules[__name__]`), loads them from `HERE + "/probe.json"`, which the tree ships as `probe.json.sample`
(the image copies it into place), and calls the back end at `this.conf["backend_url"]`. The back end is this host when
the sample gives the key a loopback address; a sibling program's own sample says nothing of it. The call stays reported
when the sample names another host, no shipped file gives the key, a file no loader reads points it elsewhere, or the
module stores the key itself."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_WRAPPER = (
    "import json\nimport os\nimport sys\n\nimport requests\nfrom flask import Flask, jsonify\n\n"
    "app = Flask(__name__)\nHERE = os.path.dirname(os.path.abspath(__file__))\nthis = sys.modules[__name__]\nthis.conf = {{}}\n\n\n"
    "def read_settings():\n    settings_path = HERE + '/{name}.json'\n    if not os.path.exists(settings_path):\n"
    "        return\n    with open(settings_path) as handle:\n        this.conf = json.load(handle)\n    this.conf['state'] = 'ready'\n\n\n"
    "@app.route('/jobs')\ndef jobs():\n    listing = requests.get(str(this.conf['backend_url']) + '/jobs', auth=('u', 'p'))\n"
    "    return jsonify(listing.json())\n\n\nread_settings()\n"
)
_CALL_LINE = 25


def _wrapper(name: str = "probe", extra: str = "") -> str:
    return _WRAPPER.format(name=name) + extra


def _sample(host: str) -> str:
    return '{"title": "probe", "backend_url": "%s", "workers": 4}\n' % host


def _files(**wrappers: str) -> Dict[str, str]:
    return {f"engines/{name}/{name}_engine.py": text for name, text in wrappers.items()}


def _shipped(**samples: str) -> Dict[str, str]:
    shipped = {f"engines/{name}/{name}.json.sample": text for name, text in samples.items()}
    for name in samples:
        shipped[f"engines/{name}/Dockerfile"] = (f"FROM python:3.12\nCOPY {name}.json.sample {name}.json\n"
                                               f"CMD [\"gunicorn\", \"{name}_engine:app\"]\n")
    return shipped


def test_a_key_the_loaded_sample_gives_a_loopback_address_is_left_alone(tmp_path: Path) -> None:
    """The shape of Patrowl's arachni engine: the REST server it spawns beside itself, on localhost."""
    assert shipped_findings(tmp_path, _files(probe=_wrapper()), _shipped(probe=_sample("http://localhost:7331"))) == []


def test_a_sibling_programs_sample_decides_only_its_own_call(tmp_path: Path) -> None:
    """A sibling wrapper reading its own `relay.json` at a remote API keeps its call, and does not spoil this one."""
    files = _files(probe=_wrapper(), relay=_wrapper("relay"))
    shipped = _shipped(probe=_sample("http://127.0.0.1:7331"), relay=_sample("http://172.17.0.1:9001"))
    assert shipped_findings(tmp_path, files, shipped) == [("engines/relay/relay_engine.py", _CALL_LINE)]


def test_the_sample_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(probe=_wrapper()), _shipped(probe=_sample("https://scanner.internal:7331"))) \
        == [("engines/probe/probe_engine.py", _CALL_LINE)]


def test_a_key_no_shipped_file_gives_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(probe=_wrapper()), _shipped(probe='{"title": "probe"}\n')) \
        == [("engines/probe/probe_engine.py", _CALL_LINE)]


def test_a_loader_whose_file_is_not_shipped_keeps_the_call(tmp_path: Path) -> None:
    """No sample of `probe.json`: the installation writes it, and may point it anywhere."""
    assert shipped_findings(tmp_path, _files(probe=_wrapper()), {"engines/probe/Dockerfile": "FROM python:3.12\n"}) \
        == [("engines/probe/probe_engine.py", _CALL_LINE)]


def test_a_file_no_loader_reads_pointing_the_key_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_shipped(probe=_sample("http://localhost:7331")), "deploy/probe-prod.json": '{"backend_url": "http://scanner:7331"}\n'}
    assert shipped_findings(tmp_path, _files(probe=_wrapper()), shipped) == [("engines/probe/probe_engine.py", _CALL_LINE)]


def test_a_key_the_module_stores_itself_keeps_the_call(tmp_path: Path) -> None:
    """The route may overwrite the loaded address with what a request asks for."""
    extra = "\n\n@app.route('/target')\ndef target():\n    this.conf['backend_url'] = flask.request.args['url']\n    return 'ok'\n"
    text = "import flask\n" + _wrapper(extra=extra)
    assert shipped_findings(tmp_path, _files(probe=text), _shipped(probe=_sample("http://localhost:7331"))) \
        == [("engines/probe/probe_engine.py", _CALL_LINE + 1)]


def test_a_mapping_bound_to_a_remote_answer_keeps_the_call(tmp_path: Path) -> None:
    """The module's global is also set from a remote answer: not the file's alone."""
    extra = "\n\ndef refresh():\n    this.conf = requests.get('https://settings.example/probe', timeout=5).json()\n"
    assert shipped_findings(tmp_path, _files(probe=_wrapper(extra=extra)), _shipped(probe=_sample("http://localhost:7331"))) \
        == [("engines/probe/probe_engine.py", _CALL_LINE)]


def test_a_local_mapping_read_by_one_key_is_left_alone(tmp_path: Path) -> None:
    """The same shape with a plain local: the loader's result read where it is loaded."""
    text = ("import json\nimport os\n\nimport requests\n\nHERE = os.path.dirname(__file__)\n\n\ndef run():\n"
            "    with open(os.path.join(HERE, 'probe.json')) as handle:\n        conf = json.load(handle)\n"
            "    return requests.get(conf['backend_url'] + '/jobs').json()\n\n\nif __name__ == '__main__':\n    run()\n")
    assert shipped_findings(tmp_path, _files(probe=text), _shipped(probe=_sample("http://localhost:7331"))) == []
    assert shipped_findings(tmp_path, _files(probe=text), _shipped(probe=_sample("http://scanner:7331"))) \
        == [("engines/probe/probe_engine.py", 12)]
