"""Plug-ins of a desktop GUI program shipped beside a service (project/gui_plugins.py): a module the GUI's
plug-in manager loads, whose classes derive from the GUI's plug-in base, is not the service; one whose base
the service also runs, or beside a client that is no GUI, keeps its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Set, Tuple

from _serving import run_on_disk

SERVER = (
    "from flask import Flask\n\n"
    "from svc.plugins import PluginBase\n\n"
    "app = Flask(__name__)\n\n\n"
    "@app.get('/health')\n"
    "def health():\n"
    "    return 'ok'\n"
)
BASE = "class PluginBase:\n    def initialize(self):\n        return True\n"
CLIENT_PLUGINS = (
    "import importlib.util\n\n"
    "from svc.plugins import PluginBase\n\n\n"
    "class ClientPlugin(PluginBase):\n"
    "    def signal_connect(self, name, handler):\n"
    "        self.handlers = {name: handler}\n\n\n"
    "class PluginManager:\n"
    "    def load(self, path):\n"
    "        spec = importlib.util.spec_from_file_location('plugin', path)\n"
    "        module = importlib.util.module_from_spec(spec)\n"
    "        spec.loader.exec_module(module)\n"
    "        return module.Plugin()\n"
)
CLIENT = (
    "import sys\n\n"
    "from gi.repository import Gtk\n\n"
    "from svc.client.plugins import PluginManager\n\n\n"
    "class ClientApplication({base}):\n"
    "    def do_startup(self):\n"
    "        self.manager = PluginManager()\n"
    "        self.manager.load(sys.argv[1])\n\n\n"
    "def main():\n"
    "    app = ClientApplication()\n"
    "    return app.run([])\n\n\n"
    "if __name__ == '__main__':\n"
    "    sys.exit(main())\n"
)
PLUGIN = (
    "import requests\n\n"
    "from svc.client import plugins\n\n\n"
    "def latest_release():\n"
    "    return requests.get('https://api.github.com/repos/o/r/releases').json()\n\n\n"  # line 7
    "class Plugin(plugins.ClientPlugin):\n"
    "    def initialize(self):\n"
    "        self.signal_connect('server-connected', self.on_connected)\n"
    "        return True\n\n"
    "    def on_connected(self, _):\n"
    "        return latest_release()\n"
)


def _found(root: Path, client: str = CLIENT.format(base="Gtk.Application"), server: str = SERVER) -> Set[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/server.py": server, "svc/plugins.py": BASE, "svc/client/__init__.py": "",
             "svc/client/plugins.py": CLIENT_PLUGINS, "svc/client/__main__.py": client,
             "data/client/plugins/check_for_updates.py": PLUGIN}
    result = run_on_disk(root, files, select=("PRR501",), whole_project=True)
    return {(finding.path, finding.span.line) for finding in result.findings}


def test_a_plugin_of_a_gtk_client_is_not_the_service(tmp_path: Path) -> None:
    """King Phisher's `check_for_updates.py` (Q631): a `ClientPlugin` the GTK client's manager loads by path."""
    assert ("data/client/plugins/check_for_updates.py", 7) not in _found(tmp_path)


def test_a_plugin_of_no_gui_or_of_a_base_the_service_runs_keeps_its_findings(tmp_path: Path) -> None:
    """A client that builds no GUI application, or a plug-in base the server also runs (its plug-ins may be the
    server's), leaves the plug-in as something the service may load."""
    plugin = ("data/client/plugins/check_for_updates.py", 7)
    assert plugin in _found(tmp_path / "headless", client=CLIENT.format(base="object"))
    shared = SERVER.replace("    return 'ok'\n", "    from svc.client.plugins import ClientPlugin\n"
                            "    ClientPlugin().signal_connect('x', None)\n    return 'ok'\n")
    assert plugin in _found(tmp_path / "shared", server=shared)
