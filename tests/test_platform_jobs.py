"""PRR501 and plug-in job platforms (prr_lint/job_platforms.py, project/platform_jobs.py): Cortex kills an
analyzer's or responder's process past its job timeout, the Shuffle SDK stops waiting for an app's action
after its limit, so what only their job classes run is bounded; a class on another base, code a served
route also reaches, and a Shuffle app's constructor stay reported. The helpers sit beside the program in a
folder that is no package, imported by bare name (project/index.py)."""

from __future__ import annotations

from typing import Dict

import pytest

from _serving import all_scope_lines

_API = "import requests\n\n\ndef lookup(ip):\n    return requests.get('https://geo.example.org/' + ip).json()\n"
_ANALYZER = (
    "#!/usr/bin/env python3\nfrom cortexutils.analyzer import Analyzer\nfrom geo_api import lookup\n\n\n"
    "class GeoAnalyzer(Analyzer):\n    def run(self):\n        self.report(lookup(self.get_data()))\n\n\n"
    "if __name__ == '__main__':\n    GeoAnalyzer().run()\n"
)
_CORTEX = {"analyzers/Geo/geo_api.py": _API, "analyzers/Geo/geo.py": _ANALYZER}
_API_CALL = ("analyzers/Geo/geo_api.py", 5)

_SDK_IMPORT = "from walkoff_app_sdk.app_base import AppBase"
_APP = (
    "import requests\n" + _SDK_IMPORT + "\nfrom chat_api import post_card\n\n\nclass Chat(AppBase):\n"
    "    def __init__(self, redis, logger, console_logger=None):\n"
    "        self.token = requests.get('https://vault.example.org/token').text\n"
    "        super().__init__(redis, logger, console_logger)\n\n"
    "    def send_card(self, webhook, card):\n        return post_card(webhook, card)\n\n\n"
    "if __name__ == '__main__':\n    Chat.run()\n"
)
_CARD = "import requests\n\n\ndef post_card(webhook, card):\n    return requests.post(webhook, json=card).text\n"
_SHUFFLE = {"chat/1.0.0/src/app.py": _APP, "chat/1.0.0/src/chat_api.py": _CARD}
_CONSTRUCTOR_CALL = ("chat/1.0.0/src/app.py", 8)
_CARD_CALL = ("chat/1.0.0/src/chat_api.py", 5)


@pytest.mark.parametrize("files", [
    _CORTEX,
    # a responder, through a project base class
    {"responders/Geo/geo_api.py": _API,
     "responders/Geo/base.py": "from cortexutils.responder import Responder\n\n\nclass Base(Responder):\n    pass\n",
     "responders/Geo/geo.py": _ANALYZER.replace("from cortexutils.analyzer import Analyzer", "from base import Base")
     .replace("(Analyzer)", "(Base)")},
    # the program's `main()` builds the analyzer: Cortex kills the whole process
    {**_CORTEX, "analyzers/Geo/geo.py": _ANALYZER.replace("    GeoAnalyzer().run()\n", "    main()\n")
     .replace("\n\nif __name__", "\n\ndef main():\n    GeoAnalyzer().run()\n\n\nif __name__")},
])
def test_a_call_only_a_cortex_job_runs_is_bounded(files: Dict[str, str]) -> None:
    assert all_scope_lines(files) == []


@pytest.mark.parametrize("files", [
    # a base of the same name from another package: no platform runs the class
    {**_CORTEX, "analyzers/Geo/geo.py": _ANALYZER.replace("cortexutils.analyzer", "analyzers_kit.base")},
    # a served route of the same program also calls the helper: the request has no job timeout
    {**_CORTEX, "analyzers/Geo/web.py": (
        "from flask import Flask\nfrom geo_api import lookup\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/geo/<ip>')\ndef geo(ip):\n    return lookup(ip)\n")},
])
def test_a_call_no_platform_job_alone_runs_stays_reported(files: Dict[str, str]) -> None:
    assert _API_CALL in all_scope_lines(files)


def test_two_program_folders_with_one_module_name_resolve_neither() -> None:
    """Which `geo_api` a bare import finds depends on the program run: no call edge, nothing bounded."""
    other = {"analyzers/Other/geo_api.py": _API, "analyzers/Other/other.py": _ANALYZER.replace("GeoAnalyzer", "OtherAnalyzer")}
    assert all_scope_lines({**_CORTEX, **other}) == [_API_CALL, ("analyzers/Other/geo_api.py", 5)]


@pytest.mark.parametrize("sdk", [_SDK_IMPORT, "from shuffle_sdk import AppBase"])
def test_a_shuffle_action_is_bounded_and_its_constructor_is_not(sdk: str) -> None:
    """The SDK limits each action it calls; it builds the app outside that limit."""
    assert all_scope_lines({**_SHUFFLE, "chat/1.0.0/src/app.py": _APP.replace(_SDK_IMPORT, sdk)}) == [_CONSTRUCTOR_CALL]


def test_an_app_on_another_base_stays_reported() -> None:
    files = {**_SHUFFLE, "chat/1.0.0/src/app.py": _APP.replace(_SDK_IMPORT, "from chatops.apps import AppBase")}
    assert all_scope_lines(files) == [_CONSTRUCTOR_CALL, _CARD_CALL]
