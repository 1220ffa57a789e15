"""PRR501: a requests default timeout that one program's start-up patches in bounds what only that program
reaches (project/patched_programs.py), and a patch filling in a parameter counts only when every call passes a
finite number (project/requests_default.py)."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_PATCH = (
    "def patch_requests_with_default_timeout(timeout):\n    import requests\n    old_request = requests.Session.request\n\n"
    "    def new_request(*args, **kwargs):\n        if 'timeout' not in kwargs:\n            kwargs['timeout'] = timeout\n"
    "        return old_request(*args, **kwargs)\n    requests.Session.request = new_request\n"
)
_SERVICES = (
    "import requests\n\n\nclass RunKeeper:\n    def download(self, url):\n        return requests.get(url).json()\n\n"
    "    def authorize(self, url):\n        return requests.post(url).json()\n\n\nSERVICES = {'runkeeper': RunKeeper()}\n\n\n"
    "def from_id(name):\n    return SERVICES[name]\n"
)
_SYNC = "def perform_sync(services):\n    for svc in services:\n        svc.download('https://api/activities')\n"
_WORKER = (
    "from app.requests_lib import patch_requests_with_default_timeout\n\npatch_requests_with_default_timeout(timeout=60)\n\n"
    "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n"
)
_VIEWS = (
    "from django.http import JsonResponse\n\nfrom app.services import from_id\n\n\n"
    "def login(request):\n    return JsonResponse(from_id(request.GET['service']).authorize(request.GET['url']))\n"
)
_TAPIRIIK = {
    "app/__init__.py": "",
    "app/requests_lib.py": _PATCH,
    "app/services.py": _SERVICES,
    "app/sync.py": _SYNC,
    "app/views.py": _VIEWS,
    "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('login', views.login)]\n",
    "sync_worker.py": _WORKER,
}
_DOWNLOAD, _AUTHORIZE = ("app/services.py", 6), ("app/services.py", 9)


def _found(files: dict) -> list:
    return sorted((f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings)


def test_a_patch_only_the_sync_worker_runs_bounds_what_only_it_reaches() -> None:
    """tapiriik: `sync_worker.py` patches `Session.request` with timeout=60 and then syncs (`svc.download`, of no
    known type: every `download`); the Django view's `authorize` runs in the web process, which never patches."""
    assert _found(_TAPIRIIK) == [_AUTHORIZE]


_CELERY = (
    "from celery import shared_task\n\nfrom app.services import SERVICES\n\n\n"
    "@shared_task\ndef rollback(name):\n    SERVICES[name].download('https://api/undo')\n"
)


@pytest.mark.parametrize("change", [
    {"sync_worker.py": _WORKER.replace("timeout=60", "timeout=None")},
    {"sync_worker.py": _WORKER.replace("timeout=60", "timeout=settings.SYNC_TIMEOUT").replace(
        "\npatch", "\nfrom app import settings\n\npatch", 1), "app/settings.py": "SYNC_TIMEOUT = 60\n"},
    {"app/other.py": (
        "from app.requests_lib import patch_requests_with_default_timeout\n\n\n"
        "def relax():\n    patch_requests_with_default_timeout(timeout=0)\n")},
    {"app/views.py": _VIEWS + "\n\ndef refresh(request):\n    return JsonResponse(from_id('runkeeper').download(request.GET['url']))\n",
     "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('login', views.login), path('r', views.refresh)]\n"},
    {"app/tasks.py": _CELERY},
    {"poll_worker.py": "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n"},
    {"sync_worker.py": _WORKER.replace("patch_requests_with_default_timeout(timeout=60)\n", "").replace(
        "perform_sync(SERVICES.values())\n", "perform_sync(SERVICES.values())\npatch_requests_with_default_timeout(timeout=60)\n")},
    {"sync_worker.py": "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n",
     "tests/__init__.py": "", "tests/test_sync.py": _WORKER},
    {"app/hooks.py": "from app.services import from_id\n\n\ndef on_signal(sender, **kwargs):\n    from_id(sender).download(kwargs['url'])\n"},
])
def test_a_call_the_patching_program_does_not_alone_reach_stays(change: dict) -> None:
    """No finite timeout at every call of the patching function (None, a computed value, a zero elsewhere), a view, a
    Celery task, another daemon or a function nothing reaches (a hook) calling `download` too, the patch run only
    after the work, or only by a test: `download` keeps its finding."""
    assert _found({**_TAPIRIIK, **change}) == [_DOWNLOAD, _AUTHORIZE]


