"""PRR0xx: findings about the analysis itself (unparsable files, suppressions, broken rules).

The engine raises their findings while reading, parsing and applying suppressions; PRR000 also
visits the tree for syntax newer than the Python the project runs (newer_syntax.py). They are
rules so that they can be selected, ignored and documented like any other.
"""

from __future__ import annotations

from typing import Set, Tuple

import libcst as cst

from prr_lint.model import NEWER_SYNTAX, PYTHON2_READS, Severity
from prr_lint.newer_syntax import BARE_EXCEPT_TUPLES, Release, fstring_source, release_name, syntax_release
from prr_lint.rules.base import Example, Rule


class SyntaxErrorRule(Rule):
    """A file that cannot be decoded or parsed, so nothing in it was checked.

    What it does
        Reports a file that is not valid Python source: a syntax error, bytes that are not in the
        file's declared encoding, or a NUL byte. The rest of the tree is still linted.
        A file whose path holds a template placeholder (`{{cookiecutter.pkg}}/views.py`, a
        cookiecutter or copier template) is skipped instead when it does not parse: it is Jinja
        until a generator renders it into a project. So is one that does not parse and holds Jinja:
        a statement alone on a line (`{% for service in api.services %}`) or markup on the line that
        fails (`from polar.{{ version }}.client import Polar`), as an SDK generator's templates kept
        as `.py` files below plain folders do. So is one that does not parse and whose `#!` line
        names another interpreter (`#!/bin/bash` atop a development script saved as
        `load_sample_data.py`): that interpreter runs it, Python never does. So is an encrypted secret
        kept under a `.py` name (werf's one hex string in `.helm/secret/production-keys.py`, an
        ansible-vault or git-crypt file): the deployment decrypts it, Python never reads the
        ciphertext (ciphertext.py). One that parses is linted
        like any file; a Python 2 `print 'x'` or a stray brace is still reported, with a Python `#!`
        line or none.
        Valid Python whose indentation mixes spaces and tabs (`    \tif x:`), which libcst's
        tokenizer refuses, is read with the indentation's tabs expanded to the next multiple of
        eight columns, as CPython counts them, and checked (columns on those lines count the
        expanded spaces). Valid Python libcst still cannot read is reported as not checked, not as
        a syntax error.
        Syntax newer than the Python prr-lint runs on does not make its verdict that Python's. Syntax of a
        release newer than that interpreter (`type Value = str | None` and `def first[T](items: list[T])` to Python
        3.11; PEP 701's f-strings, `f"{row["name"]}"`; `match` and `except*` to 3.9 and 3.10;
        `except A, B:`, t-strings, `lazy import`) is no syntax error: wherever prr-lint asks the
        interpreter's parser about a file (a large file's screening, a literal the interpreter
        refuses, the project phase's reading of a module), that syntax is first rewritten into the
        interpreter's grammar and the rest of the file checked as the newer release would (lowering.py;
        a real error elsewhere in the file, `"\\N"` or `print 'x'`, is still reported where it is).
        Instead, such syntax is a syntax error for the project when every Python it declares it runs
        predates the release: `.python-version` or `runtime.txt` of `3.11`, Dockerfiles `FROM
        python:3.11`, CI's `python-version`, `requires-python = ">=3.9,<3.12"`, classifiers up to 3.11
        (the declarations read for Python 2, below: project/python2_runtime.py). The finding points at
        the file's first such syntax and names the declaration (project/runtime_syntax.py); one
        declaration of the release or later, of Python 3 with no release (`python3`,
        `requires-python = ">=3.9"`), or none at all drops it. `except A, e:` is Python 2 syntax too:
        a project that runs Python 2 reads it. A type stub (`.pyi`) is never such a syntax error: no
        Python imports it, type checkers read it. What cannot be rewritten stays the interpreter's
        verdict: a pattern that is no literal (`case f"x":`, on Python 3.9), a t-string joined to a
        plain string, `lazy import` below module level, a field's generator without its own brackets
        in a rewritten f-string (`f"{row["a"]} {x for x in y}"`, no Python's); and a file libcst
        cannot read as written (tabs mixed into its indentation) is reported with the message and place
        the running interpreter gives. Some verdicts still depend on the interpreter: syntax a newer
        release removed is read by the running one (an f-string `f"{x for x in y}"` is valid to 3.11
        and an error from 3.12 on, so on 3.11 a large file holding one is checked and on 3.12 it is a
        syntax error); the rewriting of a large file gets only what the file's screening left of its
        time budget, and when that runs out the interpreter's refusal stands (PRR000 where a newer
        interpreter, reading the file natively, checks it); the project phase rewrites a large file
        it cannot parse under a time budget of its own, past which it reads nothing of it; a
        rewritten module's tree holds the older spelling (a tuple for a PEP 701 f-string, an `if` for
        `match`), so the project's facts read from such a construct (a literal prefix of
        `import_module(f"svc.{cfg["x"]}")`) may be missing on an older interpreter; and helpers that
        tokenize the text (suppression comments, word counts) read f-strings with the running
        interpreter's tokenizer.
        In a run over a whole project, `scope = "serving"` (the default) reports it only when
        something shows the service loads the file (project/syntax_scope.py, live_modules.py).
        The service's modules are what runs and what that imports: the modules of the recognised
        entry points and background tasks, those that build an app, start a server or loop forever,
        those a console script or a launch or deployment file names (Dockerfile, compose, Procfile,
        systemd, Kubernetes, a shell script), those a framework discovers by convention (Django's
        `models`, `admin`, `templatetags/`), and every project module their imports reach, with the
        packages above them. The file keeps its finding when one of those modules imports it (by
        dotted name, relative import, or a bare name a `sys.path` folder answers) in code Python 3
        runs, or names its word and its package's in code or a name-like string (a settings path
        `"svc.jobs.sync"`, the `"sync"` a loader of `f"svc.jobs.{name}"` is given); below a folder
        whose name is no identifier, outside a package (an exercise's `content/hours-to-seconds/
        initial.py`), which no dotted name reaches, the word counts only in a program in that folder,
        or in one that loads files by path (`runpy.run_path`, `spec_from_file_location`,
        `exec(open(path).read())`) or puts a folder on `sys.path`: `open(join(slug, "initial.py"))`
        reads the file as text and loads nothing; in a folder without `__init__.py` that dotted names
        reach (a namespace package), its word counts as in a package (with its folder's word), as a
        name-like string of its own (`"tool1_wrapper"`: not for a Python 2 leftover, below), or in a
        program in that folder: a variable `current` or a Django field `'current'` loads no
        `imports/hans_old/current.py`; a word that is another project module's import name (a wiki
        theme `website/wiki/data/plugin/theme/roundup.py` beside the `roundup` package) counts only
        with its folder's word, in a program in that folder, in a load by its file name, or in a
        launch file that runs it by its file name; when a launch or
        deployment file names it on a line that is no comment (`# CMD python legacy_worker.py` runs
        nothing: project/live_lines.py; in `setup.cfg` only setuptools' `[options...]` sections, not a
        linter's `[flake8] exclude`); when a plug-in walk of one of those modules with a literal
        prefix reaches it; when it is the `__init__.py` of a package one of them imports or lies in;
        and when, named no identifier (`0001_initial.py`), it lies in a folder a framework walks
        (`migrations/`). Nothing else is evidence: a module that only an unparseable module, a test
        (`incomplete_tests/`), or a module the service never imports (an experiment's `Profile.py`)
        imports; a word in a comment, a message, or an import only Python 2 makes (`if
        sys.version_info[0] < 3: from .exec2 import run`, `if six.PY2:`, a branch only Python 2 or a
        Python 3 before 3.3 takes, `if is_py2 and not is_py3_3:`: python2_gates.py); a loader of
        any name (`import_module(args.module)`, a load by path), which shows nothing about a given
        file; a loader with a literal prefix whose rest nothing names (`import_module("svc.wrapper.%s"
        % kind)`); CI pipelines and test scripts (`.travis.yml`, `test_*.sh`); a Python 2 file at a
        tool path (`tools/install_venv.py`) that only a shell script nothing names runs (`setup_venv.sh`,
        a developer's). In a project whose deployment, CI or packaging admits Python 3 (a Dockerfile
        `FROM python:3.11`, a workflow's `python-version: 3.9`, `envlist = py27,py37`), a file that fails on a
        Python 2 line is a leftover tool of the Python 2 days unless something deployed meets it
        (project/python2_leftovers.py): a live module loads it as above, a launch file runs it by its
        file name or module (`python utils/upgrade.py`, `-m utils.upgrade`; not its bare word, `apt-get
        upgrade`, nor an image's name and tag, `acme/upgrade:latest`) other than a shell script nothing
        runs by its file name (a compose service `workers:` runs no `workers.sh`, a string `"workers"` in
        code neither) and other than the launch files of a Python 2 image (a Dockerfile that installs
        `python`, the crontab it copies in: under Python 2 the file is valid), a distribution ships or lists it (`scripts=[...]`,
        `data_files`), or, for a program without a `.py` name (`utils/airtime-import`), a module or a launch
        file names it. In any project, whatever it declares, a `#!` program without a `.py` name that fails on
        a Python 2 line (a standalone `tools/live_monitor` with `print "x"`; a Python 3 syntax error such as
        `def main()` without its colon stays) is left out when the service has a start of its own (an entry
        point, a server or loop, a task, a program a launch file names) and nothing shows it runs the
        program (project/unnamed_programs.py): no file of the tree names its file name as a token (a launch
        file, a shell script with or without a suffix, a module's code, comment or string, a README, a file
        of a hidden folder such as `.ebextensions/` or `.s2i/bin/run`, a UTF-16 script), save itself and
        other such programs (a usage line's own name); no deployment text runs its folder whole (`for t in
        /app/tools/*`, `run-parts /app/tools`, a unit's loop, `COPY tools/ /usr/local/bin/`, a script in the
        folder that globs it); no link, no distribution that ships it (a `scripts = tools` folder, a
        `scripts=` setup.py computes); it imports no project module,
        loads no code by a computed name or path (`importlib`, `runpy`, `exec`, a `sys.path` edit) and names
        no other program of the project (`python3 main.py`, `-m svc`); no module loads files by a
        computed path or by its file name, and no live module that starts programs names a folder of its
        path (a `Path.iterdir` walk, a request's `<name>`, a `radio-<sub>` dispatch of `tools/`).
        A crontab line, a start script's `tools/monitor &`, a `subprocess.run(["tools/monitor"])`, a launcher
        of the service's code, and the project's only program keep it. A project where nothing is known to
        run (no entry point, server, launch file or declared program) leaves out only a Python 2 file that
        code imports only on Python 2.
        Under `scope = "serving"` a type stub (`.pyi`) never keeps it, in any
        run: Python never loads a stub, only type checkers read it; nor does a file at a test path
        (`tests/`, `test_*.py`): only a test run loads it (a deliberately invalid fixture). A run over
        single files (a pre-commit hook) reports the rest as before. A warning
        counts what was left out; `scope = "all"` reports it.
        In a service that runs Python 2, a file that fails on a Python 2 line (`print 'x'`,
        `except E, e:`, `raise E(x), None, tb`, `async` as a name (`def await(self):` too), a tuple parameter `def f((a, b)):`, a list
        comprehension over a bare tuple `[i for i in a, b]`,
        an octal `022` or a long `0L`, `0xFFFFFFFFL`, or
        a plain string Python 2 reads as bytes, `"(\\Noselect)"`, which Python 3 refuses as a
        malformed `\\N{...}` escape: python2_literals.py) is valid code for the runtime
        that runs it, not a broken file: it is not reported, and a warning says how many files
        could not be checked and which declaration shows the runtime (project/python2_files.py).
        The deployment shows it: the root's `runtime.txt` says `python-2.7.17` or its
        `.python-version` 2.x, a Pipfile pins 2.x, or a Dockerfile builds `FROM python:2.7`, runs
        `python2` or `pip2`, or installs Python 2 with the system's package manager (`apt-get
        install python python-pip uwsgi-plugin-python`). When the deployment is silent, CI and
        packaging show it when all of them admit only 2.x: the root tox.ini's `envlist = py27`,
        .travis.yml's `python: 2.7` (a version every job of which may fail, `allow_failures: - python:
        "3.6"`, is a trial, no declaration), the root appveyor.yml's `PYTHON_VERSION: 2.7.9` or `PYTHON: C:\\Python27`,
        a GitHub Actions workflow's `python-version: '2.7'`, setup.py/setup.cfg/pyproject.toml classifiers `Python :: 2.7` or
        `python_requires='>=2.7, <3'` (pyproject's `requires-python`, Poetry's `python = "^2.7"`; a
        lower bound alone, `>=2.7`, admits 3 too), or the project's Debian packaging: the root's
        `debian/control`, or a skeleton a project script copies there (`shutil.copytree("buildtools/debian-skeleton",
        "debian")`, `cp -r pkg/debian-skel debian` run from the root; not a `debian/` of a vendored library or a
        sub-distribution, nor one of a test), when it packages Python (`X-Python-Version: 2.7`, `${python:Depends}`,
        a binary package depending on `python (>= 2.7)` or `python-django`, `dh $@ --with python2`; a `python` in
        Build-Depends alone is a build tool) and names no python3 (`X-Python3-Version`, `python3-*`, `python (>=
        3.6)`, `Package: python3-svc`, `${python3:Provides}`, `dh_python3`, a python3 in a maintainer script, an
        init script or `debian/tests/control`, an interpreter the rules leave to a variable or to dh-virtualenv keep
        the findings). Any project package folder that names python3 keeps them too, copied or not, and a script
        that may also copy into `debian/` from a path built at run time shows no skeleton. A mod_wsgi deployment
        counts as packaging does: a WSGI script file (`*.wsgi`) whose module-level code surely puts a release's own
        site-packages on the path (`SITE = os.path.join(HOME, 'venv/lib/python2.6/site-packages')` then
        `site.addsitedir(SITE)`; not from a comment or a docstring, nor under an `if`, `try` or loop, through another
        call, into a name rebound elsewhere, nor in a script that asks `sys.version_info` or removes a folder), or an
        Apache configuration (`*.conf`, `httpd.conf.production`) whose `WSGIPythonPath` or `WSGIDaemonProcess ...
        python-path=` names one (not one that starts two daemon processes); a version-free path (`WSGIPythonHome
        /srv/venv`) says nothing. Python 3 anywhere in such a file (comments included) admits Python 3: a
        `lib/python3.x/site-packages`, a `python3`/`py3` (`python-home=/opt/python3.9`, `mod_wsgi-py3.so`, a
        `#!`), a script's syntax only Python 3 parses; so does a deployment script or Dockerfile that installs
        `libapache2-mod-wsgi-py3`. Files in `docs/`, `examples/` or `samples/` folders are not the deployment, nor
        is a WSGI script where a Procfile, image or unit that runs no Apache or mod_wsgi deploys the service
        (project/wsgi_python.py). Debian packaging and mod_wsgi files say
        nothing where a project module has syntax only Python 3 reads (an f-string, keyword-only parameters,
        `async def`: project/python3_syntax.py), and they answer only this question: a package of python3 bindings
        does not make the service Python 3 for other rules (project/python2_runtime.py, debian_control.py,
        debian_folders.py). A project that declares no runtime at all (no deployment, CI, packaging, Debian or
        mod_wsgi declaration) runs Python 2 when at least two modules the web service loads import at their top
        level, outside any `try` or `if` and before any `sys.path` or `sys.modules` edit, a module only Python 2's
        standard library has (`from urlparse import urljoin`, `from Cookie import SimpleCookie`) that no project
        module or folder nor declared dependency answers: no Python 3 can import them. The web service's modules
        are those that build a framework app, those Django loads in the serving process (its conventions but
        `management/commands/`, `migrations/` and `tasks`; the `ROOT_URLCONF`, middleware, context processor and
        backend paths of its settings; URL `include()`s) and what their imports load; a script, poller, example
        server, command or other program beside the service is no evidence. Any sign of Python 3 keeps the
        findings: syntax only Python 3 reads (also `print(x, file=f)` without the `print_function` import,
        `{**a}`, `[*a]`, `f(*a, *b)`, `...` outside a subscript), an unconditional import of a module only
        Python 3's standard library has (`urllib.parse`, `queue`, `http.client`), a `#!` line or launch file
        (a Procfile) running python3, a tool setting targeting Python 3 (black or ruff `target-version`, mypy
        `python_version`), a dependency pinned at Python-3-only releases (Django >= 2.0, Flask >= 2.0). A
        tab/space mix is still reported there (project/python2_code.py, python3_signs.py). A served module
        written in Python 2 syntax (its PRR000 on a line only Python 2 reads: `print "x"`, `lambda (k, v):`; not
        `async` as a name) fails to import under Python 3 as well and counts the same way (read_FEC's middleware
        and its installed app's models), one per file; Django's convention modules count only in the apps a
        settings module's literal `INSTALLED_APPS` names. Any file with a PRR000 whose `#!` line runs python3, or
        that has Python 3 syntax once the lines the parser fails on are blanked (or does not parse even then), is
        a sign of Python 3.
        A file whose own `#!` line runs python3 is reported whatever the project declares. Any declaration of Python 3
        only keeps the findings: a Dockerfile that installs or runs python3 (a multi-stage build, a
        python3 beside `python-dev`), `FROM python:3.11`, `python_requires='>=3'`, a runtime.txt
        of 3.x. But an image whose command runs Python only under Python 2 (`FROM python:2.7`,
        `CMD gunicorn app:app` with the gunicorn `pip2` installed, or `python -m celery`) runs
        Python 2 whatever python3 it installs beside, and then neither a python3 installed in an
        image whose command runs no Python (a database image's health checks) nor a shell script
        no image's command names keeps the findings (project/image_commands.py). So does a silent deployment tested or packaged for both (`envlist = py27,py36`):
        the Python 3 run fails on that file. A file that fails on any other line is still reported.
        `async` and `await` were names until Python 3.7 (`async = not settings.RQ_EAGER`, `rq.Queue(async=async)`):
        where every runtime declaration above admits only releases before 3.7 (`envlist = py34,py35,py36`, `python:
        "3.6"`, `FROM python:3.6`, `python_requires='>=3.4,<3.7'`, classifiers up to 3.6), a file that fails on a
        line naming them is left out the same way when the whole file parses with that release's grammar (a
        `print 'x'` or `:=` further down keeps it: project/old_grammar.py), and the warning says which declaration
        shows the release; one of 3.7 or later, or one that names no release (`python3`, `python_requires='>=3.4'`,
        `py3`, `FROM python:latest`, CI's `nightly`), keeps it (project/python_versions.py).

    Why is this bad?
        A file prr-lint cannot read is a file no readiness check covered. If it is deployed, it
        fails at import; if it is not Python, exclude it.

    Example
        def handler(request)
            return ok()

    Use instead
        def handler(request):
            return ok()

    Options
        None.

    References
        The checklist question the unread file could have failed; see the other rules.
    """

    code = "PRR000"
    name = "syntax-error"
    severity = Severity.ERROR
    checklist = ("PRR-CHG",)
    summary = "The file cannot be decoded or parsed, so it was not checked"
    VALID = (
        Example("def handler(request):\n    return request\n"),
        # newer syntax, in a project that declares no older Python (prr-lint's own pyproject admits any 3.9+)
        Example("type Handler = Callable[[Request], Response]\n\n\ndef first[T](items: list[T]) -> T:\n"
                '    return items[0]\n\n\nlabel = f"{row["name"]}: {row["value"]}"\n'),
    )
    INVALID = (Example("def handler(request)  # expect: PRR000\n    return request\n"),)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._seen: Set[Tuple[Release, bool]] = set()  # (release, Python 2 reads it): the first node of each
        self._printer = cst.Module([])
        self._stub = ctx.path.endswith(".pyi")  # no Python imports a stub: type checkers read it, in their grammar

    def _newer(self, node: cst.CSTNode) -> None:
        """Syntax newer than 3.9's: a PRR000 the project phase keeps where the project runs only older Pythons
        (project/runtime_syntax.py); the first node of each release in the file, and apart from it the first one
        Python 2 reads too (`except A, e:`), which a Python 2 project drops while a t-string further on stays."""
        if self._stub:
            return
        syntax = syntax_release(node, lambda found: fstring_source(found, self._printer))
        if syntax is None:
            return
        python2 = type(node) is cst.ExceptHandler and syntax.release == BARE_EXCEPT_TUPLES
        if (syntax.release, python2) in self._seen:
            return
        self._seen.add((syntax.release, python2))
        release = release_name(syntax.release)
        self.report(node, f"syntax error for the project's Python: {syntax.what} needs Python {release} or later",
                    NEWER_SYNTAX, (release, PYTHON2_READS) if python2 else (release,))

    visit_FormattedString = visit_TypeAlias = visit_FunctionDef = visit_ClassDef = visit_Match = _newer
    visit_ExceptHandler = visit_ExceptStarHandler = visit_Index = visit_Param = _newer
    visit_ListComp = visit_SetComp = visit_GeneratorExp = _newer
    if hasattr(cst, "TemplatedString"):  # in libcst versions that parse them
        visit_TemplatedString = _newer
    if hasattr(cst, "LazyImport"):
        visit_LazyImport = visit_LazyImportFrom = _newer
    if hasattr(cst, "StarredDictComp"):
        visit_StarredDictComp = _newer


