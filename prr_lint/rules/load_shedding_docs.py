"""PRR506's documentation (rules/load_shedding.py): kept apart so the rule's module stays short."""

SERVER_WITHOUT_LOAD_SHEDDING_DOCS = """A server started from code with no limit on the requests it takes on at once.

    What it does
        Reports gRPC servers (`grpc.server(...)`, `grpc.aio.server(...)`) built without
        `maximum_concurrent_rpcs`, and uvicorn servers started from code (`uvicorn.run(...)`,
        `uvicorn.Config(...)`) without `limit_concurrency`, in service code (not in tests or tool
        scripts; a package's `__main__.py` counts as service code). A limit of `None` counts as no
        limit. uvicorn's `backlog` is no limit: it is the kernel's queue of connections uvicorn has
        not accepted yet, and uvicorn accepts as fast as it can. hypercorn is not reported: it has
        no concurrency limit to set.

        Only a start that production runs is reported. Left alone:

        * development servers: uvicorn with `reload=True` or `debug=True`, bound to the loopback
          address (uvicorn's default host; a literal, or a name or `self.<attribute>` bound only to
          one: a server only processes of its own host reach), or started in a branch that runs only when the reload
          or debug switch it is handed is on, however that switch is spelled (`if reload:
          uvicorn.run(..., reload=reload)`, `if not args.dev: ... else: uvicorn.run(...,
          reload=args.dev)`); the other branch, production's, is still reported;
        * side servers that only answer probes or metrics scrapes: named so by their module or by
          the function that starts them (`health`, `metrics`, `exposition`, `probe` ...), or
          serving an app whose module registers only health, readiness, liveness, ping or metrics
          routes (`Starlette(routes=[Route("/healthcheck", ...), Route("/metrics", ...)])`), mounts
          no other app or router, and is not imported by another module that could add routes;
        * starts that only programs the deployment does not run reach, when the deployment runs a
          program of the project (`python cli.py start -a`, however its server is reached from there)
          or serves an app with a server command such as `uvicorn app:app`: every chain of callers up
          from the start ends at the `__main__` block of a program the deployment does not run (the
          answer PRR501's scope uses too: no command names its file or `-m` module, read against the
          image's WORKDIR and copies, so `python3 -u server.py` after `COPY svc/ .` runs
          `svc/server.py` and a bare name several files share runs each of them; a Dockerfile's or
          Containerfile's COPY or ADD runs nothing; `fastapi run app/main.py`, an image's ENTRYPOINT
          with its CMD too, imports the file and never runs its `__main__` block) and no image without a
          CMD or ENTRYPOINT copies (its command is given where it is started), or
          at a console script no deployment file names as a command (a folder of a path,
          `merino-fleece/merino_fleece/main.py`, is none) (a demo server beside the deployed one, a `run_dev.py` calling the served
          module's `main()` while the image runs gunicorn). A chain that ends anywhere else (a
          handler, a command a framework registers, a library function nothing calls but code names, the top
          level of a module another imports) keeps the finding, and so does a project whose
          deployment runs none of its programs (a library such as an inference server package, or
          only `fastapi dev`);
        * starts in dead code, by the answer PRR501's scope gives (a method of a class nothing builds or
          names, though it registers a servicer);
        * starts of an app the deployment serves with a server command of its own (`uvicorn
          app:app` in a compose file, `gunicorn -k uvicorn.workers.UvicornWorker svc.main:app`,
          `fastapi run svc/main.py` for the app in that file, `--app NAME` or the one the CLI finds;
          `fastapi dev` is a developer's server and serves nothing of production's):
          the in-code start is a developer's, the command line is production's, and whether it
          passes `--limit-concurrency` decides. That command line is not reported: findings are
          made in Python files only, and reporting the app for every server command would be a
          rule of its own.

        Servers configured outside Python (command line, gunicorn config files) are not seen.

        The rule is off by default: whether a server must shed load itself depends on what stands
        in front of it (a proxy or mesh with its own limits), which code does not show. Turn it on
        with `select = ["PRR506"]` (or `extend-select`).

    Why is this bad?
        A server without a limit takes on every request it is sent. Under overload the requests
        queue inside the process, every one of them gets slower, clients time out and retry, and
        the retries add more load: the server does no useful work at all. With a limit it answers
        the excess at once (gRPC RESOURCE_EXHAUSTED, HTTP 503), clients back off or go to another
        replica, and the requests it accepted finish in time.

    Example
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
        uvicorn.run(app, host="0.0.0.0", port=8080)

        # the image runs `python -m svc.serve`; nothing runs demo/server.py
        if reload:
            uvicorn.run("svc.app:app", host="0.0.0.0", reload=reload)
        else:
            uvicorn.run("svc.app:app", host="0.0.0.0")  # reported: production's branch

    Use instead
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), maximum_concurrent_rpcs=64)
        uvicorn.run(app, host="0.0.0.0", port=8080, limit_concurrency=200)

        # not reported: a demo server only a person starts (demo/server.py's `__main__` block),
        # and `if __name__ == "__main__": uvicorn.run("app:app", ...)` when the compose file
        # serves the app with `uvicorn app:app` (give that command `--limit-concurrency`)

    Options
        None yet. Off by default (opt-in through `select`).

    References
        PRR-OVL: "Services should produce reasonable but suboptimal results if overloaded";
        "practice graceful load shedding" (Site Reliability Engineering, appendix B).
    """
