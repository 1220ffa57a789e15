"""`#!` programs packaging installs as data, which the server hands out and another machine runs
(project/data_programs.py): ztpserver's shape, whose setup.py builds `data_files` in loops over
`glob("actions/*")` and `glob("plugins/*")`, whose server returns an action's bytes at `/actions/<name>` and
loads only `plugins/*` by path (`os.path.join(data_root, "plugins", plugin)`)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

from prr_lint.project.installed_files import data_file_sources

ACTION = (
    "#!/usr/bin/env python\nimport smtplib\n\n"
    "def send_message(host, sender, receivers, msg):\n    smtp = smtplib.SMTP(host)\n"  # line 5: runs on the switch
    "    smtp.sendmail(sender, receivers, msg)\n\n"
    "def main(attributes):\n    send_message(attributes['host'], 'ztps', ['ops'], 'done')\n"
)
PLUGIN = ACTION.replace("send_message", "allocate")  # line 5 too: loaded into the server process
SERVER = (
    "import importlib.machinery\nimport os\n\nimport webob\n\nDATA_ROOT = '/usr/share/svc'\n\n"
    "def action(name):\n"
    "    with open(os.path.join(DATA_ROOT, 'actions', name)) as handle:\n        return handle.read()\n\n"
    "def plugin(name):\n"
    "    filename = os.path.join(DATA_ROOT, 'plugins', name)\n"
    "    module = importlib.machinery.SourceFileLoader(name, filename).load_module()\n    return module.main({})\n\n"
    "def application(environ, start_response):\n    request = webob.Request(environ)\n"
    "    kind, _, name = request.path_info.strip('/').partition('/')\n"
    "    body = action(name) if kind == 'actions' else plugin(name)\n    return webob.Response(body)(environ, start_response)\n"
)
SETUP = (
    "from glob import glob\nfrom setuptools import setup\n\ninstall_path = '/usr/share/svc'\ndata_files = []\n"
    "file_list = [('bootstrap', install_path + '/bootstrap', 'client/bootstrap')]\n"
    "for filename in glob('actions/*'):\n    file_list += [(filename.split('/')[-1], install_path + '/actions', filename)]\n"
    "for filename in glob('plugins/*'):\n    file_list += [(filename.split('/')[-1], install_path + '/plugins', filename)]\n"
    "for filename, dst, src in file_list:\n    data_files += [(dst, glob(src))]\n\n"
    "setup(name='svc', packages=['svc'], scripts={scripts}, data_files=data_files)\n"
)


def _found(tmp_path: Path, setup: str = SETUP.format(scripts="[]"), **extra: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/app.py": SERVER, "actions/send_email": ACTION, "plugins/allocate": PLUGIN, **extra}
    launch = {"Dockerfile": "FROM python:3\nRUN pip install .\nCMD gunicorn svc.app:application\n"}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"setup.py": setup, **launch}, launch_files=tuple(launch))
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_setup_py_data_files_built_in_loops_are_followed(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(SETUP.format(scripts="[]"))
    paths = ["actions/send_email", "plugins/allocate", "client/bootstrap", "bin/svc", "svc/app.py"]
    assert data_file_sources(str(tmp_path), paths) == {"actions/send_email", "plugins/allocate", "client/bootstrap"}


def test_an_action_the_server_hands_out_is_not_the_service(tmp_path: Path) -> None:
    # the action is read and returned; the server loads by path only from a `plugins` folder
    assert ("actions/send_email", 5) not in _found(tmp_path)


def test_an_action_the_server_loads_by_path_stays(tmp_path: Path) -> None:
    loader = SERVER.replace("'plugins', name)", "'actions', name)")
    assert ("actions/send_email", 5) in _found(tmp_path, **{"svc/app.py": loader})


def test_a_data_program_installed_as_a_script_stays(tmp_path: Path) -> None:
    assert ("actions/send_email", 5) in _found(tmp_path, SETUP.format(scripts="['actions/send_email']"))


def test_a_loader_of_any_path_may_run_the_action(tmp_path: Path) -> None:
    loader = "import runpy\n\ndef run_file(path):\n    return runpy.run_path(path)\n"
    assert ("actions/send_email", 5) in _found(tmp_path, **{"svc/runner.py": loader})


def test_a_program_the_deployment_runs_stays(tmp_path: Path) -> None:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/app.py": SERVER, "actions/send_email": ACTION}
    launch = {"Dockerfile": "FROM python:3\nRUN pip install .\nCMD gunicorn svc.app:application\n", "crontab": "0 * * * * /usr/share/svc/actions/send_email\n"}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"setup.py": SETUP.format(scripts="[]"), **launch}, launch_files=tuple(launch))
    assert ("actions/send_email", 5) in [(finding.path, finding.span.line) for finding in result.findings]
