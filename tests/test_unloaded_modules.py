"""Modules the service never loads (project/unloaded_modules.py): their findings are not the service's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = ("from flask import Flask\nfrom flask_restx import Api\n\napp = Flask(__name__)\napi = Api(app)\n\n"
       "from svc.resources import orders  # noqa: E402\n")
ORDERS = ("import requests\nfrom flask_restx import Resource\nfrom svc.app import api\n\n\n@api.route('/orders')\n"
          "class Orders(Resource):\n    def get(self):\n        return requests.get('https://stock.example/orders').json()\n")
# queue-management's `resources/theq/slack.py` (m33): a resource module the app's explicit imports leave out.
SLACK = ORDERS.replace("/orders", "/slack").replace("Orders", "Slack").replace("stock.example/orders", "hooks.slack.example")


def _findings(root: Path, files: Dict[str, str], launch: Tuple[str, ...] = ()) -> List[str]:
    result = run_on_disk(root, files, whole_project=True, launch_files=launch)
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings if f.rule == "PRR501")


def test_a_resource_module_nothing_imports_registers_nothing_and_its_calls_are_not_the_service(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/resources/slack.py": SLACK}
    assert _findings(tmp_path / "unimported", files) == ["svc/resources/orders.py:9"]
    imported = {**files, "svc/app.py": APP + "from svc.resources import slack  # noqa: E402\n"}
    assert _findings(tmp_path / "imported", imported) == ["svc/resources/orders.py:9", "svc/resources/slack.py:9"]


def test_a_test_naming_a_module_does_not_load_it_in_the_service(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/resources/slack.py": SLACK, "tests/test_slack.py": "from svc.resources import slack\n\n\ndef test_get():\n    slack.Slack()\n"}
    assert _findings(tmp_path, files) == ["svc/resources/orders.py:9"]


def test_modules_a_deployment_file_a_loader_or_a_framework_convention_loads_keep_their_findings(tmp_path: Path) -> None:
    base = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS}
    job = {**base, "svc/sync_stock.py": SLACK.replace("@api.route('/slack')\n", ""), "deploy/cron.yaml": "command: python -m svc.sync_stock\n"}
    assert "svc/sync_stock.py:8" in _findings(tmp_path / "deployed", job, ("deploy/cron.yaml",))
    walked = {**base, "svc/plugins/__init__.py": "", "svc/plugins/stock.py": SLACK,
              "svc/loader.py": "import importlib\n\n\ndef load(kind):\n    return importlib.import_module('svc.plugins.' + kind)\n"}
    assert "svc/plugins/stock.py:9" in _findings(tmp_path / "walked", walked)
    dag = {**base, "svc/dags/__init__.py": "", "svc/dags/stock.py": ("import requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n\n\n"
                                      "def pull():\n    return requests.get('https://stock.example/all')\n\n\n"
                                      "dag = DAG('stock')\npulled = PythonOperator(task_id='pull', python_callable=pull, dag=dag)\n")}
    assert "svc/dags/stock.py:7" in _findings(tmp_path / "dag", dag)  # Airflow parses its DAG folder
    worker = {**base, "svc/worker.py": ("import time\n\nimport requests\n\n\ndef main():\n    while True:\n"
                                        "        requests.post('https://stock.example/sync')\n        time.sleep(60)\n\n\n"
                                        "if __name__ == '__main__':\n    main()\n")}
    assert "svc/worker.py:8" in _findings(tmp_path / "worker", worker)  # a program a deployment elsewhere may start


def test_the_modules_of_a_package_a_setting_names_keep_their_findings(tmp_path: Path) -> None:
    """Scrapy loads every module of the packages `SPIDER_MODULES` names: a spider nothing imports or names
    runs. Django loads only its conventional modules from an `INSTALLED_APPS` package."""
    spider = ("import requests\nimport scrapy\n\n\nclass QuotesSpider(scrapy.Spider):\n    name = 'quotes'\n\n"
              "    def parse(self, response):\n        yield requests.get('https://api.example/authors').json()\n")
    base = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
            "svc/spiders/__init__.py": "", "svc/spiders/quote_spider.py": spider}
    walked = {**base, "svc/settings.py": "SPIDER_MODULES = ['svc.spiders']\n"}
    assert "svc/spiders/quote_spider.py:9" in _findings(tmp_path / "walked", walked)
    installed = {**base, "svc/settings.py": "INSTALLED_APPS = ['svc.spiders']\n"}
    assert "svc/spiders/quote_spider.py:9" not in _findings(tmp_path / "installed", installed)


MAIN = "from fastapi import FastAPI\n\nfrom svc.routers import orders\n\napp = FastAPI()\napp.include_router(orders.router)\n"
ROUTER = ("import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/{name}')\n"
          "def {name}():\n    return requests.get('https://stock.example/{name}').json()\n")


def _router(name: str) -> str:
    return ROUTER.replace("{name}", name)


def test_a_router_module_nothing_includes_serves_nothing_whatever_word_names_it(tmp_path: Path) -> None:
    """A FastAPI router module no module imports: its routes are served by no app, though another module
    holds its file name's word (a variable `legacy`, a parameter `items`); the app that includes it serves them."""
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/routers/__init__.py": "", "svc/routers/orders.py": _router("orders"),
             "svc/routers/legacy.py": _router("legacy"), "svc/models.py": "legacy = {'enabled': False}\n\n\ndef count(items):\n    return len(items)\n",
             "svc/routers/items.py": _router("items")}
    assert _findings(tmp_path / "unmounted", files) == ["svc/routers/orders.py:9"]
    included = {**files, "svc/main.py": MAIN.replace("import orders", "import items, legacy, orders")
                + "app.include_router(legacy.router)\napp.include_router(items.router)\n"}
    assert _findings(tmp_path / "included", included) == ["svc/routers/items.py:9", "svc/routers/legacy.py:9", "svc/routers/orders.py:9"]
    listed = {**files, "svc/routers/__init__.py": "__all__ = ['legacy']\n"}  # `from svc.routers import *` imports it
    assert "svc/routers/legacy.py:9" in _findings(tmp_path / "listed", listed)