_CONTEXT_PATCH = (
    "import contextlib\n\n\n@contextlib.contextmanager\ndef default_timeout(timeout):\n    import requests\n"
    "    old_request = requests.Session.request\n\n    def new_request(*args, **kwargs):\n"
    "        if 'timeout' not in kwargs:\n            kwargs['timeout'] = timeout\n        return old_request(*args, **kwargs)\n"
    "    requests.Session.request = new_request\n    try:\n        yield\n    finally:\n        requests.Session.request = old_request\n"
)
_GLOBAL_PATCH = (
    "import requests\n\n_TIMEOUT = None\n_old_request = requests.Session.request\n\n\ndef _new_request(*args, **kwargs):\n"
    "    if 'timeout' not in kwargs:\n        kwargs['timeout'] = _TIMEOUT\n    return _old_request(*args, **kwargs)\n\n\n"
    "def patch_requests_with_default_timeout(timeout):\n    global _TIMEOUT\n    _TIMEOUT = timeout\n    requests.Session.request = _new_request\n"
)
_AGENT = (  # tapiriik's `patch_requests_user_agent`: a wrapper of the value current when it runs, the timeout left alone
    "import requests\n\n\ndef patch_user_agent(agent):\n    old_request = requests.Session.request\n\n"
    "    def new_request(self, *args, **kwargs):\n        headers = kwargs.get('headers', {})\n        headers['User-Agent'] = agent\n"
    "        kwargs['headers'] = headers\n        return old_request(self, *args, **kwargs)\n    requests.Session.request = new_request\n"
)
_AGENT_WORKER = _WORKER.replace("\npatch_requests_with_default_timeout(timeout=60)\n",
                                "\npatch_requests_with_default_timeout(timeout=60)\npatch_user_agent('sync')\n").replace(
    "from app.requests_lib", "from app.agent import patch_user_agent\nfrom app.requests_lib", 1)
_IMPORTS = "from app.requests_lib import patch_requests_with_default_timeout\nfrom app.sync import perform_sync\nfrom app.services import SERVICES\n"
_POLL = "from app.services import SERVICES\n\n\ndef main():\n    print(len(SERVICES))\n\n\nif __name__ == '__main__':\n    main()\n"


