"""PRR501 and a host read from an INI file through `configparser` (config_paths.py, project/config_paths.py):
`NodeRpc(host=parser.get("node-rpc", "host"))` where `parser = configparser.RawConfigParser()` reads the file named on the
command line, and the tree ships `settings.ini_sample` for an installation to copy. The call is to this host when the
sample (and every other shipped file giving that option) names a loopback address; it stays reported when the sample
or another shipped file names another host, no shipped file holds the option, the parser reads a text it is handed,
or the reader is a plain mapping (`get(key, default)` has the same shape)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_RPC = (
    "import http.client\n\n\nclass NodeRpc:\n    def __init__(self, host, port):\n        self.host = host\n"
    "        self.port = port\n        self.conn = http.client.HTTPConnection(self.host, self.port)\n\n"
    "    def reconnect(self):\n        self.conn = http.client.HTTPConnection(self.host, self.port)\n"
)
_MAIN = (
    "import argparse\nimport configparser\n\nfrom relay.rpc import NodeRpc\n\n\ndef main():\n"
    "    args = argparse.ArgumentParser()\n    args.add_argument('settings')\n    options = args.parse_args()\n"
    "    parser = configparser.RawConfigParser()\n    parser.read(options.settings)\n"
    "    rpc = NodeRpc(host=parser.get('node-rpc', 'host'), port=int(parser.get('node-rpc', 'port')))\n"
    "    rpc.reconnect()\n\n\nif __name__ == '__main__':\n    main()\n"
)
_SAMPLE = "[node-rpc]\nhost = {host}\nport = 8332\n\n[listener]\nhost = 0.0.0.0\nport = 50002\n"
_REPORTED = [("relay/rpc.py", 8), ("relay/rpc.py", 11)]


def _relay(main: str = _MAIN) -> Dict[str, str]:
    return {"relay/__init__.py": "", "relay/rpc.py": _RPC, "relay/main.py": main}


def _shipped(host: str = "127.0.0.1", **extra: str) -> Dict[str, str]:
    return {"settings.ini_sample": _SAMPLE.format(host=host), **extra}


def test_an_option_the_shipped_sample_gives_a_loopback_address_is_left_alone(tmp_path: Path) -> None:
    """The shape of a wallet server's node client: its other section's `host` (a listener's) is another option."""
    assert shipped_findings(tmp_path, _relay(), _shipped()) == []


def test_the_sample_naming_another_host_keeps_the_calls(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _relay(), _shipped("node.internal")) == _REPORTED


def test_another_shipped_file_pointing_the_option_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    production = "[node-rpc]\nhost = node.internal\nport = 8332\n"
    assert shipped_findings(tmp_path, _relay(), _shipped(**{"deploy/production.conf": production})) == _REPORTED


def test_no_shipped_file_holding_the_option_keeps_the_calls(tmp_path: Path) -> None:
    shipped = {"settings.ini_sample": "[listener]\nhost = 127.0.0.1\n"}
    assert shipped_findings(tmp_path, _relay(), shipped) == _REPORTED


def test_a_parser_of_a_text_it_is_handed_keeps_the_calls(tmp_path: Path) -> None:
    """`read_string` of a text from elsewhere: only a parser reading a file stands for the installation's copy."""
    main = _MAIN.replace("parser = configparser.RawConfigParser()\n    parser.read(options.settings)",
                         "parser = object()\n    parser.read_string(options.settings)")
    assert shipped_findings(tmp_path, _relay(main), _shipped()) == _REPORTED


def test_a_mapping_read_with_a_default_is_no_ini_option(tmp_path: Path) -> None:
    """`hosts.get('node-rpc', 'host')` on a dict is its key `node-rpc` with the default `'host'`."""
    main = _MAIN.replace("parser = configparser.RawConfigParser()\n    parser.read(options.settings)",
                         "parser = dict(vars(options))")
    assert shipped_findings(tmp_path, _relay(main), _shipped()) == _REPORTED


def test_a_plain_file_the_parser_does_not_name_keeps_the_calls(tmp_path: Path) -> None:
    """Only a sample stands for the file an installation makes; a `settings.ini` nothing names may be another program's."""
    shipped = {"settings.ini": _SAMPLE.format(host="127.0.0.1")}
    assert shipped_findings(tmp_path, _relay(), shipped) == _REPORTED


def test_a_parser_naming_its_shipped_file_reads_that_one(tmp_path: Path) -> None:
    main = _MAIN.replace("parser.read(options.settings)", "parser.read('relay.ini')")
    assert shipped_findings(tmp_path, _relay(main), {"relay.ini": _SAMPLE.format(host="localhost")}) == []
    assert shipped_findings(tmp_path, _relay(main), {"relay.ini": _SAMPLE.format(host="node.internal")}) == _REPORTED


def test_code_setting_the_option_from_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    """A setup command writes the operator's answer into the file: what it holds is no longer the sample's."""
    setup = ("import configparser\n\n\ndef configure(path, host):\n    parser = configparser.RawConfigParser()\n"
             "    parser.read(path)\n    parser.set('node-rpc', 'host', host)\n"
             "    with open(path, 'w') as handle:\n        parser.write(handle)\n")
    assert shipped_findings(tmp_path, {**_relay(), "relay/setup.py": setup}, _shipped()) == _REPORTED
    local = setup.replace("parser.set('node-rpc', 'host', host)", "parser.set('node-rpc', 'host', '127.0.0.1')")
    assert shipped_findings(tmp_path, {**_relay(), "relay/setup.py": local}, _shipped()) == []
