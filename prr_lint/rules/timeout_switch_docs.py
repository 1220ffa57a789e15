"""PRR501's documentation, the part on switches read from the environment (env_eval.py, rules/truth_reads.py,
env_tables.py, project/switched_classes.py, project/class_constants.py, project/dev_setup.py) and on the calls that decide a parameter
switch and the branches on a parameter no caller takes (project/param_guards.py): kept apart so each docs module stays short; timeout_docs.py joins them in place."""

PARAM_CALL_DOCS = """A call of what `getattr(module, <computed name>)` looks up on a project module (a job runner's
        `getattr(jobs, jobname)()`) is a call of each function the module binds, its own or imported under any name
        (`mps = update_mps_from_ourcommons`), with that call's arguments: a runner passing none leaves every flag at its
        default, one passing `**request.args` or `*options` keeps it, and so does a function also used as a value beyond
        such aliases (handed to a scheduler with its flag on); the searches of the serving reach follow such a call too. A caller that no process runs (PRR501's dead code: a public `update_mps_from_represent(download_headshots=False)`
        passing its flag on that nothing names) calls nothing and turns nothing on (project/param_guards.py).
        """

SWITCH_ENV_DOCS = """An environment test that is false while the variable is unset (`os.environ.get("K") in ("1",
        "true")`, `os.getenv("K", "false").lower() == "true"`, `bool(int(os.getenv("K", "0")))`, `strtobool(os.getenv("K",
        "no"))`, `os.getenv("K") is not None`, `env.bool("K", default=False)`, python-decouple's or a starlette `Config`'s
        `config("K", default=False, cast=bool)` (without `cast`, or django-environ's `env.str("K", default="")`, a string: off
        only blank), `os.environ.get("K", "false") in
        true_strings` with a module's literal `true_strings = ["true", "1"]`), tested itself or through a name, field or
        attribute bound to it (`_shared = os.getenv("SHARED", "False").lower() == "true"` in a class body, then `if
        self._shared:`), or a bare read a guard only tests for truth (`if os.getenv("K"):`, or `enabled = os.getenv("K",
        None)` in the function whose every use of `enabled` is a test, `if enabled:`: Python's `bool()` of it; a name
        also passed on, `if url: requests.post(url)`, is an address, not a switch: rules/truth_reads.py; a function's own
        variable spelled like a key, `SOP_QDRANT_ENABLE = os.getenv(...)` in a method, gives no key a value), counts as
        `False` when the repository ships deployment files (Dockerfile, compose, manifests, Helm
        values, `.env` samples, start scripts) and the test, evaluated as Python would at each value they give the
        variable, is false at each (env_eval.py: `K=` is off for `== "1"`, on for `is not None`; a value that is no boolean
        word counts as on): a compose file's `K: ${K:-False}` ships its default, a commented-out line ships nothing, a
        Kubernetes `valueFrom:` (a Secret, a ConfigMap) is on; with no deployment file it counts as on. What only a
        developer's setup sets does not count (project/dev_setup.py): a development compose file (a development name, a
        reloading server over mounted source, every image of the project's code built from a development Dockerfile,
        `dockerfile: .devcontainer/Dockerfile.dev`, helper images from folders of no Python aside), a `.devcontainer/`
        file, a start script running a reloader (`watchfiles`, `--reload`), and an `.env` sample whose `.env` only such a
        compose file loads; with only those there is no deployment file. The body of an `if` with an `else` on such a
        switch is one of two ways and stays reported, unless a developer's setup turns the variable on and no deployment
        file does (`if LOCAL_DEVELOPMENT: requests.head(s3_url) else: requests.head(gcs_url)`, `LOCAL_DEVELOPMENT=true`
        only in the development compose file and its `.env.example`): that way is the developer's, and its `else` stays
        reported. So does a test of an attribute of an environment table module (vLLM's
        `envs.py`: a module `__getattr__` answering from `{"METRICS_OUTPUT_TARGET": lambda: os.getenv("X", "logger")}`),
        `"eas" in envs.METRICS_OUTPUT_TARGET.split(",")` directly or through a local name bound once to part of it,
        evaluated with the entry's expression in its place (env_tables.py, project/env_tables.py). A method of a class
        built only under a switch that is off (`if "eas" in names: self.exporters.append(EASExporter())`) is not reported
        either, reached or not, when every construction is such a call in the class's own module, that module names the
        class nowhere else (no registry, no `isinstance`), no other module imports it and no class derives from it
        (project/switched_classes.py). A lower-case constant of a plain project class (no base, decorator or
        metaclass that may fill it), read through the class (`if XAgentServerEnv.check_running:`), is off when the
        class body binds it once to `False` and nothing rebinds it: no store of an attribute of that name outside
        tests (`Env.check_running = True`, `cls.check_running = ...`), no `setattr` by that name or of a computed
        name on the class, no shipped file naming it; no loader fills a plain class, so it is what Python binds
        (project/class_constants.py). Read through an instance (`batch.send_report`), it stays on."""

PARAM_GUARD_DOCS = """ Nor is a call in a branch on a parameter that no caller outside tests takes
        (`if dry_run:`, `if commit:`, `elif method.lower() == "delete":`, the `else` of `if not files:`, the body of
        `for url in urls:`): every call of the function passes a literal, or leaves a literal default, that makes the
        test false (an empty literal for a loop). The calls counted are those that resolve to the function, to a base
        class's method it overrides (`self.submit_deposit(...)` in the base runs the subclass's), or, for a method, call
        its name on a receiver of no known type; through a caller that passes its own `*args`/`**kwargs` on (a wrapper),
        or its own parameter unchanged (`request_type=request_type`), the calls of that caller decide (up to three such
        hops). A local name counts as the literal it holds, as the function's binding table tells: the one it is bound to
        if it is bound once, or the last one before the call when every binding is a plain line of the function's own
        body (`headers = {"X-Auth-Token": token}`, then `delete_json(url, headers=headers)` never takes `if not
        headers:`). An empty container never counts (items may be put in), nor a non-empty one a statement takes items
        out of (`del headers[key]`, `headers.pop(key)`). A parameter the function rebinds only to itself case-folded
        (`method = method.upper()`, then `if method == "GET":`) is tested ignoring case. One it also, or only, rebinds to plain
        literals (`if method not in ALLOWED: method = "GET"`) may hold any of them at the test, wherever they stand (a loop
        brings a later one back): the branch is left out only when each literal fails the test as well (ignoring case beside a
        fold). `True`, `1.0` or `0x1` may equal a test's `1`, and a caller's text outside ASCII may fold into the test's. Empty containers are all false but of different kinds unequal (`[] != ()`, `b"" != ""`), and `p is []` is never true.
        A caller that passes a variable or unpacks anything else, a default that takes the branch, a parameter the function
        otherwise assigns to (`urls = urls or DEFAULTS`, `+=`, a loop target, a tuple unpacked, a walrus, a nested def's
        `nonlocal`), a container whose items it may change before a truth test or a comparison with an empty one (`opts["k"] = v`, `opts.update(x)`, `del opts[k]`, in a closure too), a comprehension variable of the parameter's name, a literal rebinding that passes the test, an entry point or a function handed to a thread keeps it (rules/param_guards.py, project/param_guards.py). In the
        default `scope = "serving"` a caller the scope leaves out (a management command nothing schedules passing
        `csv_url=options["url"]` to the import service an admin view calls with `csv_file=` only) does not count
        either: the branch runs in that command alone."""
