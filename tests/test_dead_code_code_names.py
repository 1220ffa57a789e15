"""PRR501's dead code where only code, a label or a comment names a class (project/typed_calls.py
`by_string`, `unbuilt`; dead_code.py `_hooked_classes`).

A class a file holds only as identifiers of its code (`Player = __import__('player_rpc').Player`) is not
loaded by name: the project's own calls run its methods, and one no file calls is dead. A string that is a
label (`"QQ Bot"`) or a shell script's message names no class for a loader, and a commented-out import
builds nothing: a subclass no file imports runs nowhere.
"""

from __future__ import annotations

from pathlib import Path

from _serving import run_on_disk
from prr_lint.word_counts import literal_words

APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n"

PLAYER_RPC = (
    "import requests\n\n\nclass Player:\n    def __init__(self, url):\n        self.url = url\n\n"
    "    def play(self):\n        return requests.post(self.url, json={'method': 'play'})\n\n"
    "    def browse(self, uri):\n        return requests.post(self.url, json={'method': 'browse', 'uri': uri})\n\n"
    "    def albums(self):\n        return self.browse('local:albums')\n"
)
PLAY, BROWSE = ("svc/player/player_rpc.py", 9), ("svc/player/player_rpc.py", 12)


def _player(tmp_path: Path, binding: str) -> set:
    package = (
        "import os\nimport sys\n\nsys.path.append(os.path.dirname(os.path.abspath(__file__)))\n"
        f"{binding}\n\n\ndef start(url):\n    return Player(url).play()\n"
    )
    app = APP + "from svc.player import start\n\n\n@app.route('/play')\ndef play():\n    return str(start('http://localhost:6680'))\n"
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/player/__init__.py": package, "svc/player/player_rpc.py": PLAYER_RPC}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_class_bound_from_a_dynamic_import_keeps_only_the_methods_its_code_calls(tmp_path: Path) -> None:
    """mycroft's Mopidy client: the audio backend binds the class from `__import__('mopidypost')` and calls
    `play`; `browse` and the `get_local_*` helpers over it run only from each other."""
    found = _player(tmp_path, "Player = __import__('player_rpc').Player")
    assert PLAY in found and BROWSE not in found


def test_a_class_a_string_names_may_still_be_loaded_by_name(tmp_path: Path) -> None:
    """`getattr(module, "Player")`: a string hands the name to a lookup, and its public methods may be hooks."""
    found = _player(tmp_path, "Player = getattr(__import__('player_rpc'), 'Player')")
    assert PLAY in found and BROWSE in found


BASE = "class Bot:\n    def reply(self, query):\n        raise NotImplementedError\n"
UNIT = (
    "import requests\nfrom svc.bots.base import Bot\n\n\nclass UnitBot(Bot):\n    def reply(self, query):\n"
    "        return requests.post('https://unit.example.com/chat', data=query).text\n"
)
CHAT = (
    "import requests\nfrom svc.bots.base import Bot\n\n\nclass ChatBot(Bot):\n    def reply(self, query):\n"
    "        return requests.post('https://chat.example.com/v1', json={'q': query}).json()\n"
)
UNIT_POST, CHAT_POST = ("svc/bots/unit.py", 7), ("svc/bots/chat.py", 7)
CHANNELS = ("CHANNELS = [{'label': 'QQ Bot'}, {'label': 'WeCom Bot', 'fields': ['Bot ID']}]\n\n\n"
            "def kinds(base):\n    return base.__subclasses__()\n\n\ndef kinds_of(value):\n    return kinds(type(value))\n")
RUN_SH = "#!/bin/sh\necho \"Configure QQ Bot...\"\npython -m svc.app\n"


def _bots(tmp_path: Path, factory: str, labels: bool = True) -> set:
    app = APP + ("from svc.bots.factory import create\nfrom svc.channels import CHANNELS\n\n\n"
                 "@app.route('/reply')\ndef reply():\n"
                 "    return str(create('unit').reply('hi')) + str(len(CHANNELS))\n")
    channels = CHANNELS if labels else CHANNELS.replace("QQ Bot", "QQ").replace("WeCom Bot", "WeCom").replace("Bot ID", "ID")
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/channels.py": channels, "svc/bots/__init__.py": "",
             "svc/bots/base.py": BASE, "svc/bots/unit.py": UNIT, "svc/bots/chat.py": CHAT, "svc/bots/factory.py": factory}
    shipped = {"run.sh": RUN_SH} if labels else {}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True, on_disk_only=shipped).findings}


CHAT_ONLY = "def create(kind):\n    from svc.bots.chat import ChatBot\n    return ChatBot()\n"
COMMENTED = ("def create(kind):\n    if kind == 'unit':\n        # from svc.bots.unit import UnitBot\n        # return UnitBot()\n"
             "        from svc.bots.chat import ChatBot\n        return ChatBot()\n    raise ValueError(kind)\n")


def test_a_subclass_whose_only_import_is_commented_out_is_dead(tmp_path: Path) -> None:
    """chatgpt-on-wechat's `BaiduUnitBot`: the factory's import of it is a comment, and the labels that
    spell its base's name ('QQ Bot', `echo "Configure QQ Bot..."`) load no `Bot` by name. (A walk of the
    subclasses of a base it cannot tell, `kinds(type(value))`, keeps unregistered.py from judging classes.)"""
    found = _bots(tmp_path, COMMENTED)
    assert CHAT_POST in found and UNIT_POST not in found


def test_a_commented_out_import_alone_builds_nothing(tmp_path: Path) -> None:
    found = _bots(tmp_path, COMMENTED, labels=False)
    assert CHAT_POST in found and UNIT_POST not in found


def test_a_label_of_its_base_name_alone_loads_no_subclass(tmp_path: Path) -> None:
    found = _bots(tmp_path, CHAT_ONLY)
    assert CHAT_POST in found and UNIT_POST not in found


def test_a_subclass_the_factory_imports_runs(tmp_path: Path) -> None:
    factory = ("def create(kind):\n    if kind == 'unit':\n        from svc.bots.unit import UnitBot\n        return UnitBot()\n"
               "    from svc.bots.chat import ChatBot\n    return ChatBot()\n")
    found = _bots(tmp_path, factory)
    assert CHAT_POST in found and UNIT_POST in found


def test_a_label_names_no_class_for_a_loader() -> None:
    words = literal_words("A = 'QQ Bot'\nB = 'svc.bots.base.Bot'\nC = 'name = pkg.mod:Plugin'\nD = Player\n")[1]
    assert {"Bot", "Plugin", "svc", "mod"} <= words and not {"QQ", "name", "Player"} & words


def test_a_docstring_or_a_logging_message_names_no_class_for_a_loader() -> None:
    """However short: a docstring's `"Player"` or structlog's `log.info("Player")` hands no loader a name,
    and a keyword is no class's name; a string of code beside them still does."""
    docstring, message = '"Player"', '"Radio"'
    source = f'def f():\n    {docstring}\n    log.info({message})\n    return "Tuner", "import"\n'
    words = literal_words(source, {docstring: 1, message: 1})[1]
    assert words == {"Tuner"}
