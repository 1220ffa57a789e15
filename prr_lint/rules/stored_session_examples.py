"""PRR501's examples of clients that code outside a class stores on it by name (`Uploader.session =
requests.Session()` at start-up, the class declaring `session = None`): typed across modules by the project
phase (project/attribute_types.py). Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

_UPLOADER = (
    "import requests\n\nclass Uploader:\n    session = None\n\n    def push(self, url, body):\n"
    "        return self.session.put(url, json=body){expect}\n\n"
)

VALID = (
    # the start-up code mounts a timeout-setting adapter on the session before it stores it on the class
    Example(
        "from requests.adapters import HTTPAdapter\n" + _UPLOADER.format(expect="") +
        "class TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n"
        "        kwargs.setdefault('timeout', 5)\n        return super().send(request, **kwargs)\n\n"
        "def start():\n    session = requests.Session()\n    session.mount('https://', TimeoutAdapter())\n"
        "    Uploader.session = session\n"
    ),
    # another store gives the attribute something nothing tells: it may replace the session
    Example(
        _UPLOADER.format(expect="") +
        "def start(settings):\n    Uploader.session = requests.Session()\n\n"
        "def reconfigure(client):\n    Uploader.session = client\n"
    ),
)

INVALID = (
    # a plain session stored on the class by a start-up function: every request through it may hang
    Example(
        _UPLOADER.format(expect="  # expect: PRR501") +
        "def start():\n    Uploader.session = requests.Session()\n"
    ),
    # a classmethod stores it through `cls`, another puts the `None` placeholder back
    Example(
        "import requests\n\nclass Uploader:\n    session = None\n\n    @classmethod\n    def open(cls):\n"
        "        cls.session = requests.Session()\n\n    @classmethod\n    def close(cls):\n        cls.session = None\n\n"
        "    def push(self, url, body):\n        return self.session.put(url, json=body)  # expect: PRR501\n"
    ),
)
