"""PRR501's documentation: what `prr-lint rule PRR501` prints, kept beside the rule so the rule's module stays short."""

from prr_lint.rules.timeout_asking_docs import ASKING_DOCS
from prr_lint.rules.timeout_caller_docs import CALLER_DEADLINE_DOCS
from prr_lint.rules.timeout_django_apps_docs import DJANGO_APPS_DOCS
from prr_lint.rules.timeout_job_docs import JOB_DEADLINE_DOCS
from prr_lint.rules.timeout_local_docs import LOCAL_CALL_DOCS
from prr_lint.rules.timeout_python2_docs import PYTHON2_MODULE_DOCS
from prr_lint.rules.timeout_session_docs import PATCHED_PROGRAM_DOCS, SESSION_DEFAULT_DOCS
from prr_lint.rules.timeout_switch_docs import PARAM_CALL_DOCS, PARAM_GUARD_DOCS, SWITCH_ENV_DOCS
from prr_lint.rules.timeout_tooling_docs import TOOLING_DOCS

CALL_WITHOUT_TIMEOUT_DOCS = """An outbound call that can wait forever.

    What it does
        Reports calls that reach another service with no deadline, however the library is
        imported or aliased and whatever variable holds the client:

        - `requests` functions and `requests.Session` methods (`get`, `post`, ..., `request`,
          `send`), also on a subclass of `Session` defined in the module, without `timeout`;
        - `urllib.request.urlopen`, `http.client.HTTPConnection`/`HTTPSConnection`,
          `smtplib.SMTP`/`SMTP_SSL`, `ftplib.FTP`/`FTP_TLS` and `socket.create_connection`
          without a timeout (keyword or positional);
        - urllib3 requests (`urllib3.request`, `pool.request/urlopen`) without `timeout` on a
          `PoolManager` or connection pool that was built without one;
        - a pycurl handle whose `perform()` runs without `TIMEOUT`/`TIMEOUT_MS` ever being set
          on it, nor both `LOW_SPEED_TIME` and `LOW_SPEED_LIMIT` (together they abort a transfer
          that stalls: the deadline of a long download, whose total time no TIMEOUT may bound;
          libcurl bounds the connect phase itself, 300 s by default);
        - redis clients and connection pools (`Redis`, `from_url`, `ConnectionPool`, the asyncio
          and cluster variants) without `socket_timeout`, unless the project admits only redis-py 8.0 and later;
        - `timeout=None` on any of these or on `httpx`, and an aiohttp `ClientTimeout` with
          neither `total` nor `sock_read`.

        A streamed request with `timeout=None` (`client.stream(...)`, `stream=True`) made in a
        generator that yields what arrives is an event feed (a subscription to paid invoices, a
        log tail) meant to stay open while idle: a read timeout would only cut it, and no
        request waits on it, so it is not reported. The same stream read to answer one question
        (`return` on the first line) is. Likewise an explicit `timeout=None` (or an aiohttp
        `ClientTimeout(total=None)`) in a function that answers its own client with a streaming
        response (aiohttp's `StreamResponse`/`WebSocketResponse`, Django's `StreamingHttpResponse`,
        Starlette's `StreamingResponse`, or a project class derived from one, in any module): a proxy
        relaying a watch or log stream for as long as it flows, which a deadline would cut. An aiohttp
        `ClientTimeout(total=None)` is followed to its users in the module (the callers of a function
        returning the session built with it, the readers of a module constant no other module imports):
        every one must relay, or be an event feed (a loop yielding what arrives while a `with` holds the
        response open; one request per turn is pagination, reported). Left out, the deadline is reported (rules/stream_relays.py).

        The standard library's clients (`urlopen`, `http.client`, `smtplib`, `ftplib`,
        `socket.create_connection`) and urllib3 used directly (`urllib3.request`, a pool built
        without `timeout`) given no timeout wait as long as the process's default socket timeout:
        they are not reported when the process that runs them sets it with
        `socket.setdefaulttimeout(<seconds>)`: a module of the project does at import (also by
        constructing, with a positive number, a setting whose `__init__` runs its class's setter that
        sets it: a settings registry's `SocketTimeout(10)`), or the start-up of a program (a `__main__` block or console script, a few calls deep: `main()
        -> App().start() -> initialize()`) does and the call's module is in that program's
        import closure, or the same function sets it before the call (project/socket_default.py).
        requests (its `timeout=None` sets each socket to block forever), pycurl and redis ignore
        that default: they are still reported. requests has a process-wide default of its own: a
        module whose top level replaces `requests.adapters.TimeoutSauce` (looked up at every send)
        with a subclass that fills in `connect`/`read`, or a `functools.partial` giving them, bounds
        the requests calls of every module whose import runs it (it is in the module's import
        closure, parent packages included, or a program imports both; project/requests_default.py);
        so does `requests.Session.request = functools.partialmethod(requests.Session.request, timeout=10)`,
        or `Session.request = new_request` with a function of the module that gives a missing timeout
        a value (`kwargs.setdefault("timeout", ...)`, `kwargs["timeout"] = ...`, a `timeout=`
        default it passes on): `requests.get` and every session method send through it.
        """ + PATCHED_PROGRAM_DOCS + """
        A patched module global counts too (rules/session_patches.py): a module-level `mod.Session = X`
        or `setattr(mod, "Session", X)`, where `X` is a project `requests.Session` subclass whose
        `request` or `send` fills in a missing timeout, makes the `Session()` calls of the modules
        `mod` may be (imported by name; by a computed name with a literal start, `"pkg.providers.%s" %
        name`; walked by `pkgutil` under a literal prefix) build `X`: a plug-in loader that rebinds
        each provider's `Session` as it loads it bounds their calls and the wrappers forwarding a
        None timeout to them. `requests.Session = X` (a `requests.Session()` call) and
        `requests.sessions.Session = X` (what `requests.get` builds) count in a process that imports
        the patcher. A module no patch names, or a class that fills in no timeout, stays reported.

        A call that only request handling runs is not reported when the service bounds every request with a green-thread
        deadline: its workers run green threads (gunicorn's `worker_class = "eventlet"`/`"gevent"` or `-k eventlet`, or
        `eventlet.monkey_patch()`/`gevent.monkey.patch_all()`) and the WSGI app is wrapped in a middleware given a deadline
        (`app.wsgi_app = TimeoutMiddleware(app.wsgi_app, timeout_seconds=30)`) or in a project class whose `__call__` starts
        an `eventlet.Timeout`/`gevent.Timeout` (built by the project, or named in a string such as Django's `MIDDLEWARE`).
        The `Timeout` raises in the request's green thread wherever it waits, the patched socket included, so the outbound
        call is aborted with the request. Code that a background task, command, script, long-running program or loop of the
        project reaches, or that runs at import or start-up, has no such deadline and stays reported; so do calls in sync or
        async workers, where no `Timeout` interrupts a blocking socket (project/request_deadline.py).
        A server that kills a worker stuck in a request (uwsgi's `harakiri`, gunicorn's worker `timeout`) gives the call
        no deadline and the call stays reported: the kill ends the whole process with every request it holds, the
        client gets a 502 the service never handles or reports, and gunicorn's applies only to sync workers (a thread
        or green thread stuck in a read keeps its worker's heartbeat going). The call's own timeout lets the code
        answer and report the failure.

"""
CALL_WITHOUT_TIMEOUT_DOCS += CALLER_DEADLINE_DOCS + JOB_DEADLINE_DOCS + """        Who calls what is read through bare imports from folders the project's code puts on `sys.path` too (project/index.py),
        also a folder named by a Django setting (`sys.path.append(settings.APPS_DIR)` with `APPS_DIR` worked out from `__file__` in
        the settings module): a management command whose class derives from the project's own command base is then a command.
        A plug-in class nothing runs is not reported (project/unregistered.py, project/class_finders.py): one the service only
        imports, exports in `__all__`, subclasses or reads a class attribute of, or that only such a class builds. Where the
        project loads classes by a dotted path read from configuration (`import_string`, `import_class`, `import_module` of a
        settings value: cinder's `limiter=` option), the classes it may load are those a shipped file names (a settings
        string, a configuration file, or the documentation or a sample configuration by its dotted path: a changelog's
        "remove MFAStep" configures nothing); a class of a package a built path loads
        from (a plug-in name from a request) and a subclass of a base code finds by `__subclasses__` stay reported.
        `@six.add_metaclass(ABCMeta)` and `metaclass=ABCMeta` make an abstract base and register nothing, and a metaclass
        registers only the classes that set it or derive from one that does, not every class of its file; `getmembers` finds classes only as
        `inspect`'s (a tarfile's `tar.getmembers()` finds none) and not where its loop keeps only members a no-class
        predicate admits (`if not inspect.isfunction(member): continue`).

        A call that only a development run makes is not reported: in the body of an `if` on a framework's debug switch
        (Django's `settings.DEBUG`, a Flask app's `debug` or `app.config["DEBUG"]`, resolved through imports), or after an
        early exit taken unless it is on (`if not settings.DEBUG: return HttpResponseForbidden()`); the frameworks document
        the switch as off in production. Its `else` branch, and a switch read from the environment, are what a deployment
        may run: reported (rules/development_only.py). Nor is a feature every shipped configuration switches off: a call in
        an `if` (with no `else`, or an `else` that only logs or sets names to `None`: not a choice between two ways) or after an early exit on a key
        (`app.config["K"]`, `settings.K`, `get_settings().K`, a local name, class attribute or `self` attribute bound to
        one) that each config class, typed settings field (`ENABLE_X: bool = False`, `MAIL_ENABLED: int = 0`, `= Field(default=False)` in a pydantic
        `BaseSettings` or a dataclass; a lower-case field, `enable_x: bool = False`, of a `BaseSettings` class, which fills it
        from the variable `ENABLE_X` under the model's prefix, unless `alias=` renames it; a field, one word too, of the
        project's pydantic configuration model read through a section of its module-level instance, `if
        config.developer.seqlog:`, when no attribute store, launch flag `--seqlog` or shipped value turns it on:
        project/config_models.py), settings module and shipped
        configuration or deployment file sets to `False`, none to anything else (a computed value, an environment read); a module copy `ENABLE_X = Settings.ENABLE_X` (or `getattr(settings, "ENABLE_X", None)`, with a blank or false default) is the same
        switch, `FEATURE = Settings.ENABLE_X` follows it; a read's false default on a Flask app's config or Django's settings (`current_app.config.get("K", False)`, `getattr(settings, "K", False)`) is the key's value when no code, file the app loads, shipped file or sample defines it and no load copies the environment into the config (`from_prefixed_env()`: defaulted_reads.py); `None` or `""` in code leaves it to the shipped files, and a blank
        they ship (`K=` in an `.env` file) is off, as is a module constant read by its bare name (`if LOKI_URL:`, imported
        or the module's own) that one module-level statement binds to a blank (`LOKI_URL = None`) and nothing else gives a
        value: no other assignment, attribute store or `setattr`, no star import or `globals()` in its module, no shipped
        file naming it (Python binds what the code says; a read through a settings object, `config.LOKI_URL`, may be
        filled by a loader and stays with the shipped files); a client whose every use is such a call (rules/config_switches.py,
        project/switches.py). A django-flags flag is such a key (`if flag_enabled("K"):`, `flag_state("K")`): its entry in the `FLAGS` setting is its value (`[]`, no conditions: off) and `enable_flag("K")` outside tests turns it on (django_flags.py); a django-constance key is one too (`if config.K:` after `from constance import config`, `getattr(config, "K")`): its default in the `CONSTANCE_CONFIG` setting is its value (`"K": (False, "...")`: off), what an admin stores in the database later being a run-time choice, and code outside tests writing `config.K` or `setattr(config, "K", ...)`, a data migration or fixture naming K, a shipped file giving K a value, or a `CONSTANCE_CONFIG` built by code prr-lint cannot read keeps it on (django_constance.py); so is the key a project's decorator factory reads for what it decorates (`@skip_if_flag_disabled("K")`, whose wrapper calls the function only under `if flag_state(flag_name):`): the function runs only while K is on, whoever calls or registers it (rules/switch_decorators.py). A key of a settings object (module, class, instance) a loader fills by computed names (`setattr` of
        each item of a configuration file, the environment or a form) is none the code decides: reported (project/filled_settings.py). A module's `settings["K"]` reads a key too (a dict its loader fills from a default-settings
        YAML file that ships `K: False`); the `else` of an `if not K:` whose body only logs (`log.info("cleanup
        disabled")`) runs only while K is on; and a branch that needs the key off (`if not config.get("K", True):`,
        `if not settings.K:`) never runs when every value shipped for K is `True` (a blank, a computed value or an
        environment read may be false, and keeps it). So is a key path read from a loaded configuration file (a YAML, TOML or JSON mapping a loader function or a module-level instance of a loader class fills: `if not cfg.get("local_avatar", False): return`, `conf.get("a", {}).get("b")`) whose default leaves the branch off: off when no shipped configuration or deployment file gives it (or anything under it) a value that is on, and no call of the service's code but a `get` names the key (`set_config("local_avatar", True)` keeps it on); a loader class whose `get` hands the key to the environment is no such file (config_paths.py, project/config_paths.py). A word an app's own configuration store holds is a switch too: `if self.influxdb == "Yes":` after `self.influxdb = self.cbpi.config.get("INFLUXDB", "No")` (the read itself, a name bound once to it, or a `self` attribute every assignment binds to it) is off when every word the project gives the key is another: its reads' defaults and the values calls on the store hand it (`config.add("INFLUXDB", "No", ...)`, one at least, none computed), the deployment files, the samples, and every configuration file the tree ships that names it (a JSON record's own fields, `"value": "No"`, not the choices it lists); a value from elsewhere (`config.set("INFLUXDB", form["value"])`, a dict entry, a class attribute or module constant of its name) keeps it on; code past `if self.influxdb == "No": return` (or under `!= "No"`) is off when every word is exactly "No" (store_words.py, rules/word_switches.py, project/word_switches.py). A key of an INI-style file is a switch too: `reader.section.key` of a
        reader built for one file (`apiconf = Config("api")`, then `if apiconf.user_stop.enabled:`) or
        `parser.getboolean("section", "key")` is off when every shipped INI file of that name (`api.conf.default`,
        `api.ini`, `api.cfg`, their `.sample`/`.example` copies) and every `crudini --set` of a launch script gives it a
        false word or a blank (`enabled = no`), and on when one gives anything else or none gives it a value
        (ini_keys.py, project/ini_values.py); a value that is only a template (`enabled = {{ processing.irma.enabled }}`)
        is filled in by the installer from the project's typed defaults table in code, a dict three levels deep of typed
        options (`{"processing": {"irma": {"enabled": Boolean(False), ...}}}`), whose boolean defaults count as shipped
        values (defaults_tables.py). A setting bound from such a boolean (`USE_GOOGLE_RECAPTCHA = config.getboolean(
        "recaptcha", "USE_GOOGLE_RECAPTCHA")` in Django's settings after `config.read(SETTINGS_DIR + "/settings.ini")`,
        then `if settings.USE_GOOGLE_RECAPTCHA:`) is off as the option is: every shipped copy of the file the parser reads
        (`settings.ini.example`, `docker/lrs/settings.ini.example`) and every other configuration or deployment file
        naming it says off, the read has no `fallback=`, the parser reads no second file nor one the environment names
        and no code fills or sets it, and nothing else gives the setting a value; a `get()` is a string, true even when
        it spells `False`, and stays on (config_paths.boolean_option, project/config_paths.py). A plug-in module
        `<...>.<package>.<name>` (`processing/irma.py`) that a runner
        loads only when the section named for it in the INI file named for its package enables it is not reported when
        that `<package>:<name>.enabled` is off by the same measure (`[irma] enabled` defaulting to `Boolean(False)`,
        no file saying `yes`: project/plugin_switches.py); a module chosen by a value naming it (`machinery =
        virtualbox`) is not a switch, and stays reported. An empty collection is an off value (`PROVIDERS = {}`: "an empty dict
        disables it"), unless the project fills it in place (`PROVIDERS["x"] = ...`, `APPS += [...]`, `.update(...)`),
        and a whole-statement lookup in a key (`info = settings.PROVIDERS[name]`) guards the statements after it in its
        block as `if settings.PROVIDERS:` would: it raises while the mapping is empty (rules/lookup_guards.py); so does a test that a string is in it, `if "github" not in settings.WAFER_SSO: raise Http404()` (a string no false word holds: a falsy value holds nothing), while a value holding another (`("gitlab",)`) keeps it. Nor is a call in a function the serving code reaches only through
        calls or hand-offs (`pool.submit(refresh_task)`, `background_tasks.add_task(...)`, a loguru sink `logger.add(loki_sink)`) under such a switch: the
        reach from the serving seeds is searched with and without those edges (and without the views every route registration of which is
        under such a switch, `if WATERMARK_ENABLED: urlpatterns.append(path("w", Watermark.as_view()))`, and the handlers of a router every
        mount of which is under one, or on a router so mounted, `if settings.ENABLE_STAC: api_router.include_router(stac.router)`, unless
        the code mounts a router it computes), and a function only the first search reaches runs only when an operator turns the feature on (project/switched_reach.py); one neither reaches keeps
        its finding. A class Django's urlconf routes (`re_path(r"reset/$", ResetView.as_view())`) is a Django view
        whatever external base makes it one (only Django's `View` has `as_view()`: a subclass of
        `django.contrib.auth.views.PasswordResetView`): its verbs are seeds, and so is each other public method, a hook
        Django may call (`dispatch`, `form_valid`, `get_context_data`), so a helper method a switched `post` calls stays
        reported (project/entrypoints.py). Both searches follow a call of a method on a receiver of no known type (`c.is_available()` over a
        list of clients) to every project method of that name, the first only when the call is under such a switch.
        A call through a module-level name bound in alternative branches (`if VENDOR == "lnd": Node = LNDNode elif
        ...: Node = CLNNode`) reaches each branch's method (reaching.py, project/index.py `alternatives`).
        A function's own parameter is such a switch when it defaults to a false value (`False`, `None`, `0`, `""`)
        and the function tests it for truth, unchanged (no walrus, no item put in or taken out: `ping.append(x)`) (`if ping:` in `ClientComposition.__init__(self, endpoint,
        ping=False)`): it is off when every call of the function the project resolves outside tests (a class's
        instantiation for `__init__`, a method's calls on typed receivers and by its name on untyped ones, through
        callers that pass their own parameters or `*args`/`**kwargs` on) leaves it out or passes a false literal, and
        nothing else may call the function: not an entry point, not handed to a pool or thread, no decorator but
        `staticmethod`/`classmethod`, not exported by an `__all__`, looked up by name or used as a value anywhere
        (passed, stored, returned; for `__init__` its class). A call that passes `ping=True`, a positional value, a
        computed one or `**opts`, or no call at all (a function nobody calls may be public API), keeps the branch
        (rules/param_switches.py, project/param_switches.py). """ + PARAM_CALL_DOCS + SWITCH_ENV_DOCS + """
        Nor is a call that runs only when an operator passes a literal flag: in an `if "-wild" in sys.argv:` (or after an
        early exit on it), or in a method of a class carrying a controller that loads it only then (a class attribute bound
        to an instance of a class whose method is `return "-wild" in sys.argv`: bk-monitor's healthz steps), when the
        deployment's launch files run programs and none passes the flag (`manage.py healthz -d -i 600`); a project
        with no deployment files keeps them.""" + PARAM_GUARD_DOCS + """ Nor is an
        unreachable call, after a `return`/`raise`/`continue`/`break` (or an `if` all of whose branches end) in its block, or in a branch its `if` test decides against (`if False:`, a local flag bound once to `False`, `request.method == 'get'`), or after a call that never returns there (`sys.exit(1)`, flask's `abort(410)`, a function of any module of the project whose every path raises: rules/never_returning.py).

""" + LOCAL_CALL_DOCS + """

""" + SESSION_DEFAULT_DOCS + """ In the default `scope = "serving"` a call in dead
        code is not reported (with recognised entry points, the factories an `api-paste.ini` names among them:
        project/paste_apps.py; project/dead_code.py; without them only in a service behind a server library prr-lint does not
        recognise, Twisted or `http.server`, or in a Scrapy project (a root `scrapy.cfg` naming its settings), or in a connexion app, whose specification's `operationId`s name its
        handlers, where a function a configuration file names counts as a handler (a file without a suffix too, an
        `environment` file of `KEY=pkg.module.function` lines), an OpenAPI
        `operationId`, or in the code of a distribution below the root built and run as a service of its own, a
        `Dockerfile` or `Procfile` beside its `setup.py` (a message-bus daemon whose console script its `setup.py`
        spells by string formatting): project/dead_scope.py): a function no service source names, undecorated or
        only wrapped by a cache, a retry or a transaction that registers it nowhere (`@contextmanager`, `@lru_cache`,
        cachetools' `@cached`, Streamlit's `@st.cache_resource` and `@st.cache_data`, tenacity's `@retry`, backoff's
        `@on_exception`, `@auto_retry`, Django's `@transaction.atomic` and view decorators, `@require_GET`) or a project function whose body only wraps it (hands it to a thread or an executor
        in the nested function it returns: `@async_maker`); another library's decorator, or one that stores it, keeps it (a
        test or prose names nothing: a comment, `# @router.delete`, a message, a logging call's message or a URL; nor does
        its own recursive call or any attribute or name-like string of its name in its own body, which runs only once it does
        (a Celery task's Redis lock keyed by its own name, `r.lock("poll_results")`), a package's re-export `from .client
        import f` (or any import of it, repeated ones too, that the module then never uses) or an `__all__` entry, but in a
        distribution's top package, whose imports are its API; nor does another object of that name: another library's
        `download` imported, another object's method `smtp.sendmail(...)`, another module's function, even one of a module of the same name (another `client.create_user(...)`); nor a file that cannot reach its module, one that imports neither it, a name from it nor a re-export of it and
        names no dotted path of it, nor one that defines its own function of that name and imports neither it nor its
        module (a nested `delete_config` handed to `partial`): project/foreign_calls.py), a method nothing calls by name (a made-up dunder, `__logout_all__`, too: called_dunders.py), a comment aside
        (`#    self.replace_with_api(...)`; in a text file, a `#` comment line of a crontab or a script, or a file's name
        `refresh_cache.sh`, calls nothing, nor does documentation, a `.md` or `.rst` file: a contributor guide listing
        `get_info` / `newaddress` of a node class only tests call; a template or a configuration file may; a private `_name`, a static
        method or a property if a framework base may call hooks; a base whose calls are known, requests' `Session`, Django's
        `Model` and its auth user bases (`AbstractBaseUser`, `PermissionsMixin`), Tornado's `RequestHandler` (a handler's `get_location` is no hook) or github3.py's `GitHub` client (a bot's `get_reactions`), calls only its own API: a model mixin's `deprovision_redis` nobody names is dead; project/known_bases.py; a
        class only documentation, a docstring however short or a message names, not a string of code or a configuration file, is
        loaded by no name, nor by a file that holds its name only where it defines its own class of that name (an HTTP client
        `Client` beside a gRPC one), nor built by a file that imports another object under its name and names its module
        by no path (langchain's `DiffbotGraphTransformer` beside an unused class of that name: project/typed_calls.py),
        nor is one a file imports, by a name the index may not resolve too (a monorepo's services each with a `models`
        package: `from models import UserModel`; or in the body of the function that builds it, a factory's `from s3store
        import S3Store` for the configured storage backend: so a method only the backends' base and its overrides define,
        `list_users`, is dead; or in the body of a function that then calls the class's method, `from api.lightning.cln
        import CLNNode` before `CLNNode.get_version()`), or calls through a module it imports (`distrib.BagClient(...)`), nor by
        a file whose only mention is a module of that name its imports spell (`from ops.HelperDcmWeb import f` beside a
        class `HelperDcmWeb`: project/import_words.py); a class only a package's re-export names (its import and
        `__all__` entry), but in a distribution's top package, is built by nothing)
        or whose every call is typed to another class (an assignment that binds an attribute of its name, a generated gRPC
        stub's `self.optimize = channel.unary_unary(...)`, calls nothing, nor does a file that defines another class's
        method of that name and names neither the class nor its module, the stub's servicer), or whose name no
        service code reaches it by: no attribute read, name-like string (`getattr(c, "get_state")`) or class body's
        bare name in a non-test module; a parameter or local of that name, a template's `"{{get_state}}"`, a test's
        call, its own body's call of a stub's method of that name (`return self._service.get_state(req)`) reach none,
        nor do functions of that name that use it only among themselves, but a framework hook of that name may run
        unnamed and keeps it (an unresolved base a project class answers by a shorter dotted name, Python 2's `from
        base import Step`, is that class; a distribution below the root that runs nothing of its own, no `Dockerfile`
        or `Procfile`, is a library whose API others call: project/unused_names.py; a `setup.cfg` or `pyproject.toml` of
        linters' settings alone, `[flake8]`, declares none: project/scripts.py `declares_distribution`), a template
        tag no template uses, a form's `clean_<name>` for no field of the form, the methods of a class nothing
        runs (code only imports it, subclasses it or reads a class attribute: a legacy importer left out of the registry
        its siblings are handed to; with a framework base, one code only tests with `isinstance` and never builds;
        project/unregistered.py), the methods of a class no other source names (a call of its static method through
        its module, `transfer.Svc.reset()`, names it in code), even one that registers a servicer, the methods of a class that, in a run over a whole project, only modules no deployed process loads name beside its own (a gateway only the wiring of a router no app includes builds, its `include_router` commented out, or the wiring of an app only a program the deployment does not run serves, beside the programs it does run: however common its methods' names, `send_message`, no object of it exists where the service runs; a configuration file or string naming the class, or a router an app includes by any chain, keeps them; a text file quoting the code builds nothing: project/unrun_builds.py), a method of a base the project never builds that every
        subclass overrides and no `super()` call reaches (tests aside; none exported or decorated: project/overridden.py), a Celery task nothing sends (made by Celery's
        decorator or by a project decorator whose body calls it, or returns another such decorator's result, and nothing
        else of Celery's: `@http_task()` returning `retriable_task(...)`, which calls `shared_task`; no non-test source,
        configuration or schedule names it by its function name or its decorator's `name=`: no `.delay()`, signature, beat
        entry or `send_task("...")`; an import, a call in place (`task()`, which runs in the caller) and a `call_command("task")`, which
        names a command, send nothing, nor does a `.delay()` or any use of its name in the body of a task nothing sends and
        nothing may call in place (a call of its name on a receiver of no known function counts), under Celery's own task
        decorators alone, while the project looks no function up by a computed name (`getattr(module, name)`), to a fixed point: a chain of tasks whose first one nothing sends, a task that only sends itself,
        two that only send each other; a string there, `send_task("pkg.tasks.task")`, is still kept; only a literal in the repository counts, so a task another service sends by name is called dead; every task stays when a `send_task` name is computed, the app's task registry is looked up by a computed key (`app.tasks[name]`) or a database scheduler such as django-celery-beat
        is used: project/unsent_tasks.py), a coroutine function every non-test call of which drops the coroutine it makes
        (a statement of its own, not awaited: a sync Flask view's `warm_cache(key)`, whose body never
        runs; or kept under an attribute or global nothing awaits or hands on, `crud.conn = crud.connect()`; one no decorator wraps, whose name no service module
        uses as a value; awaited, returned, bound to a local or handed to `asyncio.run`, `create_task` or a loop it may run: project/unawaited.py), a function every non-test call of which passes arguments its signature cannot bind (a keyword it does not declare, with no `**kwargs`, or more positional arguments than it takes, with no `*args`: `list_remote(uri, flat=True, checksum=d)` on `def list_remote(uri, flat=False)` raises TypeError before the body runs; a call that unpacks `*args` or `**opts`, a target under a decorator that may change what it takes, and a call on a receiver of no known type to a method whose signature it fits run it: project/unbound.py), and what only such code calls (a method also through a call of the base method it overrides,
        `self.parse()` in the base, or of its name on a receiver of no known type, `feed.strategy()` over a tuple of
        classes: all such calls in dead code leave it dead, one in live code runs it, as does a call of such a caller's
        name on a module object: a plug-in's `handler` a server calls as `MODULES[name].handler(q)`, though not the
        `main` of a subcommand module a program imports by the name its command line gives, `import_module(".utilities." +
        sys.argv[1])`, that no deployment command names: project/loaded_calls.py; and the methods of a class only such code
        builds, however an undecorated function's return annotation or a module variable's annotation names it, `def
        get_sync_client() -> SyncClient`, which builds none, though a parameter's may, FastAPI's `Depends()`, and a
        route's return annotation, its response model: annotation_words.py); nor a lazy client (redis-py's but a sync
        `RedisCluster`, `http.client`'s: its constructor opens no connection, nor does awaiting a `redis.asyncio` one;
        one given `single_connection_client` takes its connection as it is built) whose
        built object nothing uses: dropped where it is made, a function's local the function never reads again, a
        name bound at a module's top level (either branch of `Redis.from_url(url) if url else None` counts) that no
        service code reads (a test's import of the module reads nothing; nor does another module's import of the
        name that the importing module, and whatever imports it from there, never names again), or an attribute (`self.cache = Redis()`)
        no attribute read, string or other service module names. Closing it (`await client.aclose()` at shutdown) is no
        use, nor is storing it into an attribute of a Starlette or FastAPI `state` that no service code reads
        (`app.state.redis = client` in a lifespan, and no `.redis` load, `getattr` naming it, or read of a state's
        attributes by a computed name anywhere), nor storing it as a Flask app's `config["SESSION_REDIS"]` when no module imports Flask-Session, that key's one reader, and no code reads the key; a call on it, passing it on, returning it or storing it where it is
        read keeps the finding (project/unused_clients.py); nor a call in a module the service never loads: no other
        service module imports or names it (a function's local or parameter of its name names a variable,
        `rate_limiter = RateLimiter(redis)` beside an unimported `rate_limiter.py`: name_uses.py; the path of
        another distribution's module of the same file name an import spells names another; a router module no
        app mounts loads nothing: a helper module only such a router imports is never loaded either), no deployment file
        runs it (on a line that is no comment: every reader of launch files reads them without their comments, `#` lines
        and, in `.ini`/`.conf` files such as supervisord's, `;` lines: project/live_lines.py; nor in what an image's COPY or
        ADD places, unless the image has no command: project/program_runs.py `command_text`), no computed-name loader or folder walk may load it (a name that starts with a literal, or with a constant its module binds once to one string and nothing may rebind (no `globals()`, `exec`, `sys.modules` in its module, no load in a class body, no other module outside tests spelling the constant's name: project/constant_writes.py), `_prefix + table` after `_prefix = 'lmfdb.verify.'`, loads only modules under it: constant_starts.py; a load by path whose path ends in a file name the code spells, `folder / f"service.py"` or a `self.script_path` every assignment binds to `scripts / "processor.py"`, loads only files of that name: module_loads.py `loaded_file`; one of a name computed whole that it reads by a key the project's configuration or documentation files hold, `import_module(self.config["module_name"])` beside a `config.json` of `"module_name": "transformers"`, only modules whose file name's word such a file holds: unloaded_files.py `Loaders`), no console script and no framework convention (Django's
        `admin`/`models`/`apps`, Celery's `tasks`, Airflow DAG files, the modules of a package a setting names: Scrapy's
        `SPIDER_MODULES`) loads it (a flask-restx resource module the app's
        imports leave out registers no route; project/unloaded_modules.py); a module that binds a router object (FastAPI's
        `APIRouter`, a Flask, Quart or Sanic `Blueprint`, aiohttp's `RouteTableDef`) is loaded only by an import, since an
        app mounts the router through it: by an import statement, by a sibling's or its package's word (`__all__ =
        ["legacy"]`) or by a dotted path in a string, not by a word of its name elsewhere (a variable `legacy`), and its
        routes are served by no app when none of these, no launch file (by its file name or dotted path: a script's
        URL `/api/v1/legacy/items` runs nothing) and no computed-name loader (plug-in loading keeps it) loads it
        (project/router_modules.py; its handlers are then no request path's start either: project/served_routes.py), """ + \
    DJANGO_APPS_DOCS + """        Nor in a datapackage-pipelines processor no loaded spec names, where a launch file starts dpp (its image, `dpp serve`,
        `/dpp/docker/run.sh`; an `import datapackage_pipelines` is not enough): a module right in a folder of a `pipeline-spec.yaml` (or
        of a `pipeline-spec.yaml.disabled`, unread unless a launch file names it) or under the `processors/` of a
        `datapackage_pipelines_NAME` package no distribution of the project publishes, that no `run:`/`flow:` step of a loaded spec can
        resolve to (a step's own folder first, a plug-in's `NAME.step`, any `DPP_PROCESSOR_PATH` folder, a flow's module on `sys.path`:
        each taken wide), that no loaded module imports or names, no other launch file runs, no loader may load and that serves nothing,
        runs in no pipeline, whatever its top level or `__main__` block does (a retired processor only a commented-out `# - run:` names,
        a hand-run fix script), nor does a helper only such processors import; nothing is judged when a spec cannot be read (a templated
        or aliased step name, an inline `code:` step, a quoted string going on to the next line), a launch file writes a
        `pipeline-spec.yaml` or names one by a computed suffix, or a generator outside the project builds pipelines (project/pipeline_specs.py).
""" + PYTHON2_MODULE_DOCS + """        Nor is a call in test code, found by what it does: a module that imports a test framework (pytest, behave, also
        `from behave import *`; locust, or a user class derived from its `HttpUser`: a load test runs against the service,
        and what only it calls is dead), and a behave suite's `environment.py`, which behave loads by that name from the folder
        whose `steps/` holds the step modules, when it defines a hook (`before_all(context)` downloading the suite's
        reference data); a hook name in any other module is not enough (project/support.py). Nor is a client a Django app ships in its `static/` folder as a download (`{% static "app/submit.py" %}`) that nothing imports, loads or runs (project/static_assets.py).
""" + TOOLING_DOCS + """        A desktop GUI program whose console scripts build a Qt, Tk, wx or GTK application and run its event loop
        (OpenCue's `cuegui`) is its users' whatever its Dockerfile; so is a plug-in module of a GUI program (any of
        the tool programs) that nothing imports and whose classes derive from a class of a module the GUI runs or
        imports and the service does not (King Phisher's `class Plugin(plugins.ClientPlugin)`, which the GTK client's
        manager loads by path; project/gui_plugins.py); so is a filesystem its users mount (a
        module of the distribution mounts FUSE: fusepy's `FUSE(ops, mountpoint)`, llfuse's or pyfuse3's
        `init`, WinFsp, a python-fuse `Fuse` subclass; DataONE's ONEDrive) when no deployment file runs it
        and the service does not use it; either, when the service does not use it, is its users' inside a
        package folder too, which installs but does not run it (project/desktop_programs.py;
        project/user_packages.py, project/distributions.py),
        or a program only the development stack runs (pawls's `sonar/ping.py`, a container that waits for
        the API and prints where the stack is): a Dockerfile only development compose files build (one that
        runs a reloading server over source it mounts, `--reload`, `runserver`, `flask run --debug`,
        `FLASK_ENV: development`, or is named so), from a folder below the root that no other launch file
        (a production compose, a CI pipeline's `docker build`, a manifest) names and no image above it
        copies in, runs the program, whose file lies in that folder, and no other launch file runs it
        (project/dev_helpers.py, dev_composes.py); a program a development compose runs from an image the
        deployment also builds stays: production may run it with a command of its own
        or a plug-in module nothing imports whose name the guard of the folder walk that would load it rejects (`for info in
        pkgutil.walk_packages(...): if not info.ispkg and "deprecated" not in info.name: import_module(info.name)`, also an
        `if ...: continue` before the import; a substring, `startswith`/`endswith` or `ispkg` test; project/walked_modules.py)
        or a folder no import can reach (`utils/simple-api-client/`, project/script_folders.py), or a package folder of
        programs (a namespace folder without `__init__.py` inside a package too) known by what its files do, whatever its name (`svc/maintenance/`: each module a `__main__` program, one
        doing its work at its top level, a helper only the folder imports, by a sibling's bare name too (`from promptsearch
        import PromptSearch` in a program run by its path), or a leftover of definitions nothing imports; no module outside imports one or names one
        by its dotted or file path; none serves; a program a launch file runs, by its file name or its dotted name
        (`python -m svc.maintenance.fix`, not a bare word of it: `pages` in a data file), stays with what it imports,
        and so does one a computed-name loader may import: a loader of a name computed whole, a plug-in helper's
        `import_module(modpath)`, takes a class or function out of what it loads, so a one-off script that defines
        neither, whose import is its run (DOAJ's `migrate/p1p2/flushuploads.py`), stays only for a loader whose literal
        start reaches it: project/package_scripts.py, unloaded_files.py `Loaders`), or a module-level script
        nothing imports in a folder of scripts (no package, no import from outside it naming the folder: a script's `from task.chat import send`
        names its own folder to nothing else; the deployment does not run it, as PRR501's scope asks of every program
        (project/program_runs.py: by its path or `-m` module, an image's COPY runs nothing, nor does a RUN of a stage the
        build throws away, borgmatic's builder `RUN /app/docs/fetch-contributors` whose output alone its `FROM nginx` stage
        takes: build_steps.py, image_stages.py; a RUN of the stage that ships runs it), in a project with entry points:
        a maintainer's one-off loop granting dataset access; an upload client handing its own functions to processes, threads or
        pools and waiting for them, unless what it hands out loops forever; project/root_scripts.py, fanned_work.py) or a program in a package that reads
        its command line (`sys.argv`, an argument parser) at module level that nothing names, no project module, and the
        deployment does not run (a crontab, Dockerfile, Procfile, compose or Kubernetes file that runs it keeps it; a shell
        script no deployment file names is a person's; program_runs.py); CI pipelines
        (`.travis.yml`, `.github/workflows/*`, `tox.ini`, a YAML file whose top level is a list of `steps:` and no
        `apiVersion`/`kind`, as Google Cloud Build's config whatever its name: its steps run while the project is built,
        tested or shipped, as a `python seed.py --server ...` step filling a throw-away test server with demo data; a
        Kubernetes Job running the same script keeps it) and test scripts (`test_*.sh`) are no deployment files, there or for
        unloaded modules (a Travis build-matrix helper; root_scripts.py), or in the module of an app only its own
        `__main__` block serves beside the deployed service, and what only it reaches (a sample bridge started with `flask
        run` by hand; one a launch file runs through `flask run`, gunicorn or a Procfile stays; project/script_app_code.py), or
        written inline in the `__main__` block of a module the service imports (`elif args.url: urlopen(args.url)` in a
        pipeline module whose functions a job calls): importing never runs the block; one a launch file runs (its path, `-m`
        and its dotted name) or that starts a server stays (not a loop reading its arguments while the deployment runs the
        project's other programs), and so does an `else:` of the guard; without entry points only a block that neither
        serves nor loops, beside programs the deployment runs by name, that nothing runs or names (a one-off script beside
        queue daemons a systemd unit runs; no `python $SCRIPT`) (project/main_guard_code.py); nor one only an operator's
        command reaches (self_calls.py; a Django management command, a `LabelCommand`'s `handle_label` too, that no
        deployment file runs as `manage.py NAME`, exec form `["manage.py", "NAME"]` included, and no reachable
        `call_command("NAME")` calls (a task nothing sends reaches nothing), with every function of its file no other module imports, one it hands to
        `pool.map` included, and every function of a module that only such commands import or name in code, which
        they load by its dotted path: an email backend `get_connection(backend="pkg.backends.mediawiki.EmailBackend")`
        picks, that no settings module, other module, text or deployment file names and no computed-name loader of
        the service may load; project/command_names.py) unless the deployment schedules it (schedules.py; a Helm CronJob template's
        `manage.py "{{ $job.command }}"` runs the `command:` entries of its values; a commented-out line, `# 0 * * * * python manage.py
        NAME`, what an image's RUN executes (a build step: `RUN ./manage.py downloadassets`; unless a scheduler, supervisor or init starts,
        manage.py is handed a name from elsewhere or an unread started file may run it: project/started_files.py), and a compose service
        under `profiles:`, started only on request, run nothing, unless a service of its profile publishes `ports:`; so does a start
        script's `if` branch, with no `else`, that an environment switch written with an off default picks (`if [[ ${LOAD_DEMO:-0} == 1 ]];
        then python manage.py load_areas`; a bare `$ROLE`, which an orchestrator outside the repository may set, keeps its branch) when no
        shipped file (env file, Dockerfile `ENV`, compose or manifest environment, an `export`) gives the variable a value that takes it:
        project/shell_switches.py; what a command the deployment runs reaches stays). A Flask CLI command is one whatever spells its
        decorator's receiver: the project types it (project/typed_commands.py) from the per-file record of the receiver expression, through
        the callers' arguments (`def register_commands(app): @app.cli.command("seed-db")` with the factory calling `register_commands(app)`,
        or `app: Flask`), what a factory returns (`app = create_app()`), a blueprint or `AppGroup` of another module, `current_app.cli`, `app.cli` passed on,
        and a group made so with the commands below it; so is a click group a library module defines that the app attaches
        with `app.cli.add_command`. A command attached to a group imported from a library (`@records.group() def manage`,
        `@manage.command()`) is known by its click parameters (`@click.option`, `@click.argument`, `@click.pass_context`),
        and makes its group and the group's other commands click commands too (project/click_params.py). Defining a command in the app factory's reach does not run it (no call edge to it). A
        receiver nothing types (a chat bot's `@bot.command()`) makes no command, and a command a crontab, Dockerfile, compose
        file, manifest, Procfile, unit or the shell script one of them runs by `flask`, a few words (options, the app, its
        groups) and its name runs (`flask crawler dcvfm-nav-latest`, `["flask", "seed-db"]`) is production code: it and what
        it reaches stay reported. Nor in a module only a
        command-line program loads: a console script or a script file a distribution installs (Nominatim's `nominatim`,
        whose `add-data` subcommand downloads; project/script_files.py), unless the serving distribution loads the module
        too or a subcommand that starts a server runs it (project/cli_programs.py); an import under `if TYPE_CHECKING:`
        loads no module at run time (type_imports.py): a module the service's modules import only so, for an annotation
        (`def create_source(self) -> "JiraSource":` with the import inside the function that builds one, which only the
        command line calls), does not run in the service, and what only commands reach in it is theirs, while an import
        at run time keeps it (the importer may hand the class on); so is all of such a module whose every loader is a
        command's (importers at module level define commands; every function calling into it is reached by commands
        and not by serving code or background work): the methods a command calls on a receiver no type names
        (`ticket.source.fetch_issue(key)`) too, while a route building one keeps the module the service's
        (project/command_loaded.py); the modules a person's program loads by a computed name (`butler.py`'s
        `import_module(f"local.butler.{args.command}").execute(args)`) are its commands, their functions tool roots, unless
        serving code reaches them or another module of the service imports them (project/tool_loads.py); a script nothing imports that hands
        `sys.argv` to the project's own dispatcher (`dispatch(sys.argv[1:])` in its `__main__` block) is such a program
        too, unless a loader of the project may import it by a computed name (a daemon master's
        `import_module(f"svc.scripts.{name}").main()` runs it in the service), and a module of the service's package it alone imports by name (`import ops.iam`: the subcommands it
        loads), that no other module imports and no loader of the project may load, is its; a deployment file that runs
        the script (a crontab line, a Dockerfile) keeps it, a CI pipeline (`.gitlab-ci.yml` and the files it
        includes, `.gitlab-ci-prod.yml`) does not; nor in a method of a client class the
        project ships inside its own package that the service never calls: a plain class an operator command builds or
        calls (or, re-exported by a package `__init__`, nothing but tests uses; or only tests use and import), whose every build in the service is for a
        call made there (`Client(url)._leader()`, no instance kept, returned or built at import: an instance a service
        module builds at import counts by the calls made through it, wherever they are, `shared.api.leader()` in a user's
        hook); when the packages the project's distributions install hold every serving entry point, the programs
        beside them that none of their modules imports (an example or CI script, a monitor that loops) are users'
        programs of the published client, as commands are, and a package `__init__` that publishes the class does not
        use it; when a deployment file runs one of the project's programs (core-daemon's systemd unit), the programs it
        does not run are users' (a desktop GUI, a client command line), their uses a command's however deep (the GUI's
        session class keeping the client, in a module the service does not reach); the methods the service calls, the constructor when it builds one, and what they reach stay
        (project/client_classes.py); nor in code only
        the other subcommands of a click group or typer app reach when one of its subcommands is the service (a
        command attached by its decorator or by `group.add_command(cmd)` from a module of its own: `jmp run` beside
        `jmp shell`, `j storage flash`; or a group the program's click group class imports by name, `bgd execute`
        beside `bgd server`, project/loaded_commands.py): the deployment runs `blueapi serve` (it starts the server), so what only `blueapi login` and `blueapi controller run`
        reach (the client library's REST client, the user's token cache) is the operator's, however much of the package
        the server's process imports (both reaches follow a call on a receiver of no known type, `config.list_leases()`
        on what a decorator hands the command, to the project methods of that name, unless a builtin type or a socket has it too:
        project/untyped_calls.py); what the serving subcommand, the group callbacks above it, background tasks and
        serving code reach stays, and so does every method of a class that code builds or calls, what a module it runs
        names beyond its import (a class its other, unreached methods build is not named so), and a subcommand the deployment runs by name after its program's (`blueapi -c
        init.yaml setup-scratch` in an init container, a crontab line; the program by a console script, `-m` or the file of a script whose
        `__main__` block runs the group, `svc-buttons listen` in a systemd unit for the `bin/svc-buttons` setup.py's `scripts=` installs,
        whose `svc-buttons pair` set-up command is then the person's; project/served_commands.py, subcommands.py); nor in code
        only the subcommands of a deployed argparse program reach that no deployment command line selects: a program that
        picks its subcommand from dispatch tables keyed by the subcommand's words (`SERVICES = {"inventory": run_inventory}`, then `actions =
        {"purge": do_purge, "delete": do_delete}; actions[config.action]()`, or branches on a sub-parser's name: `if args.plugincmd == "update":`),
        run by the deployment as `forseti inventory purge`, runs `do_purge` unattended, while `forseti inventory delete` (`pwnagotchi plugins update`
        beside units running `pwnagotchi --manual`) is a person's; a table none of whose keys a command line names (an output format) runs whole,
        and what a selected entry or the server reaches stays (project/deployed_subcommands.py); nor in code that
        only the routes of a developer's tool reach: an app every launcher serves with Werkzeug's development server
        and its debugger on by a literal (`app.run(debug=True)` in the `server.py` a start script runs, `run_simple(...,
        use_debugger=True)`), where no launch file but a dependency list names a production server (gunicorn, uwsgi,
        waitress, uvicorn, with `--reload` too ...), no module starts or names one and no other app or route is served:
        the debugger runs any code a visitor types into an error page, so no production deployment runs it (a console
        for testing other services, deployed on demand); a task or another program reaching the same code keeps it, and
        `debug=os.environ...`, no debug flag or a reloader alone may be production (project/debug_servers.py). """ + ASKING_DOCS + """So is a program the deployment does not run while it
        runs other programs of the project by name (a Dockerfile's `python -m svc.worker`, a cron job's
        `python3 services/check_expire.py`; a name is read against the image's WORKDIR and copies, `python3 -u
        server.py` after `COPY services/api/ .` is `services/api/server.py`, a bare name several files share runs
        each of them, a Dockerfile's or Containerfile's COPY or ADD runs nothing, `fastapi run app/main.py` imports the file and runs
        no program; project/program_runs.py): a Kafka consumer doing its work at its top level that only an unscheduled
        shell script starts is a root script, and the app only such a script serves (`uvicorn.run(app)` in a
        `deploy/api/run.py` nothing runs) answers no deployed request: its routes start no reach (PRR505 too),
        unless a launch file serves it by name (`uvicorn svc.status.main:app`; project/undeployed_programs.py); so does an
        app a program serves only from its own `__main__` block (`app.run(debug=True)` in a sample bot under `docs/`) that no
        module imports and no launch file names (its path, module, `module:app`, `FLASK_APP`), when the deployment runs other
        programs by name (a Dockerfile, compose, Procfile or PM2 process file) and none by a filled-in name (`python $SCRIPT`); a
        `__main__` program that loops until stopped is such a tool when it reads its command line (a typer CLI polling
        an API), or when nothing in the project names it either: no module imports or mentions its file, no launch file
        (its COPY too), shell script or loader names it (a `misc/` monitor fetching a site every minute beside packaged services whose
        units name their own programs; schedules.py `unattended_tools`, root_scripts.py `unnamed_program`). A
        Makefile counts only by the recipes of targets a deployment file runs, their prerequisites and what they make.

    Why is this bad?
        These libraries have no default timeout. When the remote service hangs, the request
        thread waits forever, the worker pool drains, and one slow dependency takes the whole
        service down. A deadline turns that into a fast, reportable failure.

    Example
        import requests

        def charge(order):
            return requests.post(PAYMENTS_URL, json=order)

    Use instead
        def charge(order):
            return requests.post(PAYMENTS_URL, json=order, timeout=(3.05, 10))

    Options
        None yet.

    References
        PRR-QOS: "Implement request deadlines to avoid running out of resources for long-running
        requests." (Site Reliability Engineering, ch. 27); remote calls have deadlines and the
        right quality of service (ch. 32).
    """