BLUEPRINT = ("import requests\nfrom flask import Blueprint\n\nbp = Blueprint('reports', __name__)\n\n\n@bp.route('/reports')\n"
             "def reports():\n    return requests.get('https://stock.example/reports').text\n")
FLASK_APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/')\ndef index():\n    return 'ok'\n"


def test_a_blueprint_nothing_registers_serves_nothing_unless_a_plugin_loader_may_mount_it(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": FLASK_APP, "svc/views/__init__.py": "", "svc/views/reports.py": BLUEPRINT,
             "svc/auth.py": "def reports(user):\n    return user.reports\n"}
    assert _findings(tmp_path / "unregistered", files) == []
    plugins = {**files, "svc/app.py": FLASK_APP + "\nimport importlib  # noqa: E402\n\nfor name in ('reports',):\n"
               "    app.register_blueprint(importlib.import_module('svc.views.' + name).bp)\n"}
    assert _findings(tmp_path / "plugins", plugins) == ["svc/views/reports.py:9"]
    registered = {**files, "svc/app.py": FLASK_APP + "\nfrom svc.views.reports import bp  # noqa: E402\n\napp.register_blueprint(bp)\n"}
    assert _findings(tmp_path / "registered", registered) == ["svc/views/reports.py:9"]


def test_an_aiohttp_route_table_nothing_adds_blocks_no_event_loop(tmp_path: Path) -> None:
    """PRR505 follows async handlers: one on a `RouteTableDef` no app adds runs on no loop."""
    app = "from aiohttp import web\n\nfrom svc.handlers import api\n\napp = web.Application()\napp.add_routes(api.routes)\n"
    api = "from aiohttp import web\n\nroutes = web.RouteTableDef()\n\n\n@routes.get('/')\nasync def index(request):\n    return web.Response(text='ok')\n"
    legacy = ("import requests\nfrom aiohttp import web\n\nroutes = web.RouteTableDef()\n\n\n@routes.get('/old')\nasync def old(request):\n"
              "    return web.Response(text=requests.get('https://stock.example/old', timeout=5).text)\n")
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/handlers/__init__.py": "", "svc/handlers/api.py": api,
             "svc/handlers/legacy.py": legacy, "svc/flags.py": "legacy = False\n"}

    def blocking(root: Path, tree: Dict[str, str]) -> List[str]:
        result = run_on_disk(root, tree, select=("PRR505",), whole_project=True)
        return sorted(f"{f.path}:{f.span.line}" for f in result.findings)

    assert blocking(tmp_path / "unadded", files) == []
    added = {**files, "svc/app.py": app.replace("import api", "import api, legacy") + "app.add_routes(legacy.routes)\n"}
    assert blocking(tmp_path / "added", added) == ["svc/handlers/legacy.py:9"]