@pytest.mark.parametrize("change", [
    # 1: the work the program runs before the patch, at its top level or inside the function that patches
    {"sync_worker.py": _IMPORTS + "\nperform_sync(SERVICES.values())\npatch_requests_with_default_timeout(timeout=60)\n"
                                  "perform_sync(SERVICES.values())\n"},
    {"sync_worker.py": _IMPORTS + "\n\ndef main():\n    perform_sync(SERVICES.values())\n    patch_requests_with_default_timeout(timeout=60)\n"
                                  "    perform_sync(SERVICES.values())\n\n\nmain()\n"},
    # 2: a patch under a branch (the `else:` runs unpatched), a `try` or a loop may not have run
    {"sync_worker.py": "import os\n" + _IMPORTS + "\nif os.environ.get('MODE') == 'bounded':\n"
                       "    patch_requests_with_default_timeout(timeout=60)\n    perform_sync(SERVICES.values())\nelse:\n"
                       "    perform_sync(SERVICES.values())\n"},
    {"sync_worker.py": _IMPORTS + "\ntry:\n    patch_requests_with_default_timeout(timeout=60)\nexcept ImportError:\n    pass\n"
                                  "perform_sync(SERVICES.values())\n"},
    # 4: a patch undone when its `with` block ends
    {"app/requests_lib.py": _CONTEXT_PATCH,
     "sync_worker.py": "from app.requests_lib import default_timeout\nfrom app.sync import perform_sync\nfrom app.services import SERVICES\n\n"
                       "with default_timeout(60):\n    print('warm up')\nperform_sync(SERVICES.values())\n"},
    # 5: a value the patch reads from a global or the environment may be None
    {"app/requests_lib.py": _GLOBAL_PATCH, "sync_worker.py": _WORKER.replace("timeout=60", "timeout=None")},
    {"app/requests_lib.py": _GLOBAL_PATCH.replace("_TIMEOUT = None\n", "_TIMEOUT = 60\n")},
    {"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace("(timeout):\n", "():\n").replace(
        "    import requests\n", "    import requests\n    timeout = os.environ.get('REQUESTS_TIMEOUT')\n"),
     "sync_worker.py": _WORKER.replace("timeout=60", "")},
    # 6: `timeout=None` written out is not missing, so no patch fills it in
    {"app/services.py": _SERVICES.replace("requests.get(url)", "requests.get(url, timeout=None)")},
    # second review 1: an early `return` or exit before the patch, at any level of the chain
    {"sync_worker.py": "import os\n" + _IMPORTS + "\n\ndef configure():\n    if os.environ.get('NO_TIMEOUT'):\n        return\n"
                       "    patch_requests_with_default_timeout(timeout=60)\n\n\nconfigure()\nperform_sync(SERVICES.values())\n"},
    {"sync_worker.py": "import os\n" + _IMPORTS + "\n\ndef configure():\n    patch_requests_with_default_timeout(timeout=60)\n\n\n"
                       "def setup():\n    if os.environ.get('NO_TIMEOUT'):\n        return\n    configure()\n\n\n"
                       "setup()\nperform_sync(SERVICES.values())\n"},
    # second review 2: the patcher's own assignment skipped by an early `return`, or its parameter rebound
    {"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace(
        "    import requests\n", "    import requests\n    if os.environ.get('NO_TIMEOUT'):\n        return\n")},
    {"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace(
        "    import requests\n", "    import requests\n    if os.environ.get('NO_TIMEOUT'):\n        timeout = None\n")},
    # second review 3: a `TimeoutSauce` or `partialmethod` patch filling in a parameter (here None) has no checked value
    # (the `partialmethod` one was already reported: rules/clients.py does not take it for a patch)
    {"app/requests_lib.py": "import functools\n\n\ndef patch_requests_with_default_timeout(timeout):\n    import requests.adapters\n"
                            "    requests.adapters.TimeoutSauce = functools.partial(requests.adapters.TimeoutSauce, connect=timeout, read=timeout)\n",
     "sync_worker.py": _WORKER.replace("timeout=60", "timeout=None")},
    {"app/requests_lib.py": "import functools\n\n\ndef patch_requests_with_default_timeout(timeout):\n    import requests\n"
                            "    requests.Session.request = functools.partialmethod(requests.Session.request, timeout=timeout)\n",
     "sync_worker.py": _WORKER.replace("timeout=60", "timeout=None")},
    # second review 6: the program restores `Session.request` in its own module, after the patch
    {"sync_worker.py": "import requests\n" + _IMPORTS + "\noriginal = requests.Session.request\n"
                       "patch_requests_with_default_timeout(timeout=60)\nrequests.Session.request = original\nperform_sync(SERVICES.values())\n"},
    # second review 5: a thread's target or an executor's job handed over before the patch may run before it
    {"sync_worker.py": "import threading\n" + _IMPORTS + "\nworker = threading.Thread(target=perform_sync, args=(SERVICES.values(),))\n"
                       "worker.start()\npatch_requests_with_default_timeout(timeout=60)\nperform_sync(SERVICES.values())\n"},
    {"sync_worker.py": "from concurrent.futures import ThreadPoolExecutor\n" + _IMPORTS + "\npool = ThreadPoolExecutor()\n"
                       "pool.submit(perform_sync, SERVICES.values())\npatch_requests_with_default_timeout(timeout=60)\n"
                       "perform_sync(SERVICES.values())\n"},
    # third review 1: another module's own wrapper, installed after the patch, calls the original it kept
    {"app/tracing.py": "import logging\nimport requests\n\n_original_request = requests.Session.request\n\n\n"
                       "def traced_request(self, method, url, **kwargs):\n    logging.info('%s %s', method, url)\n"
                       "    return _original_request(self, method, url, **kwargs)\n\n\n"
                       "def install():\n    requests.Session.request = traced_request\n",
     "sync_worker.py": _WORKER.replace("\npatch_requests_with_default_timeout(timeout=60)\n",
                                      "\npatch_requests_with_default_timeout(timeout=60)\ntracing.install()\n").replace(
         "from app.requests_lib", "from app import tracing\nfrom app.requests_lib", 1)},
    # third review 2: a restore in a module this interpreter's `ast` cannot parse (3.12's `type` statement; on 3.12 and
    # later it parses, and the restore is seen)
    {"app/compat.py": "import requests\n\ntype Headers = dict[str, str]\n\n_original_request = requests.Session.request\n\n\n"
                      "def unpatch():\n    requests.Session.request = _original_request\n",
     "sync_worker.py": _WORKER.replace("\npatch_requests_with_default_timeout(timeout=60)\n",
                                      "\npatch_requests_with_default_timeout(timeout=60)\nunpatch()\n").replace(
         "from app.requests_lib", "from app.compat import unpatch\nfrom app.requests_lib", 1)},
    # third review 3: a nested function may rebind the parameter through `nonlocal`
    {"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace(
        "    def new_request", "    def disable():\n        nonlocal timeout\n        timeout = None\n\n    def new_request").replace(
        "    requests.Session.request = new_request\n",
        "    requests.Session.request = new_request\n    if os.environ.get('NO_TIMEOUT'):\n        disable()\n")},
    # third review 4: the wrapper may take the filled timeout away again (None, `pop`, `del`)
    *({"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace(
        "        return old_request", f"        if os.environ.get('NO_TIMEOUT'):\n            {clear}\n        return old_request")}
      for clear in ("kwargs['timeout'] = None", "kwargs.pop('timeout', None)", "del kwargs['timeout']")),
    # ... and so does a wrapper of the current value that takes the timeout away (`pop`, `update`, None)
    *({"app/agent.py": _AGENT.replace("        kwargs['headers'] = headers\n", f"        {clear}\n"), "sync_worker.py": _AGENT_WORKER}
      for clear in ("kwargs.pop('timeout', None)", "kwargs.update({'timeout': None})", "kwargs['timeout'] = None")),
    # fourth review 1-3: any other wrapper that runs undoes the patch, whatever it passes on (a user agent's, one built
    # before the patch in the same function, one decorated to drop the timeout)
    {"app/agent.py": _AGENT, "sync_worker.py": _AGENT_WORKER},
    {"app/agent.py": _AGENT.replace("    old_request = requests.Session.request\n", "    old_request = requests.Session.request\n"
                                    "    from app.requests_lib import patch_requests_with_default_timeout\n"
                                    "    patch_requests_with_default_timeout(timeout=60)\n"),
     "sync_worker.py": _AGENT_WORKER.replace("patch_requests_with_default_timeout(timeout=60)\npatch_user_agent", "patch_user_agent")},
    # ... and so does one nothing calls but that a registry may keep (a decorator) or a name may load (a string)
    {"app/agent.py": "import functools\n" + _AGENT.replace("def patch_user_agent", "@functools.lru_cache()\ndef patch_user_agent")},
    {"app/agent.py": _AGENT, "app/setup.py": "HOOKS = ['app.agent.patch_user_agent']\n"},
    # fourth review 4: the patch's wrapper may take the timeout away by `update`, a rebinding, `clear` or `**{...}`
    *({"app/requests_lib.py": "import os\n\n\n" + _PATCH.replace(
        "        return old_request", f"        if os.environ.get('NO_TIMEOUT'):\n            {clear}\n        return old_request")}
      for clear in ("kwargs.update(timeout=None)", "kwargs.update({'timeout': None})", "kwargs.update(dict(timeout=None))",
                    "return old_request(*args, **{**kwargs, 'timeout': None})",
                    "kwargs = {k: v for k, v in kwargs.items() if k != 'timeout'}", "kwargs.clear()", "kwargs.popitem()",
                    "kwargs.__delitem__('timeout')")),
    # fourth review 5: a walrus rebinds the patcher's parameter, as a statement or in a comprehension
    *({"app/requests_lib.py": _PATCH + f"    {rebind}\n"} for rebind in ("(timeout := None)", "[(timeout := None) for _ in [1]]")),
    # second review 3: a literal `TimeoutSauce` patch has no checked value in the reach rule
    {"app/requests_lib.py": "import functools\n\n\ndef patch_requests_with_default_timeout(timeout):\n    import requests.adapters\n"
                            "    requests.adapters.TimeoutSauce = functools.partial(requests.adapters.TimeoutSauce, connect=60, read=60)\n"},
])
def test_a_patch_that_may_not_bound_the_work_covers_nothing(change: dict) -> None:
    """Review of the reach rule: the work the program runs before the patch, a patch that may not run, a console script
    sharing the program's function, a patch undone, a value not known finite, an explicit `timeout=None`: all stay."""
    assert _found({**_TAPIRIIK, "poll.py": _POLL, **change}) == [_DOWNLOAD, _AUTHORIZE]


