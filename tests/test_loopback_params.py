"""PRR501 and a loopback host that reaches a call through a parameter or a command-line option
(socket_targets.parameter_through, project/param_switches.py `loopback`, project/switches.py `loopback`):

- a plain function's or a method's parameter, with or without a default, that every caller the project shows
  gives a loopback address (`jobs(host="http://localhost", port="3000")`), the function called from nowhere else:
  the code fixes the value, whatever the deployment ships;
- an argparse option whose default is a loopback URL (`add_argument("--SPEECH_SERVER", default=
  "http://127.0.0.1:9880")`), its parsed namespace handed to plug-ins that keep it as `self.opt` and pass
  `self.opt.SPEECH_SERVER` on to the method that calls the server. The attribute is read as the configuration key
  its name spells: every value the project gives that key (the option's default among them) and every value the
  shipped and launch files give it (a blank in the configuration file names no host) must be loopback.

Each is kept when a caller passes another host or a value the code does not show, when the function may be called
from code the project does not show, and when a launch file passes the option another host."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_JOBS = (
    "import requests\n\n\nclass Dashboard:\n    def scheduled(self, host, port=3000):\n"
    "        url = f'{host}:{port}/graphql'\n        return requests.post(url, json={'query': '{ jobs }'}).json()\n\n"
    "    def batches(self):\n        return [job['name'] for job in self.scheduled(HOST)]\n"
)
_DOCKERFILE = 'FROM python:3.11\nCOPY . /app\nCMD ["python3", "app.py"]\n'


def _dashboard(host: str, extra: str = "") -> Dict[str, str]:
    return {"dash/__init__.py": "", "dash/board.py": f"HOST = {host}\n" + _JOBS.replace("self.scheduled(HOST)", f"self.scheduled({host})") + extra}


def test_a_method_every_caller_gives_a_loopback_url_is_left_alone(tmp_path: Path) -> None:
    """No deployment file: the code itself fixes the host (a literal at the one call)."""
    assert shipped_findings(tmp_path, _dashboard("'http://localhost'"), {}) == []


def test_a_caller_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _dashboard("'http://scheduler.internal'"), {}) == [("dash/board.py", 8)]


def test_a_caller_passing_a_computed_value_keeps_the_call(tmp_path: Path) -> None:
    files = _dashboard("'http://localhost'")
    files["dash/board.py"] = files["dash/board.py"].replace("self.scheduled('http://localhost')", "self.scheduled(self.host)")
    assert shipped_findings(tmp_path, files, {}) == [("dash/board.py", 8)]


def test_a_function_code_the_project_does_not_show_may_call_keeps_the_call(tmp_path: Path) -> None:
    """Exported by name: another package may pass any host."""
    files = {"dash/__init__.py": "", "dash/jobs.py": (
        "import requests\n\n__all__ = ['scheduled']\n\n\ndef scheduled(host, port=3000):\n"
        "    return requests.post(f'{host}:{port}/graphql').json()\n\n\ndef batches():\n    return scheduled('http://localhost')\n")}
    assert shipped_findings(tmp_path, files, {}) == [("dash/jobs.py", 7)]


_CONFIG = (
    "import argparse\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--voice', type=str, default='alloy')\n"
    "    parser.add_argument('--SPEECH_SERVER', type=str, default={default})\n    return parser.parse_args()\n"
)
_PLUGIN = (
    "import requests\n\n\nclass RemoteSpeech:\n    def __init__(self, opt):\n        self.opt = opt\n\n"
    "    def speak(self, text):\n        return self.synthesize(text, self.opt.voice, self.opt.SPEECH_SERVER)\n\n"
    "    def synthesize(self, text, voice, server_url):\n"
    "        return requests.post(f'{server_url}/tts', json={'text': text, 'voice': voice}).content\n"
)
_APP = (
    "from speech.config import parse_args\nfrom speech.plugin import RemoteSpeech\n\n\ndef main():\n"
    "    opt = parse_args()\n    RemoteSpeech(opt).speak('ready')\n\n\nif __name__ == '__main__':\n    main()\n"
)


def _speech(default: str = "'http://127.0.0.1:9880'", extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"speech/__init__.py": "", "speech/config.py": _CONFIG.format(default=default), "speech/plugin.py": _PLUGIN,
            "app.py": _APP, **extra}


def test_an_argparse_option_defaulting_to_loopback_is_left_alone(tmp_path: Path) -> None:
    """The image runs the program with no option; the configuration file leaves the key blank."""
    shipped = {"Dockerfile": _DOCKERFILE, "config.yaml": "voice: alloy\nSPEECH_SERVER: ''   # the speech server's URL\n"}
    assert shipped_findings(tmp_path, _speech(), shipped) == []


def test_a_launch_file_passing_the_option_another_host_keeps_the_call(tmp_path: Path) -> None:
    dockerfile = _DOCKERFILE.replace('"app.py"]', '"app.py", "--SPEECH_SERVER", "http://speech.internal:9880"]')
    assert shipped_findings(tmp_path, _speech(), {"Dockerfile": dockerfile}) == [("speech/plugin.py", 12)]
    script = "#!/bin/sh\nexec python3 app.py --SPEECH_SERVER=http://10.0.0.7:9880\n"
    assert shipped_findings(tmp_path / "b", _speech(), {"Dockerfile": _DOCKERFILE, "run.sh": script}) == [("speech/plugin.py", 12)]


def test_a_launch_file_passing_the_option_this_host_leaves_it_alone(tmp_path: Path) -> None:
    script = "#!/bin/sh\nexec python3 app.py --SPEECH_SERVER http://localhost:9880\n"
    assert shipped_findings(tmp_path, _speech(), {"Dockerfile": _DOCKERFILE, "run.sh": script}) == []


def test_a_configuration_file_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _DOCKERFILE, "config.yaml": "SPEECH_SERVER: 'http://speech.internal:9880'\n"}
    assert shipped_findings(tmp_path, _speech(), shipped) == [("speech/plugin.py", 12)]


def test_an_option_defaulting_to_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _speech("'http://speech.internal:9880'"), {"Dockerfile": _DOCKERFILE}) == [("speech/plugin.py", 12)]


def test_another_value_the_code_gives_the_key_keeps_the_call(tmp_path: Path) -> None:
    """The attribute's name is not the option's alone: a settings module gives it another host."""
    extra = {"speech/defaults.py": "SPEECH_SERVER = 'http://speech.internal:9880'\n"}
    assert shipped_findings(tmp_path, _speech(extra=extra), {"Dockerfile": _DOCKERFILE}) == [("speech/plugin.py", 12)]


def test_with_no_deployment_file_the_option_is_the_launcher_s_to_set(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _speech(), {}) == [("speech/plugin.py", 12)]


def test_two_loopback_urls_are_not_taken_for_the_same_value(tmp_path: Path) -> None:
    """A call's code for a loopback URL says only that it is one (`h`): a branch on `url != <another loopback URL>`
    is not judged from it (param_guards), so the remote call in it stays reported."""
    files = {"dash/__init__.py": "", "dash/mirror.py": (
        "import requests\n\n\ndef mirror(url):\n    if url != 'http://127.0.0.1:9000/feed':\n"
        "        requests.post('http://archive.internal/feed', data=url)\n\n\ndef run():\n    mirror('http://127.0.0.1:8000/feed')\n")}
    assert shipped_findings(tmp_path, files, {}) == [("dash/mirror.py", 6)]
