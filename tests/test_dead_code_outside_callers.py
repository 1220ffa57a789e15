"""PRR501's dead code and the code outside the project that may call a method by its name (hooked_classes.py,
handed_objects.py, interfaces.py, known_bases.py): a method nothing in the project can reach is dead, a client
method chain no handler calls with it; but one a handler calls on an instance or by `getattr` runs, and so do a
collector's `collect` that a library runs on what it was handed, an override of an external base's method, an
implementation of an abstract method, and a Django manager's own API."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run_on_disk

APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/health')\ndef health():\n    return 'ok'\n"
CLIENT = (
    "import requests\n\n\nclass ReportClient:\n    def __init__(self, host):\n        self.host = host\n\n"
    "    def _fetch(self, path):\n        return requests.get(self.host + path).json()\n\n"
    "    def summary(self, key):\n        return self._fetch('/summary/' + key)\n\n"
    "    def status(self):\n        return requests.get(self.host + '/status', timeout=5).json()\n"
)
FETCH = ("svc/client.py", 9)


def _found(tmp_path: Path, files: Dict[str, str], on_disk_only: Optional[Dict[str, str]] = None) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk_only).findings
                  if f.rule == "PRR501")


def _handler(body: str) -> str:
    return ("from svc.app import app\nfrom svc.client import ReportClient\n\nCLIENT = ReportClient('https://reports')\n\n\n"
            f"@app.get('/report/<key>')\ndef report(key):\n    {body}\n")


def test_a_client_method_chain_no_handler_calls_is_dead(tmp_path: Path) -> None:
    """cuckoo3's shape: a handler uses the client's `status`; `summary` and the helper only it calls run nowhere."""
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": _handler("return CLIENT.status()")}) == []


def test_the_chain_a_handler_calls_on_an_instance_runs(tmp_path: Path) -> None:
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": _handler("return CLIENT.summary(key)")}) == [FETCH]


def test_the_chain_a_handler_calls_through_getattr_with_a_constant_name_runs(tmp_path: Path) -> None:
    views = _handler("return getattr(CLIENT, 'summary')(key)")
    assert _found(tmp_path, {"svc/client.py": CLIENT, "svc/views.py": views}) == [FETCH]


HELPERS = (
    "import logging\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\n"
    "def cookies(url):\n    return requests.get(url).cookies\n\n\n"
    "def login(brand):\n    log.info('api.login: ' + brand)\n    log.info(f'api.login: {brand} ready')\n"
    "    log.info('api.login {}'.format(brand))\n    return cookies('https://' + brand)\n\n\n"
    "def status(brand):\n    return requests.get('https://' + brand + '/status', timeout=5).json()\n"
)


def _api_views(call: str) -> str:
    return f"from svc.app import app\nfrom svc.api import {call}\n\n\n@app.get('/<brand>')\ndef index(brand):\n    return {call}(brand)\n"


def test_a_helper_only_log_messages_built_of_pieces_name_is_dead(tmp_path: Path) -> None:
    """openWB's kia `getCookies`, named only in a comment and in its own message `"kia.getCookies: " + response`,
    and `getHTTPCookies`, which only it calls: a logging call's message is prose however it is built."""
    helpers = HELPERS + "\n\n# login() is no longer needed\n"
    assert _found(tmp_path, {"svc/api.py": helpers, "svc/views.py": _api_views("status")}) == []


def test_the_helper_a_handler_calls_runs(tmp_path: Path) -> None:
    assert _found(tmp_path, {"svc/api.py": HELPERS, "svc/views.py": _api_views("login")}) == [("svc/api.py", 8)]


COLLECTOR = (
    "import requests\nfrom prometheus_client.core import REGISTRY, GaugeMetricFamily\n\n\nclass QueueCollector:\n"
    "    def __init__(self, url):\n        self.url = url\n\n"
    "    def collect(self):\n        depth = requests.get(self.url).json()['depth']\n"
    "        yield GaugeMetricFamily('queue_depth', 'Depth', value=depth)\n\n\n"
)


def test_a_collector_registered_with_a_library_keeps_its_collect(tmp_path: Path) -> None:
    """prometheus_client's registry calls `collect()` on each collector it was given: no project code names it."""
    collector = COLLECTOR + "def start():\n    REGISTRY.register(QueueCollector('http://queue/stats'))\n\n\nstart()\n"
    assert _found(tmp_path, {"svc/metrics.py": collector}) == [("svc/metrics.py", 10)]


def test_an_object_handed_to_a_library_through_a_name_is_handed_too(tmp_path: Path) -> None:
    collector = COLLECTOR + "def start():\n    collector = QueueCollector('http://queue/stats')\n    REGISTRY.register(collector)\n\n\nstart()\n"
    assert _found(tmp_path, {"svc/metrics.py": collector}) == [("svc/metrics.py", 10)]