PROVIDER = ("import urllib.request\n\n\nclass CloudProvider:\n    def __init__(self, url):\n"
            "        self.ca = urllib.request.urlopen(url).read()\n")


def test_an_import_of_another_distributions_module_of_the_same_name_loads_nothing(tmp_path: Path) -> None:
    """bxgateway's `bloxroute_cli/provider/cloud_wss_provider.py`, which nothing imports: the compare scripts
    import `bxcommon.rpc.provider.cloud_wss_provider`, another distribution's module of that name."""
    base = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
            "svc/provider/__init__.py": "", "svc/provider/cloud_feed.py": PROVIDER}
    compare = "from vendorlib.rpc.provider.cloud_feed import CloudProvider\n\n\ndef compare():\n    return CloudProvider('https://feed')\n"
    assert _findings(tmp_path / "other", {**base, "svc/compare.py": compare}) == ["svc/resources/orders.py:9"]
    for spelling in ("svc.provider.cloud_feed", "provider.cloud_feed"):  # its own path, or a shorter one from `sys.path`
        mine = {**base, "svc/compare.py": compare.replace("vendorlib.rpc.provider.cloud_feed", spelling)}
        assert _findings(tmp_path / spelling, mine) == ["svc/provider/cloud_feed.py:6", "svc/resources/orders.py:9"]


SERVER = ("from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n    return 'ok'\n\n\n"
          "from .routes import *  # noqa: E402,F401,F403\n")
ROUTES = ("import requests\n\nfrom ..server import app\n\n\n@app.route('/{name}', methods=['POST'])\ndef {name}():\n"
          "    return requests.get('https://chat.example/{name}').text\n")
# A setup tool that loads one file of the project by its path (augur's install wizard and its `metadata.py`).
WIZARD = ("import importlib.util\nfrom pathlib import Path\n\nspec = importlib.util.spec_from_file_location('version', Path.cwd() / 'version.py')\n"
          "module = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(module)\n")


def test_a_routes_module_on_an_imported_app_registers_only_if_a_loaded_module_imports_it(tmp_path: Path) -> None:
    """augur's `api/routes/auggie.py` (jj): its `@app.route`s decorate the app of `server.py`, which imports the
    routes package whose `__init__` leaves it out, so they never register. A load by path of another file
    (`Path.cwd() / 'version.py'`) loads no routes module; a computed path, or one ending in its file name, may."""
    files = {"svc/__init__.py": "", "svc/server.py": SERVER, "svc/routes/__init__.py": "from .orders import *  # noqa: F401,F403\n",
             "svc/routes/orders.py": ROUTES.replace("{name}", "orders"), "svc/routes/chat.py": ROUTES.replace("{name}", "chat"),
             "svc/version.py": "__version__ = '1.0'\n", "tools/wizard.py": WIZARD.replace("Path.cwd() / 'version.py'", "Path.cwd() / 'svc' / 'version.py'")}
    assert _findings(tmp_path / "unimported", files) == ["svc/routes/orders.py:8"]
    imported = {**files, "svc/routes/__init__.py": files["svc/routes/__init__.py"] + "from .chat import *  # noqa: F401,F403\n"}
    assert _findings(tmp_path / "imported", imported) == ["svc/routes/chat.py:8", "svc/routes/orders.py:8"]
    scanned = {**files, "svc/routes/__init__.py": ("import importlib\nimport os\n\nfor file_name in os.listdir(os.path.dirname(__file__)):\n"
                                                   "    if file_name.endswith('.py') and file_name != '__init__.py':\n"
                                                   "        importlib.import_module(f'{__name__}.{file_name[:-3]}')\n")}
    assert _findings(tmp_path / "scanned", scanned) == ["svc/routes/chat.py:8", "svc/routes/orders.py:8"]
    for number, path in enumerate(("os.path.join('svc', 'routes', 'chat.py')", "os.path.join(folder, name + '.py')", "f'{folder}/{name}.py'")):
        loads = {**files, "tools/wizard.py": "import os\n\n" + WIZARD.replace("Path.cwd() / 'version.py'", path).replace(
            "spec = ", "folder, name = os.environ['PLUGIN_DIR'], os.environ['PLUGIN']\nspec = ")}
        assert _findings(tmp_path / f"by-path-{number}", loads) == ["svc/routes/chat.py:8", "svc/routes/orders.py:8"], path


