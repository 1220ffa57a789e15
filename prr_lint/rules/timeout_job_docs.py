"""PRR501's documentation, the part on jobs a platform stops (Celery time limits, Airflow's execution_timeout,
AWS Lambda): kept apart so each docs module stays short; timeout_docs.py joins it in place."""

from prr_lint.job_platforms import function_platform_line, platform_lines

JOB_DEADLINE_DOCS = """        A call that only Celery tasks with a time limit run (and no entry point, command, script, task without a limit nor start-up code
        reaches) is not reported: the hard limit kills the worker child blocked in the read, the soft limit raises
        `SoftTimeLimitExceeded` in the call. The limit is the task's (`@app.task(time_limit=...)`, `@shared_task(soft_time_limit=...)`,
        a task class attribute, also of the class its decorator's `base=` or the app's `Celery(task_cls=...)` names, every send's
        `apply_async(soft_time_limit=...)`/`.set(time_limit=...)`, or the task class's `apply_async` override that sets
        `options["time_limit"] = 600` at its top level before passing `**options` on: not under an `if`) or the app's
        (`app.conf.update(task_time_limit=...)`, `app.conf.task_soft_time_limit = ...`, Django's `CELERY_TASK_TIME_LIMIT` loaded with
        `namespace="CELERY"`, `CELERYD_TASK_TIME_LIMIT`, `--time-limit`/`--soft-time-limit` on every `celery worker` command line of the
        deployment, `CELERYD_OPTS="--time-limit=300"` of Celery's generic init script in `etc/default/celeryd` among them; a
        commented-out line gives none). A `@celery_app.task(base=ProjectTask)` is a task even when the app's module is generated
        at install time, if ProjectTask derives from Celery's Task. It counts when its value is known (a number, arithmetic, a constant of the module or one imported from a project
        module, `config.HARD_LIMIT`, `timedelta(minutes=15).total_seconds()`, a setting) and at most 15 minutes (the longest of the
        settings variants): half an hour lets a hung provider pin a worker. A reached method stands for its overrides in project
        subclasses (`plugin.start()` -> `self.run()`), unless it is reached on a named class: `UnittestStep(request).invoke()`, inherited
        from `PipelineStep`, runs UnittestStep's `self._invoke()`, not every step's. Reach follows calls on objects whose class only
        the project knows (the call graph): `self.context.get_repo_client(...).get_pr_diff_content(...)` with `context: AutofixContext`
        annotated in a base class and `get_repo_client` returning a `RepoClient`, `get_emailer().send(...)`, a parameter its callers
        pass a `RepoClient` to; and calls on Django ORM rows, which are instances of their model (orm_rows.py): `doc =
        Document.objects.get(pk=pk); doc.process()`, `Model.objects.filter(...).first()`, `.create()`, `.latest()`, item 0 of
        `get_or_create`/`update_or_create`, `for row in Model.objects.filter(...): row.sync()` (any chain of QuerySet methods, a name
        bound to one, `list(qs)`), `get_object_or_404(Model, ...)`. So a model method only time-limited tasks reach on rows is
        bounded, and one a view also reaches (`get_object_or_404(Feed, pk=pk).refresh()`) stays reported. A call on a receiver
        of no known type (a parameter, or an attribute holding a driver picked from a table filled by name: `self.api_client =
        drivers[self.type](self)`, then `self.api_client.get_measurements(...)`) stands for every project method of that name,
        names every builtin container, string, file or socket has left out (one the caller's bases define is `super().name()`,
        the nearest base's, run on the caller's object), on both sides: only the limited tasks' by-name
        calls reach a driver's `get_measurements`, and a route calling `pull_levels` on such a receiver keeps every `pull_levels`.
        Celery sets no limit by default: tasks without one, and helpers a view also calls, stay reported, as do those a function
        registered by a project decorator and called by nothing calls (`@json_api(blueprint, "/v1/start")`: maybe a route the
        framework rules do not know), and what any function outside tests that nothing reaches calls (a setup form a view
        builds from a table, whose `__init__` asks the driver for its stations: the driver's request helper, shared with the
        task's `get_measurements`, stays reported) (project/task_deadline.py), or a FastAPI dependency (`Depends(get_client)`, `Security(...)`),
        which runs per request though nothing calls it (project/injected.py). In the default `scope = "serving"` such a function
        in dead code (no service source names it, and its decorator only wraps it: the code the serving scope leaves out as run
        by no process) keeps nothing reported: a `@sentry_task` report sender nothing queues or names, beside the senders a
        view queues, runs their Slack client nowhere. Unless something may run it by a name no Python source spells: a
        configuration file (YAML, JSON, `.env` ...) that holds its name, a computed lookup that may reach it (`getattr(module,
        f"{kind}_report")`, `globals()[name]`, its module served over RPC, a method a `getattr(self, "on_" + event)` dispatch
        may pick), or a gunicorn server hook (`pre_request`): then it stays a possible request caller (project/unseen_runs.py).
        An Airflow task is stopped at its `execution_timeout` (`AirflowTaskTimeout` raised in the blocked call): a call only such
        tasks run is bounded, any finite timeout counting (a task is a batch run of its own, sized to its work). The timeout is an
        operator class's when every instance gets one: its `__init__`, or a project base's, passes `execution_timeout=timedelta(...)`
        to `super().__init__` or sets `self.execution_timeout`, or passes on a parameter with such a default that no subclass nor
        caller replaces with an unknown value (`execution_timeout=None`), and no method sets another; then its `execute` and the
        `python_callable=self.start` its `__init__` gives are bounded. So is a callable a `PythonOperator` (or a bounded project
        operator) is built with and given a timeout, or whose DAG's `default_args` give one, and a `@task(execution_timeout=...)`.
        Airflow sets none by default: other operators, callbacks (`on_failure_callback=...`, run after the timeout), the hooks it
        calls outside `execute` (`__init__`, `pre_execute`, `on_kill`, ...) and what `execute` hands to a thread stay reported
        (project/airflow_deadline.py). Airflow parses a DAG file under `dagbag_import_timeout` (30 s by default; a SIGALRM raises in
        the parsing process's main thread): a call only the top level of a module building a DAG (`DAG(...)`, `with DAG(...)`, a
        `@dag` function it calls) makes in its main thread, say to fill the DAG's params, is bounded, unless `airflow.cfg`
        (`[core] dagbag_import_timeout`) or `AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT` in a launch file or Terraform sets 0, over
        15 minutes or a value not known; a view, a task or another start-up reaching it too keeps it (project/dag_parsing.py).
        A script a processing container runs, whose pod an operator starts by image name, is not
        tied to the operator: nothing generic names the script an image runs.
        django-q's cluster `timeout` (`Q_CLUSTER = {"timeout": 240}`, or the dict a settings function returns; unset, no
        timeout) or a task's own kills a django-q task the same way: a `@register_task` schedule, a queued function, and a
        management command every `call_command` of which is in such a task and no deployment file names. Every send of the
        function must give a known timeout: `async_task(f)`/`schedule(f)`/`AsyncTask(f)` by reference or dotted path, with
        their `timeout=` or `q_options={"timeout": ...}` (which wins), `async_iter` (only its `q_options` when given), `Iter`,
        `async_chain`/`Chain` links and `chain.append(...)`, a `Schedule` row's `kwargs`. A send with `sync=True` (its own,
        its `q_options`', a chain's, or the cluster's `sync` when it names none) runs the task in the caller with no timer,
        and bounds nothing; so does a timeout of None or over 15 minutes, options not read (a `**` splat), an `AsyncTask`,
        `Iter` or `Chain` handed on or changed (`task.sync = True`), a sender used as a value, and a computed function sent
        without a known deadline (a project helper forwarding its `**kwargs` to `async_task`), which may be any function.
        The cluster's settings are each settings variant outside tests that binds or changes `Q_CLUSTER` (`Q_CLUSTER["timeout"]
        = 600` after a star import), its `ALT_CLUSTERS` too: the longest timeout counts, and a variant with no known timeout
        or a `sync` that may be true counts for all; the module pytest-django's configuration selects (`--ds=...`,
        `DJANGO_SETTINGS_MODULE` in pytest's section) is the tests' and is left out, unless non-test code names or imports
        it, or a launch file names it outside a block that only runs pytest (a shell script, a make/just recipe, else the
        line: a Dockerfile that runs pytest while it builds and deploys with `ENV DJANGO_SETTINGS_MODULE=...` deploys it;
        project/test_settings.py). An `AsyncTask` or `Chain` of which anything but a method is used (`task.kwargs["sync"]
        = True`) is changed (project/django_q_deadline.py). An RQ
        worker kills a job past its timeout: the job's (`enqueue(f, job_timeout=60)`, `enqueue_call(func=f, timeout=60)`,
        `@job(queue, timeout=60)`, rq-scheduler's `cron(..., timeout=60)`), else its queue's (`Queue(default_timeout=600)`, django_rq's
        `RQ_QUEUES["low"]["DEFAULT_TIMEOUT"]`, the longest of the settings variants), else RQ's 180 s; so a function only RQ runs
        (sent by `queue.enqueue`/`enqueue_call`/`enqueue_at`/`enqueue_in` on a queue read through imports, `django_rq.enqueue`, a
        scheduler's `schedule`/`cron`, or decorated `@job`) is bounded, unless a send gives `-1` or over 15 minutes, or goes through a
        queue that cannot be read (project/rq_deadline.py). Flask-RQ's `get_queue()` is an RQ queue. A project helper that enqueues
        the function it is handed (`def enqueue_job(func, *args, timeout=300, **kwargs): get_queue().enqueue_call(func=func,
        timeout=timeout)`) sends what each caller passes: `enqueue_job(jobs.upload_scores, ...)` is a send of `upload_scores` with
        the timeout that caller gives (`timeout=600`; `None` is the queue's default), else the helper's default, else the helper's own
        send's; a caller's `timeout=-1`, a splat that may hold it, or a helper that rebinds the parameter leave the job unbounded
        (project/rq_wrappers.py). A Lambda
        handler a SAM / CloudFormation template (YAML, or JSON: `template.json`, `*.template[.json]`) or `serverless.yml`
        names is stopped at its timeout (3 s when unset, <= 900 s): its `Handler`, an image function's `ImageConfig`
        `Command` (or, unset, the `CMD` of the Dockerfile SAM's `Metadata` `Dockerfile`/`DockerContext` builds), a
        Serverless image `command`, the app serverless-wsgi's `custom.wsgi.app` or Zappa's `app_function` names; a
        handler naming an adapter object (`handler = make_lambda_handler(app)`) stands for its module, and the CMD /
        ENTRYPOINT a function's `ImageConfig` replaces (a gunicorn CMD in the image's Dockerfile) starts nothing
        (project/lambda_templates.py). The handler string is relative to the function's code folder: a local `CodeUri`
        (`Globals` too) or `Code`, else the template's folder; for a package built elsewhere (an S3 `CodeUri`, a `.zip`)
        the one project module the handler string leads to in the nearest folder around the template (`main.handler`:
        `billing-hooks/src/main.py` for `billing-hooks/template.yaml`; two there bound neither). A function with inline code
        or a non-Python `Runtime` runs no project module (project/lambda_code.py). So is each management
        command it dispatches (`call_command(event["command"])`) and no other deployment file names (project/lambda_deadline.py); so
        is one a Terraform `aws_lambda_function` (or the terraform-aws-modules Lambda module) or an AWS CDK `aws_lambda.Function` /
        `PythonFunction` deploys, tied by its `handler` (`notify.lambda_handler`) and the folder its package is built from: a
        `data "archive_file"`'s `source_dir` or `source_file` folder, `source_path`, `Code.from_asset(path)`, `entry`
        (project/lambda_terraform.py, project/lambda_cdk.py); or a Terraform container image function (`package_type =
        "Image"`) whose `image_uri` the same Terraform module builds: a `docker build -t <that name> <context>` it runs
        (a `local-exec` provisioner), a `docker_image` resource's `build`, or the `docker-build` module's `source_path`
        (`module.img.image_uri`), names compared without tag or digest; its `image_config` `command` or else the
        Dockerfile's `CMD` names the handler (project/lambda_terraform_images.py); or code built with Docker, `Code.from_docker_build(path,
        file=...)` (the handler names a module of the image's `/asset`) or a `DockerImageFunction`'s
        `DockerImageCode.from_image_asset(dir)` (its `cmd` or the Dockerfile's `CMD ["app.handler"]`, from the image's
        working directory), tied to the project file the Dockerfile's `COPY` puts there (project/lambda_image.py). The
        modules only Lambda handlers load (what a handler module imports, however deep, a bare import from the folder of its
        package, which the runtime puts on `sys.path`, when known: `import ledger` in `billing-hooks/src/main.py` loads
        `billing-hooks/src/ledger.py`; that no other module imports, one of that folder by a bare import too,
        tests and scripts only development launch files run aside, e.g. `local.py` a `local/Dockerfile.api` compose
        runs, and a script of the Lambda's package folder no deployment file names, by file or module name (the
        deployment ships it only inside the function, which runs the handler, never a `__main__` block), and no launch
        file runs as `mod:app` or `-m mod`) are bounded whole: the routes of an app the handler
        wraps (`handler = Mangum(app)`) and the pydantic validators they trigger too (project/lambda_modules.py).
        A CDK app in TypeScript counts too: the `.ts` file its `cdk.json` `app` command runs and what that imports by
        relative path, read as text; a `new PythonFunction(...)` / `new lambda.Function(...)` there, or a call of a project
        wrapper around one (a factory method, function or subclass whose construct spreads its caller's props:
        `factory.createFunction(this, "Fn", {index: "svc/handler.py", handler: "main"})` with the wrapper's `entry:
        path.join(__dirname, "../app")`) deploys the handler its properties name (project/lambda_cdk_ts.py). A
        Serverless Framework function without a `timeout` of its own has the provider's, else 6 s: every one has a
        deadline. A Chalice project (a folder whose `.chalice` holds `config.json` or a template the build renders it from,
        `config.json.template.py`) deploys its `app.py`, with the code its `vendor` folder links in: when that module binds
        the `app` Chalice loads from it, whatever its class (a library's Chalice subclass such as chalice-spec's
        `ChaliceWithSpec`), or an app of class `chalice.Chalice` (a project subclass, or domovoi's `Domovoi`), every handler the app registers
        (`@app.route`, `@app.lambda_function`, `@app.schedule`, `@app.on_s3_event`, `@app.on_sqs_message`, ...) runs in a Lambda
        stopped at the config's `lambda_timeout` (60 s when unset), and the module is a handler module like the one above;
        code a non-Lambda server also reaches (a Flask route, or the app itself when a launch file serves it with Chalice's
        development server, `chalice local`) stays reported (project/lambda_chalice.py). The `app` may come through a star
        import (`from monitor.schedules import *`). When it is a library's app object (`from monitor_core.app import app`),
        the project modules of the Chalice folder whose functions that library's decorators register (`@check_function()`)
        are handler modules too: the library's runner loads them by name inside the app's Lambda; unless a script names
        such a module, a launch file other than a dependency list names the library, or the module is itself a script
        (project/chalice_registered.py). PRR502 drops a gRPC call only such time-limited jobs run the same way.
        An API Gateway's 29 s integration limit is no deadline of the function: its own timeout is.
        A function a deployment command deploys to another serverless platform is bounded the same way, a Lambda
        handler's modules and all, with the limit the command gives or the platform's default (prr_lint/job_platforms.py):
""" + function_platform_line("        ") + """        The command is read from the deployment files: a shell script, the root `Makefile`, a CI step (a GitHub
        Actions `run:`, lines joined at a trailing `\\`) or a Cloud Build step's `args` list (`['functions', 'deploy',
        'fn', '--source=.']`). Its `--source` folder is relative to the step's `working-directory` (or its job's or
        workflow's `defaults: run: working-directory`) below the repository holding `.github`, a Cloud Build step's
        `dir`, else the file's folder or the project's root; a Cloud Storage source is looked for near the file, as a
        Lambda package built elsewhere is. An entry point the deployment fills in (`--entry-point=$ENTRY`) stands for
        the functions that `main.py` registers with `@functions_framework.http` / `@functions_framework.cloud_event`;
        a `--runtime` that is not Python deploys no project code (project/gcloud_deploys.py). The limit counts when known
        and at most 15 minutes, as a Celery task's: a 60 s function is bounded as a 60 s Lambda is, while a 2nd gen HTTP
        function deployed with `--timeout=3600s`, or with a timeout the deployment fills in, stays reported, and so does a
        function any deploy gives such a limit. Functions Framework code no deployment command deploys keeps its findings:
        it may run on a server of its own (project/cloud_functions.py).
        A plug-in job platform runs a project class deriving its SDK class (through project bases, the base
        resolved through imports: a project's own `AppBase` is no platform's) as jobs and stops each at its own
        limit, so the class's methods and what only they reach are bounded; where the limit ends the job's
        process, the class's constructor and what the program's `__main__` block runs are too. The platforms
        known (prr_lint/job_platforms.py, project/platform_jobs.py):
""" + platform_lines("        ") + """        The limit counts whatever its length, as Airflow's does: each job is a process, or an action the
        workflow stops waiting for, of its own, so a hung call holds no shared worker. A helper that a served
        route or another program also reaches keeps its findings, and so does code nothing reaches (an
        analyzer's unused client method). The helpers are found where the program imports them by bare name
        from beside it (`from onyphe_api import Onyphe` in a folder that is no package: running the program
        puts its folder first on `sys.path`, project/index.py); a name two such folders hold stays unresolved.
"""
