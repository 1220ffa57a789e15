"""PRR501's documentation, the part on library defaults and on sessions that carry a default timeout of their own
(rules/clients.py, project/requests_default.py, project/attribute_types.py, project/annotated_sessions.py): kept
apart so each docs module stays short; timeout_docs.py joins it in place."""

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