# A host that loads each plug-in of its zoo by path: `<zoo>/<kind>/<name>/<file>` with a file name it spells, as an
# f-string without placeholders or through an attribute of `self` (lollms-webui's services and personalities).
HOST = ("import importlib.util\nfrom pathlib import Path\n\n\nclass Host:\n    def __init__(self, zoo):\n        self.zoo = Path(zoo)\n\n"
        "    def load_service(self, kind, name):\n        path = self.zoo / kind / name / f\"service.py\"\n"
        "        spec = importlib.util.spec_from_file_location(name, path)\n        module = importlib.util.module_from_spec(spec)\n"
        "        spec.loader.exec_module(module)\n        return module.Service().ping()\n\n"
        "    def load_persona(self, folder):\n        script_name = \"processor.py\"\n        self.script_path = Path(folder) / script_name\n"
        "        spec = importlib.util.spec_from_file_location('processor', str(self.script_path))\n"
        "        module = importlib.util.module_from_spec(spec)\n        spec.loader.exec_module(module)\n        return module.Processor().ping()\n")
# the routes that run the plug-ins
HOSTED = ("\n\nfrom flask import Flask  # noqa: E402\n\nweb = Flask(__name__)\nhost = Host('zoo')\n\n\n@web.route('/paint')\n"
          "def paint():\n    return str(host.load_service('tti', 'paint'))\n\n\n@web.route('/persona')\ndef persona():\n"
          "    return str(host.load_persona('zoo/persona/art'))\n")
PLUGIN = ("import requests\n\n\nclass {cls}:\n    def ping(self):\n        return requests.get('https://{host}.example/health').ok\n")


