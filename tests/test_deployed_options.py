"""Branches on options no deployment command passes (project/deployed_options.py): a queue worker the Procfile runs
with no option (`python -m svc.queue`) that enqueues from an API only when `--filter` is typed runs that mode by hand,
so the API client's missing timeout there is a person's, while the queue loop the deployment runs stays the service's.
The counter-cases keep the branch served: a command that passes the option in any spelling argparse takes, one that may
pass anything, an option with a default of its own, a callee also called outside the branch."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from _serving import run_on_disk

CLIENT = (
    "import requests\n\n"
    "def get_json(url, params):\n    return requests.get(url, params=params).json()\n\n"  # line 4: only the `--filter` mode
    "def pop_jobs(url):\n    return requests.post(url + '/pop').json()\n"  # line 7: the queue loop
)
QUEUE = (
    "import argparse\nimport time\n\nfrom svc.client import get_json, pop_jobs\n\n"
    "def parse_args():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--skip_fast_enqueue', '-sfq', action='store_true')\n"
    "    parser.add_argument('--filter', '-f', type=str, action='append')\n"
    "    parser.add_argument('--chunk', type=int, default=100)\n"
    "    return parser.parse_args()\n\n"
    "def enqueue_from_api(filters):\n"
    "    for oa_filter in filters:\n        get_json('https://api.example.org/works', {'filter': oa_filter})\n\n"
    "def main():\n"
    "    args = parse_args()\n"
    "    if args.filter:\n"
    "        enqueue_from_api(args.filter)\n"
    "        return\n"
    "    while True:\n"
    "        pop_jobs('http://queue')\n"
    "        time.sleep(args.chunk)\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
# The same choice in the `__main__` block itself (a refresher whose `-f` branch pages through the API).
REFRESH = (
    "import argparse\n\nfrom svc.client import get_json, pop_jobs\n\n"
    "def parse_args():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('-f', '--filter', action='append')\n"
    "    parser.add_argument('-fname', '--filename', type=str)\n"
    "    return parser.parse_args()\n\n"
    "def enqueue_filter(oa_filter):\n    return get_json('https://api.example.org/works', {'filter': oa_filter})\n\n"
    "def refresh_from_queue():\n    while True:\n        pop_jobs('http://queue')\n\n"
    "if __name__ == '__main__':\n"
    "    args = parse_args()\n"
    "    if args.filename:\n"
    "        print(args.filename)\n"
    "    elif args.filter:\n"
    "        for _f in args.filter:\n"
    "            enqueue_filter(_f)\n"
    "    else:\n"
    "        refresh_from_queue()\n"
)
APP = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.route('/health')\ndef health():\n    return 'ok'\n"


def _found(tmp_path: Path, launch: Dict[str, str], queue: str = QUEUE, refresh: Optional[str] = None) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/client.py": CLIENT, "svc/queue.py": queue, "svc/app.py": APP}
    if refresh is not None:
        files["svc/refresh.py"] = refresh
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=launch, launch_files=tuple(launch))
    return [(finding.path, finding.span.line) for finding in result.findings]


def _procfile(*commands: str) -> Dict[str, str]:
    lines = [f"web: gunicorn svc.app:app"] + [f"worker{number}: {command}" for number, command in enumerate(commands)]
    return {"Procfile": "\n".join(lines) + "\n"}


def test_an_option_no_procfile_line_passes_picks_a_hand_run_mode(tmp_path: Path) -> None:
    found = _found(tmp_path, _procfile("python -m svc.queue --chunk=$CHUNK_SIZE"))
    assert ("svc/client.py", 4) not in found
    assert ("svc/client.py", 7) in found  # the queue loop the Procfile runs


@pytest.mark.parametrize("arguments", ["--filter x", "-f x", "-fx", "--fil=x", "--filter=x", "-sf x", "$ARGS", '"$@"'])
def test_a_line_that_may_pass_the_option_keeps_the_branch(tmp_path: Path, arguments: str) -> None:
    found = _found(tmp_path, _procfile(f"python -m svc.queue {arguments}"))
    assert ("svc/client.py", 4) in found


def test_another_line_of_the_program_that_passes_it_keeps_the_branch(tmp_path: Path) -> None:
    found = _found(tmp_path, _procfile("python -m svc.queue", "python svc/queue.py --filter is_oa:true"))
    assert ("svc/client.py", 4) in found


@pytest.mark.parametrize("declared", ["default='is_oa:true'", "default=os.environ.get('FILTER')", "required=True"])
def test_an_option_set_without_typing_keeps_the_branch(tmp_path: Path, declared: str) -> None:
    queue = QUEUE.replace("import argparse\n", "import argparse\nimport os\n").replace(
        "type=str, action='append')", f"type=str, action='append', {declared})")
    assert queue != QUEUE
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)


def test_set_defaults_turns_the_option_on(tmp_path: Path) -> None:
    queue = QUEUE.replace("    return parser.parse_args()\n", "    parser.set_defaults(filter=['is_oa:true'])\n    return parser.parse_args()\n")
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)


def test_a_callee_also_called_outside_the_branch_stays(tmp_path: Path) -> None:
    queue = QUEUE.replace("    while True:\n", "    enqueue_from_api(['recent'])\n    while True:\n")
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)


def test_is_not_none_and_or_tests_pick_the_mode_too(tmp_path: Path) -> None:
    queue = QUEUE.replace("    if args.filter:\n", "    if args.filter is not None or args.skip_fast_enqueue:\n")
    assert queue != QUEUE
    assert ("svc/client.py", 4) not in _found(tmp_path, _procfile("python -m svc.queue"), queue)
    assert ("svc/client.py", 4) in _found(tmp_path / "b", _procfile("python -m svc.queue -sfq"), queue)


def test_a_main_block_branch_of_a_deployed_program(tmp_path: Path) -> None:
    """The refresher's `__main__` block calls `enqueue_filter` only under `-f`: no command the deployment runs."""
    found = _found(tmp_path, _procfile("python -m svc.queue", "python -m svc.refresh --filename dois.txt"), refresh=REFRESH)
    assert ("svc/client.py", 4) not in found
    found = _found(tmp_path / "b", _procfile("python -m svc.queue", "python -m svc.refresh -f is_oa:true"), refresh=REFRESH)
    assert ("svc/client.py", 4) in found