class InvalidSuppression(Rule):
    """A suppression comment that names no rule, or a rule that does not exist.

    What it does
        Reports `# prr-lint: ignore` without a `[CODE]` list, a suppression naming an unknown
        `PRRnnn` code, and, when `require-reason = true`, a suppression without a reason.

    Why is this bad?
        A blanket ignore hides every current and future readiness finding on the line, and a
        misspelt code silences nothing while looking as if it did. Reviewers need the code and
        the reason to judge an exception to the checklist.

    Example
        try:
            charge(order)
        except Exception:  # prr-lint: ignore
            pass

    Use instead
        try:
            charge(order)
        except Exception:  # prr-lint: ignore[PRR101] charge() reports to Sentry itself
            pass

    Options
        `require-reason` (top level, default false): a suppression must give a reason.

    References
        Applies to every checklist item: suppressions are exceptions to the review.
    """

    code = "PRR001"
    name = "invalid-suppression"
    severity = Severity.WARNING
    checklist = ("PRR-ERR", "PRR-MON", "PRR-DEP", "PRR-QOS", "PRR-LOG", "PRR-OVL", "PRR-CHG")
    summary = "A suppression comment names no rule or an unknown rule"
    VALID = (Example("print('ready')  # prr-lint: ignore[PRR401] startup banner\n"),)
    INVALID = (
        Example("x = 1  # prr-lint: ignore  # expect: PRR001\n"),
        Example("x = 1  # prr-lint: ignore[PRR999] no such rule  # expect: PRR001\n"),
    )


