"""Names that lead back to themselves end the project phase's resolution instead of recursing
forever: a module that binds the name of a base class's module to an instance of the class
(`cmd = Shell()` beside `class Shell(cmd.Cmd)`) crashed a whole run with RecursionError."""

from __future__ import annotations

from pathlib import Path

from _serving import run_on_disk

SHELL = '''import cmd
import requests


def fetch(url):
    return requests.get(url, stream=True)


class Picker(cmd.Cmd):
    def __init__(self, url):
        super().__init__()
        self.url = url

    def do_pick(self, arg):
        picker.cmdloop()


class Shell(cmd.Cmd):
    def __init__(self, url):
        super().__init__()
        self.url = url

    def do_fetch(self, arg):
        return fetch(self.url)


if __name__ == "__main__":
    cmd = Shell("http://localhost:8000")
    try:
        cmd.cmdloop()
    except KeyboardInterrupt:
        cmd.do_quit("")
'''

REBOUND_IN_A_METHOD = '''import requests


def fetch(url):
    return requests.get(url, stream=True)


class Shell(cmd.Cmd):
    def __init__(self, url):
        try:
            picker.cmdloop()
        except KeyboardInterrupt:
            picker.do_quit("")

    parser.add_argument()
    cmd = Shell(args.url)
'''


def test_a_class_whose_base_module_name_is_rebound_to_an_instance_of_it_is_linted(tmp_path: Path) -> None:
    result = run_on_disk(tmp_path, {"pkg/chat.py": SHELL}, whole_project=True)
    assert result.internal_errors == 0
    assert result.findings == []  # an interactive developer shell, not the service


def test_a_class_body_that_rebinds_its_base_s_module_name_is_linted(tmp_path: Path) -> None:
    result = run_on_disk(tmp_path, {"pkg/shell.py": REBOUND_IN_A_METHOD}, whole_project=True)
    assert result.internal_errors == 0
    assert [f.rule for f in result.findings] == ["PRR501"]  # the run finishes and still reports fetch()
