"""PRR401 in a run over a whole project reports output only where the running service reaches it
(project/service_reach.py): from entry points, start-up, background tasks and long-running programs."""

from __future__ import annotations

from typing import Dict, List, Tuple

from _serving import run

APP = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
# A sample consumer shipped beside the service: the library runs consumers the deployment names,
# and nothing in the service builds this one.
SAMPLE = (
    "from svc.consumers import BaseConsumer\n\n"
    "class EchoConsumer(BaseConsumer):\n    def handle(self, message):\n        print(message)\n"
)
CONSUMERS = "class BaseConsumer:\n    def handle(self, message):\n        raise NotImplementedError\n"


def _prints(files: Dict[str, str], whole_project: bool = True) -> List[Tuple[str, int]]:
    found = run(files, select=("PRR401",), whole_project=whole_project).findings
    return sorted((f.path, f.span.line) for f in found)


def _service(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/helpers.py": HELPERS, "svc/consumers.py": CONSUMERS}
    files.update({path.replace("__", "/") + ".py": source for path, source in extra.items()})
    return files


def test_output_the_service_does_not_run_is_left_out() -> None:
    assert _prints(_service(svc__samples=SAMPLE)) == [("svc/helpers.py", 2)]


def test_a_run_over_named_files_keeps_it() -> None:
    """A pre-commit hook names a few files: too little of the call graph to tell."""
    assert ("svc/samples.py", 5) in _prints(_service(svc__samples=SAMPLE), whole_project=False)


def test_output_a_request_reaches_through_a_helper_stays() -> None:
    helpers = HELPERS + "\ndef unused_here():\n    pass\n"
    assert _prints(_service(svc__helpers_extra=helpers)) == [("svc/helpers.py", 2)]


def test_a_background_task_is_the_service() -> None:
    """A Dramatiq actor's helpers run in the service's workers (the app imports the module for another use)."""
    tasks = "import dramatiq\nfrom svc import reports\n\n@dramatiq.actor\ndef build(day):\n    reports.build(day)\n"
    reports = "NAME = 'reports'\n\ndef build(day):\n    print('building', day)\n"
    files = _service(svc__tasks=tasks, svc__reports=reports)
    files["svc/app.py"] = APP + "from svc import reports\nTITLE = reports.NAME\n"
    assert ("svc/reports.py", 4) in _prints(files)


def test_handlers_a_blueprint_subclass_wires_itself_are_reached() -> None:
    """A project Blueprint subclass that registers its own methods marked by a project decorator."""
    module = (
        "import flask\n\n"
        "def route(rule):\n    def wrap(fn):\n        fn.rule = rule\n        return fn\n    return wrap\n\n"
        "class WebsiteModule(flask.Blueprint):\n    def __init__(self, name):\n        super().__init__(name, __name__)\n"
        "        for attr in dir(self):\n            fn = getattr(self, attr)\n"
        "            if hasattr(fn, 'rule'):\n                self.add_url_rule(fn.rule, view_func=fn)\n\n"
        "class ProfileModule(WebsiteModule):\n    @route('/profile')\n    def update(self):\n"
        "        try:\n            send_mail()\n        except Exception:\n            print('mail failed')\n        return 'ok'\n\n"
        "def send_mail():\n    pass\n"
    )
    app = APP + "from svc.modules import ProfileModule\napp.register_blueprint(ProfileModule('profile'))\n"
    files = _service(svc__modules=module)
    files["svc/app.py"] = app
    assert ("svc/modules.py", 23) in _prints(files)


def test_modules_a_worker_loads_by_a_computed_name_are_run_by_it() -> None:
    """The job modules a worker imports by name from its configuration: their output is the worker's."""
    loader = (
        "import importlib\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n"
        "@app.post('/jobs/<name>')\ndef run_job(name):\n    return importlib.import_module(f'svc.jobs.{name}').call()\n"
    )
    job = "def call():\n    print('compressing')\n    return 'done'\n"
    files = _service(svc__loader=loader, svc__jobs__compress=job, svc__samples=SAMPLE)
    files["svc/jobs/__init__.py"] = ""
    assert _prints(files) == [("svc/helpers.py", 2), ("svc/jobs/compress.py", 2)]


def test_a_module_name_with_no_literal_start_may_be_any_module() -> None:
    loader = "import importlib\n\ndef load(path):\n    return importlib.import_module(path)\n"
    files = _service(svc__loader=loader, svc__samples=SAMPLE)
    files["svc/app.py"] = APP + "from svc import loader\n\n@app.post('/l/<path>')\ndef l(path):\n    return loader.load(path).run()\n"
    assert ("svc/samples.py", 5) in _prints(files)


def test_a_module_imported_through_a_path_the_deployment_sets_keeps_its_output() -> None:
    """`import helpers2` for `lib/helpers2.py`: the deployment puts `lib/` on the path, so the call
    graph cannot tell who calls it."""
    files = _service(svc__samples=SAMPLE)
    files["lib/helpers2.py"] = "def insert(row):\n    print('inserting', row)\n"
    files["svc/app.py"] = APP + "import helpers2\n\n@app.post('/rows')\ndef rows():\n    helpers2.insert(1)\n    return 'ok'\n"
    assert ("lib/helpers2.py", 2) in _prints(files)


def test_a_package_loading_its_own_modules_by_name_runs_them() -> None:
    """`importlib.import_module(f"{__name__}.{filename}")` in a package's `__init__`."""
    plugins = "import importlib\n\ndef load(filename):\n    return importlib.import_module(f'{__name__}.{filename}')\n"
    job = "def call():\n    print('overriding')\n"
    files = _service(svc__samples=SAMPLE, svc__plugins__override=job)
    files["svc/plugins/__init__.py"] = plugins
    files["svc/app.py"] = APP + "from svc import plugins\n\n@app.post('/p/<name>')\ndef p(name):\n    return plugins.load(name).call()\n"
    assert _prints(files) == [("svc/helpers.py", 2), ("svc/plugins/override.py", 2)]


def test_a_tool_loading_any_module_by_name_loads_nothing_into_the_service() -> None:
    """A command-line program's `__import__(name)`: the service never runs it."""
    cli = (
        "import sys\n\ndef main():\n    module = __import__(sys.argv[1])\n    module.run()\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    assert _prints(_service(svc__cli=cli, svc__samples=SAMPLE)) == [("svc/helpers.py", 2)]


def test_a_name_with_no_literal_start_loads_only_what_nothing_imports() -> None:
    """A loop over a setting's plug-in paths (`import_string(path)`) loads a module only a name can
    load; a module the project imports (a client SDK shipped beside the server, `svc.client`) and an
    operator's script (`svc/tools/report.py`) are not loaded by it (R2R's py/sdk, cve-search's bin/)."""
    loader = (
        "from django.conf import settings\nfrom django.utils.module_loading import import_string\n\n"
        "def plugins():\n    return [import_string(path)() for path in settings.PLUGINS.split(',')]\n"
    )
    plugin = "class AuditPlugin:\n    def created(self, user):\n        print('created', user)\n"
    client = "def fetch():\n    print('fetching')\n"
    sdk = "from svc.client import fetch\n"
    script = "def report():\n    print('report')\n\nif __name__ == '__main__':\n    report()\n"
    files = _service(svc__loader=loader, svc__audit=plugin, svc__client=client, svc__sdk=sdk, svc__tools__report=script)
    files["svc/tools/__init__.py"] = ""
    files["svc/app.py"] = APP + "from svc import loader\n\n@app.post('/u')\ndef u():\n    [p.created(1) for p in loader.plugins()]\n    return 'ok'\n"
    assert _prints(files) == [("svc/audit.py", 3), ("svc/helpers.py", 2)]


def _auth_loaded(loader: str) -> Dict[str, str]:
    """The service, and a loader module that imports an auth method by a computed name the app calls."""
    files = _service(svc__loader=loader, svc__auth__ldap="def login():\n    print('login')\n", svc__samples=SAMPLE)
    files["svc/auth/__init__.py"] = ""
    files["svc/app.py"] = APP + "from svc import loader\n\n@app.post('/l/<m>')\ndef l(m):\n    return loader.load(m).login()\n"
    return files


def test_a_percent_formatted_module_name_loads_what_its_literal_start_names() -> None:
    """`import_module("svc.auth.%s" % method)`: the modules under `svc.auth`, not the whole project."""
    loader = "import importlib\n\ndef load(method):\n    return importlib.import_module('svc.auth.%s' % method)\n"
    assert _prints(_auth_loaded(loader)) == [("svc/auth/ldap.py", 2), ("svc/helpers.py", 2)]


def test_a_module_name_starting_with_a_constant_loads_what_the_constant_names() -> None:
    """`import_module(_AUTH + method)` after `_AUTH = "svc.auth."`: the modules under `svc.auth`, as the literal would;
    a constant the module may rebind (`global _AUTH` in a setter) may name any module, the sample consumer too."""
    loader = "import importlib\n\n_AUTH = 'svc.auth.'\n\n\ndef load(method):\n    return importlib.import_module(_AUTH + method)\n"
    assert _prints(_auth_loaded(loader)) == [("svc/auth/ldap.py", 2), ("svc/helpers.py", 2)]
    rebound = loader + "\n\ndef use(package):\n    global _AUTH\n    _AUTH = package\n"
    assert ("svc/samples.py", 5) in _prints(_auth_loaded(rebound))


def test_a_library_a_wrapper_module_is_named_after_is_no_project_module() -> None:
    """`import litellm` in the project's `providers/litellm.py` (a wrapper named after the library it
    wraps) and `from litellm import AuthenticationError` elsewhere name the library: the wrapper's
    methods nothing calls are not reached (R2R's `LiteLLMEmbeddingProvider.rerank`); a module the
    deployment's path makes importable by its last name still is."""
    wrapper = (
        "import litellm\n\nclass Provider:\n    def rerank(self, items):\n        print('reranking')\n"
        "        return litellm.rerank(items)\n"
    )
    files = _service(svc__providers__litellm=wrapper)
    files["svc/providers/__init__.py"] = ""
    files["lib/helpers2.py"] = "def insert(row):\n    print('inserting', row)\n"
    files["svc/app.py"] = (APP + "import helpers2\nfrom litellm import AuthenticationError\n\n"
                           "@app.post('/rows')\ndef rows():\n    helpers2.insert(1)\n    return 'ok'\n")
    assert _prints(files) == [("lib/helpers2.py", 2), ("svc/helpers.py", 2)]


def test_a_module_imported_by_the_end_of_its_name_is_not_loaded_by_a_nameless_loader() -> None:
    """A vendored tool's stage that its `__main__` imports as `from tool.encode import run` (its folder
    on the path): imported, so no plug-in a nameless loader may pick (xinference's vendored `dac`);
    the plug-in nothing imports still is."""
    loader = "import importlib\n\ndef load(path):\n    return importlib.import_module(path)\n"
    plugin = "def created(user):\n    print('created', user)\n"
    stage = "def run():\n    print('encoding')\n"
    main = "from tool.encode import run\n\nif __name__ == '__main__':\n    run()\n"
    files = _service(svc__loader=loader, svc__audit=plugin, vendor__tool__encode=stage, vendor__tool____main__=main)
    files["vendor/tool/__init__.py"] = ""
    files["svc/app.py"] = APP + "from svc import loader\n\n@app.post('/l/<path>')\ndef l(path):\n    return loader.load(path).created(1)\n"
    assert _prints(files) == [("svc/audit.py", 2), ("svc/helpers.py", 2)]
