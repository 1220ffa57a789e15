"""PRR106 across modules: a thread target that hands its work to project functions that report."""

from __future__ import annotations

from conftest import codes_and_lines, lint_sources

COMMON = (
    "import logging\n\n"
    "def workqueue(stop):\n"
    "    def decorate(once):\n"
    "        def loop():\n"
    "            while not stop.is_set():\n"
    "                try:\n"
    "                    yield once()\n"
    "                except Exception:\n"
    "                    logging.log(logging.CRITICAL, 'iteration failed', exc_info=True)\n"
    "        return loop\n"
    "    return decorate\n\n"
    "def run_daemon(once, stop):\n"
    "    for _ in workqueue(stop)(once)():\n"
    "        pass\n\n"
    "def run_plain(once, stop):\n"
    "    while not stop.is_set():\n"
    "        once()\n\n"
    "def init_engine(engine):\n"
    "    try:\n"
    "        return engine.init()\n"
    "    except Exception:\n"
    "        logging.exception('init failed')\n"
)
DAEMON = (
    "import threading\n"
    "from svc.common import init_engine, run_daemon, run_plain\n\n"
    "def reaper(stop):\n"
    "    conn = connect()\n"
    "    run_daemon(reap_once, stop)\n"
    "    conn.close()\n\n"
    "def plain(stop):\n"
    "    run_plain(reap_once, stop)\n\n"
    "def own_loop(stop):\n"
    "    while not stop.is_set():\n"
    "        refresh()\n"
    "        run_daemon(reap_once, stop)\n\n"
    "def init(engine):\n"
    "    init_engine(engine)\n\n"
    "def init_then_work(engine):\n"
    "    init_engine(engine)\n"
    "    threading.Event().wait(1)\n\n"
    "def start(stop, engine):\n"
    "    threading.Thread(target=reaper, args=(stop,)).start()\n"
    "    threading.Thread(target=plain, args=(stop,)).start()\n"
    "    threading.Thread(target=own_loop, args=(stop,)).start()\n"
    "    threading.Thread(target=init, args=(engine,)).start()\n"
    "    threading.Thread(target=init_then_work, args=(engine,)).start()\n"
)


def test_a_target_that_hands_its_work_to_a_reporting_loop_in_another_module() -> None:
    result = lint_sources({"svc/__init__.py": "", "svc/common.py": COMMON, "svc/daemon.py": DAEMON}, select=["PRR106"])
    # reaper (only setup around run_daemon) and init (only a function that reports) are not reported;
    # a loop that is not a reporting one, a loop of the target's own, and work besides a one-shot
    # reporting call are
    assert codes_and_lines(result) == [
        ("PRR106", "svc/daemon.py", 26), ("PRR106", "svc/daemon.py", 27), ("PRR106", "svc/daemon.py", 29),
    ]


def test_a_target_imported_from_another_module_that_delegates() -> None:
    starter = "import threading\nfrom svc.daemon import reaper\n\ndef go(stop):\n    threading.Thread(target=reaper, args=(stop,)).start()\n"
    files = {"svc/__init__.py": "", "svc/common.py": COMMON, "svc/daemon.py": DAEMON, "svc/starter.py": starter}
    result = lint_sources(files, select=["PRR106"])
    assert [item for item in codes_and_lines(result) if item[1] == "svc/starter.py"] == []
