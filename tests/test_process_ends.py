"""PRR505 and shutdowns (rules/process_ends.py, project/never_returns.py `exiting_functions`): a blocking call after
which every path of its function ends the process holds the loop while the process hands over to a new one, as
lollms-webui's restart and update endpoints do (shut the socket server down, sleep, run the script that starts the
new process, exit). A path that may go on serving keeps the finding: an exit a `try` may catch, one only a branch or a
condition takes, a `return`, `continue` or raise first, an exit of another function than the one the path goes on in."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import run_on_disk

SERVER = (
    "import os\nimport subprocess\nimport sys\nimport time\n\n\n"
    "class Server:\n    instance = None\n\n    @classmethod\n    def get_instance(cls):\n"
    "        if cls.instance is None:\n            cls.instance = cls()\n        return cls.instance\n\n"
    "    def relaunch(self, argv):\n        with open('launch_args.txt', 'w') as out:\n            out.write(' '.join(argv))\n"
    "        os.system(f'{sys.executable} relaunch.py')\n        sys.exit(0)\n\n"
    "    def replace_self(self):\n        subprocess.run(['pip', 'install', '-U', 'svc'], check=False)\n"
    "        os.execv(sys.executable, [sys.executable, '-m', 'svc'])\n\n"
    "    def relaunch_or_fail(self):\n        subprocess.Popen(['relaunch.sh'])\n        raise RuntimeError('relaunch started')\n\n"
    "    def stop_if(self, asked):\n        if asked:\n            sys.exit(0)\n\n"
    "    def pause(self):\n        time.sleep(1)\n"
)
ROUTES_HEAD = (
    "import logging\nimport os\nimport sys\nimport threading\nimport time\n\n"
    "from fastapi import APIRouter, HTTPException\n\nfrom svc.server import Server\n\n"
    "router = APIRouter()\nserver: Server = Server.get_instance()\nlog = logging.getLogger(__name__)\n"
    "lock = threading.Lock()\n\n\n"
)
APP = "from fastapi import FastAPI\n\nfrom svc.routes import router\n\napp = FastAPI()\napp.include_router(router)\n"


def _findings(tmp_path: Path, routes: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/server.py": SERVER, "svc/routes.py": ROUTES_HEAD + routes,
                             "svc/app.py": APP}
    result = run_on_disk(tmp_path, files, select=("PRR505",), whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def _line(routes: str, text: str) -> Tuple[str, int]:
    return "svc/routes.py", (ROUTES_HEAD + routes).splitlines().index(text) + 1


@pytest.mark.parametrize("routes", [
    # the restart: the socket server is down, a pause, then another module's method that relaunches and exits
    "@router.post('/restart')\nasync def restart():\n    await server.sio.shutdown()\n    time.sleep(1)\n"
    "    log.info('restarting')\n    server.relaunch(sys.argv)\n",
    # the update: a pause, another module's method that may return, then the handler's own exit
    "@router.post('/update')\nasync def update():\n    time.sleep(1)\n    server.pause_updates = True\n    sys.exit()\n",
    # an exit after the `if`/`elif`/`else` chain the pause is in; a `raise SystemExit` in the branch itself
    "@router.post('/halt')\nasync def halt(drain: bool, mode: str):\n    if drain:\n        time.sleep(2)\n"
    "    elif mode == 'now':\n        time.sleep(1)\n    else:\n        time.sleep(3)\n    os._exit(0)\n",
    "@router.post('/halt')\nasync def halt(mode: str):\n    if mode == 'now':\n        time.sleep(1)\n"
    "        raise SystemExit(0)\n    return {'mode': mode}\n",
    # a helper of the module's own that replaces the process, after a `try` whose handler catches no exit
    "def hand_over():\n    try:\n        time.sleep(1)\n        server.replace_self()\n    except OSError:\n        os._exit(1)\n\n\n"
    "@router.post('/upgrade')\nasync def upgrade():\n    hand_over()\n",
])
def test_a_blocking_call_every_path_after_which_ends_the_process_is_a_shutdown(tmp_path: Path, routes: str) -> None:
    assert _findings(tmp_path, routes) == []


def test_the_blocking_calls_of_the_callees_that_end_the_process_are_a_shutdown(tmp_path: Path) -> None:
    routes = "@router.post('/restart')\nasync def restart():\n    server.relaunch(sys.argv)\n\n\n" \
             "@router.post('/upgrade')\nasync def upgrade():\n    server.replace_self()\n"
    assert _findings(tmp_path, routes) == []


@pytest.mark.parametrize("routes, blocking", [
    # a sleep in a handler that returns
    ("@router.post('/slow')\nasync def slow():\n    time.sleep(1)\n    return {}\n", "    time.sleep(1)"),
    # the exit is caught
    ("@router.post('/restart')\nasync def restart():\n    try:\n        time.sleep(1)\n        sys.exit(0)\n"
     "    except SystemExit:\n        log.warning('stay up')\n    return {}\n", "        time.sleep(1)"),
    ("@router.post('/restart')\nasync def restart():\n    try:\n        time.sleep(1)\n        server.relaunch(sys.argv)\n"
     "    except BaseException:\n        log.warning('stay up')\n", "        time.sleep(1)"),
    # only when asked; only one branch exits
    ("@router.post('/stop')\nasync def stop(force: bool):\n    time.sleep(1)\n    if force:\n        sys.exit(0)\n"
     "    return {}\n", "    time.sleep(1)"),
    ("@router.post('/stop')\nasync def stop(force: bool):\n    time.sleep(1)\n    if force:\n        sys.exit(0)\n"
     "    else:\n        log.info('kept')\n", "    time.sleep(1)"),
    ("@router.post('/stop')\nasync def stop(force: bool):\n    time.sleep(1)\n    server.stop_if(force)\n", "    time.sleep(1)"),
    # the exit after the `if` is one the path in its body does not reach
    ("@router.post('/stop')\nasync def stop(busy: bool):\n    if busy:\n        time.sleep(1)\n        return {}\n"
     "    sys.exit(0)\n", "        time.sleep(1)"),
    # the `else` of a loop or a `try` ends there, and the path goes on after it
    ("@router.post('/wait')\nasync def wait(jobs: list):\n    for job in jobs:\n        log.info(job)\n    else:\n"
     "        time.sleep(1)\n    return {}\n", "        time.sleep(1)"),
    ("@router.post('/wait')\nasync def wait():\n    try:\n        log.info('x')\n    except OSError:\n        pass\n"
     "    else:\n        time.sleep(1)\n    return {}\n", "        time.sleep(1)"),
    # the call decides whether the exit comes
    ("@router.post('/stop')\nasync def stop():\n    if os.system('stop.sh') == 0:\n        sys.exit(0)\n    return {}\n",
     "    if os.system('stop.sh') == 0:"),
    # a return, or an error, comes first
    ("@router.post('/stop')\nasync def stop(busy: bool):\n    time.sleep(1)\n    if busy:\n        return {'busy': True}\n"
     "    sys.exit(0)\n", "    time.sleep(1)"),
    ("@router.post('/stop')\nasync def stop():\n    time.sleep(1)\n    raise HTTPException(status_code=409)\n    sys.exit(0)\n",
     "    time.sleep(1)"),
    ("@router.post('/restart')\nasync def restart():\n    time.sleep(1)\n    server.relaunch_or_fail()\n", "    time.sleep(1)"),
    # a loop goes round again; a `with` may swallow the exit
    ("@router.post('/wait')\nasync def wait(done: bool):\n    while True:\n        time.sleep(1)\n        if not done:\n"
     "            continue\n        sys.exit(0)\n", "        time.sleep(1)"),
    ("@router.post('/wait')\nasync def wait():\n    with lock:\n        time.sleep(1)\n        sys.exit(0)\n", "        time.sleep(1)"),
])
def test_a_blocking_call_a_path_from_which_goes_on_serving_stays_reported(tmp_path: Path, routes: str, blocking: str) -> None:
    assert _findings(tmp_path, routes) == [_line(routes, blocking)]


def test_an_exit_in_the_caller_does_not_make_a_helper_that_returns_a_shutdown(tmp_path: Path) -> None:
    routes = "@router.post('/restart')\nasync def restart():\n    server.pause()\n    sys.exit(0)\n"
    found = _findings(tmp_path, routes)
    assert [path for path, _ in found] == ["svc/server.py"]
    assert SERVER.splitlines()[found[0][1] - 1] == "        time.sleep(1)"
