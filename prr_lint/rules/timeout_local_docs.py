"""PRR501's documentation, the part on calls that reach this host (rules/local_calls.py, rules/late_connect.py,
project/constant_targets.py, url_deadlines.py) and on redis clients' deadlines (project/pinned_versions.py): kept apart so each docs module stays short; timeout_docs.py joins it
in place."""

LOCAL_CALL_DOCS = """        A call that names a loopback address (`smtplib.SMTP("localhost")`, the local MTA that
        accepts and queues; `requests.get("http://127.0.0.1:4000/dist/app.js")`, `"http://guest:guest@localhost:15672/api"` (the host
        follows the credentials); a URL whose host is the unspecified address, `f"http://0.0.0.0:{port}/echo"`, which a
        client's connect takes to this host (a bare `0.0.0.0` is a bind address and counts for nothing); a literal, a
        concatenation or f-string starting with one, or a local name bound only to one, as the
        first two positional arguments or `url=`/`host=`/`address=`; a URL formatted with a loopback literal as its host,
        `"{}://{}:{}/status".format(scheme, "localhost", port)` or `f"{scheme}://127.0.0.1:{port}/"`; a local name or a
        `self.<attribute>` bound only to such a URL) talks to a process of this host and is not reported. Neither is a
        URL whose host is another module's constant (`self.url = f"http://{LOCAL_EMBED_SERVICE_URL}/embedding"`, an
        imported `OCR_URL`, `config.EMBED_HOST`) that every top-level binding in its module binds to
        a loopback address (`"localhost:9001"`); a constant bound anywhere to another host or read from the
        environment keeps the finding (project/constant_targets.py). Nor is a URL whose host is read from a
        configuration key (`f"{CONFIG.get('MODEL_HOST')}:{port}"`, `conf["MODEL_HOST"]`, `os.getenv("MODEL_HOST")`,
        `smtplib.SMTP(current_app.config["SMTP_SERVER"])`, a Django setting by its name, `settings.BRIDGE_ADDRESS[0]`,
        `databases[name].get("PLANNER_ADDRESS", None)`, a field of a configuration section,
        `redis.from_url(app.config["CELERY"]["broker_url"])`, a field of a module-level settings object,
        `str(settings.redis_url)`, a setting of a module the repository ships only as a sample, `import settings`
        beside `settings.py.sample`, or a constructor's parameter defaulting to one, `def __init__(self, name,
        redis_host="localhost")`, that a loader fills from a configuration file and no call of the project sets
        otherwise) when every value
        the repository ships for that key is a loopback address (the defaults in code, `'MODEL_HOST': '127.0.0.1'`,
        `SMTP_SERVER = "localhost"`, a list of loopback `(host, port)` addresses, a schema field's default,
        `broker_url = fields.String(load_default="redis://localhost:6379/0")` in marshmallow or `= "redis://localhost"`
        in a pydantic model or dataclass, also under its environment names, `Field(RedisDsn("redis://127.0.0.1"),
        validation_alias=AliasChoices("REDIS_HOST_URL", ...))`, an f-string on one, `f"127.0.0.1:{8002 + i}"`,
        or an environment read defaulting to one, `os.getenv("SMTP_SERVER", "localhost")`, `env("REDIS_URL",
        default="redis://127.0.0.1:6379/0")` (django-environ, decouple), also bound to a module constant the client
        imports (`from site import settings`: `settings.REDIS_URL`), the client's own read too, whose variable no shipped file sets otherwise; every assignment of the key in the
        project's code, a Django local settings module's too (a blank one, `FLOWER_URL = None`, names no host: the
        call it reaches fails at once or its guard skips it, so the other values decide), a compose environment, an `.env` file, a prefixed
        name, the environment variable's upper-case spelling of a field, a configuration sample an installation starts
        from, `config.toml.sample`, counting) and either the service's image sets it (a Dockerfile's
        `ENV APP_MODEL_HOST=127.0.0.1`: a process the image runs beside the service) or the repository ships
        deployment files and none names it, or names it only on loopback where no compose file runs the project's
        own code in a container on a network of its own (a service with `build:` or no `image:` and no `network_mode:
        host`; one that runs only its dependencies' images, publishing them on the host's loopback, leaves the app
        beside them, and on the host's network loopback is the host): the service as shipped calls
        its own host. A Django setting the
        project's settings modules give only literal loopback values needs no deployment file: those modules are
        what Django runs, and a deployment pointing it elsewhere ships its own. So is a PasteDeploy app's setting (Pyramid,
        Pylons) read by its dotted lower-case key from a settings mapping (`settings["redis.url"]` in `main(global_config,
        **settings)`, `request.registry.settings.get("celery.broker_url")`): the app runs the INI file it is served
        with, so it is loopback when every INI file, template and sample the repository ships that gives the key a
        value (`development.ini`, `production.ini.jinja2`, `app.ini.sample`; tests aside) and every launch file that
        does gives it a loopback address, one at least (a commented-out line gives none), the code assigns it nothing
        else and spells it nowhere but in reads and writes of it (not in a table a loop copies the environment into,
        `("REDIS_URL", "redis.url")`), and no compose file runs the code in a container of its own; a template
        expression (`{{ redis_url }}`), an interpolation or another host keeps the finding (setting_keys.py,
        project/ini_settings.py). In `settings.CONNECT or settings.ADDRESS[0]` the first key may
        also be blank (`CONNECT = None`: the client takes the second). One value naming another host (`MODEL_HOST:
        models` in a compose file, `broker_url = "redis://redis:6379/0"` in a sample), a template or environment read
        in a manifest, a read with no loopback default, a field declared elsewhere with no default, no value at all,
        no deployment file in the repository (but for a Django setting: the deployment is elsewhere and may set it),
        a call passing the parameter a computed value, or a loopback address an env file spells where a compose
        file runs the project's code in a container on its own network (a developer's default; the dependency may be
        another container on that port; one such service of the project's code is enough) keeps the finding: the deployment decides (project/switches.py). A blank value a
        file ships (`TTS_SERVER: ''`) names no host. An upper-case attribute of an object the code does not type
        (`self.opt.TTS_SERVER`, a parsed command line handed to a plug-in) is that key, and an argparse option
        spelled so gives it its default (`add_argument("--TTS_SERVER", default="http://127.0.0.1:9880")`), with what
        the launch files pass the option (`--TTS_SERVER http://tts:9880` in a Dockerfile's `CMD`, a compose
        `command`, a script or a unit) counted among the shipped values. What the Python-syntax files a Flask app
        loads with `app.config.from_pyfile` bind the key to counts as the code's own values do (`REDIS_ADDR =
        'localhost'` in `config/default.cfg`; a formatted name, `"{}.cfg".format(env)`, stands for the shipped files of
        its folder that it matches, a name the environment gives, `from_pyfile(os.environ["APP_CONFIG"])` or
        `from_envvar`, for every file shipped there, and a name the tree does not ship for the folder's files of its
        extension, which the installation's copy is made from); a load tied to no shipped file (a name from a
        parameter, a file whose folder ships none of its kind, `from_prefixed_env`) keeps the finding for a key those
        files set (project/flask_configs.py).
        A function's or method's parameter, with a default, a `None` one or none (`def jobs(host, port)`), that every call the
        project shows gives a loopback address (`jobs(host="http://localhost", port="3000")`, a loopback default left
        alone, or a key as above, a read of one such as `config["REDIS_ADDR"]` too) is one too, whatever the files ship, when nothing the project does not show may call
        the function (no registering decorator, no export in `__all__`, no use as a value or by `getattr` name); a
        caller passing another host or a value the code does not show keeps the finding (project/param_switches.py).
        An item of a parsed configuration file read by a literal key path (`cfg["player"]["host"]`, `cfg.get("player",
        {}).get("host")`) is loopback when the mapping comes from a function that names a file the project ships
        beside a parser of its format (`os.path.join(folder, "defaults.toml")` and `tomllib.load`, or `json.load`),
        directly or through a parameter every call the project shows hands that function's mapping (a base class's
        `__init__` called through the class, `PlayerApi.__init__(self, cfg["player"]["host"])`, included), that file
        gives the path a loopback address, and no other TOML, JSON or YAML file the tree ships (samples and chart
        values included) gives it another; a mapping tied to no such loader, or a path the file lacks, keeps the
        finding (project/config_paths.py). One key counts too (`this.scanner["api_url"]`, where `this =
        sys.modules[__name__]` and the loader sets `this.scanner = json.load(handle)`; the module's empty mapping
        before it loads holds no key) unless the module stores that key itself, and the loader may name its file in
        any literal of its body (`conf_file = BASE_DIR + "/arachni.json"`): a file it names that the tree ships only
        as `arachni.json.sample` is read as that sample. A file another loader of the project reads (a sibling
        program's `cortex.json.sample`) is that program's and says nothing of this key. So is an entry a project
        getter returns by literal words (`get_config("generic", "storage_db_hostname")`, a helper that parses
        `f"{config_type}.json.sample"` and returns only items, `sample_config[entry]`, or the mapping): the shipped
        `generic.json.sample` (or a copy named as `generic.json`) decides it, the getter's files for other words
        aside; a getter that may return a computed value (an environment read, a literal default) keeps the finding
        (config_getters.py).
        The section may be held by a local name (`section = self._raw.get("catalog",
        {})`, then `section.get("catalog_url", self.catalog_url)`: `catalog.catalog_url`), the default may be the very
        attribute the read refills when its class sets it only so or blank, and a mapping stored on `self` may be set to
        `{}` in `__init__` before its loader fills it. An attribute of an object the client's module cannot type
        (`self._conf.catalog_url`, the object handed down by a base class; `SETTINGS.catalog_url`) is loopback when
        every value the project's code outside tests stores in an attribute so named (`self.catalog_url = ...` in a
        method, a class body's, `SETTINGS.catalog_url = ...` anywhere) is blank or loopback, at least one of them read
        from configuration (a key, a loaded file's item as above), and none another value: a parameter, a read of the
        environment with no loopback default, a remote literal (attribute_hosts.py).
        A project function that makes its client for one of two servers by a flag (`def store(privileged=False,
        local=False, **kwargs)` binding `host` under `if local:` from `os.getenv("STORE_LOCAL_ADDRESS",
        "127.0.0.1:6379").split(":", 1)[0]` and under `else:` from `STORE_ADDRESS`, then `kwargs.setdefault("host",
        host)` and `redis.Redis(**kwargs)`) connects where each call's flag picks: a literal `True`/`False`/`None`, or the
        flag's default when the call leaves it out. A call picking a side whose host is loopback (a literal, or a key
        every shipped value of which is, `STORE_LOCAL_ADDRESS=127.0.0.1:6379` in the env file the unit loads) is not
        reported, nor one giving its own loopback `host=` that a `setdefault` lets win; the other side's calls
        (`STORE_ADDRESS=leader:6379`), a flag the caller computes, and a host the function overrides
        (`kwargs["host"] = host`) keep the finding (switched_hosts.py).
        The URL may be built by an f-string, `+`, `%`, `.format` or `"/".join([base, ...])`, kept by `str(url)`,
        `urllib.request.Request(url)`, `urljoin(base, "register")` (a relative reference: no scheme, no leading
        `//`), `host.strip("[']")` or `.replace("0.0.0.0:", "localhost:")`, or read back from
        an item the module stores (`self.options.update({"host": host})`, then `self.options["host"]`, when the module
        sets the mapping as a whole only to an empty one). The host must end inside the value or before a `:` or `/`
        of the URL: `f"http://{host}{suffix}/x"` may lengthen it, while a value that ends its host itself may take any
        path (a name bound to `ADMIN_BASE = "http://localhost:8008/admin/v1/"`, or a parameter defaulting to such a URL
        and judged as above, then `ADMIN_BASE + "register"` or `f"{ADMIN_BASE}users/{name}"`); another module's
        constant or a configuration key needs the `:` or `/` after it. Nor is `urlopen(url)` in the body of `if urlparse(url).scheme ==
        "file":` (or `url.startswith("file:")`), a local file read, nor `socket.create_connection(address)`
        whose socket is only closed (`.close()` at once, chained or as the next statement after `sock = ...`,
        a `with` block that never names it): a connect probe reads nothing, and the kernel bounds a blocking connect (SYN retries, about 2 minutes on
        Linux), so it fails on its own (rules/local_calls.py). Nor is a redis client given no address at all (`redis.Redis()`,
        `redis.asyncio.Redis(db=2)`, `ConnectionPool()`): redis-py connects to `localhost:6379` and reads no address from
        the environment, so its server is a process of this host (a `redis-server` the image starts beside the service,
        a sidecar in its pod). A positional argument, a `host=`, a socket path, a pool or a connection class keeps it
        judged as any client.

        `smtplib.SMTP()`/`SMTP_SSL()` and `ftplib.FTP()`/`FTP_TLS()` given no host open no socket: a later
        `client.connect(host, port)` connects, and is what is reported when it has no deadline (`FTP.connect`'s own
        `timeout=`, else the constructor's; `SMTP.connect` takes the constructor's; rules/late_connect.py). Its host is
        judged as a constructor's: `smtp.connect("localhost")`, the local MTA, is not reported; a constant or
        configuration key as above is loopback only as its values are.

        A redis client on a unix socket talks to a server on the same host: no network path can stall, and a dead server fails at once
        (ECONNREFUSED, EOF), so it is not reported. The target is resolved, not guessed from a name: `unix_socket_path=<path>`, a
        `unix://` URL given to `from_url` as a literal or through a name bound only to such literals, or a setting bound elsewhere
        (`Redis.from_url(settings.BROKER_URL)`, a constant imported from a project module): Django's `settings.X` counts as a socket
        when some project module binds `X` at its top level to a `unix://` literal and none binds it to another URL or to a value read
        from the environment (a deployment could point it anywhere); a module constant, when its module binds it so (socket_targets.py,
        project/wrappers.py). A client or pool given `connection_class=UnixDomainSocketConnection` (redis-py's, sync or asyncio) is
        one too, whatever `path` the configuration gives it: a unix socket crosses no network. `from_url`
        reads `socket_timeout` from the URL's query: a client of a configured URL (not a literal) is not reported when project code
        takes a redis URL's query apart (`parse_qs`) and names `socket_timeout` in it (to strip it for Celery, or read it): the
        deployment writes its URLs with the timeout (url_deadlines.py).

        A redis client kept only to subscribe (any constructor above but a sync `RedisCluster`, whose constructor fetches
        its slots; sync or `redis.asyncio`, redis-py's or aioredis's) is judged by one ruling, whether `socket_timeout` is
        missing or an explicit None: does the subscriber ever block in a read with no bound? Such a client sends no command
        that waits for a reply: every read of it where it is bound makes its `PubSub` object (`r.pubsub()`) or closes it
        (`close()`, `aclose()`). What can hang is the `PubSub`'s own read: redis-py checks a connection's health
        (`health_check_interval`) only before a read, so a connection that dies without closing (a host gone, a partition)
        leaves a read blocked on it, the listener deaf to its events with no error, until TCP keepalive gives up (over two
        hours at Linux's defaults). So the subscriber is left alone when every read of its `PubSub` is bounded:
        `get_message()` (its timeout defaults to 0, a poll) or `get_message(timeout=<seconds>)` (`get_sharded_message` too),
        `run_in_thread()`, which calls it with `sleep_time` (default 0), or `redis.asyncio`'s `run()`, with `poll_timeout`
        (default 1 s). It is reported, with a message saying why, when some read may wait with no bound: `listen()` (a `for`
        or `async for`), `get_message(timeout=None)`, `run_in_thread(sleep_time=None)`, `run(poll_timeout=None)`; pass a
        `socket_timeout` (the read raises on a quiet channel too, and the reconnect loop listens again), or
        `socket_keepalive=True` with `socket_keepalive_options` (not `{}`: the kernel then gives up on a dead peer in the
        time they set; such a client is not reported). Reads that cannot be followed count as possibly blocking, so reported: a
        `PubSub` returned, passed to a function that is not the module's own (a module function, or a method of the
        caller's class called on `self`, whose parameter's reads are followed), stored anywhere but a plain name or a
        `self` attribute, read by a computed name, or read in another service module. Subscribing, unsubscribing,
        `ping()`, `reset()`, closing and a truth test (`if feed:`, `feed is None`) wait for nothing.
        A function's local (nested functions included), one bound by `with ... as`, or one used as it is built
        (`redis.asyncio.from_url(url).pubsub()`), awaited as it is built or not (`await redis.asyncio.from_url(url)`), is
        settled in any run; a module-level name (every read of the name in its module counts) or an attribute stored on `self` (every read of an attribute of that name in the module, on any
        object), the client's or its `PubSub`'s, only in a run over the whole project, when no other service module reads
        the name or an attribute of that name (a test's reads aside). A client handed to a function of the module called
        by its name (`loop.create_task(listen(client))`, whatever wraps the call) is followed into its parameter, whose
        every use must make the `PubSub` or close the client too. A client also used for a command (`r.get(key)`,
        `r.publish(...)`, `r.ping()`, a pipeline), returned, passed to anything else (a class, a `self` method a subclass
        may override, an imported or decorated function), stored anywhere else, kept as a class attribute, or read by a
        computed name (`locals()`, `vars()`, `getattr(obj, name)`, a string naming it) is judged as any client
        (rules/subscriber_clients.py, project/subscriber_clients.py).

        redis-py 8.0 made the default socket and connect timeout 5 s (`redis/_defaults.py`; before, and in its betas, none): a
        redis-py client without `socket_timeout` (`Redis`, `StrictRedis`, `from_url`, `ConnectionPool`, the cluster and `redis.asyncio`
        ones, under any alias), or a call handing a project function's `**kwargs` on to one without it, is not reported where every
        version the project admits for its module is 8.0.0 or later. That is read from the files of the root and of the nearest
        folder above the module that declares a distribution (a pyproject.toml with `[project]` or `[tool.poetry]`, a setup.py
        calling `setup()`, a setup.cfg with `[options]`, a requirements or lock file: a monorepo's `webapp/pyproject.toml` for
        its `webapp/pkg/` modules), the higher of their two bounds holding (a folder that says nothing leaves the other's), and
        in each folder the first file that names `redis` deciding: a lock file (`uv.lock`, `poetry.lock`, `Pipfile.lock`'s default
        packages, `pdm.lock`), then `requirements*.txt` (and a `requirements/` folder's `.txt` files), then pyproject.toml's
        `[project] dependencies` and `[tool.poetry.dependencies]`, then setup.cfg's `install_requires`, then a literal
        `install_requires` list in setup.py. `==8.0.0`, `>=8`, `~=8.1`, `^8.0` admit only
        8.0 and later; `<9`, a pre-release (`8.0.0b2`), a bare `redis`, or another file of the same kind naming it without such a bound
        leave it reported, as does a file that cannot be read or parsed, which is ignored (project/pinned_versions.py).
        `socket_timeout=None` removes the default and stays reported (but for a subscriber whose every read is bounded:
        above), and so does a client of the separate `aioredis` package. redis-py 8.0 also turned TCP keepalive on by
        default with options of its own (idle 30 s, then 3 probes 5 s apart: a dead peer fails a read in under a minute).
        That is no deadline for a command (a server that hangs still answers the probes), but it bounds what a subscriber
        waits on: a redis-py subscriber given `socket_timeout=None` whose reads may block (`listen()`) is not reported
        under the same pins when it leaves `socket_keepalive` out or gives it a literal `True`, and gives no
        `socket_keepalive_options` that is a false literal, None, False, `{}` or `[]` (no options: the kernel's hours) and no `**kwargs`, provided its module alone shows every use of it
        (a local, a `with ... as` name, or one used as it is built: not a module-level name or a `self` attribute, whose
        readers in other modules the project phase confirms apart from the pins).

        From rq 1.13.0, building an RQ worker sets `socket_timeout` on the pool of the redis client it is given as `connection`
        when none is set (the dequeue timeout plus 10 s, 415 s by default), so a sync client (`Redis`, `StrictRedis`, `from_url`)
        handed to `rq.Worker`, `SimpleWorker` or another of RQ's worker classes (or a subclass of the module's own that keeps
        `_set_connection`) before any command is not reported where every rq the project admits is 1.13.0 or later, read as for
        redis-py above (an unknown rq keeps it, as an unknown redis-py does). The client is built inline as the worker's
        connection, or bound to a local, a module-level name or an attribute of `self`, and handed over in the same scope by a
        worker call that runs whenever the client was built, after it (not under an `if`, a loop or an `except`), before any other
        read of it there, nested functions included; RQ queues may be built on it first (building one sends nothing) if only
        that worker call reads them. A command before (`conn.ping()`), a queue used first (`queue.enqueue(...)`), a client handed
        on, a method of `self` run in between, a worker built only under `if __name__ == "__main__":` or in another function, or a
        client the web app also uses keep the finding (rules/worker_clients.py)."""