@pytest.mark.parametrize("change", [
    {"sync_worker.py": _IMPORTS + "\n\ndef main():\n    patch_requests_with_default_timeout(timeout=60)\n"
                                  "    perform_sync(SERVICES.values())\n\n\nif __name__ == '__main__':\n    main()\n"},
    {"app/requests_lib.py": _PATCH.replace("kwargs['timeout'] = timeout", "kwargs['timeout'] = (3.05, 27)")},
    # a `return` or `raise` in a function defined inside (the patched `new_request`), or after the patch, is no early exit
    {"sync_worker.py": _IMPORTS + "\n\ndef main():\n    patch_requests_with_default_timeout(timeout=60)\n"
                                  "    if not SERVICES:\n        return\n    perform_sync(SERVICES.values())\n\n\nmain()\n"},
    # another wrapper no non-test module names, so never run, keeps the patch (tapiriik's user agent); a test may call it
    {"app/agent.py": _AGENT},
    {"app/agent.py": _AGENT, "tests/test_agent.py": "from app.agent import patch_user_agent\n\n\n"
                                                    "def test_agent():\n    patch_user_agent('test')\n"},
    # the wrapper may write other keys, read the timeout and pass `**kwargs` on
    {"app/requests_lib.py": _PATCH.replace("        return old_request", "        kwargs.update({'verify': True})\n"
                                           "        kwargs.setdefault('headers', {})\n        print(kwargs['timeout'])\n"
                                           "        return old_request")},
    # a second checked patch (a literal timeout) installed after the first keeps a default
    {"app/retry.py": "import requests\n\n\ndef install():\n    old = requests.Session.request\n\n"
                     "    def bounded(*args, **kwargs):\n        kwargs.setdefault('timeout', 30)\n        return old(*args, **kwargs)\n"
                     "    requests.Session.request = bounded\n",
     "sync_worker.py": _WORKER.replace("\npatch_requests_with_default_timeout(timeout=60)\n",
                                      "\npatch_requests_with_default_timeout(timeout=60)\nretry.install()\n").replace(
         "from app.requests_lib", "from app import retry\nfrom app.requests_lib", 1)},
])
def test_the_patching_program_own_main_and_literal_values_still_count(change: dict) -> None:
    """A `main()` that patches first and then works, run by the program's own `__main__` block, and a literal
    (connect, read) tuple: `download` is covered as in the plain shape."""
    assert _found({**_TAPIRIIK, "poll.py": _POLL, **change}) == [_AUTHORIZE]


