"""PRR106's documented examples (background.py): what the rule leaves alone (VALID) and what it reports
(INVALID), kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    Example("import asyncio\n\nasync def f(tasks):\n    task = asyncio.create_task(g())\n    tasks.add(task)\n"),
    # a discarded asyncio task: when it is freed, asyncio logs its unretrieved exception at ERROR
    Example("import asyncio\n\nasync def f():\n    asyncio.create_task(g())\n"),
    Example(
        "import asyncio\n\nasync def reader(pubsub):\n    await pubsub.subscribe('updates')\n    while True:\n"
        "        await handle(await pubsub.get_message())\n\nasync def start():\n"
        "    loop = asyncio.get_running_loop()\n    loop.create_task(reader(pubsub))\n"
    ),
    Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    return pool.submit(g)\n"),
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef work():\n    try:\n        g()\n"
        "    except Exception:\n        log.exception('work failed')\n\ndef start():\n    threading.Thread(target=work).start()\n"
    ),
    Example("def f(form):\n    form.submit()\n"),
    # the work is done in a branch, and the `try` there reports its failure
    Example(
        "import logging, threading, urllib.request\nlog = logging.getLogger(__name__)\n\ndef notify(url, priority):\n"
        "    if priority > -3:\n        try:\n            urllib.request.urlopen(url, timeout=5)\n        except Exception:\n"
        "            log.warning('notifying failed', exc_info=True)\n\ndef start(url):\n"
        "    threading.Thread(target=notify, args=(url, 0)).start()\n"
    ),
    # a method target that reports its own failures
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\nclass Poller:\n    def start(self):\n"
        "        threading.Thread(target=self._run, daemon=True).start()\n\n    def _run(self):\n        while True:\n"
        "            try:\n                self.poll()\n            except Exception:\n                log.exception('poll failed')\n"
    ),
    # the reporting loop sits in a `try`/`finally` and a `with` that close the client
    Example(
        "import logging, threading\nimport httpx\nlog = logging.getLogger(__name__)\n\ndef push_loop(url, stop):\n    try:\n"
        "        with httpx.Client(timeout=5) as client:\n            while not stop.is_set():\n                try:\n"
        "                    client.post(url)\n                except Exception:\n                    log.exception('push failed')\n"
        "    finally:\n        stop.set()\n\ndef start(url, stop):\n    threading.Thread(target=push_loop, args=(url, stop)).start()\n"
    ),
    # `threading.excepthook` is set (through an alias): every thread's exception is reported
    Example(
        "import threading as th\nimport sentry_sdk\n\ndef hook(args):\n    sentry_sdk.capture_exception(args.exc_value)\n\n"
        "th.excepthook = hook\n\ndef work():\n    g()\n\ndef start():\n    th.Thread(target=work).start()\n"
    ),
    # the submitted function reports its own failures: its future holds nothing
    Example("import logging\nfrom concurrent.futures import ThreadPoolExecutor\nlog = logging.getLogger(__name__)\npool = ThreadPoolExecutor()\n\ndef f(rest):\n    def finish():\n        try:\n            for item in rest:\n                item.apply()\n        except Exception as error:\n            log.exception(error)\n    pool.submit(finish)\n"),
    # a thread built and dropped is never started
    Example("import threading\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work)\n"),
    # an asynchronous logging handler submits the parent's emit, which handles its own errors
    Example("import logging\nfrom concurrent.futures import ThreadPoolExecutor\n\nclass AsyncHandler(logging.Handler):\n    def __init__(self):\n        super().__init__()\n        self._executor = ThreadPoolExecutor(max_workers=1)\n\n    def emit(self, record):\n        self._executor.submit(self._emit, record)\n\n    def _emit(self, record):\n        super().emit(record)\n"),
    # Sentry's threading integration captures what escapes a thread
    Example("import threading\nimport sentry_sdk\nfrom sentry_sdk.integrations.threading import ThreadingIntegration\n\nsentry_sdk.init(integrations=[ThreadingIntegration()])\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work).start()\n"),
    # the thread body only sets up around a project daemon loop that catches and reports each
    # failure (here reached through the nested function a factory returns)
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef workqueue(stop):\n    def decorate(once):\n"
        "        def loop():\n            while not stop.is_set():\n                try:\n                    yield once()\n"
        "                except Exception:\n                    log.critical('iteration failed', exc_info=True)\n"
        "        return loop\n    return decorate\n\ndef run_daemon(once, stop):\n    daemon = workqueue(stop)(once)\n"
        "    for _ in daemon():\n        pass\n\ndef reaper(stop):\n    conn = connect()\n    run_daemon(reap_once, stop)\n"
        "    conn.close()\n\ndef start(stop):\n    threading.Thread(target=reaper, args=(stop,)).start()\n"
    ),
    # every call of the target goes to a project function that reports its own failures
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\nclass Processor:\n    def initialize(self, callback):\n"
        "        def init_thread():\n            ok = self.init_engine()\n            callback(self, ok)\n"
        "        threading.Thread(target=init_thread, daemon=True).start()\n\n    def init_engine(self):\n        try:\n"
        "            return self.engine.init()\n        except Exception:\n            log.exception('engine init failed')\n"
        "            return False\n"
    ),
    # a warning with the error, in a loop that survives it
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef actions_loop(stop):\n    while not stop.is_set():\n"
        "        try:\n            run_actions()\n        except Exception as e:\n            log.warning('actions failed: %s', e)\n\n"
        "def start(stop):\n    threading.Thread(target=actions_loop, args=(stop,)).start()\n"
    ),
    # every exception is handed back: through a queue the starter reads, or a shared cache entry
    # (PRR101 asks whoever receives it to report it: here the starter raises it, the poller answers it)
    Example(
        "import queue, socket, threading\n\ndef resolve_gateway(host, port):\n    results = queue.Queue(maxsize=1)\n\n"
        "    def resolve():\n        try:\n            results.put((socket.getaddrinfo(host, port), None))\n"
        "        except Exception as error:  # prr-lint: ignore[PRR101] the starter raises it\n"
        "            results.put((None, error))\n\n    threading.Thread(target=resolve, daemon=True).start()\n"
        "    addresses, error = results.get(timeout=5)\n    if error:\n        raise error\n    return addresses\n"
    ),
    Example(
        "import threading\nfrom django.core.cache import cache\n\nclass AsyncApi:\n    def do_async(self, handler):\n"
        "        threading.Thread(target=self.do_in_thread, args=(handler,)).start()\n\n    def do_in_thread(self, handler):\n"
        "        data = self.initial_data\n        try:\n            data['resp'] = handler().data\n"
        "        except Exception as e:\n"
        "            data['error'] = str(e)\n            cache.set(self.cache_key, data, 600)\n"
    ),
    # a `functools.partial` of a function that logs its failures, with a level picked first
    Example(
        "import functools, logging\nfrom concurrent.futures import ThreadPoolExecutor\nlog = logging.getLogger(__name__)\n"
        "executor = ThreadPoolExecutor()\n\ndef run_with_org(org, func):\n    try:\n        func()\n    except OSError as e:\n"
        "        log_func = log.error\n        if str(e) in EXPECTED:\n            log_func = log.info\n"
        "        log_func('delayed run of %s failed: %s', func, e)\n    PENDING.pop(org, None)\n\ndef run_later(org, func):\n"
        "    run = functools.partial(run_with_org, org, func)\n    executor.submit(run)\n"
    ),
    # the starter waits for the thread and raises on the outcome itself
    Example(
        "import queue, subprocess, threading\n\ndef run(cmd):\n    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)\n"
        "    lines = queue.Queue()\n\n    def read():\n        for line in proc.stdout:\n            lines.put(line)\n\n"
        "    t = threading.Thread(target=read, daemon=True)\n    t.start()\n    t.join()\n    proc.wait()\n"
        "    if proc.returncode != 0:\n        raise subprocess.CalledProcessError(proc.returncode, cmd)\n"
    ),
    # a poll loop whose work sits in a catch-all `try`, outside it only a wait on its stop event:
    # nothing reaches stderr (what the handler does with the error, a debug line or a dict nobody
    # reads, is PRR101's finding)
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\nclass Poller:\n    def __init__(self):\n"
        "        self._stop = threading.Event()\n        threading.Thread(target=self._poll, daemon=True).start()\n\n"
        "    def _poll(self):\n        while not self._stop.is_set():\n            try:\n                self.state = self.instance.state()\n"
        "            except Exception as e:  # prr-lint: ignore[PRR101] polled again\n                log.debug('poll failed: %s', e)\n"
        "            self._stop.wait(5)\n"
    ),
    Example(
        "import threading\n\ndef work():\n    result = {}\n    try:\n        conn.execute()\n    except Exception as e:  # prr-lint: ignore[PRR101]\n"
        "        result['error'] = e\n\ndef start():\n    threading.Thread(target=work).start()\n"
    ),
    # a logging handler's own flushing thread: its failures cannot go through logging
    Example(
        "import threading, time\nfrom logging.handlers import MemoryHandler\n\nclass PeriodicallyFlushing(MemoryHandler):\n"
        "    def __init__(self, capacity, period):\n        super().__init__(capacity)\n        self._period = period\n"
        "        threading.Thread(target=self._flush_periodically, daemon=True).start()\n\n"
        "    def _flush_periodically(self):\n        while True:\n            self.flush()\n            time.sleep(self._period)\n"
    ),
    # the target's whole body is one `try` that catches everything: nothing reaches stderr
    Example(
        "import threading\n\nclass Utility:\n    def execute(self, command):\n        try:\n"
        "            return self.client.execute(command)\n        except Exception:  # prr-lint: ignore[PRR101] best effort\n"
        "            return None\n\ndef join_cluster(address):\n    utility = Utility()\n"
        "    threading.Thread(target=utility.execute, args=(['add', address],), daemon=True).start()\n"
    ),
    # a write thread hands each task's error to the coroutine awaiting the task's reply future
    Example(
        "import threading\n\ndef _deliver(task, result, exception):\n    def _set():\n        if exception is not None:\n"
        "            task.reply.set_exception(exception)\n        else:\n            task.reply.set_result(result)\n"
        "    task.loop.call_soon_threadsafe(_set)\n\nclass Database:\n    def start(self):\n"
        "        threading.Thread(target=self._execute_writes, daemon=True).start()\n\n    def _execute_writes(self):\n"
        "        while True:\n            task = self.queue.get()\n            exception = result = None\n            try:\n"
        "                result = task.fn(self.conn)\n            except Exception as e:\n                exception = e\n"
        "            _deliver(task, result, exception)\n"
    ),
    # the starter ends the process as soon as a forwarding thread dies
    Example(
        "import os, subprocess, sys, threading\n\ndef forward(src, dst):\n    for line in src:\n        dst.write(line)\n\n"
        "def run(cmd):\n    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)\n"
        "    out = threading.Thread(target=forward, args=(proc.stdout, sys.stdout), daemon=True)\n    out.start()\n"
        "    while True:\n        rc = proc.poll()\n        if rc is not None or threading.active_count() < 2:\n"
        "            os._exit(rc or 143)\n"
    ),
    # started again each period: the set-if-absent key expires and the next request starts a new run
    Example(
        "import threading\nfrom django.core.cache import cache\n\ndef maintain(f):\n    def wrapped(*args, **kwargs):\n"
        "        if cache.add('maintenance_done', True, 1800):\n            threading.Thread(target=clean_sessions).start()\n"
        "        return f(*args, **kwargs)\n    return wrapped\n\ndef clean_sessions():\n    expire_sessions()\n"
    ),
    # the same, with a `finally` that stops the loop
    Example(
        "import asyncio, threading\n\nclass Streams:\n    def __init__(self):\n"
        "        threading.Thread(target=self._start_forever, daemon=True).start()\n\n    def _start_forever(self):\n"
        "        self._loop = asyncio.new_event_loop()\n        try:\n            self._loop.run_forever()\n        finally:\n"
        "            if self._loop.is_running():\n                self._loop.stop()\n"
    ),
    # the thread only runs an asyncio event loop: its tasks' errors go to the loop's handler
    Example(
        "import asyncio, threading\nLOOP = None\n\ndef loop_thread():\n    global LOOP\n    LOOP = asyncio.new_event_loop()\n"
        "    LOOP.run_forever()\n\ndef init():\n    threading.Thread(target=loop_thread, daemon=True).start()\n"
    ),
    # the work starts in a try that catches every error: its failure lands in the handler (PRR101 judges
    # what it does there), then the outcome is handed over
    Example(
        "import threading\n\nclass Rewind:\n    def _checkpoint(self, task, wakeup):\n        try:\n"
        "            result = self.db.checkpoint()\n        except Exception as e:\n            result = 'Exception: ' + str(e)\n"
        "        with task:\n            task.complete(not result)\n        wakeup()\n\n"
        "    def after_promote(self, task, wakeup):\n        threading.Thread(target=self._checkpoint, args=(task, wakeup)).start()\n"
    ),
)
INVALID = (
    Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    pool.submit(g)  # expect: PRR106\n"),
    Example("import threading\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work, daemon=True).start()  # expect: PRR106\n"),
    # the branch also works outside its `try`: what `stop_all()` raises only reaches stderr
    Example(
        "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef halt(initialised):\n"
        "    if initialised:\n        stop_all()\n        try:\n            join_workers()\n        except Exception:\n"
        "            log.exception('joining failed')\n\ndef shutdown():\n"
        "    threading.Thread(target=halt, args=(True,)).start()  # expect: PRR106\n"
    ),
    Example("import threading\n\nclass Poller:\n    def start(self):\n        threading.Thread(target=self._run, daemon=True).start()  # expect: PRR106\n\n    def _run(self):\n        while True:\n            self.poll()\n"),
    Example(  # a thread kept and started later runs
        "import threading\n\ndef work():\n    g()\n\ndef start():\n    worker = threading.Thread(target=work)  # expect: PRR106\n    worker.start()\n"),
    # the word `excepthook` in a comment sets nothing
    Example(
        "import threading\n\ndef work():\n    g()\n\ndef start():\n    # no threading.excepthook here\n"
        "    threading.Thread(target=work).start()  # expect: PRR106\n"
    ),
    # a loop of its own, around work with no `try`, even when what it calls is a parameter
    Example(
        "import threading, time\n\ndef periodic(interval, action, stop):\n    def run():\n        while not stop.is_set():\n"
        "            action()\n            time.sleep(interval)\n    return threading.Thread(target=run)  # expect: PRR106\n"
    ),
    # one call reports its own failures, the rest of the work does not
    Example(
        "import logging, threading\nimport requests\nlog = logging.getLogger(__name__)\n\ndef fetch():\n    try:\n"
        "        return load()\n    except Exception:\n        log.exception('load failed')\n\ndef push():\n    data = fetch()\n"
        "    requests.post('http://hub/items', json=data, timeout=5)\n\ndef start():\n"
        "    threading.Thread(target=push).start()  # expect: PRR106\n"
    ),
    # a key that never expires: the first run's failure is the last run
    Example(
        "import threading\n\ndef maintain(f, redis):\n    def wrapped(*args, **kwargs):\n"
        "        if redis.set('maintenance_done', 1, nx=True):\n"
        "            threading.Thread(target=clean_sessions).start()  # expect: PRR106\n"
        "        return f(*args, **kwargs)\n    return wrapped\n\ndef clean_sessions():\n    expire_sessions()\n"
    ),
    # the starter waits for the thread but checks nothing: what the thread raises is lost
    Example(
        "import subprocess, threading\n\ndef search(results, cmd):\n    with subprocess.Popen(cmd, stdout=subprocess.PIPE) as proc:\n"
        "        results.extend(proc.stdout)\n        if proc.wait() != 0:\n            raise RuntimeError(cmd)\n\n"
        "def run(cmd):\n    results = []\n    t = threading.Thread(target=search, args=(results, cmd))  # expect: PRR106\n"
        "    t.start()\n    t.join(timeout=5)\n    return results\n"
    ),
    # the starter watches the thread but only starts another one: each failure still goes to stderr alone
    Example(
        "import threading, time\n\ndef poll():\n    refresh()\n\ndef supervise():\n"
        "    t = threading.Thread(target=poll, daemon=True)  # expect: PRR106\n    t.start()\n    while True:\n"
        "        if not t.is_alive():\n            t = threading.Thread(target=poll, daemon=True)  # expect: PRR106\n"
        "            t.start()\n        time.sleep(5)\n"
    ),
    # only the driver's error is handed back: any other one leaves the waiting side an empty success
    Example(
        "import threading\nimport MySQLdb\n\nclass Runner:\n    def run_query(self, query, r, done):\n"
        "        threading.Thread(target=self._run_query, args=(query, r, done)).start()  # expect: PRR106\n\n"
        "    def _run_query(self, query, r, done):\n        try:\n            r.data = self.connection.cursor().execute(query)\n"
        "        except MySQLdb.Error as e:\n            r.error = e.args[1]\n        finally:\n            done.set()\n"
    ),
    # work before the catch-all can still fail to stderr
    Example(
        "import threading\n\nclass Terminal:\n    def start(self):\n"
        "        threading.Thread(target=self.heartbeat, daemon=True).start()  # expect: PRR106\n\n"
        "    def heartbeat(self):\n        terminal = self.register()\n        try:\n            terminal.save()\n"
        "        except Exception:  # expect: PRR101\n            pass\n"
    ),
)