class UnusedSuppression(Rule):
    """A suppression that silences nothing.

    What it does
        Reports a `# prr-lint: ignore[...]` or `# noqa: PRRnnn` comment for an enabled rule that
        had no finding on the line it covers.

    Why is this bad?
        Stale suppressions hide the next real problem on that line, and they tell reviewers that
        a checklist exception exists where none is needed.

    Example
        timeout = 5  # noqa: PRR501

    Use instead
        timeout = 5

    Options
        None.

    References
        Applies to every checklist item: suppressions are exceptions to the review.
    """

    code = "PRR002"
    name = "unused-suppression"
    severity = Severity.WARNING
    checklist = ("PRR-ERR", "PRR-MON", "PRR-DEP", "PRR-QOS", "PRR-LOG", "PRR-OVL", "PRR-CHG")
    summary = "A suppression comment silences nothing"
    VALID = (Example("print('ready')  # prr-lint: ignore[PRR401] startup banner\n"),)
    INVALID = (Example("timeout = 5  # noqa: PRR501  # expect: PRR002\n"),)


class InternalError(Rule):
    """A rule raised an exception on this file: prr-lint's fault, not the code's.

    What it does
        Reports that a rule crashed while checking the file, naming the rule and the error. The
        rule's other findings for the file are dropped, the run goes on, and the exit code is 2.
        A step of the project phase that crashes (the search for timeout-forwarding wrappers, a
        check that confirms or drops pending findings, a scope filter) is reported the same way,
        naming the step, the error and what the run did instead, at the file whose finding it was
        checking or else at the run's first file: the findings that step was to confirm are
        reported marked "(unconfirmed: ...)", what a scope filter would leave out is reported, and
        the run is not cached.

    Why is this bad?
        The file was not fully checked. Please report it with the file that triggers it.

    Example
        (no code causes this on purpose)

    Use instead
        Upgrade prr-lint, or report the crash with a minimal file that reproduces it.

    Options
        None.

    References
        Applies to the checklist item of the crashed rule.
    """

    code = "PRR003"
    name = "internal-error"
    severity = Severity.ERROR
    checklist = ("PRR-CHG",)
    summary = "A rule crashed on this file; the file was not fully checked"
    VALID = (Example("x = 1\n"),)
    # No code triggers it on purpose; tests/test_engine.py exercises it with a crashing rule.
    needs_invalid_examples = False