def test_a_load_by_path_whose_file_name_the_code_spells_loads_only_files_of_that_name(tmp_path: Path) -> None:
    """lollms-webui (RB088-RB091): its host loads `<folder>/service.py` (`f"service.py"`, no placeholder) and a
    persona's `scripts/processor.py` (`self.script_path`, bound to a path ending in a local literal): a client module
    in a zoo folder under another name (`ttt/ollama/lollms_ollama.py`) that nothing imports is loaded by neither.
    A path computed from the plug-in's name may load any file."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/host.py": HOST + HOSTED, "zoo/tti/paint/service.py": PLUGIN.format(cls="Service", host="paint"),
             "zoo/persona/art/processor.py": PLUGIN.format(cls="Processor", host="art"),
             "zoo/ttt/chat/chat_client.py": PLUGIN.format(cls="Service", host="chat")}
    assert _findings(tmp_path / "spelled", files) == ["svc/resources/orders.py:9", "zoo/persona/art/processor.py:6", "zoo/tti/paint/service.py:6"]
    computed = {**files, "svc/host.py": HOST.replace('f"service.py"', 'f"{name}.py"') + HOSTED}
    assert "zoo/ttt/chat/chat_client.py:6" in _findings(tmp_path / "computed", computed)
    rebound = {**files, "svc/host.py": HOST + "\n    def reload(self, folder):\n        self.script_path = Path(folder) / input()\n" + HOSTED}
    assert "zoo/ttt/chat/chat_client.py:6" in _findings(tmp_path / "rebound", rebound)


# COSMOS (n60): a classifier tool beside the service loads a library by the name its configuration file gives.
_TOOL_MODEL = ("import importlib\n\n\nclass ModelBert:\n    def __init__(self, config):\n        self.config = config['model_parameters']\n\n"
               "    def make_model(self):\n        module_name = self.config['module_name']\n"
               "        transformers = importlib.import_module(module_name)\n"
               "        return getattr(transformers, self.config['model']).from_pretrained(self.config['model_type'])\n")
_SEARCH_CLIENT = ("import requests\n\n\nclass SearchApi:\n    def __init__(self, base_url):\n        self.base_url = base_url\n\n"
                  "    def query(self, term):\n        return requests.post(f'{self.base_url}/search', json={'text': term}, verify=False)\n")
_CONFIG = '{"model_parameters": {"module_name": "transformers", "model": "BertForSequenceClassification", "model_type": "bert-base-uncased"}}\n'


def test_a_loader_of_a_name_its_projects_configuration_gives_loads_only_modules_a_configuration_names(tmp_path: Path) -> None:
    """A loader of a name computed whole that reads it by a key the project's configuration files hold
    (`self.config["module_name"]`, `"module_name": "transformers"` in `config.json`) loads what they name: a service
    module nothing names (`svc/minimum_api.py`) is no plug-in of it. One that reads the environment, or a key no file of
    the project holds (a configuration kept elsewhere), may load any module; so may one whose configuration names it."""
    app = APP + "CLIENTS = {'search': 'SearchApi'}\n"  # the class is named: what leaves it out is a module nothing loads
    base = {"svc/__init__.py": "", "svc/app.py": app, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
            "svc/minimum_api.py": _SEARCH_CLIENT, "classifier/model.py": _TOOL_MODEL}

    def findings(name: str, files: Dict[str, str], config: str = _CONFIG) -> List[str]:
        root = tmp_path / name
        for path, text in {"classifier/config.json": config}.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        return _findings(root, files)

    assert findings("configured", base) == ["svc/resources/orders.py:9"]
    both = ["svc/minimum_api.py:9", "svc/resources/orders.py:9"]
    assert findings("named", base, _CONFIG.replace('"transformers"', '"svc.minimum_api"')) == both
    assert findings("elsewhere", base, "{}\n") == both  # no file of the project holds the key: its configuration is kept elsewhere
    environment = {**base, "classifier/model.py": _TOOL_MODEL.replace("self.config['module_name']", "os.environ['MODULE_NAME']")
                   .replace("import importlib\n", "import importlib\nimport os\n")}
    assert findings("environment", environment, _CONFIG.replace("module_name", "MODULE_NAME")) == both
    handed = _TOOL_MODEL.replace("self.config['module_name']", "name").replace("def make_model(self)", "def make_model(self, name)")
    parameter = {**base, "classifier/model.py": handed}
    assert findings("parameter", parameter) == both
    assert findings("imported", {**base, "svc/app.py": app + "from svc import minimum_api  # noqa: E402\n"}) == both


# lmfdb (n70 TT010): `verify/__init__.py` loads its checks by a name that starts with a constant it binds once.
VERIFY = ("import importlib\nimport os\n\n_prefix = 'svc.verify.'\n\n\ndef load(folder, name):\n"
          "    return importlib.import_module(_prefix + folder + '.' + name)\n")
RECAPTCHA = ("import urllib.request\n\nfrom flask_restx import Resource\nfrom svc.app import api\n\n\n@api.route('/captcha')\n"
             "class Captcha(Resource):\n    def post(self):\n        return urllib.request.urlopen('https://captcha.example/verify').read()\n")


def test_a_loader_whose_name_starts_with_a_constant_loads_only_modules_under_it(tmp_path: Path) -> None:
    """lmfdb's `import_module(_prefix + other_thing + tablename)` after `_prefix = 'lmfdb.verify.'` loads only modules
    under `lmfdb.verify.`, as the literal would: `users/recaptcha.py`, which nothing imports, is not loaded by it. A name
    that may hold another string (two values, a `global` rebinding, `+=`, a parameter, an import, an assignment
    expression, a comprehension's loop variable, a star import) may start with any module's name: the module keeps
    its finding."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/verify/__init__.py": VERIFY, "svc/verify/stock/__init__.py": "", "svc/verify/stock/check.py": SLACK,
             "svc/users/__init__.py": "", "svc/users/recaptcha.py": RECAPTCHA}
    kept = ["svc/resources/orders.py:9", "svc/users/recaptcha.py:10", "svc/verify/stock/check.py:9"]
    assert _findings(tmp_path / "constant", files) == [kept[0], kept[2]]
    formatted = {**files, "svc/verify/__init__.py": VERIFY.replace("_prefix + folder + '.' + name", "f'{_prefix}{folder}.{name}'")}
    assert _findings(tmp_path / "formatted", formatted) == [kept[0], kept[2]]
    for number, (old, new) in enumerate((
            ("_prefix = 'svc.verify.'\n", "if os.environ.get('LEGACY'):\n    _prefix = 'legacy.'\nelse:\n    _prefix = 'svc.verify.'\n"),
            ("\n\ndef load(", "\n\ndef use(prefix):\n    global _prefix\n    _prefix = prefix\n\n\ndef load("),
            ("_prefix = 'svc.verify.'\n", "_prefix = 'svc.verify.'\n_prefix += os.environ.get('EXTRA', '')\n"),
            ("def load(folder, name):", "def load(folder, name, _prefix='svc.verify.'):"),
            ("_prefix = 'svc.verify.'\n", "from svc.resources import orders as _prefix\n"),
            ("_prefix = 'svc.verify.'\n", "_prefix = 'svc.verify.'\nif (_prefix := os.environ.get('PREFIX')):\n    pass\n"),
            ("return importlib.import_module(_prefix + folder + '.' + name)",
             "return [importlib.import_module(_prefix + folder + '.' + name) for _prefix in os.environ['PREFIXES'].split()]"),
            ("_prefix = 'svc.verify.'\n", "_prefix = 'svc.verify.'\nfrom svc.resources.orders import *  # noqa: F401,F403\n"))):
        loose = {**files, "svc/verify/__init__.py": VERIFY.replace(old, new)}
        assert _findings(tmp_path / f"loose-{number}", loose) == kept, new


