"""PRR501 and SIGALRM deadlines (alarm_deadlines.py, project/alarm_deadline.py): what a worker's main thread runs
inside a `with` block whose context manager installs a raising SIGALRM handler and arms an alarm is bounded, down
the call graph and to the overrides of a method called on `self` (pandora's workers' `analyse`); a call outside the
block, a handler that does not raise, an alarm of literal 0, a block in a thread and a block of an async function are not."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import lint_sources

from prr_lint.alarm_deadlines import ALARM_HELD
from prr_lint.project.alarm_deadline import alarm_held_check

# A worker process whose main loop runs each job's `handle` under an alarm its generator context manager arms.
_BASE = (
    "import contextlib\nimport multiprocessing\nimport signal\n\n\n"
    "class Worker(multiprocessing.Process):\n"
    "    def __init__(self, limit):\n        super().__init__()\n        self.limit = limit\n\n"
    "    @staticmethod\n    def _expire(signum, frame):\n        raise TimeoutError\n\n"
    "    @contextlib.contextmanager\n    def _deadline(self):\n"
    "        signal.signal(signal.SIGALRM, self._expire)\n        signal.alarm(self.limit)\n"
    "        try:\n            yield\n        finally:\n            signal.alarm(0)\n\n"
    "    def handle(self, job):\n        raise NotImplementedError\n\n"
    "    def next_job(self):\n        return 'job'\n\n"
    "    def run(self):\n        while True:\n            job = self.next_job()\n"
    "            try:\n                with self._deadline():\n                    self.handle(job)\n"
    "            except TimeoutError:\n                continue\n"
)
# A worker whose constructor (outside the block) and `handle` (inside it) call a service with no timeout.
_LOOKUP = (
    "import requests\n\nfrom svc.base import Worker\n\n\n"
    "class Lookup(Worker):\n"
    "    def __init__(self, limit):\n        super().__init__(limit)\n        self.session = requests.Session()\n"
    "        self.session.get('https://api.example/ping')\n\n"
    "    def handle(self, job):\n        return self._fetch(job)\n\n"
    "    def _fetch(self, job):\n        return self.session.get('https://api.example/lookup', params={'q': job}).json()\n"
)
# A worker that extends another's `handle` through `super()`.
_AUDIT = (
    "import requests\n\nfrom svc.base import Worker\n\n\n"
    "class Audit(Worker):\n    def handle(self, job):\n        requests.post('https://audit.example/log', json={'job': job})\n"
    "        return super().handle(job)\n"
)
_MAIN = (
    "from svc.audit import Audit\nfrom svc.lookup import Lookup\n\n\n"
    "def main():\n    for worker in (Lookup(30), Audit(30)):\n        worker.start()\n\n\nif __name__ == '__main__':\n    main()\n"
)
_PROJECT = {"svc/__init__.py": "", "svc/base.py": _BASE, "svc/lookup.py": _LOOKUP, "svc/audit.py": _AUDIT, "svc/main.py": _MAIN}


def _found(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_overrides_run_in_an_alarm_block_are_bounded_and_the_constructor_is_not() -> None:
    """pandora's shape: `run` calls `self.handle(job)` inside `with self._deadline():`; each override and what it
    calls is bounded (also one calling its base's through `super()`); the constructor's call runs outside the block."""
    assert _found(_PROJECT) == [("svc/lookup.py", 10)]


def test_a_class_whose_enter_arms_the_alarm_bounds_the_block() -> None:
    base = _BASE.replace("    @contextlib.contextmanager\n    def _deadline(self):\n", "    def _unused(self):\n        pass\n\n").replace(
        "        try:\n            yield\n        finally:\n            signal.alarm(0)\n\n", "\n")
    base = base.replace("with self._deadline():", "with Deadline(self.limit):") + (
        "\n\ndef _expire(signum, frame):\n    raise TimeoutError('job took too long')\n\n\n"
        "class Deadline:\n    def __init__(self, seconds):\n        self.seconds = seconds\n\n"
        "    def __enter__(self):\n        signal.signal(signal.SIGALRM, _expire)\n"
        "        signal.setitimer(signal.ITIMER_REAL, self.seconds)\n        return self\n\n"
        "    def __exit__(self, *exc):\n        signal.setitimer(signal.ITIMER_REAL, 0)\n"
    )
    base = base.replace("        signal.signal(signal.SIGALRM, self._expire)\n        signal.alarm(self.limit)\n", "")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/lookup.py", 10)]


def test_a_handler_that_does_not_raise_bounds_nothing() -> None:
    base = _BASE.replace("        raise TimeoutError\n", "        print('slow job')\n")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


def test_an_alarm_of_literal_zero_bounds_nothing() -> None:
    base = _BASE.replace("signal.alarm(self.limit)", "signal.alarm(0)")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


def test_a_call_also_made_outside_the_block_stays_reported() -> None:
    base = _BASE.replace("            job = self.next_job()\n", "            job = self.next_job()\n            self.handle('warm-up')\n")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


def test_a_block_in_a_thread_is_not_bounded() -> None:
    """Signals reach the main thread only: a block in a function handed to a thread is never interrupted."""
    main = _MAIN + "\n\ndef serve(worker):\n    import threading\n    threading.Thread(target=worker.run).start()\n"
    main = main.replace("worker.start()", "serve(worker)")
    base = _BASE.replace("    def run(self):\n", "    def start(self):\n        import threading\n        threading.Thread(target=self.loop).start()\n\n    def loop(self):\n")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


def test_a_block_of_an_async_function_is_not_bounded() -> None:
    base = _BASE.replace("    def run(self):\n", "    async def run(self):\n")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


# bitbot's shape: a command the main thread's loop runs connects inside `with utils.deadline(seconds=5):`, written in
# the block itself; the generator manager installs a lambda handler that calls a raising function and arms an itimer.
_UTILS = (
    "import contextlib\nimport signal\n\n\n"
    "class DeadlineExceeded(Exception):\n    pass\n\n\n"
    "def _expired():\n    raise DeadlineExceeded()\n\n\n"
    "@contextlib.contextmanager\ndef deadline(seconds=10):\n"
    "    previous = signal.signal(signal.SIGALRM, lambda _signum, _frame: _expired())\n"
    "    signal.setitimer(signal.ITIMER_REAL, seconds, 0)\n"
    "    try:\n        yield\n    finally:\n        signal.signal(signal.SIGALRM, previous)\n"
    "        signal.setitimer(signal.ITIMER_REAL, 0, 0)\n"
)
_PROBE = (
    "import socket\n\nfrom svc import utils\n\n\n"
    "class Probe:\n    def tcp_up(self, host, port):\n        try:\n            with utils.deadline(seconds=5):\n"
    "                socket.create_connection((host, port))\n        except utils.DeadlineExceeded:\n            return False\n"
    "        return True\n"
)
_RUN = "from svc.probe import Probe\n\n\ndef main():\n    print(Probe().tcp_up('irc.example', 6667))\n\n\nif __name__ == '__main__':\n    main()\n"
_BOT = {"svc/__init__.py": "", "svc/utils.py": _UTILS, "svc/probe.py": _PROBE, "svc/run.py": _RUN}
_CONNECT = ("svc/probe.py", 10)


def test_a_call_written_in_an_alarm_block_of_a_main_thread_function_is_bounded() -> None:
    """bitbot's `tcpup`: the alarm interrupts the connect, and the handler's exception leaves it."""
    assert _found(_BOT) == []


def test_a_call_written_in_a_class_managers_alarm_block_is_bounded() -> None:
    utils = _UTILS.split("@contextlib")[0] + (
        "class deadline:\n    def __init__(self, seconds=10):\n        self.seconds = seconds\n\n"
        "    def _expire(self, signum, frame):\n        raise DeadlineExceeded()\n\n"
        "    def __enter__(self):\n        signal.signal(signal.SIGALRM, lambda signum, frame: self._expire(signum, frame))\n"
        "        signal.alarm(self.seconds)\n\n    def __exit__(self, *exc):\n        signal.alarm(0)\n"
    )
    assert _found({**_BOT, "svc/utils.py": utils}) == []


def test_a_process_target_runs_the_block_in_its_own_main_thread() -> None:
    """A new process's main thread runs its target: the alarm reaches it (as pandora's worker processes)."""
    run = _RUN.replace("    print(Probe().tcp_up('irc.example', 6667))\n",
                       "    import multiprocessing\n    multiprocessing.Process(target=Probe().tcp_up, args=('irc.example', 6667)).start()\n")
    assert _found({**_BOT, "svc/run.py": run}) == []


def test_a_lambda_handler_whose_call_does_not_raise_bounds_nothing() -> None:
    utils = _UTILS.replace("def _expired():\n    raise DeadlineExceeded()\n", "def _expired():\n    print('slow command')\n")
    assert _found({**_BOT, "svc/utils.py": utils}) == [_CONNECT]


def test_a_block_whose_itimer_is_a_literal_zero_bounds_nothing() -> None:
    utils = _UTILS.replace("signal.setitimer(signal.ITIMER_REAL, seconds, 0)", "signal.setitimer(signal.ITIMER_REAL, 0, 0)")
    assert _found({**_BOT, "svc/utils.py": utils}) == [_CONNECT]


def test_a_call_written_in_an_alarm_block_of_an_async_function_is_not_bounded() -> None:
    probe = _PROBE.replace("    def tcp_up(", "    async def tcp_up(")
    assert _found({**_BOT, "svc/probe.py": probe, "svc/run.py": _RUN.replace("print(Probe()", "print(await Probe()")
                   .replace("def main", "async def main").replace("    main()", "    import asyncio\n    asyncio.run(main())")}) == [_CONNECT]


def test_a_call_written_in_an_alarm_block_of_a_thread_or_executor_target_is_not_bounded() -> None:
    """Signals reach the main thread only: a block another thread runs is never interrupted there."""
    thread = _RUN.replace("    print(Probe().tcp_up('irc.example', 6667))\n",
                          "    import threading\n    threading.Thread(target=Probe().tcp_up, args=('irc.example', 6667)).start()\n")
    pool = _RUN.replace("    print(Probe().tcp_up('irc.example', 6667))\n",
                        "    from concurrent.futures import ThreadPoolExecutor\n"
                        "    with ThreadPoolExecutor() as pool:\n        pool.submit(Probe().tcp_up, 'irc.example', 6667)\n")
    assert _found({**_BOT, "svc/run.py": thread}) == [_CONNECT]
    assert _found({**_BOT, "svc/run.py": pool}) == [_CONNECT]


def test_only_calls_the_block_itself_runs_are_bounded() -> None:
    """A call after the block, one in a function or generator the block only defines, and one in a block of a manager
    that arms no alarm, run with no alarm armed."""
    probe = _PROBE.replace(
        "                socket.create_connection((host, port))\n",
        "                socket.create_connection((host, port))\n"
        "                later = lambda: socket.create_connection((host, port))\n"
        "                pending = (socket.create_connection((host, port)) for _ in range(2))\n"
        "            with open('/tmp/probe.log') as log:\n                socket.create_connection((host, port))\n"
        "            socket.create_connection((host, port))\n            later()\n            list(pending)\n",
    )
    assert _found({**_BOT, "svc/probe.py": probe}) == [("svc/probe.py", line) for line in (11, 12, 14, 15)]


def _tcp_up(block: str) -> dict:
    """_BOT with `tcp_up`'s alarm block written as `block` (at the block's indent)."""
    probe = _PROBE.replace("            with utils.deadline(seconds=5):\n                socket.create_connection((host, port))\n", block)
    return {**_BOT, "svc/probe.py": probe.replace("import socket\n", "import socket\nimport time\n")}


def test_a_call_in_a_handler_or_finally_inside_the_block_is_not_bounded() -> None:
    """An except handler or a `finally` inside the block may run once the alarm has fired: no alarm is armed then."""
    handler = _tcp_up("            with utils.deadline(seconds=5):\n                try:\n                    socket.create_connection((host, port))\n"
                      "                except utils.DeadlineExceeded:\n                    socket.create_connection((host, 80))\n")
    final = _tcp_up("            with utils.deadline(seconds=5):\n                try:\n                    socket.create_connection((host, port))\n"
                    "                finally:\n                    socket.create_connection((host, 80))\n")
    assert _found(handler) == [("svc/probe.py", 14)]
    assert _found(final) == [("svc/probe.py", 14)]


def test_a_block_of_its_own_in_a_handler_is_bounded() -> None:
    """A handler that arms an alarm of its own bounds what its block runs."""
    files = _tcp_up("            with utils.deadline(seconds=5):\n                try:\n                    socket.create_connection((host, port))\n"
                    "                except OSError:\n                    with utils.deadline(seconds=5):\n"
                    "                        socket.create_connection((host, 80))\n")
    assert _found(files) == []


def test_a_retry_loop_that_swallows_the_alarm_is_not_bounded() -> None:
    """The first alarm is caught and the loop tries again with none armed; a handler that re-raises or returns lets
    the alarm leave the block."""
    retry = "            with utils.deadline(seconds=5):\n                while True:\n                    try:\n" \
            "                        return socket.create_connection((host, port))\n                    except Exception:\n                        time.sleep(1)\n"
    assert _found(_tcp_up(retry)) == [("svc/probe.py", 13)]
    assert _found(_tcp_up(retry.replace("                        time.sleep(1)\n", "                        time.sleep(1)\n                        raise\n"))) == []
    assert _found(_tcp_up(retry.replace("                        time.sleep(1)\n", "                        return None\n"))) == []
    polled = "            with utils.deadline(seconds=5):\n                while socket.create_connection((host, port)) is None:\n" \
             "                    try:\n                        time.sleep(1)\n                    except Exception:\n                        pass\n"
    assert _found(_tcp_up(polled)) == [("svc/probe.py", 11)]


def test_a_call_after_a_try_that_swallows_the_alarm_is_not_bounded() -> None:
    """A handler of any type may take the alarm's exception (requests wraps an interrupted read in its own)."""
    files = _tcp_up("            with utils.deadline(seconds=5):\n                try:\n                    socket.create_connection((host, 443))\n"
                    "                except OSError:\n                    pass\n                socket.create_connection((host, port))\n")
    assert _found(files) == [("svc/probe.py", 15)]


