"""PRR505's documented examples (blocking.py): what the rule leaves alone (VALID) and what it reports (INVALID),
kept apart so the rule's module stays short. Each is a test (tests/test_rule_examples.py)."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # tornado runs a `@run_on_executor` method in `self.executor`: the handler awaits its future
    Example(
        "import requests\nimport tornado.web\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "from tornado.concurrent import run_on_executor\n\nclass Home(tornado.web.RequestHandler):\n"
        "    executor = ThreadPoolExecutor(4)\n\n    async def get(self):\n        self.write(await self.render_page())\n\n"
        "    @run_on_executor\n    def render_page(self):\n        return requests.get('http://feeds', timeout=3).text\n"
    ),
    Example(
        "import asyncio\nimport requests\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "def load(url):\n    return requests.get(url, timeout=3).json()\n\n"
        "@app.get('/a')\nasync def a():\n    return await asyncio.to_thread(load, 'http://users')\n"
    ),
    Example(
        "import requests\nfrom fastapi import APIRouter\napp = APIRouter()\n\n@app.get('/b')\ndef b():\n"
        "    return requests.get('http://users', timeout=3).json()\n"
    ),
    Example("import time\n\ndef backfill():\n    time.sleep(1)\n"),
    Example(
        "import requests\nfrom fastapi import APIRouter, HTTPException\napp = APIRouter()\n\n@app.post('/bulk')\n"
        "async def bulk():\n    raise HTTPException(status_code=500, detail='Currently disabled')\n"
        "    return requests.get('http://enrich/modules', timeout=10).json()\n"
    ),
    Example(
        "import time\nfrom fastapi import APIRouter\nfrom fastapi.responses import StreamingResponse\napp = APIRouter()\n\n"
        "def frames(fps):\n    while True:\n        time.sleep(1 / fps)\n        yield b'frame'\n\n"
        "@app.get('/feed')\nasync def feed():\n    return StreamingResponse(frames(5))\n"
    ),
    # a poll of a child with WNOHANG, a sleep of 0 (a yield), starting a process: none of them waits
    Example(
        "import os\nimport subprocess\nimport time\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "@app.post('/restart')\nasync def restart(pid: int):\n    done, _ = os.waitpid(pid, os.WNOHANG)\n"
        "    time.sleep(0)\n    subprocess.Popen(['motion'])\n    return {'done': done}\n"
    ),
    # a hop taken only when a settings switch is on that the project leaves off
    Example(
        "import subprocess\nfrom fastapi import APIRouter\napp = APIRouter()\nSMB_SHARES = False\n\n"
        "def mount(share):\n    subprocess.run(['mount.cifs', share], check=True)\n\n"
        "@app.post('/cameras')\nasync def add_camera(share: str):\n    if SMB_SHARES:\n        mount(share)\n    return {}\n"
    ),
    # an awaited execute on a session annotated `Session` (an AsyncSession at run time); a subquery construct
    Example(
        "from fastapi import APIRouter\nfrom sqlalchemy import select\nfrom sqlalchemy.orm import Session\n"
        "app = APIRouter()\n\n@app.get('/rows')\nasync def rows(session: Session):\n"
        "    newest = session.query(Row.code).filter(Row.live).subquery()\n"
        "    return (await session.execute(select(Row).join(newest, Row.code == newest.c.code))).all()\n"
    ),
    # the query's running method handed, uncalled, to a worker thread (to_thread, an executor)
    Example(
        "import asyncio\nfrom fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\napp = APIRouter()\n\n"
        "@app.get('/history')\nasync def history(session_id: str, db: Session = Depends(get_db)):\n"
        "    return await asyncio.to_thread(db.query(Turn).filter(Turn.session_id == session_id).order_by(Turn.at).all)\n\n"
        "@app.get('/last')\nasync def last(session_id: str, db: Session = Depends(get_db)):\n"
        "    loop = asyncio.get_running_loop()\n"
        "    return await loop.run_in_executor(None, db.query(Turn).filter(Turn.session_id == session_id).first)\n"
    ),
    # Flask runs an async view on a loop of its own request (asgiref's async_to_sync)
    Example(
        "import requests\nfrom flask import Blueprint\nbp = Blueprint('users', __name__)\n\n"
        "def notify(url):\n    requests.delete(url, timeout=30)\n\n"
        "@bp.delete('/users/<user_id>')\nasync def delete_account(user_id):\n    notify(f'http://grants/{user_id}')\n    return ''\n"
    ),
    # a redis client with a 1 s deadline pinged once per process: a singleton metaclass keeps what it builds
    Example(
        "import logging\nimport redis\nfrom fastapi import APIRouter\napp = APIRouter()\n\nclass Once(type):\n    _built = {}\n\n"
        "    def __call__(cls, *args, **kwargs):\n        if cls not in cls._built:\n"
        "            cls._built[cls] = super().__call__(*args, **kwargs)\n        return cls._built[cls]\n\n"
        "class Cache(metaclass=Once):\n    def __init__(self):\n        self.client = redis.Redis(host='cache', socket_timeout=1)\n"
        "        try:\n            self.client.ping()\n        except redis.RedisError:\n            logging.warning('no cache')\n\n"
        "@app.get('/ready')\nasync def ready():\n    return {'cache': Cache() is not None}\n"
    ),
    # `{job_id}` matches any one segment, whatever the annotation: the earlier route of the same router answers
    # every GET of `/failed`, whose handler never runs (Starlette takes the first route that matches)
    Example(
        "from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\nrouter = APIRouter(prefix='/jobs')\n\n"
        "@router.get('/{job_id}')\nasync def get_job(job_id: int):\n    return {'id': job_id}\n\n"
        "@router.get('/failed')\nasync def list_failed(db: Session = Depends(session)):\n    return db.execute(FAILED).all()\n"
    ),
    # a restart: the socket server is down, a pause, then the module's helper that runs the new process and exits
    Example(
        "import os\nimport sys\nimport time\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "def relaunch():\n    os.system(f'{sys.executable} relaunch.py')\n    sys.exit(0)\n\n"
        "@app.post('/restart')\nasync def restart():\n    await sockets.shutdown()\n    time.sleep(1)\n"
        "    state['restarting'] = True\n    relaunch()\n"
    ),
)
INVALID = (
    # a session the app factory stores on the handler class (declared `http = None`): its call holds the loop
    Example(
        "import requests\nimport tornado.web\n\nclass Lookup(tornado.web.RequestHandler):\n    http = None\n\n"
        "    async def get(self):\n        self.write(self.http.get('https://dict.example.org/w', timeout=3).text)  # expect: PRR505\n\n"
        "def start():\n    Lookup.http = requests.Session()\n"
    ),
    # the factory's result is cached, but its ping has no deadline: once is enough to hang the loop
    Example(
        "import functools\nimport logging\nimport redis\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "@functools.lru_cache(maxsize=None)\ndef cache():\n    client = redis.Redis(host='cache')  # noqa: PRR501\n    try:\n"
        "        client.ping()  # expect: PRR505\n    except redis.RedisError:\n        logging.warning('no cache')\n"
        "    return client\n\n@app.get('/ready')\nasync def ready():\n    return {'cache': cache() is not None}\n"
    ),
    # a short deadline, but a failure escapes the builder, which caches nothing and runs again at the next request
    Example(
        "import functools\nimport requests\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "@functools.cache\ndef settings():\n    return requests.get('http://config/app', timeout=2).json()  # expect: PRR505\n\n"
        "@app.get('/flags')\nasync def flags():\n    return settings()['flags']\n"
    ),
    # Quart serves every request on one loop, views registered with add_url_rule too
    Example(
        "import requests\nfrom quart import Quart\napp = Quart(__name__)\n\n"
        "def notify(url):\n    requests.delete(url, timeout=30)  # expect: PRR505\n\n"
        "async def delete_account(user_id):\n    notify(f'http://grants/{user_id}')\n    return ''\n\n"
        "app.add_url_rule('/users/<user_id>', view_func=delete_account, methods=['DELETE'])\n"
    ),
    Example(
        "import subprocess\nfrom fastapi import APIRouter\napp = APIRouter()\nSMB_SHARES = True\n\n"
        "def mount(share):\n    subprocess.run(['mount.cifs', share], check=True)  # expect: PRR505\n\n"
        "@app.post('/cameras')\nasync def add_camera(share: str):\n    if SMB_SHARES:\n        mount(share)\n    return {}\n"
    ),
    Example(
        "import requests\nfrom fastapi import APIRouter\napp = APIRouter()\n\n"
        "def load(url):\n    return requests.get(url, timeout=3).json()  # expect: PRR505\n\n"
        "@app.get('/a')\nasync def a():\n    return load('http://users')\n"
    ),
    Example(
        "import contextlib\nimport time\nfrom fastapi import APIRouter\napp = APIRouter()\n\n@contextlib.contextmanager\n"
        "def locked(path):\n    while not try_lock(path):\n        time.sleep(0.1)  # expect: PRR505\n    yield\n\n"
        "@app.post('/config')\nasync def save():\n    with locked('/etc/app.lock'):\n        return {'ok': True}\n"
    ),
    Example(
        "import requests\nfrom fastapi import APIRouter, HTTPException\napp = APIRouter()\nENABLED = True\n\n@app.post('/bulk')\n"
        "async def bulk():\n    if not ENABLED:\n        raise HTTPException(status_code=500, detail='Currently disabled')\n"
        "    return requests.get('http://enrich/modules', timeout=10).json()  # expect: PRR505\n"
    ),
    Example(
        "import time\nfrom aiohttp import web\nroutes = web.RouteTableDef()\n\n@routes.get('/slow')\n"
        "async def slow(request):\n    time.sleep(0.5)  # expect: PRR505\n    return web.Response(text='ok')\n"
    ),
    Example(
        "import os\nimport subprocess\nfrom fastapi import APIRouter\napp = APIRouter()\n\n@app.post('/stop')\n"
        "async def stop(pid: int):\n    os.waitpid(pid, 0)  # expect: PRR505\n    return {}\n\n@app.post('/restart')\n"
        "async def restart():\n    subprocess.Popen(['motion']).wait()  # expect: PRR505\n    return {}\n"
    ),
    Example(
        "from fastapi import APIRouter\nfrom sqlalchemy.orm import Session\napp = APIRouter()\n\n@app.get('/rows')\n"
        "async def rows(session: Session):\n    return session.query(Row).filter(Row.live).all()  # expect: PRR505\n"
    ),
    # the running method handed to a function of the module's own, which calls it on the loop; a partial, called here
    Example(
        "import functools\nfrom fastapi import APIRouter\nfrom sqlalchemy.orm import Session\napp = APIRouter()\n\n"
        "def timed(run):\n    return run()\n\n@app.get('/rows')\nasync def rows(session: Session):\n"
        "    return timed(session.query(Row).filter(Row.live).all)  # expect: PRR505\n\n"
        "@app.get('/first')\nasync def first(session: Session):\n"
        "    return functools.partial(session.query(Row).first)()  # expect: PRR505\n"
    ),
    # an `int` parameter matches no `failed`; a POST is no GET; another router; a literal route tried first
    Example(
        "from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\nrouter = APIRouter(prefix='/jobs')\n\n"
        "@router.get('/{job_id:int}')\nasync def get_job(job_id: int):\n    return {'id': job_id}\n\n"
        "@router.get('/failed')\nasync def list_failed(db: Session = Depends(session)):\n"
        "    return db.execute(FAILED).all()  # expect: PRR505\n"
    ),
    Example(
        "from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\nrouter = APIRouter(prefix='/jobs')\n\n"
        "@router.get('/{job_id}')\nasync def get_job(job_id: str):\n    return {'id': job_id}\n\n"
        "@router.post('/failed')\nasync def retry_failed(db: Session = Depends(session)):\n"
        "    return db.execute(RETRY).rowcount  # expect: PRR505\n"
    ),
    Example(
        "from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\nrouter = APIRouter(prefix='/jobs')\n\n"
        "admin = APIRouter(prefix='/admin/jobs')\n\n"
        "@router.get('/{job_id}')\nasync def get_job(job_id: str):\n    return {'id': job_id}\n\n"
        "@admin.get('/failed')\nasync def list_failed(db: Session = Depends(session)):\n"
        "    return db.execute(FAILED).all()  # expect: PRR505\n"
    ),
    Example(
        "from fastapi import APIRouter, Depends\nfrom sqlalchemy.orm import Session\nrouter = APIRouter(prefix='/jobs')\n\n"
        "@router.get('/failed')\nasync def list_failed(db: Session = Depends(session)):\n"
        "    return db.execute(FAILED).all()  # expect: PRR505\n\n"
        "@router.get('/{job_id}')\nasync def get_job(job_id: str):\n    return {'id': job_id}\n"
    ),
    # the exit may be caught, or taken only when asked: the process may go on serving after the pause
    Example(
        "import sys\nimport time\nfrom fastapi import APIRouter\napp = APIRouter()\n\n@app.post('/restart')\n"
        "async def restart():\n    try:\n        time.sleep(1)  # expect: PRR505\n        sys.exit(0)\n"
        "    except SystemExit:\n        return {'restarted': False}\n\n@app.post('/stop')\n"
        "async def stop(force: bool):\n    time.sleep(1)  # expect: PRR505\n    if force:\n        sys.exit(0)\n"
        "    return {}\n"
    ),
)