def test_inline_launch_code_naming_the_program_modules_runs_them_unpatched(tree_lines) -> None:
    """Third review 5: a Procfile line running `python -c` code that imports the sync runs `download` without the
    patch; inline code naming no project module (a health check) runs none of its functions: `download` is covered."""
    files = {**_TAPIRIIK, "poll.py": _POLL}
    resync = "resync: python -c \"from app.sync import perform_sync; from app.services import SERVICES; perform_sync(SERVICES.values())\"\n"
    health = "health: python3 -c \"import urllib.request; urllib.request.urlopen('http://localhost')\"\n"
    assert tree_lines({**files, "Procfile": "sync: python sync_worker.py\n" + resync}) == [_DOWNLOAD, _AUTHORIZE]
    assert tree_lines({**files, "Procfile": "sync: python sync_worker.py\n" + health}) == [_AUTHORIZE]


_RESYNC = "from app.sync import perform_sync; from app.services import SERVICES; perform_sync(SERVICES.values())"


@pytest.mark.parametrize("launch", [
    {"docker-compose.yml": f"services:\n  resync:\n    command:\n      - python\n      - -c\n      - \"{_RESYNC}\"\n"},
    {"docker-compose.yml": "services:\n  resync:\n    command: >\n      python -c \"\n" + _RESYNC.replace("; ", "\n      ") + "\"\n"},
    {"Dockerfile": f'FROM python:3.11\nCMD ["python",\n     "-c",\n     "{_RESYNC}"]\n'},
    {"Procfile": "sync: python sync_worker.py\nresync: bash bin/resync.sh\n",
     "bin/resync.sh": "#!/bin/sh\npython - <<'PY'\n" + _RESYNC.replace("; ", "\n") + "\nPY\n"},
    {"Procfile": f"sync: python sync_worker.py\nresync: ./manage.py shell -c \"{_RESYNC}\"\n"},
    {"Procfile": f"sync: python sync_worker.py\nresync: django-admin shell --command \"{_RESYNC}\"\n"},
])
def test_inline_launch_code_over_lines_or_through_a_shell_runs_the_modules_it_names(tree_lines, launch: dict) -> None:
    """Fourth review 6: inline code in a YAML list or folded block, a Dockerfile JSON array, a heredoc fed to `python -`,
    Django's `shell -c` / `--command`: the whole launch text is taken for code, and `download` runs unpatched."""
    assert tree_lines({**_TAPIRIIK, "poll.py": _POLL, **launch}) == [_DOWNLOAD, _AUTHORIZE]


