"""PRR402-PRR404 across modules and with their knobs."""

from __future__ import annotations

from pathlib import Path

from test_errors_family import REGISTRY, lint

from prr_lint.config import load_settings

SETUP = "import logging\n\ndef setup_logging():\n    logging.basicConfig(level=logging.INFO)\n"


def test_a_single_configuring_module_is_the_bootstrap() -> None:
    assert lint({"svc/logsetup.py": SETUP, "svc/other.py": "x = 1\n"}, select="PRR402") == []
    assert lint({"svc/observe.py": SETUP}, select="PRR402") == []


def test_two_configuring_modules_are_reported_except_bootstrap_like_ones() -> None:
    payments = "import logging\n\ndef init_payments():\n    logging.getLogger('payments').addHandler(logging.StreamHandler())\n"
    files = {"svc/observe.py": SETUP, "svc/payments.py": payments, "svc/app.py": SETUP}
    assert lint(files, select="PRR402") == [("PRR402", "svc/observe.py", 4), ("PRR402", "svc/payments.py", 4)]


def test_configuration_inside_business_logic_is_reported_alone() -> None:
    source = "import logging\n\ndef charge(order):\n    logging.basicConfig()\n"
    assert lint({"svc/payments.py": source}, select="PRR402") == [("PRR402", "svc/payments.py", 4)]


def test_bootstrap_modules_knob(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.prr-lint.logging]\nbootstrap-modules = ["svc.observe"]\n')
    settings = load_settings(tmp_path, None, REGISTRY)
    payments = "import logging\n\ndef init_payments():\n    logging.basicConfig()\n"
    files = {"svc/observe.py": SETUP, "svc/payments.py": payments}
    assert lint(files, select="PRR402", settings=settings) == [("PRR402", "svc/payments.py", 4)]


def test_approved_logger_factories(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.prr-lint.logging]\napproved-logger-factories = ["acme.obs.get_logger"]\n')
    settings = load_settings(tmp_path, None, REGISTRY)
    source = (
        "import logging\nfrom acme.obs import get_logger\nlog = logging.getLogger(__name__)\nok = get_logger(__name__)\n"
        "\ndef f():\n    log.info('x')\n    ok.info('y')\n"
    )
    assert lint({"svc/api.py": source}, select="PRR403", settings=settings) == [("PRR403", "svc/api.py", 3)]
    assert lint({"svc/api.py": source}, select="PRR403") == []


def test_allow_file_handlers(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.prr-lint.logging]\nallow-file-handlers = true\n")
    settings = load_settings(tmp_path, None, REGISTRY)
    source = "import logging\nh = logging.FileHandler('app.log')\n"
    assert lint({"svc/api.py": source}, select="PRR404") == [("PRR404", "svc/api.py", 2)]
    assert lint({"svc/api.py": source}, select="PRR404", settings=settings) == []


def test_reporter_through_a_module_level_logger_of_another_module() -> None:
    obs = "import logging\naudit = logging.getLogger('audit')\n"
    api = "from svc.obs import audit\n\ndef f():\n    try:\n        db.commit()\n    except Exception:\n        audit.error('g failed')\n"
    assert lint({"svc/obs.py": obs, "svc/api.py": api}) == []
    quiet = "from svc.obs import audit\n\ndef f():\n    try:\n        db.commit()\n    except Exception:\n        audit.info('g failed')\n"
    assert lint({"svc/obs.py": obs, "svc/api.py": quiet}) == [("PRR101", "svc/api.py", 6)]


def test_a_program_configuring_its_own_process_is_its_bootstrap() -> None:
    """Each program of the repository configures logging as it starts: the top level of a module no
    project module imports, and a helper only such top levels call (a job script's `setup_logging()`)."""
    helpers = "import logging\n\ndef setup_logging():\n    logging.basicConfig(level=logging.INFO)\n    return logging.getLogger('jobs')\n"
    job = "from svc.jobs.helpers import setup_logging\n\nlogger = setup_logging()\n\nif __name__ == '__main__':\n    logger.info('run')\n"
    dev = "import logging\nfrom svc.app import app\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == '__main__':\n    app.run()\n"
    app = "import logging\n\nlogging.config.dictConfig({'version': 1})\napp = object()\n"
    files = {"svc/jobs/helpers.py": helpers, "svc/jobs/playlist.py": job, "svc/dev_server.py": dev, "svc/app.py": app}
    assert lint(files, select="PRR402") == []


def test_a_module_the_service_imports_competes_with_the_programs_configuration() -> None:
    library = "import logging\n\nlog = logging.getLogger(__name__)\nlog.addHandler(logging.StreamHandler())\n"
    helper = "import logging\n\ndef init_chat_logging():\n    logging.getLogger('chat').addHandler(logging.StreamHandler())\n"
    app = (
        "import logging\nfrom svc.utils import movie\nfrom svc.chats import init_chat_logging\n\n"
        "logging.basicConfig()\n\ndef create_app():\n    init_chat_logging()\n"
    )
    files = {"svc/utils/movie.py": library, "svc/chats.py": helper, "svc/serve.py": app}
    assert lint(files, select="PRR402") == [("PRR402", "svc/chats.py", 4), ("PRR402", "svc/utils/movie.py", 4)]


def test_the_uncalled_main_of_a_program_module_is_its_bootstrap() -> None:
    """A launcher outside the Python tree (`bin/tool: tool.main()`) runs a command module's `main()`:
    what only it calls configures that command's process. A `main()` that project code calls, or one
    of a module the service imports, is not an entry point of its own."""
    command = ("import logging\n\ndef _setup_logging():\n    logging.config.dictConfig({'version': 1})\n\n"
               "def main():\n    _setup_logging()\n")
    app = "import logging\n\nlogging.basicConfig()\n\ndef create_app():\n    pass\n"
    assert lint({"svc/cmd/refire.py": command, "svc/serve.py": app}, select="PRR402") == []
    imported = "from svc.cmd import refire\n\ndef run():\n    refire.main()\n" + app
    assert lint({"svc/cmd/refire.py": command, "svc/serve.py": imported}, select="PRR402") == [("PRR402", "svc/cmd/refire.py", 4)]


def test_programs_of_their_own_do_not_compete_with_the_services_configuration() -> None:
    """An app factory's configuration is the service's only one when the other configuration is a
    separate program's start-up (a deployment script nothing imports, run as its own process); once a
    service module imports that script, both run in one process and compete."""
    factory = "import logging, sys\n\ndef create_app():\n    app = object()\n    app.logger.addHandler(logging.StreamHandler(sys.stdout))\n    return app\n"
    deploy = "import logging\n\nlogging.basicConfig(level=logging.INFO)\nlogging.info('deploying')\n"
    files = {"svc/instance.py": factory, "autodeploy/deploy.py": deploy}
    assert lint(files, select="PRR402") == []
    imported = {**files, "svc/views.py": "from autodeploy import deploy\n"}
    assert lint(imported, select="PRR402") == [("PRR402", "autodeploy/deploy.py", 3), ("PRR402", "svc/instance.py", 5)]
