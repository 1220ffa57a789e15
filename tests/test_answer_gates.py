"""Code only a person's answer lets run (prr_lint/answer_gates.py, project/answer_gates.py, main_blocks.py
`answered_only`): an `if` body whose test cannot be true unless a terminal question or a desktop dialog returned
is the person's action, not the unattended service's; a branch a flag can take without asking, a helper that
answers yes by itself, or a call made outside the branch stays the service's."""

from __future__ import annotations

from typing import Dict, List

from _serving import run

APP = (
    "from fastapi import FastAPI\n\nfrom svc.engines import ImageEngine\n\napp = FastAPI()\n\n\n"
    "@app.post('/engines/image')\ndef enable_image_engine(local: bool = True):\n    ImageEngine(local)\n    return {'ok': True}\n"
)
# a yes/no helper: a Qt box on the desktop, the terminal when no display answers
DIALOGS = (
    "import sys\n\nfrom PyQt5.QtWidgets import QApplication, QMessageBox\n\n\n"
    "def ask_yes_no(title, text):\n    try:\n        QApplication.instance() or QApplication(sys.argv)\n"
    "        box = QMessageBox()\n        box.setWindowTitle(title)\n        box.setText(text)\n"
    "        box.setStandardButtons(QMessageBox.Yes | QMessageBox.No)\n        return box.exec_() == QMessageBox.Yes\n"
    "    except Exception:\n        return ask_in_terminal(text)\n\n\n"
    "def ask_in_terminal(text):\n    print(text)\n    while True:\n        reply = input('yes or no? ').strip().lower()\n"
    "        if reply in ('yes', 'no'):\n            return reply == 'yes'\n"
)
ENGINES = (
    "import subprocess\n\nimport requests\n\nfrom svc.dialogs import ask_yes_no\n\nWEIGHTS = 'https://models.example/weights.bin'\n\n\n"
    "def fetch_weights(url, target):\n    with requests.get(url, stream=True) as response:\n"
    "        with open(target, 'wb') as out:\n            for chunk in response.iter_content(1 << 16):\n"
    "                out.write(chunk)\n\n\n"
    "def prepare(folder):\n    subprocess.run(['git', 'clone', 'https://git.example/engine.git', folder])\n"
    "    if {test}:\n        fetch_weights(WEIGHTS, folder + '/weights.bin')\n\n\n"
    "class ImageEngine:\n    def __init__(self, local):\n        if local:\n            prepare('/srv/engine')\n"
)


def _timeouts(engines: str, extra: Dict[str, str] = None) -> List[str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/dialogs.py": DIALOGS, "svc/engines.py": engines, **(extra or {})}
    return sorted((finding.path, finding.span.line) for finding in run(files, select=("PRR501",)).findings)


def _engines(test: str) -> str:
    return ENGINES.replace("{test}", test)


def _download(engines: str) -> List[tuple]:
    """The finding the download's `requests.get` makes, where it is."""
    return [("svc/engines.py", engines.splitlines().index("    with requests.get(url, stream=True) as response:") + 1)]


def test_a_download_only_a_yes_to_a_dialog_starts_is_the_persons() -> None:
    """The install step a route runs asks on the desktop (or the terminal) before it downloads the weights:
    unattended, nobody answers, so the download runs only with a person watching."""
    assert _timeouts(_engines("ask_yes_no('Model', 'Download the default weights?')")) == []


def test_terminal_and_click_questions_gate_their_branch_too() -> None:
    typed = _engines("input('Download the weights? ').strip().lower() in ('y', 'yes')")
    assert _timeouts(typed) == []
    clicked = "import click\n" + _engines("click.confirm('Download the weights?') and folder")
    assert _timeouts(clicked) == []


def test_a_branch_a_flag_takes_without_asking_stays_the_services() -> None:
    """`or` lets the setting take the branch with nobody there; so does a helper that says yes by itself."""
    flagged = "import os\n" + _engines("os.environ.get('AUTO_DOWNLOAD') or ask_yes_no('Model', 'Download?')")
    assert _timeouts(flagged) == _download(flagged)
    helper = "def confirmed(text):\n    if sys.stdin.isatty():\n        return input(text) == 'y'\n    return True\n"
    lenient = {"svc/dialogs.py": "import sys\n\n\n" + helper}
    asked = _engines("confirmed('Download?')").replace("ask_yes_no", "confirmed")
    assert _timeouts(asked, lenient) == _download(asked)


def test_a_call_the_service_also_makes_unasked_stays_reported() -> None:
    """The same helper called outside the branch (a periodic refresh) runs unattended."""
    refreshed = _engines("ask_yes_no('Model', 'Download?')") + "\n\ndef refresh():\n    fetch_weights(WEIGHTS, '/srv/engine/weights.bin')\n"
    app = APP + "\n\n@app.post('/engines/refresh')\ndef refresh_weights():\n    from svc.engines import refresh\n    refresh()\n"
    assert _timeouts(refreshed, {"svc/app.py": app}) == _download(refreshed)


def test_a_log_level_test_gates_nothing() -> None:
    """A serving path that only tests the log level before it calls out is no question."""
    logged = "import logging\n\nlogger = logging.getLogger(__name__)\n" + _engines("logger.isEnabledFor(logging.DEBUG)")
    assert _timeouts(logged) == _download(logged)
