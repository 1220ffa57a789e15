"""PRR501's documented examples of plug-in job platforms (prr_lint/job_platforms.py, project/platform_jobs.py),
apart from timeout_examples.py to keep each module short."""

from __future__ import annotations

from prr_lint.rules.base import Example

_ANALYZER = (
    "import requests\nfrom cortexutils.analyzer import Analyzer\n{flask}\n"
    "def lookup(ip):\n    return requests.get('https://geo.example.org/' + ip).json(){expect}\n\n"
    "class GeoAnalyzer(Analyzer):\n    def run(self):\n        self.report(lookup(self.get_data()))\n{route}\n"
    "if __name__ == '__main__':\n    GeoAnalyzer().run()\n"
)
_APP = (
    "import requests\n{sdk}\n\nclass Chat(AppBase):\n    app_name = 'chat'\n\n"
    "    def send_message(self, webhook, text):\n        return requests.post(webhook, json={{'text': text}}).text{expect}\n"
)
_ROUTE = "\n@app.route('/geo/<ip>')\ndef geo(ip):\n    return lookup(ip)\n"

VALID = (
    # a helper only a Cortex analyzer runs: Cortex kills the analyzer's process past its job timeout (30 min by default)
    Example(_ANALYZER.format(flask="", expect="", route="")),
    # a Shuffle app's action: the SDK stops waiting for it after SHUFFLE_APP_SDK_TIMEOUT (30 s by default)
    Example(_APP.format(sdk="from walkoff_app_sdk.app_base import AppBase", expect="")),
)
INVALID = (
    # the analyzer's helper that a Flask route of the same program also calls: the request has no job timeout
    Example(_ANALYZER.format(flask="from flask import Flask\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n",
                             expect="  # expect: PRR501", route=_ROUTE)),
    # the same app on the project's own `AppBase`, not the SDK's: no platform limits its actions
    Example(_APP.format(sdk="import sys\n\nclass AppBase:\n    @classmethod\n    def run(cls):\n"
                            "        getattr(cls(), sys.argv[1])(*sys.argv[2:])", expect="  # expect: PRR501")),
)
