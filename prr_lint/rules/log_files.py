"""PRR404: logs written to a local file instead of stdout/stderr or a central sink (PRR-LOG, PRR-ERR)."""

from __future__ import annotations

from typing import List, Optional, Set

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.data_channels import data_channel_call
from prr_lint.rules.switched_output import used_only_under_switch
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.temporary_handlers import temporary_handler_call
from prr_lint.tree import descendants, dotted_name

FILE_HANDLERS = frozenset(
    {
        "logging.FileHandler",
        "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    }
)

# Handlers of logging libraries that write to the terminal's stdout/stderr like a StreamHandler (rich's
# handler prints through its console).
CONSOLE_HANDLERS = frozenset({"logging.StreamHandler", "rich.logging.RichHandler"})


class LocalFileLogSink(Rule):
    """Logs written to a local file instead of stdout/stderr or a central sink.

    What it does
        Reports `logging.FileHandler`, `RotatingFileHandler`, `TimedRotatingFileHandler` and
        `WatchedFileHandler` (constructed, or named as a `dictConfig` handler `class` string),
        `logging.basicConfig(filename=...)`, and `open("....log", "a")` in service code.
        A file handler added to loggers that also get a stdout/stderr `StreamHandler` (or rich's
        `RichHandler`, which prints to the console) in the same
        setup (the same function or module, or the same `dictConfig` dict: every logger listing
        the file handler also lists a StreamHandler) is an extra local copy and is not reported;
        so is one added in a function of a module whose top level gives the logger (or the root
        logger, which the records of every logger not set to `propagate = False` reach) a
        stdout/stderr handler.
        A file handler chosen by an option, with stdout/stderr in the other branch of the same
        `if` (`if logfile: RotatingFileHandler(logfile) else: StreamHandler(sys.stdout)`), is the
        operator's choice and is not reported either; nor is one whose file is the value the
        enclosing `if` tests, or a path built from it (`if args.debug_trace:
        tracer.addHandler(FileHandler(args.debug_trace))`, `if opts.logdir:
        logging.basicConfig(filename=os.path.join(opts.logdir, "server.log"))`)
        while no logger of that setup is set to `propagate = False`: it exists only when the
        operator names a file, and its records still reach the default handlers. Nor is a file
        handler that the same function adds and removes again (a temporary capture of one job's
        records, saved beside its result, while the service's own handlers stay), and so is a handler dict bound to a
        module-level name that the module uses only under an environment or debug switch
        (`LOG_TO_FILE = os.getenv("LOG_TO_FILE") == "True"`, then `if LOG_TO_FILE:` adds it to
        `LOGGING`): the file is opt-in and the default setup logs to stdout. Likewise a `dictConfig`
        file handler offered beside a StreamHandler that no logger names, where the loggers'
        handlers come from configuration (`"handlers": app.config["LOG_HANDLERS"]`). A file handler
        of a data channel (a dedicated logger fed serialized documents, `json.dumps(report)`,
        written as the bare message, `Formatter("%(message)s")`) keeps an extra record of data,
        not the service's logs, and is not reported.
        One finding per logging setup (function, module or dictConfig dict), not per handler.

    Why is this bad?
        A container's or instance's local files are not where central logging collects from:
        the records are lost with the instance, fill its disk, and never reach the dashboards
        and alerts built on logs. Twelve-factor services write logs to stdout/stderr and let the
        platform ship them.

    Example
        handler = RotatingFileHandler("/var/log/orders.log", maxBytes=10_000_000)

    Use instead
        handler = logging.StreamHandler(sys.stdout)

    Options
        `[tool.prr-lint.logging] allow-file-handlers = true` turns the rule off (for services
        whose platform ships log files).
        Off by default (opt-in through `select`). A file sink is often an extra copy next to the
        container's stdout, or the platform collects the file: on services it was not tuned on,
        2 of 10 findings were judged worth changing (two measurements).

    References
        PRR-LOG / PRR-ERR: "Does the service report errors to central logging systems for
        analysis?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR404"
    name = "local-file-log-sink"
    severity = Severity.WARNING
    checklist = ("PRR-LOG", "PRR-ERR")
    summary = "Logs go to a local file instead of stdout/stderr or a central sink"
    default_enabled = False
    triggers = ("FileHandler", "filename", ".log")
    service_only = True
    VALID = (
        Example("import logging, sys\nhandler = logging.StreamHandler(sys.stdout)\n"),
        Example(
            "import logging\n\ndef run_captured(job, path):\n    capture = logging.FileHandler(path)\n    root = logging.getLogger()\n"
            "    root.addHandler(capture)\n    try:\n        job()\n    finally:\n        root.removeHandler(capture)\n",
        ),
        Example("def f(path):\n    with open(path + '.log') as fh:\n        return fh.read()\n"),
        Example("FILE_HANDLERS = {'logging.FileHandler', 'logging.handlers.RotatingFileHandler'}\n"),
        Example("from logging.handlers import RotatingFileHandler\n\nif __name__ == '__main__':\n    RotatingFileHandler('x.log')\n"),
        # files that copy what also goes to stdout
        Example(
            "import logging, sys\nfrom logging.handlers import RotatingFileHandler\n\ndef init_logs(log):\n"
            "    to_file = RotatingFileHandler('submissions.log')\n    log.addHandler(to_file)\n"
            "    stdout = logging.StreamHandler(stream=sys.stdout)\n    log.addHandler(stdout)\n"
        ),
        # the module's root logger already writes to stderr: the rotating file is an extra copy
        Example(
            "import logging\nfrom logging.handlers import TimedRotatingFileHandler\n\nconsole = logging.StreamHandler()\n"
            "root_logger = logging.getLogger()\nroot_logger.addHandler(console)\n\ndef add_file_logging(path):\n"
            "    file_handler = TimedRotatingFileHandler(path, when='midnight')\n    root_logger.addHandler(file_handler)\n"
            "    logging.getLogger('uvicorn').addHandler(file_handler)\n"
        ),
        # a log file only when the operator asks for one
        Example(
            "import logging, sys\nfrom logging.handlers import RotatingFileHandler\n\ndef init_logger(level, logfile=None):\n"
            "    if logfile:\n        handler = RotatingFileHandler(logfile, maxBytes=10000000)\n"
            "    elif sys.platform.startswith('win'):\n        handler = WinStreamHandler(sys.stdout)\n"
            "    else:\n        handler = logging.StreamHandler(sys.stdout)\n"
            "    logging.basicConfig(level=level, handlers=[handler])\n"
        ),
        # a trace file written only when the operator passes its name; the records still propagate
        Example(
            "import logging, os\n\ndef setup(opts):\n    if opts.logdir:\n"
            "        logging.basicConfig(level=logging.INFO, filename=os.path.join(opts.logdir, 'server.log'))\n"
            "        return True\n    logging.basicConfig(level=logging.INFO)\n"
        ),
        Example(
            "import logging\n\ndef configure(args):\n    if args.debug_trace:\n        tracer = logging.getLogger('client.trace')\n"
            "        tracer.addHandler(logging.FileHandler(args.debug_trace))\n"
        ),
        # rich's console handler beside the file: every logger also writes to the terminal
        Example(
            "LOGGING = {'handlers': {\n    'default': {'class': 'rich.logging.RichHandler', 'markup': False},\n"
            "    'logfile': {'class': 'logging.handlers.RotatingFileHandler', 'filename': 'errors.log'}},\n"
            "  'root': {'handlers': ['default', 'logfile']}, 'loggers': {'core': {'handlers': ['default', 'logfile']}}}\n"
        ),
        Example(
            "LOGGING = {'handlers': {\n    'console': {'class': 'logging.StreamHandler'},\n"
            "    'debug': {'class': 'logging.handlers.RotatingFileHandler', 'filename': 'debug.log'}},\n"
            "  'loggers': {'': {'handlers': ['debug', 'console']}, 'svc': {'handlers': ['console', 'debug']}}}\n"
        ),
        # a file handler the settings add only when the operator sets an environment switch
        Example(
            "import os, sys\n\nLOG_TO_FILE = os.getenv('LOG_TO_FILE') == '1'\n"
            "file_handler = {'class': 'logging.FileHandler', 'filename': 'svc.log'}\n"
            "LOGGING = {'handlers': {'console': {'class': 'logging.StreamHandler', 'stream': sys.stdout}},\n"
            "           'loggers': {'svc': {'handlers': ['console']}}}\n"
            "if LOG_TO_FILE:\n    LOGGING['handlers']['file'] = file_handler\n"
            "    LOGGING['loggers']['svc']['handlers'].append('file')\n"
        ),
        # a data channel: each serialized trace report is written as the bare message (and sent on)
        Example(
            "import json, logging, logging.handlers\n\nTRACES = logging.getLogger('trace_buffer')\n"
            "FILE = logging.handlers.RotatingFileHandler('/var/log/svc/trace', maxBytes=10**9)\n"
            "FILE.setFormatter(logging.Formatter('%(message)s'))\nTRACES.addHandler(FILE)\n\n"
            "def trace(payload, broker):\n    report = json.dumps(payload)\n    TRACES.debug(report)\n    broker.send(report)\n",
        ),
        # the handlers the root logger uses come from configuration; the file is one the operator may pick
        Example(
            "from logging.config import dictConfig\n\ndef setup_logging(app):\n    dictConfig({'version': 1,\n"
            "        'handlers': {'console': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout'},\n"
            "                     'file': {'class': 'logging.handlers.RotatingFileHandler', 'filename': app.config['LOG_FILE']}},\n"
            "        'root': {'handlers': app.config['LOG_HANDLERS']}})\n"
        ),
    )
    INVALID = (
        # records of the logs themselves (received from workers) written only to a file: the logs' sink
        Example(
            "import logging, logging.handlers\n\ndef activity_logger(pipes, path):\n"
            "    handler = logging.handlers.RotatingFileHandler(path, maxBytes=20971520)  # expect: PRR404\n"
            "    handler.setFormatter(logging.Formatter(fmt=None))\n    raw = logging.getLogger('raw')\n"
            "    raw.addHandler(handler)\n    for pipe in pipes:\n        raw.critical(pipe.recv())\n"
        ),
        # a logger names the file handler itself, whatever the configured list says
        Example(
            "from logging.config import dictConfig\n\ndef setup_logging(app):\n    dictConfig({'version': 1,\n"
            "        'handlers': {'console': {'class': 'logging.StreamHandler'},\n"
            "                     'file': {'class': 'logging.FileHandler', 'filename': 'svc.log'}},  # expect: PRR404\n"
            "        'loggers': {'svc.audit': {'handlers': ['file']}},\n        'root': {'handlers': app.config['LOG_HANDLERS']}})\n"
        ),
        # the same handler dict, added whatever the environment says
        Example(
            "import sys\n\nfile_handler = {'class': 'logging.FileHandler', 'filename': 'svc.log'}  # expect: PRR404\n"
            "LOGGING = {'handlers': {'file': file_handler}, 'loggers': {'svc': {'handlers': ['file']}}}\n"
        ),
        Example("from logging.handlers import RotatingFileHandler as R\nhandler = R('/var/log/orders.log')  # expect: PRR404\n"),
        Example("import logging\nlogging.basicConfig(filename='app.log')  # expect: PRR404\n"),
        Example(
            "LOGGING = {'handlers': {'file': {\n"
            "    'class': 'logging.handlers.TimedRotatingFileHandler',  # expect: PRR404\n"
            "    'filename': 'app.log'}}}\n"
        ),
        Example("def audit(line):\n    with open('audit.log', 'a') as fh:  # expect: PRR404\n        fh.write(line)\n"),
        # one logging setup, one finding
        Example("import logging\n\ndef init_logs(a, b):\n    a.addHandler(logging.FileHandler('a.log'))  # expect: PRR404\n    b.addHandler(logging.FileHandler('b.log'))\n"),
        # the access logger does not propagate: the root logger's stderr handler never sees its records
        Example(
            "import logging\nfrom logging.handlers import RotatingFileHandler\n\nlogging.getLogger().addHandler(logging.StreamHandler())\n\n"
            "def create_access_log(path):\n    access_log = logging.getLogger('access')\n    access_log.propagate = False\n"
            "    handler = RotatingFileHandler(path, maxBytes=50000)  # expect: PRR404\n    access_log.addHandler(handler)\n"
        ),
        # an opt-in file for a logger that does not propagate is that logger's only sink
        Example(
            "import logging\n\ndef configure(args):\n    if args.access_log:\n        access = logging.getLogger('access')\n"
            "        access.propagate = False\n        access.addHandler(logging.FileHandler(args.access_log))  # expect: PRR404\n"
        ),
        # the switch chooses the level, not the file: the file is the only sink either way
        Example(
            "import logging\n\ndef setup(opts):\n    if opts.verbose:\n"
            "        logging.basicConfig(level=logging.DEBUG, filename='/var/log/svc/server.log')  # expect: PRR404\n"
        ),
        # the logger whose only handler is the file is reported
        Example(
            "import logging\nfrom logging.handlers import RotatingFileHandler\n\ndef init_logs(a, b):\n"
            "    a.addHandler(RotatingFileHandler('a.log'))\n    b.addHandler(RotatingFileHandler('b.log'))  # expect: PRR404\n"
            "    a.addHandler(logging.StreamHandler())\n"
        ),
        Example(
            "LOGGING = {'handlers': {\n    'console': {'class': 'logging.StreamHandler'},\n"
            "    'file': {'class': 'logging.FileHandler', 'filename': 'app.log'}},  # expect: PRR404\n"
            "  'loggers': {'svc': {'handlers': ['file']}, 'django': {'handlers': ['console']}}}\n"
        ),
    )

    def _enabled(self) -> bool:
        return not self.ctx.section("logging").get("allow-file-handlers") and not not_service_code(self.ctx)

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func) or ""
        if name in FILE_HANDLERS:
            found = f"`{name.rsplit('.', 1)[-1]}` writes logs to a local file"
        elif name == "logging.basicConfig" and any(a.keyword is not None and a.keyword.value == "filename" for a in node.args):
            found = "`basicConfig(filename=...)` writes logs to a local file"
        elif name == "builtins.open" and self._appends_to_log(node):
            found = "appending to a `.log` file writes logs to a local file"
        else:
            return
        if name in FILE_HANDLERS and (self._copy_in_code(node) or self._chosen_over_stream(node)
                                   or temporary_handler_call(self.ctx, node)
                                   or data_channel_call(self.ctx, node)):
            return
        if name != "builtins.open" and self._file_named_by_option(node):
            return
        if self._enabled() and self._first_of_setup(self._setup_scope()):
            self.report(node, f"{found}: it never reaches central logging; log to stdout/stderr or a central sink")

    def _setup_scope(self) -> cst.CSTNode:
        return next(self.ctx.functions(), None) or self.ctx.module

    def _first_of_setup(self, setup: cst.CSTNode) -> bool:
        """One finding per logging setup (a function, a module, a dictConfig dict), not per handler."""
        seen = self.ctx.__dict__.setdefault("_prr404_setups", set())
        if id(setup) in seen:
            return False
        seen.add(id(setup))
        return True

    def _is_stream_handler(self, expr: cst.BaseExpression) -> bool:
        """`logging.StreamHandler()` (stderr), or with `sys.stdout`/`sys.stderr` as its stream; rich's
        `RichHandler(...)` (its console)."""
        name = self.ctx.resolver.qualified_name(expr.func) if isinstance(expr, cst.Call) else None
        if name not in CONSOLE_HANDLERS or not isinstance(expr, cst.Call):
            return False
        return name != "logging.StreamHandler" or all(self.ctx.resolver.qualified_name(arg.value) in ("sys.stdout", "sys.stderr") for arg in expr.args)

    def _writes_to_standard_stream(self, tree: cst.CSTNode) -> bool:
        """`tree` builds a handler on stdout/stderr: `logging.StreamHandler()`, or any call given
        `sys.stdout`/`sys.stderr` (a project's own `ColouredStreamHandler(sys.stdout)`)."""
        resolver = self.ctx.resolver
        for child in descendants(tree):
            if isinstance(child, cst.Call) and (
                self._is_stream_handler(child)
                or any(resolver.qualified_name(arg.value) in ("sys.stdout", "sys.stderr") for arg in child.args)
            ):
                return True
        return False

    def _chosen_over_stream(self, node: cst.Call) -> bool:
        """The file handler is one branch of a choice whose other branch logs to stdout/stderr
        (`if logfile: RotatingFileHandler(logfile) else: StreamHandler(sys.stdout)`): the file is
        what an operator asks for with an option, the default reaches the platform's log shipping."""
        chain = [*self.ctx.ancestors, node]
        for position, ancestor in enumerate(chain[:-1]):
            if not isinstance(ancestor, cst.If):
                continue
            inside = chain[position + 1]
            other = ancestor.orelse if inside is ancestor.body else ancestor.body if inside is ancestor.orelse else None
            if other is not None and self._writes_to_standard_stream(other):
                return True
        return False

    def _file_named_by_option(self, node: cst.Call) -> bool:
        """The handler's file is, or is built from, the value an enclosing `if` tests (`if args.debug_trace:
        tracer.addHandler(FileHandler(args.debug_trace))`, `if opts.logdir: basicConfig(filename=
        os.path.join(opts.logdir, "server.log"))`): it exists only when the operator names a
        file, and, with no logger of the setup set to `propagate = False`, its records still reach the
        default handlers: an opt-in extra copy, not the service's sink."""
        path = node.args[0].value if node.args and node.args[0].keyword is None else None
        path = path if path is not None else next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "filename"), None)
        parts = (path, *descendants(path)) if path is not None else ()
        chain = [*self.ctx.ancestors, node]
        named = any(
            isinstance(ancestor, cst.If) and chain[position + 1] is ancestor.body and any(part.deep_equals(ancestor.test) for part in parts)
            for position, ancestor in enumerate(chain[:-1]))
        return named and not any(
            isinstance(child, cst.Assign) and isinstance(child.value, cst.Name) and child.value.value == "False"
            and any(isinstance(t.target, cst.Attribute) and t.target.attr.value == "propagate" for t in child.targets)
            for child in descendants(self._setup_scope()))

    def _copy_in_code(self, node: cst.Call) -> bool:
        """The file handler goes to loggers that also get a stdout/stderr handler in the same setup or at
        the module's top level: the file is an extra local copy, not the only sink. A stdout/stderr
        handler on the root logger covers every logger (their records propagate to it)."""
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        name = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
            name = parent.targets[0].target.value
        streams, roots, unpropagated, added = set(), {"logging.getLogger()"}, set(), []
        setup = self._setup_scope()
        for child in [*descendants(setup), *(descendants(self.ctx.module) if setup is not self.ctx.module else ())]:
            if isinstance(child, cst.Assign) and len(child.targets) == 1 and isinstance(child.targets[0].target, cst.Name):
                if self._is_stream_handler(child.value):
                    streams.add(child.targets[0].target.value)
                if self._is_root_logger(child.value):
                    roots.add(child.targets[0].target.value)
            if isinstance(child, cst.Assign) and isinstance(child.value, cst.Name) and child.value.value == "False":
                unpropagated.update(dotted_name(t.target.value) or "?" for t in child.targets
                                    if isinstance(t.target, cst.Attribute) and t.target.attr.value == "propagate")
            if isinstance(child, cst.Call) and isinstance(child.func, cst.Attribute) and child.func.attr.value == "addHandler" and child.args:
                receiver = "logging.getLogger()" if self._is_root_logger(child.func.value) else dotted_name(child.func.value) or "?"
                added.append((receiver, child.args[0].value))

        def is_file(arg: cst.BaseExpression) -> bool:
            return arg is node or (name is not None and isinstance(arg, cst.Name) and arg.value == name)

        def is_stream(arg: cst.BaseExpression) -> bool:
            return self._is_stream_handler(arg) or (isinstance(arg, cst.Name) and arg.value in streams)

        receivers = {receiver for receiver, arg in added if is_file(arg)}
        to_root = any(receiver in roots and is_stream(arg) for receiver, arg in added)
        return bool(receivers) and all(
            (to_root and receiver not in unpropagated) or any(r == receiver and is_stream(arg) for r, arg in added)
            for receiver in receivers)

    def _is_root_logger(self, expr: cst.BaseExpression) -> bool:
        """`logging.getLogger()` (no name, or `None`): the root logger."""
        return isinstance(expr, cst.Call) and self.ctx.resolver.qualified_name(expr.func) == "logging.getLogger" and (
            not expr.args or (isinstance(expr.args[0].value, cst.Name) and expr.args[0].value.value == "None"))

    @staticmethod
    def _key(element: cst.BaseDictElement) -> Optional[str]:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
            value = element.key.evaluated_value
            return value if isinstance(value, str) else None
        return None

    def _stream_handlers(self, handlers: cst.Dict) -> Set[Optional[str]]:
        """Keys of a dictConfig's handlers whose class is a StreamHandler."""
        streams = set()
        for element in handlers.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.value, cst.Dict):
                for field in element.value.elements:
                    if self._key(field) == "class" and isinstance(field.value, cst.SimpleString):
                        kind = str(field.value.evaluated_value)
                        if kind.endswith("StreamHandler") or kind in CONSOLE_HANDLERS:
                            streams.add(self._key(element))
        return streams

    def _logger_handlers(self, config: cst.Dict) -> List[cst.BaseExpression]:
        """The `handlers` value of every logger (and the root) of a dictConfig dict."""
        found = []
        for element in config.elements:
            key = self._key(element)
            loggers = []
            if key == "loggers" and isinstance(element.value, cst.Dict):
                loggers = [e.value for e in element.value.elements if isinstance(e, cst.DictElement)]
            elif key == "root":
                loggers = [element.value]
            for logger in loggers:
                if isinstance(logger, cst.Dict):
                    found.extend(field.value for field in logger.elements if self._key(field) == "handlers")
        return found

    @staticmethod
    def _names(value: cst.BaseExpression) -> Set[object]:
        return {e.value.evaluated_value for e in value.elements if isinstance(e.value, cst.SimpleString)} if isinstance(value, (cst.List, cst.Tuple)) else set()

    def _copy_in_dict_config(self, handler_key: Optional[str], handlers: cst.Dict, config: cst.Dict) -> bool:
        """In a dictConfig dict, every logger that uses this file handler also uses a StreamHandler."""
        streams = self._stream_handlers(handlers)
        users = [names for names in map(self._names, self._logger_handlers(config)) if handler_key in names]
        return bool(users) and all(names & streams for names in users)

    def _chosen_in_dict_config(self, handler_key: Optional[str], handlers: cst.Dict, config: cst.Dict) -> bool:
        """A dictConfig dict defines the file handler beside a StreamHandler, names it in no logger's
        list, and takes some logger's handlers from configuration (`"handlers": app.config["LOG_HANDLERS"]`):
        the file is the operator's choice among the handlers offered, not where logs always go."""
        values = self._logger_handlers(config)
        return (
            bool(self._stream_handlers(handlers))
            and not any(handler_key in self._names(value) for value in values)
            and any(not isinstance(value, (cst.List, cst.Tuple, cst.SimpleString)) for value in values)
        )

    def _opt_in_handler(self, chain) -> bool:
        """A handler dict bound to a module-level name (`file_handler = {"class": ...}`) that the module
        uses only in the body of an `if` testing an environment or debug switch (`if LOG_TO_FILE:
        LOGGING["handlers"]["file"] = file_handler`): a log file only when the operator asks for one."""
        if len(chain) < 5 or not isinstance(chain[-2], cst.Dict) or not isinstance(chain[-3], cst.Assign):
            return False
        targets = chain[-3].targets
        if not (isinstance(chain[-5], cst.Module) and len(targets) == 1 and isinstance(targets[0].target, cst.Name)):
            return False
        return used_only_under_switch(self.ctx.module, targets[0].target.value, self.ctx.resolver)

    @staticmethod
    def _appends_to_log(node: cst.Call) -> bool:
        if len(node.args) < 2 or not isinstance(node.args[0].value, cst.SimpleString):
            return False
        path, mode = node.args[0].value.evaluated_value, node.args[1].value
        return (
            isinstance(path, str)
            and path.endswith(".log")
            and isinstance(mode, cst.SimpleString)
            and "a" in str(mode.evaluated_value)
        )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """A `dictConfig` handler's `"class": "logging.FileHandler"`; the same string elsewhere is just a name."""
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        if not (
            isinstance(parent, cst.DictElement)
            and parent.value is node
            and isinstance(parent.key, cst.SimpleString)
            and parent.key.evaluated_value == "class"
        ):
            return
        value = node.evaluated_value
        if not (isinstance(value, str) and value in FILE_HANDLERS and self._enabled()):
            return
        chain = self.ctx.ancestors
        setup: cst.CSTNode = chain[-2] if len(chain) >= 2 else node
        if (
            len(chain) >= 6
            and isinstance(chain[-4], cst.Dict)
            and isinstance(chain[-5], cst.DictElement)
            and self._key(chain[-5]) == "handlers"
            and isinstance(chain[-6], cst.Dict)
        ):
            setup = chain[-6]
            if self._copy_in_dict_config(self._key(chain[-3]), chain[-4], chain[-6]) or self._chosen_in_dict_config(
                self._key(chain[-3]), chain[-4], chain[-6]
            ):
                return
        if self._opt_in_handler(chain):
            return
        if self._first_of_setup(setup):
            self.report(node, f"the handler class `{value}` writes logs to a local file: it never reaches central logging; log to stdout/stderr or a central sink")