def _verify_files(changed: Dict[str, str]) -> Dict[str, str]:
    """The service of the test above, its loader's constant start `_prefix`, with `changed` files."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/verify/__init__.py": VERIFY, "svc/verify/stock/__init__.py": "", "svc/verify/stock/check.py": SLACK,
             "svc/users/__init__.py": "", "svc/users/recaptcha.py": RECAPTCHA}
    return {**files, **changed}


NARROWED = ["svc/resources/orders.py:9", "svc/verify/stock/check.py:9"]
ANY = ["svc/resources/orders.py:9", "svc/users/recaptcha.py:10", "svc/verify/stock/check.py:9"]


def test_a_constant_start_another_module_may_write_is_unknown(tmp_path: Path) -> None:
    """Another module may give the loader's constant another value through the module object (`verify._prefix = ...`,
    `setattr(verify, "_prefix", ...)`, `svc.verify._prefix = ...`, a helper handed the module, a computed `setattr` on
    it): the loader may load any module, and the module nothing imports keeps its finding. A test's write is no
    deployment's: the constant still holds its one string."""
    app = APP + "import os  # noqa: E402\n\nfrom svc import verify  # noqa: E402\n\n"
    for number, changed in enumerate((
            {"svc/app.py": app + "verify._prefix = os.environ.get('CHECKS_PACKAGE', 'svc.users.')\n"},
            {"svc/app.py": app + "setattr(verify, '_prefix', os.environ['CHECKS_PACKAGE'])\n"},
            {"svc/app.py": APP + "import svc.settings  # noqa: E402,F401\n",
             "svc/settings.py": "import os\n\nimport svc.verify\n\nsvc.verify._prefix = os.environ.get('CHECKS', 'svc.')\n"},
            {"svc/app.py": app + "verify.PACKAGE = os.environ['CHECKS_PACKAGE']\n", "svc/verify/__init__.py": VERIFY.replace("_prefix", "PACKAGE")},
            {"svc/app.py": app + "from svc.configure import configure  # noqa: E402\n\nconfigure(verify, os.environ['CHECKS'])\n",
             "svc/configure.py": "def configure(module, package):\n    module._prefix = package\n"},
            {"svc/app.py": app + "for key, value in os.environ.items():\n    setattr(verify, key.lower(), value)\n"})):
        assert _findings(tmp_path / f"written-{number}", _verify_files(changed)) == ANY, changed
    tested = _verify_files({"tests/test_verify.py": "from svc import verify\n\n\ndef test_load():\n    verify._prefix = 'svc.users.'\n"})
    assert _findings(tmp_path / "tested", tested) == NARROWED


