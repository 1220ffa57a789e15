"""PRR506's examples (rules/load_shedding.py). Starts only programs the deployment does not run reach, and
apps a deployment's server command serves, need deployment files: tests/test_server_starts.py holds those."""

from prr_lint.rules.base import Example

VALID = (
    Example(
        "from concurrent import futures\nimport grpc\n\ndef serve():\n"
        "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), maximum_concurrent_rpcs=64)\n"
        "    server.start()\n"
    ),
    Example("import uvicorn\nfrom svc.app import app\n\nuvicorn.run(app, host='0.0.0.0', port=8080, limit_concurrency=200)\n"),
    Example("import uvicorn\n\nif __name__ == '__main__':\n    uvicorn.run('svc.app:app', reload=True)\n"),
    Example("import uvicorn\nfrom svc.app import app\n\nuvicorn.run(app, port=8080)\n"),
    Example(
        "import uvicorn\nfrom starlette.applications import Starlette\n\ndef run_health_server():\n"
        "    uvicorn.Server(uvicorn.Config(Starlette(), host='0.0.0.0', port=9000)).run()\n",
        path="svc/worker/main.py",
    ),
    Example("import grpc\n\ndef test_server():\n    server = grpc.server(None)\n", path="tests/test_server.py"),
    # Started only when the reload switch it is handed is on (openui's `--dev`): a development start.
    Example(
        "import sys\n\nimport uvicorn\n\nreload = '--dev' in sys.argv\nif reload:\n"
        "    uvicorn.run('svc.server:app', host='0.0.0.0', port=7878, reload=reload)\n"
        "else:\n    uvicorn.run('svc.server:app', host='0.0.0.0', port=7878, limit_concurrency=100)\n"
    ),
    # A side app whose only routes answer probes and scrapes (dataset-viewer's worker web app).
    Example(
        "import uvicorn\nfrom starlette.applications import Starlette\nfrom starlette.routing import Route\n\n"
        "from svc.probes import healthcheck, metrics\n\n\ndef create_app():\n"
        "    return Starlette(routes=[Route('/healthcheck', endpoint=healthcheck), Route('/metrics', endpoint=metrics)])\n\n\n"
        "if __name__ == '__main__':\n    uvicorn.run('service.side_app:create_app', host='0.0.0.0', port=8080, factory=True)\n",
        path="service/side_app.py",
    ),
    # Bound to the loopback address through a name: only processes of this host reach it (a paired embedder).
    Example(
        "import uvicorn\nfrom svc.embedder import app\n\nHOST = '127.0.0.1'\n\n\ndef main():\n"
        "    uvicorn.run(app, host=HOST, port=5000)\n",
        path="svc/embed_server.py",
    ),
    # A model shard its launcher talks to over a unix socket (one per rank): only its own host reaches it.
    Example(
        "import os\nfrom grpc import aio\n\nasync def serve(socket_path, sharded):\n    template = 'unix://{}-{}'\n"
        "    if sharded:\n        urls = [template.format(socket_path, rank) for rank in range(int(os.environ['WORLD_SIZE']))]\n"
        "        address = urls[int(os.environ['RANK'])]\n    else:\n        address = template.format(socket_path, 0)\n"
        "        urls = [address]\n"
        "    server = aio.server()\n    server.add_insecure_port(address)\n    await server.start()\n",
        path="svc/shard_server.py",
    ),
    # Bound to the loopback address only: a helper its parent process calls on this host.
    Example(
        "from concurrent import futures\nimport grpc\n\ndef serve(port):\n"
        "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))\n"
        "    server.add_insecure_port(f'127.0.0.1:{port}')\n    server.start()\n",
        path="svc/helper_server.py",
    ),
)
INVALID = (
    Example(
        "from concurrent import futures\nimport grpc\n\ndef serve():\n"
        "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))  # expect: PRR506\n"
        "    server.start()\n"
    ),
    Example(
        "import asyncio\nfrom grpc import aio\n\nasync def serve():\n"
        "    server = aio.server(maximum_concurrent_rpcs=None)  # expect: PRR506\n    await server.start()\n"
    ),
    Example(
        "import uvicorn\nfrom svc.app import app\n\n"
        "config = uvicorn.Config(app, host='0.0.0.0', port=8080, backlog=4096)  # expect: PRR506\n"
        "uvicorn.Server(config).run()\n",
        path="svc/__main__.py",
    ),
    # The branch production takes: the reload switch is off there.
    Example(
        "import sys\n\nimport uvicorn\n\nreload = '--dev' in sys.argv\nif reload:\n"
        "    uvicorn.run('svc.server:app', host='0.0.0.0', port=7878, reload=reload)\n"
        "else:\n    uvicorn.run('svc.server:app', host='0.0.0.0', port=7878, reload=reload)  # expect: PRR506\n"
    ),
    # A route of its own beside the probes: user traffic to shed.
    Example(
        "import uvicorn\nfrom starlette.applications import Starlette\nfrom starlette.routing import Route\n\n"
        "from svc.probes import healthcheck, jobs\n\n\ndef create_app():\n"
        "    return Starlette(routes=[Route('/healthcheck', endpoint=healthcheck), Route('/jobs', endpoint=jobs)])\n\n\n"
        "if __name__ == '__main__':\n"
        "    uvicorn.run('service.side_app:create_app', host='0.0.0.0', port=8080, factory=True)  # expect: PRR506\n",
        path="service/side_app.py",
    ),
    # Bound to every interface through a name: outside traffic reaches it.
    Example(
        "import uvicorn\nfrom svc.embedder import app\n\nHOST = '0.0.0.0'\n\n\ndef main():\n"
        "    uvicorn.run(app, host=HOST, port=5000)  # expect: PRR506\n",
        path="svc/embed_server.py",
    ),
    # One local socket, and every interface too: other hosts reach it.
    Example(
        "from grpc import aio\n\nasync def serve(socket_path, port):\n    server = aio.server()  # expect: PRR506\n"
        "    server.add_insecure_port(f'unix://{socket_path}')\n    server.add_insecure_port(f'[::]:{port}')\n"
        "    await server.start()\n",
        path="svc/shard_server.py",
    ),
    # An address the command line gives: the launcher may bind any interface, whatever the default says.
    Example(
        "import argparse\nfrom concurrent import futures\nimport grpc\n\ndef serve(address):\n"
        "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))  # expect: PRR506\n"
        "    server.add_insecure_port(address)\n    server.start()\n\n\nif __name__ == '__main__':\n"
        "    parser = argparse.ArgumentParser()\n    parser.add_argument('--addr', default='localhost:50051')\n"
        "    serve(parser.parse_args().addr)\n",
        path="svc/backend_server.py",
    ),
)