def test_a_compose_list_command_and_a_container_s_args_are_read_whole(tmp_path: Path) -> None:
    listed = "services:\n  worker:\n    build: .\n    command:\n      - python\n      - -m\n      - svc.queue\n      - --filter\n      - x\n    restart: always\n"
    assert ("svc/client.py", 4) in _found(tmp_path, {"docker-compose.yml": listed})
    pod = ("spec:\n  containers:\n    - name: worker\n      command: [\"python\", \"-m\", \"svc.queue\"]\n"
           "      args: [\"-f\", \"x\"]\n      image: svc\n")
    assert ("svc/client.py", 4) in _found(tmp_path / "b", {"k8s/worker.yaml": pod})
    plain = "services:\n  worker:\n    build: .\n    command: [\"python\", \"-m\", \"svc.queue\"]\n    restart: always\n"
    assert ("svc/client.py", 4) not in _found(tmp_path / "c", {"docker-compose.yml": plain})


def test_an_image_entrypoint_takes_any_argument(tmp_path: Path) -> None:
    image = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python", "-m", "svc.queue"]\n'
    assert ("svc/client.py", 4) in _found(tmp_path, {"Dockerfile": image})


def test_a_console_script_s_unit_lines(tmp_path: Path) -> None:
    scripts = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc-queue = 'svc.queue:main'\n"
    unit = "[Service]\nExecStart=/usr/bin/svc-queue --chunk 10\nRestart=always\n"
    found = _found(tmp_path, {"pyproject.toml": scripts, "systemd/queue.service": unit})
    assert ("svc/client.py", 4) not in found
    found = _found(tmp_path / "b", {"pyproject.toml": scripts, "systemd/queue.service": unit.replace("--chunk 10", "--chunk 10 -f x")})
    assert ("svc/client.py", 4) in found


@pytest.mark.parametrize("declared", ["'--filter', '-f', action=EnvDefault", "*FLAGS, action='append'"])
def test_an_option_an_action_class_or_unknown_spellings_declare_stays(tmp_path: Path, declared: str) -> None:
    """An action class may fill the option from the environment; spellings built elsewhere may be the ones typed."""
    queue = QUEUE.replace("    parser.add_argument('--filter', '-f', type=str, action='append')\n",
                          f"    parser.add_argument({declared})\n").replace(
        "def parse_args():\n", "FLAGS = ('--filter', '-f')\n\nclass EnvDefault(argparse.Action):\n    pass\n\ndef parse_args():\n")
    assert queue != QUEUE
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)


@pytest.mark.parametrize("service", [
    "    entrypoint: [\"python\", \"-m\", \"svc.queue\"]\n    command: [\"--chunk\", \"5\"]\n",
    "    entrypoint:\n      - python\n      - -m\n      - svc.queue\n",
])
def test_a_compose_entrypoint_takes_any_argument(tmp_path: Path, service: str) -> None:
    compose = f"services:\n  worker:\n    build: .\n{service}    restart: always\n"
    assert ("svc/client.py", 4) in _found(tmp_path, {"docker-compose.yml": compose})


def test_a_console_script_an_image_enters_takes_any_argument(tmp_path: Path) -> None:
    scripts = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc-queue = 'svc.queue:main'\n"
    image = 'FROM python:3.12\nCOPY . /app\nRUN pip install /app\nENTRYPOINT ["svc-queue"]\nCMD []\n'
    assert ("svc/client.py", 4) in _found(tmp_path, {"pyproject.toml": scripts, "Dockerfile": image})


def test_a_callee_also_handed_to_a_thread_stays(tmp_path: Path) -> None:
    queue = QUEUE.replace("import argparse\n", "import argparse\nimport threading\n").replace(
        "    while True:\n", "    threading.Thread(target=enqueue_from_api, args=(['recent'],)).start()\n    while True:\n")
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)


def test_words_the_code_hands_the_parser_may_give_the_option(tmp_path: Path) -> None:
    queue = QUEUE.replace("    return parser.parse_args()\n", "    return parser.parse_args(['--filter', 'is_oa:true'])\n")
    assert ("svc/client.py", 4) in _found(tmp_path, _procfile("python -m svc.queue"), queue)
    argv = QUEUE.replace("import argparse\n", "import argparse\nimport sys\n").replace(
        "    return parser.parse_args()\n", "    return parser.parse_args(sys.argv[1:])\n")
    assert ("svc/client.py", 4) not in _found(tmp_path / "b", _procfile("python -m svc.queue"), argv)
