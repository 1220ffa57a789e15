"""The shape of the cached results, and its history.

RESULT_FORMAT is part of every cached file's key (stamps.code_fingerprint): a change that can make the same input
give other findings, or that changes the shape of FileResult or ModuleSummary, bumps it by one, so that a cache
written by another shape is never served. Kept apart from cache.py, which only stores and serves results, since
its history grows with every such change.
"""

# History of RESULT_FORMAT: 2: the summaries carry word counts (word_counts.py); 3: receiver expressions (receivers.py);
# 4: awaited calls (async_deadlines.py); 5: the modules a plain `import a.b.c` loads (ModuleSummary.dotted_imports); 6:
# each class's own metaclass (ModuleSummary.metaclasses), and the attribute names assignments bind (attribute_stores);
# 7: calls on Django ORM rows recorded as instances of their model in receiver expressions (orm_rows.py); 8: annotated
# class fields (typed settings switches) and evaluated environment switch keys (env_eval.py); 9: the receiver
# expressions of decorators (FunctionSummary.decorator_receivers); 10: summary tags for hand-offs under a switch key
# (switched_reach.py); 11: the words of imports only Python 2 makes (ModuleSummary.python2_words); 12: INI switch keys,
# empty-collection fills, lookup guards and switched routes (ini_keys.py, lookup_guards.py); 13: reporter helpers count
# an exc_info log and a printed traceback (report_calls.py); 14: tags of calls whose empty result a function raises on
# (none_checks.py); 15: switch keys of blank module constants and loguru sinks as hand-offs; 16: how often a name is
# imported again (ModuleSummary.repeated_imports); 17: string keys of dispatch tables and the arguments of calls through
# them (dispatch.py, deployed_subcommands.py); 18: the names a module uses as values (ModuleSummary.value_uses) and
# switched calls on receivers of no known type; 19: a function's own variables give no key a value, typed INI defaults
# tables and environment table entries; 20: caught-call tags and the raises a try's own handler takes
# (contained_raises.py, try_bodies.py); 21: the owner of a lower-case field a guard reads, `setattr` tags of lower-case
# and computed names (class constants); 22: what may reach a method by its name (ModuleSummary.method_uses, own_uses:
# name_uses.py).
# 23: imports only a type checker runs (ModuleSummary.type_only_imports: type_imports.py).
# 24: calls made as statements without `await` (FunctionSummary.unawaited: project/unawaited.py).
# 25: PRR502 findings carry the parameter guards their call runs under (param-guard: subjects, service_guards.py).
# 26: callers that test a give-up value and only print carry prints-on-none/falsy tags (none_checks.py).
# 27: module names bound in alternative branches (ModuleSummary.alternatives), and each use resolved to the
# binding that reaches it (reaching.py), which changes what summaries record.
# 28: greenlets a function waits on with a timeout and kills, parameters it hands to gevent (green_deadlines.py).
# 29: `[errors]` sink knobs apply to the whole summary, whatever rules run (engine configures the resolver first).
# 30: decouple's `config("K", default=False, cast=bool)` is an environment switch in switch tags (env_eval.py);
# an APScheduler `add_job(**{"func": f})` records its job (batch_marks.py).
# 31: `runs:` switch keys (an attribute only a method enables); one-word lower-case boolean fields; `field:` keys of
# a section of a module-level object (`config.developer.seqlog`, settings_fields.config_section).
# 32: Django settings a module puts on sys.path by name, and settings modules' folder constants (path_values.py).
# 33: functions that wait for an answer at the terminal (`input()`, `getpass()`, `click.confirm`: model.ASKS_PERSON).
# 34: dead code: a class only identifiers, labels or comments name is not loaded by name (typed_calls.py), PRR107
# counts no dead caller (project/vanishing.py).
# 35: PRR000 leaves out Python 2 leftovers of a Python 3 project that nothing deployed runs (python2_leftovers.py).
# 36: PRR504: a loop around a SQLAlchemy engine's creation retries nothing; a timed wait on a receiver only the
# project types leaves the finding pending (unless-event-wait); PRR104: a DRF handler's answer with the status
# the caught error carries is no silenced fault.
# 37: a plug-in's function its loader calls by name on the module object is live (project/loaded_calls.py);
# an unpackaged project whose programs are daemons has PRR501 dead module functions (dead_scope.py `_daemons_dead`).
# 38: a module a loader imports by the name its command line gives is that loader's only when a deployment command
# names it; a call on what such a loader returned is that module's alone; a loader nothing names loads nothing
# (project/loaded_calls.py: ORES's precached daemon).
# 39: PRR000: a Travis Python version every job of which may fail declares no runtime, a tuple parameter is Python 2
# (vumi); PRR107/PRR504: a socket's local calls send nothing (mitmproxy's free_port); PRR104: an aiohttp middleware's
# catch-all that does not wrap the next handler's call is no app-wide handler (prozorro-api; rules/global_hooks.py).
# 40: module summaries record the `def`s a later `def` of the same body rebinds (rebound_defs.py), whose findings
# are dead; a Flask-SQLAlchemy `db.Model`'s methods are a known base's (known_bases.py).
# 41: PRR501: a host read from a configuration key whose every value is loopback and that no deployment file
#     names (skylines' SMTP_SERVER = "localhost", os.getenv("SMTP_SERVER", "localhost")) is a local call.
# 42: a script whose import is its run that nothing imports, runs or names is a person's (root_scripts.py
# `hand_run_programs`); a Django site whose routes prr-lint cannot read has PRR501 dead code on words (dead_scope.py).
# 43: PRR501: a wrapper forwards a None deadline to httpx only on paths where it passes it (`if timeout is None:
#     httpx.Client() else: httpx.Client(timeout=timeout)` keeps httpx's default); a call in the `else` of a conditional expression runs under its test negated.
# 44: PRR501 dead code: a bare string loads no class of a library copy on the path (vendored.py `library_copies`).
# 45: PRR501: a setting constructed at import whose `__init__` runs its class's setter of the default socket timeout
#     sets it (Limnoria's SocketTimeout; init_runs.py).
# 46: module summaries record no call below a `return` that always runs, and count its words as prose
#     (rules/unreachable.py `never_run_code`); a copy of six's PY2 (`from lib.six import PY2`) gates Python 2 imports.
# 47: a console script named only after a comma or `!` in a list of programs (rsyslog's `!weewxd,weectl`) is not
#     run by the deployment (schedules.py): its reach is a person's tool again (weewx's `weectl`).
#     PRR000: a systemd unit's `ExecStart=/usr/bin/python3` declares Python 3 (python2_runtime.py), and a Python 2
#     leftover's importer is live only if a launch file runs it, not by a folder word (syntax_scope.py; sagecell).
# 48: module summaries record a class body's `name = property(getter, setter)` (ModuleSummary.property_parts): PRR501
#     counts its methods used only when the property's name is (name_uses.py, project/unused_names.py); a text file
#     calls a library copy's method only as an attribute (text_words.py `tree_attribute_words`).
# 49: PRR501 dead code: a configuration file's prose (a comment, a `package.json` description) loads no class by
#     name (text_words.py `tree_loading_words`).
# 50: the summaries carry the words of string literals a loader may be handed (ModuleSummary.string_words:
# word_counts.py `literal_words`), which typed_calls.py asks instead of re-reading files; a logging call's message is none;
# and the attributes a module function's own body reads and other objects' attributes of its name (ModuleSummary.own_attributes,
# attribute_reads: name_uses.py); a function's own uses leave out its decorators, defaults and annotations.
# 51: PRR501 findings at a redis-py client given no socket_timeout carry the version from which its default is a deadline
#     (`finite-default-from:redis 8.0.0`), dropped where the project admits only redis-py 8.0 and later (pinned_versions.py).
# 52: PRR403: a `logging.Logger(...)` made as a parameter's default and given a handler in its function is a private sink.
# 53: PRR504: a bounded tenacity retry with wait_fixed(N >= 1 s) is left alone with or without retry=, as a bounded
#     loop's constant sleeps of a second or more are (retries.py `_patient`). PRR507: a put in the function that builds
#     the queue, or in one that also takes from it, is no intake (work_queues.py `_walks`).
# 54: module tags name what holds each key given a value (switch_keys.HOLDS_KEY), and a `setattr` of a computed name on
#     `self` or an instance its class (`sets-attr:*Q`): PRR501/PRR505 count no key of a settings object so filled as
#     off, in any case (project/filled_settings.py; mylar3's Config).
# 55: the summaries carry the modules only imports Python 2 makes spell (ModuleSummary.python2_imports): PRR000's
#     load evidence follows no such import, and a package member counts as named only where a name-like string holds its
#     package's word (live_modules.py `names_member`): LazyLibrarian's Python 2 copies `lib/zipfile.py` and friends.
# 56: PRR501 loopback keys: `sets-field:` tags for lower-case fields defaulting to an address (a marshmallow field's
#     `load_default`) or declared with none; a list of loopback `(host, port)` addresses is a loopback value; a section's
#     field read (`config["CELERY"]["broker_url"]`), a Django setting by name, `A or B`; configuration samples.
# 57: PRR504-PRR507 leave out dead code's findings, as PRR501 decides what is dead (scope.py DEAD_ONLY, _DEAD_SETS).
# 58: module summaries mark the file name a load by path spells (module_loads.py LOADS_FILE): such a loader may load
#     only that file, not any module (augur's install wizard and an unimported routes module, project/unloaded_files.py).
# 59: a computed module name relative to a package (`import_module("." + name, "svc.plugins")`, `__package__`) loads
#     from that package; one relative to a package not known keeps every module (module_loads.py `_package`).
# 60: PRR504: a retry loop's pause and bound in project functions it calls, in any module (`pauses:`, `pauses-via:`,
#     `bounds-rounds` tags; rules/called_waits.py, unless-called-wait): teuthology's `while proceed():` of safe_while.
# 61: summaries record the functions passed by reference, and the runs and parameters a function bounds by a timed
#     join (thread_joins.py): PRR501 leaves out what only such runs run (mqttwarn's plug-ins, project/join_deadline.py).
# 62: summaries record what code stores on a class by name (`Handler.session = requests.Session()`) and a value nothing
#     tells among an attribute's (receivers.py UNKNOWN): PRR501/PRR505 judge calls through it (project/attribute_types.py).
# 63: summaries tag the work a function hands to worker threads or processes and whether it waits for it
#     (`worker-work:`, `waits-for-workers`; worker_waits.py): a script's joined fan-out is its own run (root_scripts.py).
# 64: PRR501: a Celery Task class's `apply_async` override that sets a limit in the options it passes on bounds its
#     tasks (`base=`, `task_cls`; project/task_bases.py); `@app.task(base=ProjectTask)` is a task (batch mark
#     `celery-base?`); `CELERYD_OPTS` of the generic init script in `etc/default/` is a worker command line: FormShare.
# 65: PRR504's called waits match what a helper assigns and tests as written (`self.counter`, retry_loops.py's
#     `references`/`assigned_references`), not by a bare attribute name any object could share.
# 66: PRR501: a redis client kept only to subscribe (every read `.pubsub()` or closing it) is no finding, a local in any
#     run, a module-level name or `self` attribute once no other module reads it (subscriber_clients.py): ArchiveBot.
# 67: PRR501: systemd units and their templates (`celeryd.service.j2`, `.service.in`) are launch files; worker command
#     lines are read with backslash-continued lines joined, `celery multi start` and `$CELERY_BIN` start workers, a
#     name (`svc.celery-worker`) or a developer's Vagrant script starts none; a module importing the library it is
#     named after (`proj/celery.py`) no longer shadows it on an appended sys.path folder: model-my-watershed.
# 68: PRR501 loopback hosts: a URL built by `+`, `%`, `.format`, `.join` (url_parts.py), `str()`/`Request()`/`.strip()`/
#     `.replace(..., "localhost:")`, an item stored by `.update({...})`, a parameter defaulting to loopback (emonhub), an
#     f-string setting on `127.0.0.1` read by `.get(K, None)` (frePPLe), a settings module shipped as a sample (iRedAPD),
#     a renamed pydantic field (opennem); shipped loopback words count unless compose runs the code in a container.
# 69: a large module that only declares Django migrations is analysed as its stand-in (declarations.py), libcst's parse
#     left out: no PRR004 on landmatrix's Wagtail migrations, and a summary without the calls of their values.
# 70: a logging call's message built of pieces (`"kia.getCookies: " + response`, an f-string, a `%` or `.format()`
#     template) is prose (word_counts.py `log_message`): openWB. Django's `Manager` is a known base (known_bases.py):
#     ubyssey. PRR501's dead code weighs who may call a method from outside (hooked_classes.py: objects handed to a
#     library, the interface a family loaded by a bare name declares, implementations of abstract methods; summaries
#     record the words that end a dotted path in strings, `ModuleSummary.path_ends`): vrops-exporter.
#     `quart_cors.cors(app)` hands the app back (library_types.py), so its routes are entry points: nachet-backend.
#     Receivers record a class a module hands over by its bare name (`register_converter(HexConverter, "hex")`).
# 71: scope: a module only a command imports is not named by another module's word of its last name alone
#     (command_names.py: model-my-watershed's `packer/driver.py` beside an OGR `driver=`).
#     PRR000: a deployment YAML file or shell script that installs or runs `python3` declares Python 3
#     (python2_runtime.py `_provisioning`: model-my-watershed's Ansible python role).
#     Scope: what a script's top-level statements run (`asyncio.run(probe())`) is its own run, no function a loader
#     takes out of it (fanned_work.py `own_run`): such a script nothing imports or names is run by hand.
# 72: `X = obj.get()` (a `.get()` with no argument) no longer crashes the module summary (switch_keys.config_read):
#     bt-mqtt-gateway, rdrf gave PRR003 at 71.
# 73: PRR504 leaves alone a `while` loop counting a budget of two (`retry = 2` ... `retry -= 1`: searx), a loop that
#     retries only EINTR (DMOJ judge-server), and reads a pause of a parameter as the number every call of its module
#     passes (retry_rounds.py, retry_loops.py `_interrupted_only`, passed_values.py: cloudbase-init's DHCP bind).
#     A bounded tenacity retry of lost races only (IntegrityError, or a class its module raises only in handlers of
#     them) is left alone (lost_races.py `names_races_only`).
# 74: PRR104's message says when the registered handler logs below the report level (`logs it only at warning level`)
#     instead of "without reporting it" (paperless-ocr-daemon).
# 75: PRR501 judges a redis client kept only to subscribe by its PubSub's reads, whether socket_timeout is missing or
#     None: bounded reads (`get_message()`, a finite timeout) leave it alone, `listen()`/`timeout=None` or reads not
#     followed report it with why (subscriber_clients.py): ArchiveBot false, Dispatcharr true.
# 76: PRR501 bounds a Terraform container image Lambda (`package_type = "Image"`, an `image_uri` the module builds
#     with `docker build -t`, `docker_image` or the docker-build module; lambda_terraform_images.py), a `count`-ed
#     archive reference (`payload[0]`), and lets an unnamed script in a Lambda's package folder leave its imports
#     Lambda-only (veda-data-airflow's workflows API).
# 77: a router module nothing imports is unloaded beside a walk or computed-name loader when no app mounts a computed
#     router (router_mounts.py marks); a loop its own routes run makes it no program (squirrel's routes/podcast.py).
# 78: an argparse sub-parser's words tag the function of its `set_defaults(func=...)` (one_off_modes.py): the subcommands
#     a deployed program's launch lines run stay reported; a systemd unit's Description=/Documentation= lines run nothing;
#     setup.py `data_files` place the programs units run (installed_files.py: ubuntu-pro-client's lib/ scripts); a module
#     function handed by keyword to a command object whose attribute goes to `set_defaults` is a one-off mode
#     (main_blocks.py `_handed_modes`: `pro cve`'s `ProCommand("cve", action=action_cve)`).
# 79: PRR501 findings at a redis client handed to an RQ worker before any command also carry `finite-default-from:rq
#     1.13.0` (rules/worker_clients.py), and one such subject the project's pins satisfy drops a finding (naas's worker.py).
# 80: a branch whose `if` test the code decides never runs (rules/decided_branches.py: `if False:`, a local flag bound
#     once to a literal, a framework request's `method` compared with a lower-case string); module summaries keep the
#     names their comments call (`commented_calls`), and a hooked class's method called only there is dead
#     (commented_calls.py); a `param:` switch key for a parameter with any default (irrd's `enable_queries=True`);
#     a bytes literal's value code (`payload=b""`: param_guards.py).
# 81: PRR501 follows a loopback host through a function's or method's parameter (with or without a default) every
#     known caller gives a loopback value (call codes `h`, `k<KEY>`: anomstack's get_enabled_dagster_jobs), an
#     upper-case attribute of an untyped object as a configuration key, an argparse option's default and launch-file
#     values for it, blank shipped values as no host, and `request(method, url)`'s URL (livetalking's TTS_SERVER).
# 82: PRR501 a Chalice project's `app.py` is a Lambda handler module when it binds `app`, whatever its class (a library's
#     Chalice subclass: t-performance-dash's ChaliceWithSpec), and no Chalice app is one when a launch file runs
#     `chalice local` (lambda_chalice.py).
# 83: a discord.py bot's `load_extension`/`reload_extension` loads a module by a computed name (`loads-modules:`
#     marks); a load whose name a fixed literal list spells (never appended to, passed on, a parameter) marks none, as
#     a literal load; modules nothing loads are unloaded also where a deployment runs a program (apollo's unused cogs).
# 84: PRR501 reads a module constant bound to values loopback through configuration keys or other constants (tag
#     `binds-loopback-through:`), an environment reader's `default=` (django-environ `env(...)`, decouple `config(...)`)
#     and a text-only f-string as a read's default; a compose service with `network_mode: host` runs its code on the
#     host's network, where loopback is the host (fermentrack's REDIS_URL).
# 85: a call of a function that never returns (every path raises or ends the process, `sys.exit`, `flask.abort`, `-> NoReturn`:
#     rules/never_returning.py) ends its block: what follows never runs, calls nothing and makes no PRR501/PRR505 finding; a
#     callee of another module is decided by the project phase (project/never_returns.py: MtblsWS-Py's `raise_deprecation_error`).
# 86: PRR204 leaves a metric made after a guard clause (`if name in METRICS: return`) alone, as one made under an `if`
#     (byoda-python's setup_metrics).
# 87: PRR504 reads a sleep a parameter may replace (`await (sleep or asyncio.sleep)(2)`) as the sleep it is
# 88: PRR107 knows a `while True` loop with no `break` never falls off its end: it gives up only by its returns,
#     not those under a handler of a cancellation (LedFx's reconnect loop)
# 89: a function's summary tags how many parameters have no default; the serving scope leaves out a method only
#     command code calls, by calls the graph cannot type too (command_calls.py: mep-django's populate_from_worldcat).
# 90: PRR501 reads an item of a loaded configuration file by its key path (`config["bettercap"]["hostname"]`: call-args
#     codes `kconfig-path:...`, config_paths.py) as the shipped file the loader names gives it, and a method's call
#     through its class passing the caller's instance first (`Client.__init__(self, ...)`) as the call it stands for.
# 91: an environment switch read through an alias of `os.environ`/`os.getenv` (`from os import environ as env`) is
#     read as one (switch_keys._reader_spellings: sfm-ui's `env.get('SFM_USE_ELB', 'False') == 'True'`)
# 92: PRR501/PRR502 scope: argparse subcommands picked by comparing the namespace's `dest` with a sub-parser's name
#     (nested sub-parsers' words after their parents') that no deployed program's launch line runs (pwnagotchi's
#     `plugins update`).
# 93: module summaries record FastAPI/Starlette route registrations in router order (ModuleSummary.route_order:
#     route_order.py); a route an earlier route of its router answers for serves nothing and is dead code, with the
#     helpers only it calls (project/shadowed_routes.py: giga-data-ingestion's `/errors` after `/{upload_id}`).
# 94: a module function of the project whose body only wraps what it decorates (hands it to a thread or an executor in the
#     nested function it returns; tags `wraps-only:`, `decorator-uses:`) registers nothing: a function only it decorates that
#     nothing names is dead code (newspipe's `@async_maker def send_async_email`: wrapper_defs.py, project/wrapped.py).
# 95: PRR104 reads a configured DRF handler that returns None for some errors (DRF re-raises them for Django to log)
#     as DRF's own: only its answers to errors that are not APIExceptions count (dora-back's copy of DRF's handler)
# 96: a logger method that hands back a logger (`logger.opt(exception=e).error(...)`, `bind`, `getChild`) logs as the logger
# 97: PRR101/PRR102 ask whether a handler's helper never returns of the analysis unreachable code uses
#     (rules/never_returning.py): every path raises or ends the process (an `if` whose branches all raise, a
#     `-> NoReturn` helper), a `return` of a call that never returns returns nothing (`return self.fail(msg)`, now for
#     PRR501 too); decorated, rebound, patched and generator helpers may return; abstract stubs and HTTP aborts hand
#     the failure to no one (tags `always-raises`, `ends-in-call:` gone).
# 98: typing's `Protocol` and `Generic` bases and `@runtime_checkable` hook no class: a protocol's methods run only when
#     the project calls them (kirara-ai's `embed` adapters, which only tests call)
# 99: an import's module path names no method (`module_path_words`): kirara-ai's `from ...format.rerank import ...`
#     kept the adapters' `rerank`, which only tests call, alive
# 100: a redis client or pool given `connection_class=UnixDomainSocketConnection` talks to a server on this host
#     (PRR501 not reported), as `unix_socket_path=` did already
# 101: an INI option read through configparser is a configuration path (`config-path:`, its call-args code `k`), and an
#     explicit no-deadline given only to requests to a loopback address is no finding (PRR501)
# 102: what a helper returns is a switch (`returns-when:`/`returns-read:` function tags; `returns:`, `either:`, `defined:`
#     guard keys: rules/returned_switches.py); `if x is None: return` guards what follows.
# 103: PRR501: a child process joined with a finite timeout and killed, and futures waited on only with a finite timeout and
#     given up (no `with`, `shutdown(wait=False)`), bound what they run (stopped_workers.py; FACT_core's plug-in worker);
#     a bounded method's overrides are followed, and an untyped call with too few arguments runs no method of that name
# 104: a Flask app's `from_pyfile` loads are module tags (`flask-config-file:`), and a call passing a configuration read
#     (`config["REDIS_ADDR"]`) records its key (`k` code): the shipped files the app loads give the key its values
#     (openreview-expertise's redis pools on `REDIS_ADDR = 'localhost'` in `config/default.cfg`)
# 105: a Celery task whose decorator's `name=` repeats the function's name is not sent by that string (unsent_tasks.py)
# 106: a Chalice app module binds `app` through a star import, and the modules a library's Chalice app registers with its
#     decorators are Lambda handler modules (foursight's checks, run by foursight-core in the app's Lambda)
# 107: PRR501's dead code: a file names a method only by uses that may reach one beyond calls typed to other classes
#     (typed_calls.py), a method call on a project class's instance (an ORM row's `delete()`) names no module function,
#     and a configuration file's label ("EZID user name") loads no class (text_words.py `tree_loading_words`)
# 108: PRR501: a project function's URL built from its host parameter is loopback as this call's argument is (returned_hosts.py;
#     earkweb's build_url); an INI file's variants (`settings.cfg.docker`) stand for it; in a container, an image installing one
# 109: PRR501: calls inside a sync `with` block whose context manager installs a raising SIGALRM handler and arms an
#     alarm bound what the block runs in the main thread (`alarmed` function field, `arms-alarm` tag: alarm_deadlines.py;
#     pandora's workers' `analyse`)
# 110: module summaries mark `exec(open(path).read())` as a load by path (LOADS_FILE); PRR000: a file below a folder no
#     dotted name reaches is loaded only by path, from `sys.path` or by a program beside it, not by a word elsewhere, and
#     only setup.cfg's `[options...]` sections are launch text (codewof's exercise starters read as text)
# 111: a module's own top level defines no function of the module's name (`views/complete_login.py` beside a method
#     `complete_login`): typed_calls, foreign_calls and overridden counted it as a definition (project/names.defined_named)
# 112: a module-level lazy client is read by a string only where the string names a variable (`__all__`, `getattr`,
#     `globals()`), not by any equal string (a file mode `'r'`: earkweb)
# 113: a Flask `from_pyfile` of a name the environment gives (`os.environ["NEWSPIPE_CONFIG"]`, `from_envvar`) reads one of
#     the files its folder ships, and one of a name the tree does not ship a copy of the folder's files of its extension
#     (flask_configs.py: newspipe's `smtplib.SMTP(MAIL_SERVER)` on `MAIL_SERVER = "localhost"` in `instance/*.py`)
# 114: PRR104: a gRPC interceptor's catch-all is app-wide only around the call of the next handler, as a
#      middleware's (rules/global_hooks.py; Metatrader5-gRPC-server's message-to-dict fallback).
# 115: a reporter helper that writes the stack only under `if <parameter>:` reports at calls whose value holds the
#      test (summary `reports-if:`, handlers' `call-args:` callees; yoda-portal's log_error(..., True)); PRR104's
#      message for a blueprint's own error handler names the blueprint's views. Summaries change shape.
# 116: PRR501: YAML parsers (PyYAML, ruamel) load configuration by key path; a module-level mapping one loader fills in
#     place is tied to it (ModuleSummary.mapping_ties; duffy's tasks.locking.url); a local holding a key path read is that
#     read (ifcbdb's dashboard_url); a tied key path comes before its last key's name; `x-example-config.yaml` is a sample
# 117: a call or import of another module's attribute of a dead function's name is another object when that module,
#      found as Python imports it however the name spells it (`core.wx` for the package indexed as `wx`), binds
#      the name itself to something else (we-mp-rss's `core/wx/wx.py` `search_Biz`)
# 118: redis-py's (and rq's) pinned version is read for each module from its nearest distribution's folder as well as the
#     root's, the higher bound holding (project/pinned_versions.py: docassemble's `docassemble_webapp/pyproject.toml`)
# 119: PRR501 dead code: untyped calls, strings and text files reach only the methods called on the function locals that
#     hold every object of a plain class (accounted_objects.py: nadine's `MailgunAPI.send`/`get`)
# 120: PRR501: a redis.asyncio client awaited as it is built (`await redis.from_url(url)`) is judged as a subscriber
#     like one not awaited (rules/subscriber_clients.py: tumago's notification consumer); PRR505: a Query whose running
#     method is handed, uncalled, to a worker thread is not reported (rules/query_chains.py: realchar's `to_thread(...all)`)
# 121: PRR501/PRR505 switches: a guard reading a loaded configuration file's item by a literal key path, one key or more,
#     with a default that leaves the branch off (`cfg.get("local_avatar", False)`) is a `config-path:` switch, off when no
#     shipped configuration or deployment file turns it on (project/config_paths.py `off`); a module-level instance of
#     a class of its module that parses a file and whose `get` keeps its key to itself is tied to that class
#     (config_paths.instance_ties; we-mp-rss's save_avatar_locally). Summaries change shape.
# 122: a project helper that writes a parameter to the process's output reports at calls handing it a traceback's text
#      (summary `reports-if:<param>@<n>:=x:`, call-args code `x`; switches passed on through forwarding functions:
#      project/report_switches.py); a local holding `traceback.format_exc()` written to stderr reports (stack_output.py;
#      docassemble's server_error -> logmessage(the_trace) -> default_logmessage's sys.stderr.write); a call through a
#      module-level name may run what start-up code outside tests binds to it (`sets-global:`, `hands-function:`,
#      `through-global:` tags; startup_bindings.py, project/startup_bindings.py)
# 123: PRR501 leaves alone a session call whose receiver only an annotation types `requests.Session` when every session
#     the service makes is of a project subclass filling in a timeout (project/annotated_sessions.py: icloudpd's PyiCloudSession)
# 124: PRR501 dead code: a Scrapy project (`scrapy.cfg` naming its settings) is a service whose dead code is judged
#     (dead_scope.py); a base's method every subclass overrides is dead though a test builds the base or a subclass calls
#     another of its methods through `super()` (overridden.py: hepcrawl's `InspireAPIPushPipeline.close_spider`)
# 125: a program the deployment does not run, beside others of the project it runs by name, that serves its own app
#      from its `__main__` block and that nothing imports or names is run by hand: its routes are no entry points, its
#      code out of scope (undeployed_programs.py `hand_run_apps`; Openaibot's docs/test_script/note_github_bot.py);
#      PM2 process files (`pm2.json`, `ecosystem.config.js`) are launch files
# 126: PRR303 honours configuration switches as PRR501/PRR505 do (condition `unless-switched-off`, project/switched_findings.py:
#      qhana-plugin-runner's SQL editor preview); a false default of a Flask config or Django settings read is the key's
#      value when nothing defines it and no load copies the environment into the config (`defaulted:K`, defaulted_reads.py)
# 127: a lazy client only closed, or stored only into a Starlette/FastAPI `state` attribute nothing reads, is unused;
#      awaiting a `redis.asyncio` client connects nothing; a string names an attribute only as a (dotted) name
#      (project/unused_clients.py: tumago's notification lifespan)
# 128: PRR000: a file in a namespace folder dotted names reach is loaded by its word only with its folder's word, as a
#      name-like string (not for a Python 2 leftover) or from a program in that folder (live_modules.py `_named_from`:
#      openparliament's `imports/hans_old/`)
# 129: PRR501's loopback configuration: a blank the code gives a key (`FLOWER_URL = None`) names no host, so the key's
#      other values decide, and a URL's host is the one after its credentials (`http://guest:guest@localhost:15672/api`;
#      amelie's Flower and RabbitMQ status calls)
# 130: PRR501 loopback hosts: a module's name bound only to a literal URL that ends its host takes any path after it
#      (`ADMIN_BASE + "register"`, url_parts.host_part), `urljoin(base, "<relative>")` keeps the base's host, and a
#      late `connect()` of a mail or FTP client is judged by its host (`smtp.connect("localhost")`: FreedomBox's
#      matrixsynapse admin API, MichelaNGLo's mailer)
# 131: PRR205 findings on the request's path wait for the routes that reach their function (condition
#      `unless-literal-routes`, project/literal_routes.py): views with only literal rules bound the label
# 132: PRR501: Django's `@transaction.atomic` only wraps a function (dead_code.py `_WRAPPERS`): openparliament's
#      `update_ridings_from_represent`, which nothing calls, is dead
# 133: PRR501: a return annotation or a module variable's annotation builds no class (`type_words`, annotation_words.py):
#      game-scheduler's `SyncRedisClient`, which only an uncalled getter builds, is dead
# 134: a function's local or parameter names no module (`variable_words`, name_uses.py): CaeliCrawler's
#      `rate_limiter = RateLimiter(redis)` keeps no unimported `core/rate_limiter.py` loaded (unloaded_modules.py)
# 135: PRR501 counts Airflow's dagbag_import_timeout: what only a DAG file's top level runs in its main thread is bounded
#      unless the deployment lifts the limit (project/dag_parsing.py: quefairedemesobjets' source_sinoe DAG params); the
#      outermost `dags/` folder above a module importing Airflow is on sys.path (index.py)
# 136: a database refusing a value (SQLSTATE 22, DataError) or an access (42501, InsufficientPrivilege) is no
#      dependency error (PRR101-PRR104).
# 137: PRR501: an untyped object's attribute is loopback as every value the project stores in it (attribute_hosts.py:
#      dmci's `self._conf.csw_service_url`, filled from a YAML section through a local name); a wrapper's flag picks
#      its client's host at each call (switched_hosts.py: ns8-core's `redis_connect(use_replica=True)`)
# 138: PRR501 judges one key of a loaded configuration mapping by the shipped files its loader reads (a module global
#      kept through `sys.modules[__name__]`; a file named in any literal of the loader; a sibling loader's sample is its
#      own): Patrowl's arachni engine (config_paths.item_key, project/config_paths.py); and an entry a project getter
#      returns by literal words from the shipped file they name, `get_config("generic", "storage_db_hostname")` against
#      `generic.json.sample`: vulnerability-lookup's kvrocks (config_getters.py)
# 139: PRR501: a call by a computed name on a project module (`getattr(jobs, jobname)()`) is a call of every function the
#      module binds, with its arguments (a `call-args:?getattr*:` tag), and dead code turns no parameter switch on
#      (param_guards.py): openparliament's headshot download, only under flags no job passes, is switched off
# 140: PRR501/PRR502 count a deadline over a call of a base method for every override (project/async_deadline.py:
#      marzneshin's FetchUsersStats under its poller's wait_for); PRR502 leaves a client stream used as a push channel
#      on a keepalive channel alone (rules/grpc_streams.py PUSHED: marzneshin's SyncUsers)
# 141: the scoped and dead-only rules leave out modules no Python 3 can import: an unguarded top-level `import urlparse`
#      where a python3 `#!` line or Python 3-only declarations say Python 3 runs it (python2_imports.py: PatrowlEngines' burp)
# 142: PRR501 leaves out values only a developer's setup sets (project/dev_setup.py: a development compose file, one
#      whose code image is a development Dockerfile included; `.devcontainer/`; reloader scripts; `.env` samples only
#      those load), and the way of an if/else taken on such a value (dev-choice:K: f3-nation-slack-bot's
#      LOCAL_DEVELOPMENT); a Kubernetes `valueFrom:` ships a value that is on
# 143: PRR501 Celery time limits reach calls on receivers of no known type by the method's name, on both sides (an
#      attribute holding a driver picked from a table: enhydris' self.api_client.get_measurements()), and what code
#      nothing reaches calls counts as run elsewhere; an untyped call of a name the caller's bases define runs the
#      nearest base's (super()) (project/task_deadline.py, untyped_calls.py)
# 144: PRR501's dead code: a class only modules no deployed process loads name (an unincluded router's wiring, an app
#      only an undeployed program serves) has no live method (project/unrun_builds.py: jira-telegram-bot's TelegramGateway)
# 145: a call of a package's attribute that its `__init__` rebinds from the submodule of the same name
#      (`from .generate_pdf import generate_pdf`) runs the function, not the module's top level (callgraph.py:
#      sketch-map-tool's PDF layout helper, reached from a time-limited task)
# 146: a module's `sys.path` edit before its Python 2 import is recognised under any name `sys` is imported as
#      (python2_imports.py resolves it through the module's imports instead of matching its spelling)
# 147: PRR000 leaves out a Python 2 file that only a Python 2 side image's launch files run (its Dockerfile installs
#      python, copies in the crontab: python2_images.py), that only shell scripts nothing runs by file name run (a
#      compose key `links:` or a string `"links"` runs no links.sh), or that only an image tag names (vidjil)
# 148: a load by path spells its file name through an f-string without placeholders (`folder / f"service.py"`) or an
#      attribute of `self` every assignment binds to such a path (module_loads.py `loaded_file`: lollms-webui)
# 149: a call whose arguments cannot bind to its target's signature (a keyword it does not declare, too many
#      positionals) runs nothing of it: no call-graph edge, a caller that runs nothing for dead code (unbound.py;
#      scitq's `ftp_list(source, md5=md5)` on `ftp_list(uri, no_rec=False)`); functions carry a `binds:` tag
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
RESULT_FORMAT = 197