_SETUP = (
    "import requests\n\n\ndef monkeypatch_requests():\n    old_request = requests.Session.request\n\n"
    "    def new_request(self, *args, **kwargs):\n        kwargs.setdefault('timeout', 10)\n"
    "        return old_request(self, *args, **kwargs)\n    requests.Session.request = new_request\n\n\n"
    "def setup_env():\n    monkeypatch_requests()\n"
)
_STATUS = {
    "app/__init__.py": "", "app/setup.py": _SETUP,
    "app/views.py": "import requests\nfrom django.http import JsonResponse\n\n\n"
                    "def status(request):\n    return JsonResponse(requests.get('https://upstream/status').json())\n",
    "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('status', views.status)]\n",
}


def test_a_root_module_that_builds_the_web_app_patches_the_whole_process() -> None:
    """A root wsgi.py that builds the app a server loads (`get_wsgi_application()`) starts the web process: its
    patch covers the views as on main."""
    wsgi = "from app.setup import setup_env\n\nsetup_env()\n\nfrom django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n"
    assert _found({**_STATUS, "wsgi.py": wsgi}) == []


def test_a_root_module_a_launch_file_names_as_the_app_patches_the_whole_process(tree_lines) -> None:
    """`gunicorn wsgi:application` in the Procfile says the root wsgi.py is the web process, whatever builds its app;
    `python wsgi.py` names it as a program only, a process of its own: the view stays."""
    wsgi = "from app.setup import setup_env\n\nsetup_env()\n\nfrom app.web import application\n"
    files = {**_STATUS, "wsgi.py": wsgi, "app/web.py": "application = object()\n"}
    assert tree_lines({**files, "Procfile": "web: gunicorn wsgi:application\n"}) == []
    assert tree_lines({**files, "Procfile": "web: python wsgi.py\n"}) == [("app/views.py", 6)]


def test_a_root_file_run_only_as_a_program_does_not_patch_the_views() -> None:
    """The same patch in a root file nothing names nor imports, building no app, is one program's: the view stays."""
    assert _found({**_STATUS, "warm.py": "from app.setup import setup_env\n\nsetup_env()\nprint('ok')\n"}) == [("app/views.py", 6)]


_CLI = "from app.services import SERVICES\nfrom app.sync import perform_sync\n\n\ndef main():\n    perform_sync(SERVICES.values())\n"
_CLI_WORKER = ("from app.cli import main\nfrom app.requests_lib import patch_requests_with_default_timeout\n\n"
               "if __name__ == '__main__':\n    patch_requests_with_default_timeout(timeout=60)\n    main()\n")


def test_a_console_script_running_the_program_function_unpatched_keeps_it(tree_lines) -> None:
    """`app-sync = app.cli:main` runs the `main` the patching program's `__main__` block runs, without the patch:
    only that block's own roots are the program's. Without the console script, `download` is covered."""
    files = {**_TAPIRIIK, "poll.py": _POLL, "app/cli.py": _CLI, "sync_worker.py": _CLI_WORKER}
    setup = "from setuptools import setup\n\nsetup(name='app', packages=['app'], entry_points={'console_scripts': ['app-sync = app.cli:main']})\n"
    assert tree_lines({**files, "setup.py": setup}) == [_DOWNLOAD, _AUTHORIZE]


def test_the_program_main_from_another_module_is_covered_without_a_console_script() -> None:
    """The same program with no console script: its `__main__` block patches and then runs `app.cli.main`."""
    assert _found({**_TAPIRIIK, "poll.py": _POLL, "app/cli.py": _CLI, "sync_worker.py": _CLI_WORKER}) == [_AUTHORIZE]