def test_a_class_its_own_module_hands_to_a_library_keeps_its_hooks(tmp_path: Path) -> None:
    """Django's `register_converter(HexConverter, "hex")` calls the converter's `to_python` on every request it routes:
    the class itself is handed over, by its own module's name for it as by an imported one."""
    converters = ("import requests\nfrom django.urls import register_converter\n\n\nclass HexConverter:\n"
                  "    regex = '[0-9a-f]+'\n\n    def to_python(self, value):\n"
                  "        return requests.get('https://ids/' + value).json()['id']\n\n\n"
                  "register_converter(HexConverter, 'hex')\n")
    assert _found(tmp_path, {"svc/converters.py": converters}) == [("svc/converters.py", 9)]


def test_a_collector_nothing_hands_to_a_library_runs_nothing(tmp_path: Path) -> None:
    collector = COLLECTOR + "def start():\n    return QueueCollector('http://queue/stats').url\n\n\nstart()\n"
    assert _found(tmp_path, {"svc/metrics.py": collector}) == []


def test_an_override_of_an_external_bases_method_runs(tmp_path: Path) -> None:
    """A server calls its handler's `handle`: the base the library defines names it, the project never does."""
    handler = ("import socketserver\nimport requests\n\n\nclass Relay(socketserver.BaseRequestHandler):\n"
               "    def handle(self):\n        self.request.sendall(requests.get('https://upstream').content)\n\n\n"
               "def serve():\n    socketserver.TCPServer(('', 9000), Relay).serve_forever()\n\n\nserve()\n")
    assert _found(tmp_path, {"svc/relay.py": handler}) == [("svc/relay.py", 7)]


COLLECTORS = (
    "import abc\nimport os\nimport requests\n\n\nclass BaseCollector(abc.ABC):\n"
    "    @abc.abstractmethod\n    def collect(self):\n        pass\n\n"
    "    def get_hosts(self):\n        return requests.get(os.environ['INVENTORY'] + '/hosts').json()\n\n"
    "    def get_datacenters(self):\n        return requests.get(os.environ['INVENTORY'] + '/datacenters').json()\n\n"
    "    def refresh(self):\n        return self.collect()\n\n\n"
    "class HostCollector(BaseCollector):\n    def collect(self):\n        return requests.get(os.environ['STATS']).json()\n\n"
    "    def labels(self):\n        return requests.get(os.environ['LABELS']).json()\n"
)
LOADER = (
    "import importlib\n\nimport yaml\n\n\ndef collectors(path):\n    with open(path) as config:\n"
    "        names = yaml.safe_load(config)['collectors']\n"
    "    return [getattr(importlib.import_module('svc.collectors'), name)() for name in names]\n\n\n"
    "def run():\n    for collector in collectors('collectors.yaml'):\n        collector.get_hosts()\n\n\nrun()\n"
)


def test_a_family_a_configuration_loads_by_name_is_used_through_its_interface(tmp_path: Path) -> None:
    """vrops-exporter's collectors, which a configuration lists by name for the service's own loader: `collect`
    (abstract in the base) and what calls it, and what the loader names run; the base's `get_datacenters` nothing
    calls does not, nor does a method of one collector alone that nothing names."""
    files = {"svc/collectors.py": COLLECTORS, "svc/loader.py": LOADER, "collectors.yaml": "collectors:\n  - HostCollector\n"}
    assert _found(tmp_path, files) == [("svc/collectors.py", 12), ("svc/collectors.py", 23)]


def test_a_family_a_string_names_by_a_dotted_path_keeps_its_public_methods(tmp_path: Path) -> None:
    """A whole dotted path is what a library's loader takes (Django's `MIDDLEWARE`, Scrapy's `ITEM_PIPELINES`), and it
    calls its own protocol's names, which the family's interface need not declare."""
    settings = "COLLECTORS = ['svc.collectors.HostCollector']\n"
    assert _found(tmp_path, {"svc/collectors.py": COLLECTORS, "svc/settings.py": settings}) == [
        ("svc/collectors.py", 12), ("svc/collectors.py", 15), ("svc/collectors.py", 23), ("svc/collectors.py", 26)]


def test_a_family_that_declares_no_interface_keeps_its_public_methods_when_loaded(tmp_path: Path) -> None:
    plain = COLLECTORS.replace("abc.ABC", "object").replace("    @abc.abstractmethod\n", "")
    files = {"svc/collectors.py": plain, "svc/loader.py": LOADER, "collectors.yaml": "collectors:\n  - HostCollector\n"}
    assert _found(tmp_path, files) == [("svc/collectors.py", 11), ("svc/collectors.py", 14), ("svc/collectors.py", 22),
                                       ("svc/collectors.py", 25)]


def test_an_implementation_of_an_abstract_method_runs_though_nothing_names_it(tmp_path: Path) -> None:
    """Code that holds a `BaseCollector` calls `collect`: here a library the objects were handed to in a loop, a
    handing prr-lint cannot type; the base's `get_datacenters` nothing calls stays dead."""
    start = ("from registry import register\nfrom svc.collectors import HostCollector\n\nCOLLECTORS = [HostCollector()]\n\n\n"
             "def start():\n    for collector in COLLECTORS:\n        register(collector)\n\n\nstart()\n")
    assert _found(tmp_path, {"svc/collectors.py": COLLECTORS, "svc/start.py": start}) == [("svc/collectors.py", 23)]


