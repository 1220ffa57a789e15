"""The shape of the cached results, and its history.

RESULT_FORMAT is part of every cached file's key (stamps.code_fingerprint): a change that can make the same input
give other findings, or that changes the shape of FileResult or ModuleSummary, bumps it by one, so that a cache
written by another shape is never served. Kept apart from cache.py, which only stores and serves results, since
its history grows with every such change.
"""

# History of RESULT_FORMAT: 2 to 149 in docs/result-format-history.md; then:
# 150: PRR501's dead code: a made-up `__name__`-shaped method (datenwerft's `VCPub.__logout_all__`) runs only when
#      called by name; only the dunders Python, the standard library or a common library call run without one (called_dunders.py);
#      Tornado's `RequestHandler` is a known base: a handler's method Tornado never calls (TorCMS's `get_location`) is
#      no served hook (known_bases.py, entrypoints.py)
# 151: PRR505 drops a blocking call after which every path of its function ends the process (rules/process_ends.py:
#      lollms-webui's restart and update endpoints); a function that always raises is tagged `never-returns-if:raise`,
#      so that a raise and an exit are told apart (rules/never_returning.py RAISES)
# 152: a click program run from a script file (setup.py `scripts=`, a `bin/` file) is named on a deployment's command
#      line by that file's name (subcommands.py: amazon-dash's systemd unit runs `amazon-dash run`, so `configure` is the
#      person's); calls only a person's answer lets run (`if show_yes_no_dialog(...): download_file(...)`) and what only
#      they reach are no serving code (answer_gates.py, project/answer_gates.py, main_blocks.py `answered_only`)
# 153: PRR104 names whose errors a registered handler takes, typed through what built the object it is registered on
#      (rules/handler_scopes.py: the app, blueprint `bp`'s views, a flask-restx Api's or Namespace's resources:
#      dispatcher-app's `@api.errorhandler(Exception)`); a Namespace from `api.namespace(...)` logs a 5xx answer as
#      its Api does; flask-restful's and flask-smorest's `Api` register nothing; a subclass handler of a blueprint no
#      longer hides the subclass's raises from the app's handler of its base
# 154: PRR501 reads a Django setting's nested entry by its key path (`settings.RQ_QUEUES["default"]["HOST"]`,
#      setting_paths.py): left alone when every value the settings modules give that path is a loopback address
# 155: a top-level package that takes over the import name of a distribution the project declares, stamps a
#      `__version__` and reaches nothing of the service while the service imports it is a bundled copy of that library:
#      the scoped rules leave it out (project/bundled.py: iRedAdmin's `web/`, web.py itself)
# 156: PRR501 dead code: Django's auth user bases (AbstractBaseUser, PermissionsMixin, AbstractUser) are known bases
#      (project/known_bases.py): a user model's method only its own retry calls (tin's `User.api_request`) is dead
# 157: an `asyncio.gather` passes its await (and the deadline over it) on to what it gathers: arguments, a list or
#      comprehension spread into it, a local list or task name every use of which is such a wait (async_deadlines.py
#      `Locals`: cornserve's sidecar health checks gathered under `async with asyncio.timeout(...)`); a task awaited
#      in a timeout scope counts as one under `wait_for`
# 158: PRR501's dead code reads a cached property (`functools.cached_property`, the `cached_property` package's,
#      Django's, Werkzeug's) as a property (method_naming.py `PROPERTIES`), and in a daemons-only project judges the
#      properties no code reads (dead_scope.py `_daemons_dead`: openalex-guts' `Concept.raw_wikipedia_data`)
# 159: a branch under `hasattr(self, "name")` (or `getattr(x, "name", None)`) of an attribute no code binds never runs
#      (rules/attribute_guards.py, project/absent_attributes.py, attribute_binds.py): PRR501 findings there go as under
#      a switch that is off, and its calls, untyped calls' `call-args:` tags and attribute reads leave the call graph and
#      the name counts, so a method only it names is dead (mcp-atlassian's `ConfluenceV2Adapter.get_page_views`)
# 160: Django routes unwrap stacked view decorators (`never_cache(require_safe(view))`) and also serve the view a
#      project decorator wraps in urls.py (entry_marks.py); a nested definition after `if not K: return f` is not
#      reached while K is off (a decorator's wrapper, project/switched_reach.py); `if K is not True: return` guards
#      what follows (rules/guards.py); an environment read's `default=` keyword and django-environ's scheme default
#      (`environ.Env(K=(bool, False))`) make an environment switch (env_eval.py, switch_keys.py)
# 161: a redis client given no address (`redis.Redis()`, `ConnectionPool()`) connects to redis-py's default,
#      localhost:6379: a process of this host, not reported by PRR501 (rules/local_calls.py)
# 162: a Celery task of the app a package rebinds over its own submodule's name (cookiecutter-django's
#      `from config import celery_app`) is a task, under the app's limits (project/names.py); a hand-run command
#      calling a time-limited task leaves its calls bounded under the serving scope (project/task_deadline.py)
# 163: a helper's return of `X if T else None` runs under T, and a returned bare environment read, or a local name bound
#      once to one that guards a return, is that variable's switch (`def backup_path(): raw = os.environ.get("P", "").strip();
#      return Path(raw) if raw else None`: rules/returned_switches.py); a function whose `if` tests such a helper's value
#      (`if path is None: return` after `path = backup_path()`) tags its calls under it (switched_calls.py)
# 164: a branch taken only when options are given (`if args.filter:`, `elif args.x is not None:`) of a deployed
#      program no deployment command line passes them to (any spelling argparse takes; not `"$@"`, `$ARGS`, an image's
#      ENTRYPOINT) is a hand-run mode: what only it calls is a tool root and the program's deployed reach skips it
#      (one_off_modes.py `OPTION_BRANCH`/`OPTION_STRINGS`, project/deployed_options.py, program_runs.py `arguments`);
#      the reach of such a daemon stays production code, and client_classes.py's service reach follows a base's
#      `self.x()` into the program's override (self_calls.py)
# 165: a loader of a name computed whole that reads it from a mapping by a key the project's configuration or documentation
#      files hold (`import_module(self.config["module_name"])`, module_loads.py `loaded_key`) loads only modules whose file
#      name's word such a file holds (unloaded_files.py `Loaders`): COSMOS's `config_generation/minimum_api.py` is unloaded;
#      a `setup.cfg` or `pyproject.toml` of linters' settings alone declares no distribution (scripts.py
#      `declares_distribution`): GeoSight's `django_project/` is no library whose unused methods stay
# 166: a URL whose host is the unspecified address (`http://0.0.0.0:8000/x`) is this host for a client: PRR501 leaves
#      it alone as a loopback address (loopback_hosts.py); a bare `0.0.0.0` host or bind address counts for nothing
# 167: a lazy redis client stored only under `SESSION_REDIS` in a Flask app's configuration, with Flask-Session
#      imported nowhere and the key read by no code, is used by nothing (project/unused_clients.py)
# 168: an output mode picked by an option (`elif args.api_doc:`) counts only for an option off unless typed, by the
#      same test as the hand-run option branches (option_defaults.py): a `store_false` or required option picks none
# 169: PRR403: a `getLogger(__file__)` logger's records outside its module's top level are placed by the project phase
#      (project/logger_writes.py): a warning only dead code writes is none; a base's `self.logger` is judged by its lineage's writes
# 170: `except IOError as (errno, text):` (an unpacked exception) is a Python 2 line, so such a file of a
#      Python 2 project is left out of PRR000 like the other Python 2 files.
# 171: an image built from AWS's Lambda base image runs its CMD's handler as a Lambda function, bounded by its
#      timeout, whatever declares the function (lambda_base_images.py); a Dockerfile's last stage alone gives its
#      working directory and copies; an env file that turns a development server on is a development file.
# 172: Flask's `app.log_exception(error)` (and `current_app`'s) reports the error: it logs it on `app.logger` at error level.
# 173: what the import of a module only Lambda functions load runs (`api = create_app()`) is bounded by the init phase.
# 174: django-flags' `flag_enabled("K")`/`flag_state("K")` read the key K, whose `FLAGS` entry (`[]`: off) and
#      `enable_flag("K")` outside tests give it values; a decorator factory whose wrapper calls the function only
#      under a key its argument names (`@skip_if_flag_disabled("K")`) runs it only while K is on (switch_decorators.py)
# 175: PRR501 follows a redis client handed to the module's own function by name (`create_task(listen(client))`) into its
#      parameter, which must only make the `PubSub` or close it (rules/subscriber_clients.py), and a module's dotted
#      path in an import (`from redis.asyncio import Redis`) reads no variable `redis` there: janitor's listeners
# 176: a configuration store's word compared to the one that turns a feature on (`config.get("INFLUXDB", "No") == "Yes"`)
#      is a switch, off when every word its store calls, deployment and shipped configuration files give the key is another
#      (store_words.py, rules/word_switches.py, project/word_switches.py); a urllib3 pool's request keeps its switches and guards
# 177: indentation that mixes tabs and spaces is a Python 2 line (Python 2 reads a tab as eight columns), so such a
#      file of a Python 2 project is left out of PRR000 like its other Python 2 files.
# 178: review mends that report again what the new switches hid: a configparser read is no store word, a Flask config
#      filled from the environment or a module constant named like the key keeps a word switch on; only the innermost
#      decorator switches a function; a single-file run keeps a base's self.logger finding.
# 179: PRR000: an image whose command runs Python only under Python 2 (`FROM python:2.7`, `CMD gunicorn` pip2 installed)
#      runs Python 2 beside a python3 it installs, and side Python 3 (images whose command runs no Python, shell scripts
#      no image command names) no longer keeps its Python 2 files reported (project/image_commands.py: Kuiper).
# 180: a shim of a console script's own name that hands on its arguments (`printf 'exec /app/.venv/bin/svc "$@"' >
#      /bin/svc` in an image) no longer counts as a deployment line that may run any subcommand or option: the
#      subcommands and options the lines running `svc` do not name are an operator's (deployed_subcommands.py).
# 181: PRR104 leaves alone a handler registered on a Flask app or blueprint when every route of the service is a
#      flask-restful/flask-restx resource, whose Api logs the 5xx errors before Flask's handlers are asked
#      (project/restful_routes.py).
# 182: PRR501: a function the service does not reach is searched for from the top levels of the modules no project module
#      imports (programs run by their path or name): reached from there only through calls under a switch that is off, it
#      is dropped (project/switched_reach.py: moa's worker mails only under `c.SEND_DEFERRED_EMAIL`, False in every config).
# 183: a file whose module name another import root's file holds too (a monorepo's sub-services, each its own
#      `request_api`) is loaded only by its own roots' modules: one only the other service imports is left out. A
#      made-up `_sunder_` method is an ordinary one, and a subclass's override of a method and the calls resolved to it
#      name none of the base's: a base helper only an uncalled helper calls is dead.
# 184: a coroutine function's call stored as it is under an attribute or a global that no module awaits, drives or
#      hands on runs nothing, like one dropped as a statement (FunctionSummary.stored_calls, ModuleSummary.awaited_words:
#      project/unawaited.py); PRR505 follows no dropped coroutine either; an async generator's call is no coroutine.
# 185: PRR501: a django-constance key (`config.K` of `from constance import config`) is its `CONSTANCE_CONFIG` default, off
#      when False and nothing outside tests, no data migration or fixture and no shipped file turns it on (django_constance.py).
# 186: a PRR000 file whose word is another project module's import name (a `roundup.py` wiki theme beside the `roundup`
#      package) is loaded only by evidence of the file itself: the bare word in code, strings and launch files is the package's.
# 187: a project decorator that only hands its function to a framework's decorator and returns the result (`def
#      task(f): f.__annotations__ = {}; return invoke.task(f)`) is that decorator wherever it is applied
#      (decorator_aliases.py: kotori's release tasks), and an invoke task a deployment file runs (`invoke images` in
#      a CronJob) is no tool root (schedules.py).
# 188: review: a requirements file an image copies is matched by its destination's whole file name (`/app/dev-requirements.txt`
#      is no copy of `requirements.txt`), so a Python 2 image's programs are not read from the wrong file.
# 189: review: a bare call of an async generator runs nothing again (only a stored one may be iterated later).
# 190: review: an invoke task a deployment runs with options that take values (`invoke -c tasks images`) is deployed.
# 191: a chained assignment (`a = b = value`) binds every target to the value, and a `logging.Logger(...)` bound under
#      several names keeps its private handler (PRR403), which is no ad hoc configuration (PRR402).
# 192: PRR501: a redis-py subscriber given socket_timeout=None and blocked in listen() carries `finite-default-from:redis
#      8.0.0` when it leaves redis-py 8's default keepalive probes in place (subscriber_clients.py `ruling`); keepalive
#      with empty options (`socket_keepalive_options={}`) probes nothing of its own. PRR501: a PasteDeploy app's setting
#      read by its dotted key (`settings["redis.url"]`) is loopback as every shipped INI file, template and sample gives
#      it (ini_settings.py, project/ini_settings.py); module tags record writes of such keys (`sets-key:redis.url=`).
# 193: a plug-in loader that lists its folder and imports the names of one configuration key (hangoutsbot's `plugins`)
#      loads only the plug-ins the shipped lists name (configured_plugins.py): the others, and what only they import,
#      are never loaded (unloaded_modules.py); new module marks (configured_loads.py).
# 194: a tool's calls through an instance a module builds at import are the tool's uses of a client class (client_classes.py).
#      A Celery task's import, call in place and `call_command` of its name send nothing; a task nothing sends is no
#      background work and schedules no command it calls by name (unsent_tasks.py, schedules.py, commands_only.py).
#      A plain class's subclasses and calls on the class itself (classmethods) are accounted for (accounted_objects.py).
# 195: review: a PasteDeploy setting read as the `A` of `A or B` is judged by the shipped INI files (a blank value passing),
#      Python modules named like the format (`docs/conf.py`) are no INI files, `settings.setdefault("k.k", v)` is a write
#      and a dotted dict key whose value is a collection (logging's `{"django.request": {...}}`) none; a subscriber's
#      keepalive or options given any false literal (`0`, `[]`, `()`) is off (subscriber_clients.py).
# 196: a configured plug-in loader's plug-ins: only the loader modules' own loads by name (and loads of a name computed
#      whole) are set aside, not another module's start that spells theirs; `os.getenv`, library getters and a shadowed
#      `sorted` read no configured key; plug-in marks only where the text also lists a folder; with no known entry, the
#      helpers only unlisted plug-ins import go too.
# 197: review: a plain class whose kin is read (`cls.__subclasses__()`, `Client.mro()`, `__bases__`), or a namesake of
#      a subclass in another module, leaves the class's objects unaccounted for (accounted_objects.py).
# 198: PRR501: `urlopen` of a URL that starts with `file:` reads a local file; a name whose last binding is a plain line of
#      its def's own body reaching the use (`url = LOCAL_API + url`) is loopback as that binding is (socket_targets.py).
# 199: PRR501: the `else` of `if config.x:` on an attribute a class fills from a loaded JSON item is dead when every shipped
#      file turns it on and no deployment file sets its variable otherwise (loaded_fields.py, project/loaded_fields.py).
# 200: a key of a section of a Flask config (`config["CHAINS"][c]["K"]`) is a switch; a caller passing an INI switch every
#      shipped file turns on (`getboolean("SERVICE", "debug_mode")`) decides a parameter's branch (project/param_guards.py).
# 201: `os.pardir`/`os.curdir` in a sys.path edit's folder (a root manage.py adding `src/`); Django's view decorators
#      (`@require_GET`, `@login_required`) register nothing: a view only they decorate is dead when nothing routes it.
# 202: PRR501: a module's one-parameter converter (`bool_env("K")`, `to_bool(os.getenv("K", False))`) is read as the test it
#      returns (env_converters.py); a module global so bound switches a caller's `if`, alone or in `a or b`; app.json gives values.
# 203: only an INI switch (`getboolean`) passed, also by a global bound to it, decides a parameter's branch (PRR501/505 guards,
#      `param:` switches), not an env var's "false" or a blank item; `flask.globals.current_app.config` is a Flask config.
# 204: PRR501: a `setattr` override exempts a loaded field only with a bare (or, unset as shipped, parsed) value of a
#      variable named after the attribute, read with no default under an `if` on it (loaded_fields.py).
# 205: PRR501: a module global some function declares `global` is no environment switch; only the root app.json counts, whose
#      entries with no value but `required` (Heroku's default) or a generator are unknown values, seen by every shipped-value reader.
# 206: a nested `def` no name of its module reads (no decorator, no `global`, no `locals()`) is never run by its parent:
#      no call graph edge to it, and PRR501's dead code holds it and the helpers only it calls (unread_defs.py)
# 207: a checkout whose root holds a stray `__init__.py` (its folder's name starting every module's name) while its code
#      imports modules by their names below the root: those names reach the modules (project/index.py `_stray_root_package`)
# 208: PRR501: github3.py's `GitHub` client is a known base (known_bases.py): a subclass method outside its API runs only when
#      called by name (code-intelligence's `GitHubApp.get_reactions`, which nothing calls).
# 209: PRR501/505: a module's lower-case global bound once to an environment switch, passed to a parameter (`use_ssl=
#      config.email_ssl`), decides its branch as the switch does when nothing else may rebind it (env_globals.py).
# 210: scope: a suffix-less `#!` program setup.py's data_files installs (loops followed) and nothing runs, imports or may load
#      by path (a loader's literal folders: module_loads.py LOADS_FILE_IN) is data the service hands out (data_programs.py).
# 211: Pecan (`@expose`, WSME `@wsexpose`, `@index.when(...)`) and CherryPy (`@cherrypy.expose`, `exposed = True`, RoutesDispatcher
#      `connect(controller=, action=)`) handlers are entry points; Pecan routing and hook methods are serving code (object_dispatch.py).
#      Pecan commands (`BaseCommand` named in `[pecan.command]`, an INI-string `entry_points` too) are commands: an operator's
#      unless a deployment file runs `pecan <name>` (schedules.py)
# 212: PRR000 on a line using `async`/`await` as names is left out where every runtime declaration admits only releases
#      before 3.7 (python2_files.py); declarations are read to the release (python_versions.py).
# 213: 210 taken back: suffix-less programs setup.py installs as data are linted as before (review: the check could hide
#      programs the service loads from their install folder or runs as subprocesses).
# 214: PRR501/505: exec, execfile, vars(), locals() or a working globals() check in the binding module, or `__dict__` outside tests,
#      keeps a const: blank or global: switch on (kept_globals.py); an INI switch decides `== True` tests again.
# 215: 212's PRR000 left out only when the whole file parses as Python 3.6 (old_grammar.py); a bare python3 in another build
#      stage, a unit or a script, `FROM python:latest`, CI's `nightly`/`pypy3`, or a side declaration alone keeps it.
# 216: review of 211: CherryPy's `exposed = True` counts only in a project importing CherryPy, and exposes subclasses too;
#      decorators are named in the scope around the `def`; a subclass's registrar counts only on its own framework's class.
# 217: final read: an INI switch passed on decides only tests of truth and comparisons with True/False (a reader may return
#      text); every module an environment global is re-exported through must keep it too (a star import may rebind it).
# 218: `vars(x)` on something that resolves may rebind any of its names, as a `setattr` of a computed name on it
#      does: a global or class constant it may rebind decides no switch.
# 219: BlackSheep routes, registrars and controllers are entry points (middlewares and exception handlers serving
#      code, application events reached start-up code); a BlackSheep app is an app (PRR201, PRR206, PRR405).
# 220: PRR501 drops a call written in a `with` block a SIGALRM deadline bounds, in a sync main-thread function (bitbot's
#      `tcpup`: finding subject `alarm-held:`); a lambda handler calling a raising function counts (alarm_deadlines.py).
# 221: a router mounted only under a switch that is off serves no handler (`switched-mount:`); an integer field
#      or constant whose value is `0` is an off value of a switch, as `False` is.
# 222: an app no shipped settings lists loads only the modules imported from outside it and what they import (disabled_apps.py:
#      djing2's FTP upload beside the `sorm_export.views` its router imports); `ModuleSummary.import_paths`: every import's paths.
# 223: BlackSheep: its OpenTelemetry and blacksheep-prometheus instrument an app, and so does a metrics middleware it appends;
#      a registrar takes the framework it resolves to; a controller inherits its base's `route` (PRR201, PRR206).
# 224: `switched-mount:` names a mount by its prefix mark's position; stacked route decorators record every router; a router
#      passed on outside a mount, or with one plain mount on a switched-off router, is decided as such (switched_handlers.py).
# 225: an alarm block holds only what may run before its alarm fires or is cancelled: not a call in an except handler or
#      `finally` inside it, after a `try` that may swallow the alarm, or after an inner alarm block (`!` entries, alarm_deadlines.py).
# 226: only a write through `vars(x)` (a changing method, a subscript store, a binding) counts as a `setattr` of any
#      name on x; a read of it (`repr(vars(self))`, `vars(x).items()`) rebinds nothing (namespace_writes.py).
# 227: a loaded import of an app module the analysis does not hold loads all of the switched-off app; a path through a
#      top-level app's name loads it only from the folders above it (disabled_apps.py); `ModuleSummary.package_names`.
# 228: a Django app's `tests.py` is test code when no module outside tests names `tests` (support.py `_django_app_tests`):
#      out of the serving scope, as `test_*.py` is.
# 229: an INI option read from a parameter callers pass a configparser parser (`config-path:parser:`), an item stored
#      over a path, and an unreadable file's comment lines spelling the key (project/config_paths.py).
# 230: (taken back by 231)
# 231: 230 taken back: an RPM spec declares no runtime (review: any spec in the tree, a client library's or a vendored
#      copy's, decided the runtime of the whole service).
# 232: (taken back by 233)
# 233: 232 taken back: a class built only under an off switch counts only when built in its own module, as before.
# 234: an INI host is judged loader by loader; not one a second file, an unshipped or env-named path, `read_dict`/
#      `read_string`, a section proxy store or a computed `set` may give (project/config_paths.py).
# 235: final read: an INI host read through a list, a sum or a loop of files, a computed section's `set`, an item
#      stored by computed keys, or copied routes (`routes` named) decide nothing; a computed import keeps tests.py.
# 236: a `contextlib.suppress` block inside an alarm block swallows the alarm: a call after it is not held.
# 237: a list comprehension over a bare tuple (`[i for i in a, b]`) is a Python 2 line for PRR000.
# 238: a computed module name that starts with a constant its module binds once to one string (lmfdb's `_prefix +
#      other_thing + tablename` after `_prefix = 'lmfdb.verify.'`) loads only modules under it (constant_starts.py), unless
#      its module may rebind it by computed names, the load is in a class body, or another module spells its name.
# 239: `def await(self):` is `await` as a name, for PRR000 in a project that runs Python 2 or Python before 3.7.
# 240: a `.py` file that is ciphertext (werf's hex string, ansible-vault, git-crypt) is not linted: no PRR000.
# 241: a star import (`from smarthome import *`) imports its module: one only star-imported is no root script, program or
#      file loaded by path, whatever the checkout folder is called, and it names a folder of scripts as other imports do.
# 242: PRR303 leaves a worker health probe alone: a wait of at most 10 s on what `delay()`/`apply_async()` of a plain
#      Celery task that takes nothing and does nothing returned (remo's admin `check_celery`; rules/idle_tasks.py,
#      rules/celery_apps.py, project/idle_tasks.py).
# 243: a program only a RUN of a stage the build throws away executes (borgmatic's builder `RUN /app/docs/fetch-contributors`,
#      whose output alone the `FROM nginx` stage takes) is a build step, not run by the deployment: build_steps.py,
#      image_stages.py; a RUN of a stage that ships still runs it.
# 244: PRR501: a requests `Session.request` patch bounds what only the programs whose start-up runs it reach (tapiriik's
#      sync worker); one filling in a parameter counts only when every call passes a finite number; a root file nothing
#      imports patches only its own process; a call on what a project function returns follows every method of its name.
# 245: PRR501: a program's requests patch covers nothing it runs before the patch, nor when the patch is conditional,
#      undone (a context manager, a restore) or fills a global, setting or environment value; a console script sharing its
#      function keeps it; an explicit `timeout=None` is never covered; a root module that is the web app patches its process.
# 246: PRR501: a program's requests patch covers nothing after an early `return`/`raise`/exit before it (in the chain
#      or in the patcher), with a parameter the patcher reassigns, with an unchecked `TimeoutSauce`/`partialmethod` value,
#      nor what a thread, executor or callback handed over before it runs.
# 247: PRR501: a requests patch is undone by a restore of `Session.request` in any non-test module, not only the patcher's.
# 248: PRR501: a requests patch is undone by any other `Session.request` assignment but a checked patch, or one in a
#      module function nothing names, or by a module `ast` cannot parse; a parameter a nested function rebinds
#      (`nonlocal`, a walrus) or a wrapper that may clear the timeout (any `**kwargs` use but reads, passing on, other
#      keys) is unknown; a launch file running inline Python (`-c`, `--command`, a heredoc) runs the modules it names.
# 249: PRR501's timeout-forwarding wrappers: a forward under a test that excludes None, whose other branch makes the
#      same call with a deadline (pyca's `http_request`: `else: curl.setopt(curl.TIMEOUT, config("http", "timeout"))`),
#      forwards no None (rules/none_cases.py).
# 250: PRR501's timeout-forwarding wrappers: a parameter rebound to None (`if timeout is None: timeout = None`) is not
#      filled, and still forwards None (rules/forwarding.py).
# 251: PRR501's None-narrowed wrappers: the test of an `elif` narrows nothing (the branches before it may run for None),
#      and the None branch's deadline counts only when known finite (a number, a call that is no lookup falling back to
#      None, a name bound only to such values) and its last TIMEOUT is not taken back off (rules/none_cases.py).
# 252: a setting bound from an INI parser's `getboolean("section", "option")` copies the option (`config-path:`): off when
#      every shipped copy of the file the parser reads says off and the parser reads one file nothing else fills
#      (ADL_LRS's `USE_GOOGLE_RECAPTCHA`); a class Django's urlconf routes with `as_view()` is a Django view whatever
#      external base makes it one (`PasswordResetView`), verbs and hooks as a VIEW_BASES match: config_paths.py,
#      project/config_paths.py, project/entrypoints.py.
# 253: a None branch's numeric deadline counts only when positive (the same reading as a requests patch's literal:
#      session_patches.finite_literal), not any non-zero number.
# 254: PRR501's Django settings switches: django-environ's `env.str("K", default="")` is an environment switch (a string,
#      off only blank), `getattr(settings, "K", None)` copies K, and `"x" in settings.K` (or past `if "x" not in
#      settings.K: raise`) reads K: rules/config_switches.py, rules/guards.py, switch_keys.py, defaulted_reads.py.
# 255: a module of test cases (a class deriving, through project bases across modules, from a library's test case; not
#      from a plain class of test code) is test code only when no module beyond tests imports it; in a file a runner
#      finds by name (`tests.py`, `test.py`, `test_*.py`, `*_test.py`) also beside helpers only tests use: nothing
#      names the module or a helper, no `__main__` block, top-level calls only of its own names, helpers that call
#      nothing (otm-core's `geocode/tests.py`; support.py `_test_case_module`).
# 256: `getattr(settings, "K", d)` copies K for any false literal default `d` (`0`, `[]` too: switch_keys.is_false),
#      and its key is any string literal switch_keys.string_text reads.
# 257: PRR104 leaves a configured DRF handler alone whose own answers are the client's errors (now also under
#      `isinstance(exc, A) or isinstance(exc, B)`) and which returns drf-standardized-errors' answer for the rest: the
#      library reports a server fault (rules/drf_library.py, clerk's `custom_exception_handler`), unless the
#      class that answers drops the report (project/drf_library.py: the class `DRF_STANDARDIZED_ERRORS` names, for the
#      function, module tags `drf-handler-class:`; hook overrides that keep it tagged `library-hook-keeps`, other methods
#      storing a `status_code` `library-hook-drops`, classes `library-hook-bound:`, `setattr` of a hook
#      `library-hook-stored:`), a hook is replaced, or the project holds a copy of the library; a DRF handler's
#      `isinstance(exc, NAME)` guard of a name bound to a value, or of `object`, is no specific class.
# 258: django-q sends are read whole (project/django_q_deadline.py): a send's `sync`, `q_options` and a `None` timeout, the
#      cluster's `sync` and `ALT_CLUSTERS`, changed `Q_CLUSTER` dicts, `AsyncTask`/`Iter`/`Chain`/`async_iter`/`async_chain`
#      and `Schedule` rows; pytest-django's settings module is no deployed variant; and under the serving scope dead code
#      (PRR501's) keeps no job's callee uncovered (clerk's `send_slack_message`, beside a dead `@sentry_task` report sender).
#      After review: not when a configuration file names it, a computed lookup or a gunicorn hook may run it (unseen_runs.py);
#      pytest is judged per block of a launch file (test_settings.py); an AsyncTask/Chain read beyond a method call is changed.
# 259: the project's Debian packaging declares its Python (the root's `debian/control`, or a skeleton a project script
#      copies there: `X-Python-Version: 2.7`, `python-*` dependencies, `dh --with python2`; any python3 admits 3),
#      as packaging beside the classifiers (rpki.net; python2_runtime.py, debian_control.py, debian_folders.py); a
#      long hexadecimal literal `0xFFL` is a Python 2 line (python2_files.py). Debian packaging answers only the
#      Python 2 question, not python3_only's; it gives up where a project module has Python-3-only syntax
#      (python3_syntax.py); a file whose `#!` runs python3 keeps its PRR000.
# 260: the resolver gives up a class attribute's type past resolve.ATTRIBUTE_STEPS nested attribute lookups under one
#      outermost question (attributes bound to each other in every pair of methods explored every order of them).
# 261: PRR403 leaves out a top-level `getLogger(__file__)` logger bound again at the top level before anything can read
#      it (only constants and plain `def`s between; hubble's status.py).
# 262: syntax newer than the interpreter prr-lint runs on (`type X = ...`, PEP 701's f-strings to Python 3.11; `match`,
#      `except*` to 3.9) is rewritten into its grammar wherever its parser reads linted code (a large file's screening, a
#      refused literal, the project phase's trees: lowering.py, parse_guard.py), so the verdict is the newer release's;
#      PRR000 reports such syntax where every Python the project declares predates its release (newer_syntax.py,
#      project/runtime_syntax.py).
# 263: under the serving scope a `#!` program without a `.py` name is left out, whatever the project declares, where the
#      service has a start of its own and nothing of the tree names, ships, links or runs it, it launches none of the
#      project's code, and no live module runs files by a computed path or a `run-parts` of its folder (obplayer's
#      standalone `tools/live_monitor`; unnamed_programs.py). After review: only one that fails on a Python 2
#      line; not where a deployment text runs its folder whole (a glob, `run-parts`, `COPY tools/`), a live module
#      that starts programs names its folder, a setup.py computes its `scripts=`, or a hidden deployment folder
#      or a UTF-16 script names it.
# 264: a datapackage-pipelines processor no loaded `pipeline-spec.yaml` step resolves to (a commented-out `# - run:`,
#      a `pipeline-spec.yaml.disabled`, a hand-run script beside the specs), and a helper only such processors import,
#      is a module the service never loads (budgetkey-data-pipelines; pipeline_specs.py, unloaded_modules.py), where a
#      launch file starts dpp; a published plug-in's `processors/` is not judged; a `pipeline-spec.yaml.<suffix>` a launch
#      file names is loaded.
# 265: PRR501's dead code: a module function's own body holding its name as a string that is no prose (a Celery
#      task's Redis lock `r.lock("poll_meditech_api_for_results")`) names nothing that could run it, as its own
#      attributes did (ModuleSummary.own_strings; name_uses.py, foreign_calls.py): healthcheck's unsent task is dead
# 266: a mod_wsgi deployment declares its Python by the site-packages folder it puts on the path: a `*.wsgi` script's
#      string literal `lib/python2.6/site-packages` (in a script that calls `addsitedir` or changes `sys.path`), an
#      Apache configuration's `WSGIPythonPath`/`python-path=` (open_municipio; wsgi_python.py), read as Debian packaging
#      is (`Declared.beside`): it decides only with the deployment silent, nothing else admitting Python 3 and no
#      Python-3-only syntax in a project module; a `lib/python3.x/site-packages` anywhere in the file admits 3. Only a
#      folder module-level code surely adds counts (no `if`/`try`/loop, call, rebinding, `sys.path.remove`), and no
#      configuration that starts two daemon processes; any `python3`/`py3`, `mod_wsgi-py3` or Python-3-only syntax in a
#      mod_wsgi file, or `libapache2-mod-wsgi-py3` installed, admits 3; `docs/`, `examples/`, `samples/` files, and
#      scripts beside a Procfile/image/unit that runs no Apache, are not the deployment.
# 267: a project root that holds the linted modules but is too large to read (the working directory `/` or a home
#      folder, no config file or `.git` above it) no longer leaves the project tree unknown: the walk starts at the
#      modules' folder (project_tree.py), so a run from `/` reads the tree a run from inside the service reads
# 268: a top-level package's own `__init__` is test support with the package's other modules (a bundled client SDK
#      holding its tests, whose `__init__` re-exports `Client` to the service's smoke tests) when nothing but tests and
#      its own modules imports it and nothing may start it by its name (project/started_packages.py: no module of it
#      serves or loops, no launch or configuration file names it as a token or runs one of its modules, no string of
#      code starts a module path with it or runs it in a command line (the summary's new `path_starts`), no loader,
#      bare import or unparsed module may load it; support.py `_test_package`). After review: no module outside it
#      but tests imports it (not another test-holding package's member, nor a test module service code imports); any
#      deployed text file (not docs, stylesheets, lock files; hidden folders too) naming it as a token or a path's
#      folder, and code in a string importing it or running python in its folder, may start it. After the second
#      review: a string of code is read as a deployment file is (word_counts.py `name_tokens`; a sentence, only its
#      code), a URL or an address blanks only itself, a `.txt` file is read unless a README, licence or requirements,
#      a launch file whatever its kind, and a test module a string of code names runs in the service. After the third
#      review: only a sentence's own clause is read for its code alone, the rest of its string by the rule; a `.txt`
#      file is inert by its whole name only (pip's `requirements*.txt`, `constraints*.txt`, `requirements/*.txt`).
# 269: a command the project's distribution registers into another tool's command group (`datalad.extensions`: a literal
#      command suite naming a class derived from datalad's `Interface`) is not the service when nothing of it asks for
#      the command: no function but the command's reaches its methods, no other module (tests aside) imports its module or
#      names its class, command or API name, no launch file names it, no module importing the tool looks attributes up
#      by a computed name or starts processes, and no `@datasetmethod` binds it (datalad-registry's `registry-get-urls`;
#      extension_commands.py).
# 270: scope: a `.py` file below a Django app's `static/` folder that nothing imports, loads or runs is a download
#      (oioioi; static_assets.py)
# 271: in a project with no serving entry point, code written inline in a `__main__` block that neither serves nor loops is
#      left out where the deployment runs others of the project's programs by name and nothing runs or names this one
#      (fitsstorage's `bespoke_housekeeping_scripts/`, `user_clients/example_*.py`; main_guard_code.py, root_scripts.py
#      `unnamed_program`); a file name that is no identifier (`multi-download-example.py`) is named by a text holding
#      every word of it; a deployment command running a program the shell names or globs (`python $SCRIPT`) may run any,
#      so no program is unnamed beside it (root_scripts.py `_Unnamed`); nor one a launch file names by its word, all its
#      words for such a name (unloaded_files.DeploymentNames `names`); a module that runs the interpreter on a script it
#      computes, or a command held in a name where its code names the interpreter, may run any file (new module tags
#      `spawns-computed-program`, `spawns-unread-command`: rules/child_programs.py; unloaded_files.Loaders).
# 272: a command only an image's RUN executes (hoover-search's `RUN ./manage.py downloadassets`) is run by the build, not
#      the deployment: no command line schedules.py reads counts a RUN's executed word (build_steps.py
#      `without_build_steps`), unless the deployment may run it again by what the linter does not read: a scheduler,
#      supervisor or init (go-crond, s6, runit, honcho, circus...), manage.py handed a name from elsewhere, or a started
#      repository file not read (a script with no `.sh`, a Makefile target, a Python start program) naming it
#      (started_files.py).
# 273: a project that declares no runtime at all runs Python 2 when two or more modules the web service loads (what
#      builds a framework app, Django's serving conventions, settings paths and URL includes, and their imports; not
#      scripts, loops, examples, commands or migrations) import at their top level, unconditionally, a module only
#      Python 2's standard library has that nothing of the project answers (python2_imports.py): its files failing on
#      a Python 2 statement (not a tab/space mix) are left out as for a declared Python 2 runtime (osqa;
#      python2_code.py); any Python 3 sign keeps them (python3_signs.py: Python-3-only syntax, now also print() with
#      keywords without the future import, `{**a}`, `[*a]`, `f(*a, *b)` and a bare `...`, which the Debian and mod_wsgi
#      readings see too; Python-3-only stdlib imports, a python3 `#!` or launch file, tool targets, Python-3-only
#      pins); an import after a `sys.modules` edit no longer shows Python 2 (python2_imports.py).
# 274: the Python 3 import sign of python3_signs.py stops only where python2_imports.first_import stops (a resolved
#      `sys.path` or `sys.modules` edit) or at python-future's resolved `install_aliases()`/`install_hooks()`, no
#      longer at any subscript write or any call whose text holds `hooks`: one reading of top-level imports, not two
# 275: PRR303 reads a waited name's origin from the bindings that reach the wait (every binding in a loop), not from
#      the scope's last one (funkwhale's plain call's dict read before the name is rebound to `delay()`); in a project
#      that runs Python 2, a PRR000 on a line using `async` as a name in a file that parses as Python 3.6 with nothing
#      only Python 3 parses is left out
# 276: PRR303 leaves out a bounded, degrading wait on a Celery result (rules/degrading_waits.py: coursys's deploy
#      checks): at most 10 s in all (a number or module constant; over one `for`, the sum of a constant tuple or list
#      of numbers) inside a `try` of the same function whose first handler that surely catches Celery's TimeoutError
#      does not propagate it
# 277: PRR303's degrading wait, mended after review: the fixed totals of a function's waits add up to at most 30 s;
#      a fixed timeout or backoff is a number or a module constant nothing rewrites (constant_starts.fixed_constant;
#      another module's writes go pending, project/degrading_waits.py); a Celery result only; no async def or closure;
#      only celery.exceptions.TimeoutError/Exception/BaseException/bare surely catch (a builtin under a star import
#      may); the handlers and finally blocks on the way raise nothing and call no project code; the function does
#      not reach itself through the call graph
# 278: a Django app no shipped settings lists stays off where a string naming it lies only in the body of an `if` whose
#      test (or an `and` conjunct) is the membership test of an app no shipped setting lists: `"x" in settings.
#      INSTALLED_APPS`, `apps.is_installed("x")`, a project function only answering that test (sharemyhealth's
#      `IsAppInstalled`; app_strings.py); such a call's argument asks, as a comparison's did; a settings function's
#      parameter added to `INSTALLED_APPS` is literal only where every call passes a literal string, which is listed
#      (settings_functions.py; before, any name counted as another setting); a Django fixture's rows' `"model"` list no
#      app (their fields still do). The tests hold back strings only where the settings are closed (every change literal,
#      its names bound only to literals, no `configure(INSTALLED_APPS=...)`, no star import of an unshipped module), and
#      never in a module with a star import.
# 279: a served module written in Python 2 syntax (its PRR000 on a line only Python 2 reads; not a tab/space mix nor
#      `async` as a name) counts, like one importing what only Python 2 has, towards the two served modules that show
#      a project declaring no runtime runs Python 2 (read_FEC; python2_code.py): the served set takes in files that do
#      not parse by Django's convention paths (only in the apps a settings module's literal INSTALLED_APPS names, for
#      parsed modules too), serving settings' paths and served imports; any file with a PRR000 whose `#!` runs
#      python3, or with Python 3 syntax once its failing lines are blanked (or that does not parse then), vetoes
# 280: PRR104 judges a Flask/Quart handler keyed on a constant code of 501-505 (`CUSTOM_500_ERROR = 505`) by the
#      project's `abort(<code>)` sites (raise_marks.py tags them `abort:<code>`): none, or each after a report, and it
#      is not reported; an abort of a code the file does not show, a raise of the code's class, a registration for
#      500 or a class keeps it (bahnvorhersage; rules/error_codes.py, project/handled_raises.py); so does another
#      `abort` (a project re-export, `ns.abort`, `current_app.aborter`, an `Aborter`), a re-exported class, `raise err`
# 281: a file with a PRR000 that blanking its failing lines does not make parse no longer vetoes the Python 2 reading of
#      two served modules' Python-2-only imports (rietveld's vendored third_party/gflags.py; as before py2more77), only
#      the reading of served modules' Python 2 syntax
# 282: the blanking of an unparseable file's failing lines stubs its Python 2 print/exec statements and `except E, e:`
#      headers in one pass and then spends at most 64 parses (it re-parsed the whole file once a failing line, up to
#      2000 times: 18 s for a 5,000-line Python 2 module); past that the file is unknown
# 283: a Flask handler keyed on a constant 501-505 code that is also handed to any other call (`bp.errorhandler(500)(f)`)
#      is judged as before aborts77 (reported): it may take any key
# 284: PRR303's degrading-wait reading asks error_codes.may_abort whether a handler's call may abort (its own test
#      matched only the spelling `abort`; `aborter` and an `Aborter` instance now count too): one reading, not two
# 285: PRR303 reads what a wait is in one place (task_results.task_wait): a function's degrading-wait total no longer
#      counts a dramatiq `get_result` without `block=True` (it waits for nothing); a method that calls a name of its own
#      spelling bound only to an import of another name or another `def` (`requests.get` in a view's `get`) no longer
#      calls itself; a status read's module constant is read as the other bounds read one (a `global`, walrus or
#      `globals()` rewrite in the module now keeps the wait reported)
# 286: a handler that hands the caught exception itself (`e`, a registered handler's exception parameter,
#      `sys.exc_info()`) to first-party code the tree does not hold (a package of a git submodule the root
#      `.gitmodules` declares, not checked out: its folder missing or empty; a name no standard module or declared
#      distribution gives: metadata_wrangler's `core`) may report there, for PRR101-PRR104, PRR106 and PRR107
#      (rules/handed_errors.py tags the call `hands-error:`, project/submodules.py reads the fact); `sys.exception()`
#      counts as the exception being handled, as `sys.exc_info()` does
# 287: a Celery task only the bodies of tasks nothing sends name (invoice-factory's `check_company_status`, sent only in
#      the loop of the unsent `check_company_status_for_all_contractors`), itself, or tasks that send each other, is
#      unsent too, to a fixed point (unsent_tasks.py, sender_bodies.py); a client class's methods such a task calls are
#      no service's calls (client_classes.py); a body counts only for a task no call of its name on an unresolved
#      receiver may run in place, under Celery's own task decorators, while no function is looked up by a computed
#      name; a task registry looked up by a computed key (`app.tasks[name]`) keeps every task (computed_lookups.py)
# 288: PRR501's Django-app reading holds back a string handed to `reverse`/`reverse_lazy` only when the call resolves to
#      Django's (`django.urls`, `django.core.urlresolvers`, REST framework's, the `django.shortcuts` re-export): a name
#      only imports of one of those bind (at any depth); before, any call spelt `reverse` held it back
#      (`history.reverse(...)`, a project function, another library's, a name a parameter or a star import may bind):
#      such a string now lists the app (only more findings)
# 289: PRR501/PRR502/PRR505's parameter guards: a parameter rebound to plain literals besides its case fold is tested
#      on the caller's value when every literal fails the test (django-crm's `request_type = 'GET'` for an unknown verb);
#      a walrus, a nested def's `nonlocal`, a loop, `with` or `except` target, an import of the name is a rebinding (the
#      binding table, last_binding.rebound_unlisted); a number or boolean spelt apart from the test's but
#      equal in value (`True`, `0x1` for `1`), or a text outside ASCII for a case-folded test, settles nothing; `0x0` is false
# 290: those guards and `param:` switches keep a truth test or a comparison with an empty container of a parameter
#      whose items the def may change (last_binding.items_changed: item targets, `del`, changing methods); empty
#      containers of other kinds are unequal (`e[`, `e(`, `e{`, `eb`); `p is []` and a comprehension's namesake settle nothing
RESULT_FORMAT = 290