class AnalysisTimeout(Rule):
    """A file whose analysis ran past the per-file time budget, so nothing in it was checked.

    What it does
        Reports a file whose per-file phase (decoding, parsing, the walk that runs the rules and
        builds the module summary, placing findings, applying suppressions) took more than
        `file-timeout` seconds of CPU time, naming the phase it was stopped in. CPU time, not
        wall-clock time: on a busy machine a file takes longer but gets the same verdict (a worker
        process that uses no CPU at all, blocked in native code, is stopped after four times the
        budget plus a second of wall-clock time). The file's other findings are dropped, the rest
        of the tree is still checked, and the result is not cached, so the next run tries the file
        again.

    Why is this bad?
        prr-lint runs as a pre-commit hook and a CI gate: one file must never stall every commit
        of a team. A file that takes this long is unusual (a generated module, a huge data
        literal, or a prr-lint performance bug worth reporting), and it was not reviewed.

    Example
        (a file that takes longer than the budget to analyse)

    Use instead
        Exclude generated files (`extend-exclude`), raise `file-timeout` on a slow CPU, or
        report the file if it is ordinary code.

    Options
        `file-timeout` (top level, default 20 CPU seconds), or `--file-timeout SECONDS`.

    References
        The checklist question of every rule that did not run on the file.
    """

    code = "PRR004"
    name = "analysis-timeout"
    severity = Severity.ERROR
    checklist = ("PRR-CHG",)
    summary = "The file's analysis ran past the per-file time budget, so it was not checked"
    VALID = (Example("x = 1\n"),)
    # No code triggers it in a normal budget; tests/test_budget.py exercises it with a slow rule.
    needs_invalid_examples = False


META_RULES = (SyntaxErrorRule, InvalidSuppression, UnusedSuppression, InternalError, AnalysisTimeout)
