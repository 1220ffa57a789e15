"""PRR501's documentation, the part on switches read from the environment (env_eval.py, rules/truth_reads.py,
env_tables.py, project/switched_classes.py, project/class_constants.py, project/dev_setup.py) and on the calls that decide a parameter
switch (project/param_guards.py): kept apart so each docs module stays short; timeout_docs.py joins them in place."""

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