def test_a_constant_start_its_module_may_rebind_by_computed_names_is_unknown(tmp_path: Path) -> None:
    """The loader's own module may rebind the constant where no binding shows it: `globals()`, `vars()`, `exec`,
    `sys.modules`, `__dict__`, its name as an attribute of the module object it imports itself."""
    for number, (old, new) in enumerate((
            ("\n\ndef load(", "\n\ndef configure(package):\n    globals()['_prefix'] = package\n\n\ndef load("),
            ("_prefix = 'svc.verify.'\n", "_prefix = 'svc.verify.'\nglobals().update({k: v for k, v in os.environ.items() if k.startswith('_')})\n"),
            ("import os\n", "import os\nimport sys\n"),
            ("_prefix = 'svc.verify.'\n", "_prefix = 'svc.verify.'\nif os.path.exists('/etc/svc/verify.py'):\n    exec(open('/etc/svc/verify.py').read())\n"),
            ("\n\ndef load(", "\n\ndef configure(package):\n    vars()['x'] = 1\n\n\ndef load("),
            ("\n\ndef load(", "\n\ndef configure(module, package):\n    module.__dict__['_prefix'] = package\n\n\ndef load("),
            ("\n\ndef load(", "\n\ndef configure(package):\n    import svc.verify\n    svc.verify._prefix = package\n\n\ndef load("))):
        verify = VERIFY.replace(old, new)
        if number == 2:
            verify += "\n\ndef configure(package):\n    setattr(sys.modules[__name__], '_prefix', package)\n"
        assert _findings(tmp_path / f"rebound-{number}", _verify_files({"svc/verify/__init__.py": verify})) == ANY, verify


def test_a_load_in_a_class_body_does_not_read_a_constant_start(tmp_path: Path) -> None:
    """A comprehension in a class body reads the module's `_prefix`, not the class's: the class's string is no start
    of the name it loads. A load in a class body is not read for a constant start at all."""
    verify = ("import importlib\nimport os\n\n_prefix = os.environ.get('CHECKS_PACKAGE', 'svc.')\n\n\nclass Checks:\n"
              "    _prefix = 'svc.verify.'\n"
              "    modules = [importlib.import_module(_prefix + name) for name in os.environ.get('CHECKS', '').split(',') if name]\n")
    assert _findings(tmp_path, _verify_files({"svc/verify/__init__.py": verify})) == ANY


def test_a_walked_import_whose_name_starts_with_a_constant_keeps_the_walks_guard(tmp_path: Path) -> None:
    """`for info in pkgutil.iter_modules(svc.users.__path__)` skipping names ending in `captcha`, then
    `import_module(f"{_prefix}.{info.name}")`: the import is the walk's (whether it is, is read off the name's literal
    start only, as before constant starts were read), so the walk's guard decides what it loads: the module it skips
    keeps no finding."""
    walker = ("import importlib\nimport pkgutil\n\nimport svc.users\n\n_prefix = 'svc.users'\n\n\ndef load_all():\n"
              "    for info in pkgutil.iter_modules(svc.users.__path__):\n        if info.name.endswith('captcha'):\n            continue\n"
              "        importlib.import_module(f'{_prefix}.{info.name}')\n")
    app = APP + "from svc import walker  # noqa: E402\n\nwalker.load_all()\n"
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/resources/__init__.py": "", "svc/resources/orders.py": ORDERS,
             "svc/walker.py": walker, "svc/users/__init__.py": "", "svc/users/recaptcha.py": RECAPTCHA}
    assert _findings(tmp_path, files) == ["svc/resources/orders.py:9"]
