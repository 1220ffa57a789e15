"""PRR501's documentation, the part on library defaults and on sessions that carry a default timeout of their own
(rules/clients.py, project/requests_default.py, project/attribute_types.py, project/annotated_sessions.py), and
on a `Session.request` patch made in a function (project/requests_default.py, project/patched_programs.py,
project/patch_sites.py): kept apart so each docs module stays short; timeout_docs.py joins them in place."""

PATCHED_PROGRAM_DOCS = """Made in a function (`setup_env() -> monkeypatch_requests()`), a patch that lasts (not a
        generator or context manager, and no non-test module assigns `Session.request` anything but such a patch, in a
        function that may run: its old value back or any other wrapper undoes it, unless no non-test module names that
        undecorated module function but at its `def`) counts when the top level of a non-test module that may start the service's own processes runs it a few calls deep: a module
        another one imports, one in a package that is no program, or a root file that builds the app a server loads
        (`get_wsgi_application()`, `Flask(...)`, `Celery(...)`) or that a launch file names as the app
        (`gunicorn wsgi:application`, `celery -A worker`; `python worker.py` runs a program of its own).
        It then bounds the project's requests calls, except those of modules a program (a `__main__` block or console
        script) imports whose start-up does not run it. A root file nothing imports or names is a program of its own
        (tapiriik's `sync_worker.py`): its patch bounds only the functions that the calls it makes after the patch reach
        and nothing else does (no route, task, command, console script, other program, import-time code, registered or
        unplaced function, nor what it runs before the patch or hands before it to a thread, an executor or a callback).
        There each call on the way to the patch, and the patching function's own assignment, must be a plain statement
        of its body (not under `if`, `try`, a loop or `with`: another branch runs unpatched) with no `return`, `raise`
        or exit before it, and the patch must fill in a positive number written out or a parameter (one the patching
        function and the functions nested in it never reassign) every call of it outside tests gives one, and never take
        it away again (`kwargs["timeout"] = None`, `pop`, `del`, `update`, `clear`, `**{...}`, a rebound `kwargs`: its
        `**kwargs` only read, passed on, or written with other keys) (`timeout=60`; a global, a setting, an
        environment read, None or 0 bound nothing; a `TimeoutSauce` or `partialmethod` patch is not checked, so it does
        not count here). A call that passes `timeout=None` itself is never covered: the patch fills in only a missing
        timeout. Limits: the reach is the call graph's, so a call the graph cannot see (`getattr(service,
        "download")(url)`) or a file left out of the run (`prr-lint check app sync_worker.py`) may leave a function
        that the web process runs looking like only the program's. Run it over the whole project. A launch file that runs
        inline code (`python -c "from app.sync import perform_sync; ..."`, `manage.py shell -c`, a heredoc fed to
        `python -`) runs every function of the project modules its text names (and of those below them) unpatched; code that reaches one without naming it is not seen. A module that this
        interpreter cannot parse (newer syntax) counts as undoing the patch. A prepared request sent with
        `session.send(...)`, which skips `Session.request`, is covered like any other call. A patch only tests run, one no module's top level reaches, or a replacement that leaves
        the timeout alone changes nothing."""

SESSION_DEFAULT_DOCS = """        Library defaults that are a deadline are not reported: httpx's 5 s, and aiohttp's session default (`total=300`;
        `timeout=None` on an aiohttp session or request means that default). requests, urllib, `http.client`, `smtplib`,
        `ftplib`, pycurl's transfer and redis's `socket_timeout` before redis-py 8.0 default to none (block forever): those
        count only when given (redis-py 8.0 and later: above). A call that passes `**kwargs` is not reported, since the timeout may be in them (the project phase follows
        such wrappers: a project function that forwards its `timeout`, defaulting to `None`, or its `**kwargs` into one of
        these calls is reported at each call that gives it no timeout, with the chain of wrappers in `related`; a forward
        under a test that excludes None, `if timeout is not None:` or `if timeout:`, whose other branch makes the same call
        with a deadline known finite, pyca's `else: curl.setopt(curl.TIMEOUT, config("http", "timeout"))`, forwards no None,
        while an `if` with no other branch, one that sets nothing, None, 0 or a value that may be None (`self.timeout`, a
        name bound to None, `SETTINGS.get("timeout")`, `x or None`), one whose last TIMEOUT is 0 or taken back off by
        `unsetopt`/`reset`, or a rebinding `timeout = None` forwards it, rules/none_cases.py). A `Session`
        that mounts an adapter of its own (`s.mount("https://", TimeoutHTTPAdapter(timeout=5))`), or a `Session` subclass
        that overrides `request` or `send`, sets its default there and is not reported; so does a module function that
        builds such a session and returns it (`_api_session().get(url)`, `session = _slow_session()` where `_slow_session`
        returns `_api_session(60)`), and a session parameter injected from a project function that does (FastAPI's `session
        = Depends(get_remote_session)`, in any module; project/requests_default.py). A factory that mounts nothing, or
        requests' own `HTTPAdapter`, leaves its sessions' calls reported. `Handler.session = requests.Session()` in any module types
        `self.session` unless another store disagrees or an adapter is mounted on it (project/attribute_types.py). A session that only
        an annotation types as requests' base class (a parameter `session: Session`, an attribute stored from one, a
        class attribute another module's stores type so) holds one of the sessions the service makes: when every
        `requests.Session()`/`requests.session()` and every construction of a `Session` subclass outside tests builds a
        project subclass whose `request` or `send` fills in a missing timeout, and at least one is built, its calls are
        not reported (icloudpd hands its one `PyiCloudSession` down as `session: Session`). A fill under a condition
        counts, as wherever a subclass's fill is judged (its condition is not read): icloudpd's `if "timeout" not in
        kwargs and self.service.http_timeout is not None` leaves the timeout unset only when a caller sets
        `http_timeout`, 30.0 by default, to None on purpose. A plain session built in
        service code, a subclass that fills in nothing (one that only logs in `request`), a caller handing such a
        parameter what a library call returns or a library's own session class (`fetch(cachelib.cached_session())`),
        or a library session bound under the annotation (`session: Session = make_session()`) keep them reported
        (project/annotated_sessions.py)."""
