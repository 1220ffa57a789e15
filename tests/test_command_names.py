"""PRR501 in code only a command nothing schedules reaches, though not by a plain call: a module that only
the command names by its dotted path (project/command_names.py), and a branch on a parameter that only the
command's call takes (project/param_guards.py with scope.py's callers left out). A settings module, a
deployment file or a scheduled command naming the module, or a service caller taking the branch, keeps them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, Optional, Sequence

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = (
    "from flask import Flask\nfrom django.core.mail import send_mail\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    send_mail('s', 'b', 'f', ['t'])\n    return 'ok'\n"
)
BACKEND = (  # TWLight's MediaWiki email backend (set H, H003-H008)
    "import requests\nfrom django.core.mail.backends.base import BaseEmailBackend\n\n"
    "class EmailBackend(BaseEmailBackend):\n    def open(self):\n        self.session = requests.Session()\n"
    "        self.session.get('https://wiki.example/api.php')\n\n"
    "    def send_messages(self, messages):\n        for message in messages:\n"
    "            self.session.post('https://wiki.example/api.php', data={'to': message.to})\n"
)
SURVEY = (  # `survey_active_users`: picks the backend by its dotted path for Django's get_connection
    "from django.core.mail import get_connection\nfrom django.core.management.base import BaseCommand\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
    "        backend = options['backend'] or 'svc.backends.mediawiki.EmailBackend'\n"
    "        connection = get_connection(backend=backend)\n        connection.open()\n"
)
COMMANDS = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/backends/__init__.py": "", "svc/backends/mediawiki.py": BACKEND,
            "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
            "svc/management/commands/survey_active_users.py": SURVEY}


def _timeouts(files: Dict[str, str], deployment: Dict[str, str], root: Path, scope: str = "serving",
              templates: Optional[Dict[str, str]] = None, rule: str = "PRR501") -> Sequence[str]:
    """(path, line) of the `rule` findings of a run over `files`, with the deployment files (and templates) written under `root`."""
    launch = []
    for path, text in {**files, **deployment, **(templates or {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        if path in deployment:
            launch.append(str(root / path))
    settings = replace(settings_with(), root=root, scope=scope)
    plan = Plan(settings, tuple(REGISTRY.select([rule], [], [])), launch_files=tuple(launch))
    return sorted((finding.path, finding.span.line) for finding in run_jobs(jobs_for(files), plan).findings)


BACKEND_LINES = [("svc/backends/mediawiki.py", 7), ("svc/backends/mediawiki.py", 11)]


def test_a_backend_only_an_unscheduled_command_names_by_its_path_is_the_commands(tmp_path: Path) -> None:
    assert _timeouts(COMMANDS, {}, tmp_path) == []
    assert _timeouts(COMMANDS, {}, tmp_path / "all", scope="all") == BACKEND_LINES


def test_a_backend_the_command_imports_is_the_commands_one_a_view_imports_is_not(tmp_path: Path) -> None:
    imported = SURVEY.replace("from django.core.mail import get_connection\n",
                              "from django.core.mail import get_connection\nfrom svc.backends.mediawiki import EmailBackend\n")
    imported = imported.replace("'svc.backends.mediawiki.EmailBackend'", "EmailBackend")
    files = {**COMMANDS, "svc/management/commands/survey_active_users.py": imported}
    assert _timeouts(files, {}, tmp_path) == []
    view = VIEWS + "\n\nfrom svc.backends.mediawiki import EmailBackend\n\n@app.get('/b')\ndef b():\n    return EmailBackend\n"
    assert _timeouts({**files, "svc/views.py": view}, {}, tmp_path / "view") == BACKEND_LINES


def test_a_backend_the_settings_select_is_the_services(tmp_path: Path) -> None:
    settings = "EMAIL_BACKEND = 'svc.backends.mediawiki.EmailBackend'\n"
    assert _timeouts({**COMMANDS, "svc/settings.py": settings}, {}, tmp_path) == BACKEND_LINES
    env = {"conf/production.env": "DJANGO_EMAIL_BACKEND=svc.backends.mediawiki.EmailBackend\n"}
    assert _timeouts(COMMANDS, env, tmp_path / "env") == BACKEND_LINES


def test_a_backend_a_scheduled_command_names_is_the_services(tmp_path: Path) -> None:
    crontab = {"deploy/crontab": "0 3 * * 1 cd /app && python3 manage.py survey_active_users 7 en\n"}
    assert _timeouts(COMMANDS, crontab, tmp_path) == BACKEND_LINES


IMPORTER = (  # aides-territoires' import_validated_projects service (set H, H022)
    "import requests\n\ndef import_validated_projects(logger=None, csv_file=None, csv_url=None):\n"
    "    if csv_url:\n        return requests.get(csv_url, stream=True)\n"  # line 5
    "    elif csv_file:\n        return csv_file.read()\n"
)
ADMIN = (
    "from flask import Flask, request\nfrom svc.importer import import_validated_projects\n\napp = Flask(__name__)\n\n"
    "@app.post('/admin/import')\ndef upload():\n    import_validated_projects(csv_file=request.files['csv'])\n    return 'ok'\n"
)
IMPORT_COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc.importer import import_validated_projects\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
    "        import_validated_projects(csv_url=options['url'])\n"
)
IMPORTS = {"svc/__init__.py": "", "svc/importer.py": IMPORTER, "svc/admin_views.py": ADMIN, "svc/management/__init__.py": "",
           "svc/management/commands/__init__.py": "", "svc/management/commands/import_validated_projects.py": IMPORT_COMMAND}


def test_a_branch_only_an_unscheduled_commands_argument_takes_is_the_commands(tmp_path: Path) -> None:
    assert _timeouts(IMPORTS, {}, tmp_path) == []
    assert _timeouts(IMPORTS, {}, tmp_path / "all", scope="all") == [("svc/importer.py", 5)]


def test_the_branch_stays_when_the_command_is_scheduled_or_a_view_takes_it(tmp_path: Path) -> None:
    crontab = {"deploy/crontab": "0 2 * * * python manage.py import_validated_projects --url https://x/p.csv\n"}
    assert _timeouts(IMPORTS, crontab, tmp_path) == [("svc/importer.py", 5)]
    admin = ADMIN.replace("csv_file=request.files['csv']", "csv_url=request.form['url']")
    assert _timeouts({**IMPORTS, "svc/admin_views.py": admin}, {}, tmp_path / "view") == [("svc/importer.py", 5)]


def test_the_branch_stays_when_a_background_task_takes_it(tmp_path: Path) -> None:
    """A task's call runs the branch in the service's workers, beside the admin view's."""
    task = ("from celery import shared_task\nfrom svc.importer import import_validated_projects\n\n"
            "@shared_task\ndef nightly(url):\n    import_validated_projects(csv_url=url)\n")
    assert _timeouts({**IMPORTS, "svc/tasks.py": task}, {}, tmp_path) == [("svc/importer.py", 5)]