def test_a_call_after_a_suppress_block_is_not_bounded() -> None:
    """`contextlib.suppress(...)` swallows what its body raises, the alarm's exception too (final read of the mends)."""
    files = _tcp_up("            with utils.deadline(seconds=5):\n                with contextlib.suppress(Exception):\n"
                    "                    time.sleep(10)\n                socket.create_connection((host, port))\n")
    assert _found({**files, "svc/probe.py": "import contextlib\n" + files["svc/probe.py"]}) == [("svc/probe.py", 14)]


def test_a_nested_alarm_block_before_the_call_cancels_the_outer_alarm() -> None:
    """bitbot's manager cancels the timer as it leaves: a call after an inner alarm block runs with none armed, also
    in a later round of a loop; a call inside the inner block, or after a block whose manager arms nothing, keeps one."""
    nested = _tcp_up("            with utils.deadline(seconds=30):\n                with utils.deadline(seconds=1):\n"
                     "                    socket.create_connection((host, 443))\n                socket.create_connection((host, port))\n")
    looped = _tcp_up("            with utils.deadline(seconds=30):\n                for _ in range(3):\n                    socket.create_connection((host, port))\n"
                     "                    with utils.deadline(seconds=1):\n                        time.sleep(0.5)\n")
    plain = _tcp_up("            with utils.deadline(seconds=30):\n                with open('/tmp/probe.log'):\n                    pass\n"
                    "                socket.create_connection((host, port))\n")
    assert _found(nested) == [("svc/probe.py", 13)]
    assert _found(looped) == [("svc/probe.py", 12)]
    assert _found({**plain, "svc/probe.py": "import contextlib\n" + plain["svc/probe.py"]}) == []


def test_a_function_run_after_a_nested_alarm_block_is_not_bounded() -> None:
    """The same for a function a block runs: after an inner alarm block, the worker's `handle` runs with none armed."""
    base = _BASE.replace("                with self._deadline():\n                    self.handle(job)\n",
                         "                with self._deadline():\n                    with self._deadline():\n                        self.next_job()\n"
                         "                    self.handle(job)\n")
    assert _found({**_PROJECT, "svc/base.py": base}) == [("svc/audit.py", 8), ("svc/lookup.py", 10), ("svc/lookup.py", 16)]


def test_a_plain_with_block_builds_nothing_when_no_manager_arms_an_alarm() -> None:
    """`with requests.Session() as s: s.get(url)` carries its block's manager; with no alarm manager in the project,
    asking about it builds neither the analysis nor the threads' reach."""

    class Project:
        index = SimpleNamespace(functions={"svc.api.fetch": SimpleNamespace(tags=[])}, derived=lambda key, build: build())

        def analysis(self):
            raise AssertionError("built")

    pending = SimpleNamespace(subjects=(ALARM_HELD + "requests.Session",), finding=SimpleNamespace(context="svc.api.fetch"))
    assert alarm_held_check(Project())(pending) is False