MANAGER = (
    "import requests\nfrom django.db import models\n\n\nclass EventManager(models.Manager):\n"
    "    def get_by_natural_key(self, slug):\n        requests.post('https://audit/lookup')\n        return self.get(slug=slug)\n\n"
    "    def remote_type_ids(self, api):\n        return requests.get(api + '/types').json()\n\n\n"
    "class Event(models.Model):\n    slug = models.SlugField()\n    objects = EventManager()\n"
)


def test_a_manager_method_only_a_comment_names_is_dead_and_its_api_runs(tmp_path: Path) -> None:
    """ubyssey's `EventManager.wp_events_api_get_type_ids`, named only in a commented-out call: Django calls a
    manager's own API (`get_by_natural_key` when it loads fixtures), never a method of the project's own."""
    views = ("from svc.app import app\nfrom svc.models import Event\n\n\n@app.get('/events')\ndef events():\n"
             "    # Event.objects.remote_type_ids('https://wp')\n    return str(Event.objects.count())\n")
    assert _found(tmp_path, {"svc/models.py": MANAGER, "svc/views.py": views}) == [("svc/models.py", 7)]


ADAPTERS = (
    "import abc\nfrom typing import Protocol, runtime_checkable\n\nimport requests\n\n\n"
    "@runtime_checkable\nclass EmbeddingProtocol(Protocol):\n    def embed(self, texts): ...\n\n\n"
    "class Backend(abc.ABC):\n    @abc.abstractmethod\n    def chat(self, prompt):\n        pass\n\n\n"
    "class OllamaBackend(Backend, EmbeddingProtocol):\n    def chat(self, prompt):\n"
    "        return requests.post('https://llm.example.com/chat', json={'p': prompt}, timeout=30).json()\n\n"
    "    def embed(self, texts):\n        return requests.post('https://llm.example.com/embed', json={'t': texts}).json()\n\n\n"
    "BACKENDS = {'ollama': OllamaBackend}\n"
)
EMBED = ("svc/backends.py", 23)


def _asking(body: str) -> str:
    return ("from svc.app import app\nfrom svc.backends import BACKENDS\n\n\n"
            f"@app.get('/ask/<name>')\ndef ask(name):\n    backend = BACKENDS[name]()\n    {body}\n")


def test_a_method_a_typing_protocol_declares_runs_only_when_the_project_names_it(tmp_path: Path) -> None:
    """kirara-ai's LLM adapters (n52 NH010-NH015): `embed` implements an embedding protocol (`typing.Protocol`, which
    calls nothing) but no service code names it (only tests call it); the registered adapter's `chat` runs."""
    files = {"svc/backends.py": ADAPTERS, "svc/views.py": _asking("return backend.chat('hi')")}
    assert _found(tmp_path, files) == []


def test_an_implementation_of_a_protocol_method_the_project_calls_through_the_protocol_runs(tmp_path: Path) -> None:
    files = {"svc/backends.py": ADAPTERS, "svc/views.py": _asking("return backend.embed(['hi'])")}
    assert _found(tmp_path, files) == [EMBED]
    through_base = ("from svc.backends import EmbeddingProtocol\n\n\ndef vectors(backend: EmbeddingProtocol, texts):\n"
                    "    return backend.embed(texts)\n")
    asking = _asking("return vectors(backend, ['hi'])").replace("from svc.backends", "from svc.vectors import vectors\nfrom svc.backends")
    files = {"svc/backends.py": ADAPTERS, "svc/views.py": asking, "svc/vectors.py": through_base}
    assert _found(tmp_path / "base", files) == [EMBED]


def test_a_module_of_the_methods_name_names_no_method(tmp_path: Path) -> None:
    """kirara-ai's `rerank` adapter method (n52 NH015), in a bundled plug-in with a `setup.py` of its own, beside the
    module `formats/embed.py` its types come from: an import's module path names the module, so the method only tests
    call stays dead; a call of it still runs it."""
    formats = {"svc/formats/__init__.py": "", "svc/formats/embed.py": "class EmbedRequest:\n    pass\n",
               "svc/plugins/__init__.py": "", "svc/plugins/llm/__init__.py": ""}
    typed = ADAPTERS.replace("import requests\n", "import requests\n\nfrom svc.formats.embed import EmbedRequest\n")
    plugin = {"svc/plugins/llm/setup.py": "from setuptools import setup\n\nsetup(name='llm-backends')\n"}
    asking = {"svc/views.py": _asking("return backend.chat('hi')").replace("svc.backends", "svc.plugins.llm.backends")}
    files = {**formats, "svc/plugins/llm/backends.py": typed, **asking}
    assert _found(tmp_path, files, plugin) == []
    called = {"svc/views.py": _asking("return backend.embed(['hi'])").replace("svc.backends", "svc.plugins.llm.backends")}
    assert _found(tmp_path / "called", {**files, **called}, plugin) == [("svc/plugins/llm/backends.py", EMBED[1] + 2)]