def test_a_tag_library_a_command_loads_by_its_path_is_registered_for_the_templates(tmp_path: Path) -> None:
    """`{% load upstream_tags %}` loads it in the service, by no import: its decorator registers it."""
    tags = ("import requests\nfrom django import template\n\nregister = template.Library()\n\n"
            "@register.filter\ndef rate(code):\n    return requests.get('https://rates.example/' + code).json()\n")
    command = SURVEY + "        import_string('svc.templatetags.upstream_tags.rate')('EUR')\n"
    command = command.replace("from django.core.mail import get_connection\n",
                              "from django.core.mail import get_connection\nfrom django.utils.module_loading import import_string\n")
    files = {**COMMANDS, "svc/templatetags/__init__.py": "", "svc/templatetags/upstream_tags.py": tags,
             "svc/management/commands/survey_active_users.py": command}
    page = {"svc/templates/price.html": "{% load upstream_tags %}{{ order.currency|rate }}\n"}
    assert _timeouts(files, {}, tmp_path, templates=page) == [("svc/templatetags/upstream_tags.py", 8)]


# An operator's stack tool beside a Flask service (model-my-watershed's `deployment/mmw_stack.py`): it parses its
# command line and imports an image builder by the folder it runs from (`from images.builder import ...`).
STACK = (
    "import argparse\nfrom images.builder import build_image\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('region')\n    build_image(parser.parse_args().region)\n\n\nif __name__ == '__main__':\n    main()\n"
)
BUILDER = (
    "import logging\nimport subprocess\n\nLOGGER = logging.getLogger(__file__)\n\n\n"
    "def build_image(region):\n    try:\n        subprocess.check_call(['packer', 'build', region])\n"
    "    except subprocess.CalledProcessError:\n        LOGGER.error('packer failed in %s', region)\n        raise\n"
)
# The service's export view passes a GDAL `builder=` of its own: the word of the module's last name, naming something else.
EXPORT = (
    "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.get('/export')\ndef export():\n"
    "    builder = request.args.get('format', 'shp')\n    return write_layer(builder=builder)\n\n\n"
    "def write_layer(builder):\n    return builder\n"
)
STACKS = {"svc/__init__.py": "", "svc/export.py": EXPORT, "deploy/__init__.py": "", "deploy/stack.py": STACK,
          "deploy/images/__init__.py": "", "deploy/images/builder.py": BUILDER}


def test_a_module_only_an_operator_tool_imports_is_the_tools_though_a_view_holds_its_last_word(tmp_path: Path) -> None:
    """model-my-watershed's `packer/driver.py` logger, imported only by the stack tool; a word of its last name alone
    (a view's `builder=`) names another thing, not the module outside its package."""
    assert _timeouts(STACKS, {}, tmp_path, rule="PRR403") == []
    assert _timeouts(STACKS, {}, tmp_path / "all", scope="all", rule="PRR403") == [("deploy/images/builder.py", 4)]


def test_the_module_stays_when_code_outside_names_its_path_or_its_package_names_it(tmp_path: Path) -> None:
    """A view that spells `images.builder` (the path a loader is given), a module in its own package that holds its
    last name (a relative `import_module(".builder", __package__)`), or a service view that imports it keep it."""
    builder_line = [("deploy/images/builder.py", 4)]
    dotted = EXPORT.replace("'shp'", "'images.builder'")
    assert _timeouts({**STACKS, "svc/export.py": dotted}, {}, tmp_path / "dotted", rule="PRR403") == builder_line
    sibling = "import importlib\n\n\ndef load():\n    return importlib.import_module('.builder', __package__)\n"
    assert _timeouts({**STACKS, "deploy/images/loading.py": sibling}, {}, tmp_path / "sibling", rule="PRR403") == builder_line
    imported = EXPORT.replace("from flask import Flask, request\n", "from flask import Flask, request\nfrom deploy.images.builder import build_image\n")
    imported += "\n\n@app.post('/images')\ndef images():\n    return build_image(request.args['region'])\n"
    assert _timeouts({**STACKS, "svc/export.py": imported}, {}, tmp_path / "imported", rule="PRR403") == builder_line
