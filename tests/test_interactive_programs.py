"""Programs that ask the person at the terminal (`input()`, `getpass()`, `click.confirm`) are run by hand:
their PRR501 findings are an operator's tool's, unless a deployment command names the program."""

from __future__ import annotations

from pathlib import Path

from test_schedules import VIEWS, _timeouts

# A maintenance script in the service's package: work at its top level, a confirmation before it deletes.
CLEANUP = (
    "import os\nimport requests\n{local}\n\n"
    "for volume in os.listdir('/var/lib/svc/volumes'):\n"
    "    state = requests.get('https://scheduler.example/api/' + volume).json()\n"
    "    if state['status'] == 'gone' and input('Remove ' + volume + '? [y/N] ') == 'y':\n"
    "        os.remove(volume)\n"
)
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/cleanup.py": CLEANUP.format(local="")}
SERVICE = {"Dockerfile": "FROM python:3.12\nCOPY svc /app/svc\nWORKDIR /app\nCMD gunicorn svc.views:app\n"}


def test_a_module_that_asks_before_it_acts_is_a_persons_tool(tmp_path: Path) -> None:
    """aleph-vm's garbage collector: no `#!` line, no `__main__` block, nothing imports it; it asks with the
    builtin `input()` before each deletion. An image with no command of its own that copies it (a build image)
    does not run it either: whoever types its command answers the prompt."""
    assert _timeouts(FILES, SERVICE, tmp_path / "asks") == []
    build = {**SERVICE, "packaging/build.dockerfile": "FROM python:3.12\nWORKDIR /opt\nCOPY svc ./svc\n"}
    assert _timeouts(FILES, build, tmp_path / "copied") == []


def test_a_local_input_or_a_deployment_that_runs_it_keeps_the_findings(tmp_path: Path) -> None:
    """A function of the module's own named `input` asks nobody (the resolver sees it is not the builtin); a
    crontab line that runs the script runs it unattended."""
    local = {**FILES, "svc/cleanup.py": CLEANUP.format(local="\ndef input(prompt):\n    return os.environ.get('CONFIRM', 'n')\n")}
    assert _timeouts(local, SERVICE, tmp_path / "local") == ["svc/cleanup.py"]
    cron = {**SERVICE, "crontab": "0 3 * * * yes | python /app/svc/cleanup.py\n"}
    assert _timeouts(FILES, cron, tmp_path / "cron") == ["svc/cleanup.py"]


LOOPING = (
    "import time\nimport requests\n\n\ndef confirm():\n    return input('Start polling the upstream? [y/N] ') == 'y'\n\n\n"
    "def main():\n    if not confirm():\n        return\n    while True:\n"
    "        requests.get('https://upstream.example/api/feed')\n        time.sleep(60)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_looping_program_whose_start_asks_through_a_helper_is_a_tool_unless_run(tmp_path: Path) -> None:
    """A `__main__` program that loops until stopped is taken for a worker; one whose start calls a helper that
    asks with `input()` is a person's, unless a deployment command names it."""
    files = {**FILES, "svc/cleanup.py": "", "svc/poller.py": LOOPING}
    assert _timeouts(files, SERVICE, tmp_path / "asks") == []
    worker = {**SERVICE, "Procfile": "poller: yes | python -m svc.poller\n"}
    assert _timeouts(files, worker, tmp_path / "run") == ["svc/poller.py"]


# A Hadoop streaming job beside the service: Hadoop's tasks call the mapper; the `__main__` block runs the class.
HADOOP_JOB = (
    "import requests\nfrom mrjob.job import MRJob\n\n\nclass MRExtract(MRJob):\n"
    "    def extract(self, content):\n        return requests.post(self.options.extractor + '/api/process', files={'input': content})\n\n"
    "    def mapper(self, _, line):\n        yield line, self.extract(line).status_code\n\n\n"
    "if __name__ == '__main__':\n    MRExtract.run()\n"
)


def test_a_hadoop_job_is_batch_work_unless_the_deployment_runs_its_program(tmp_path: Path) -> None:
    """sandcrawler's mrjob extraction jobs, run by hand with `-r hadoop`: their methods are batch work, not the
    service; a crontab line that runs the job's program runs it unattended, and keeps its findings."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "hadoop/extract_job.py": HADOOP_JOB}
    assert _timeouts(files, SERVICE, tmp_path / "by_hand") == []
    cron = {**SERVICE, "crontab": "0 3 * * * python3 /srv/hadoop/extract_job.py -r hadoop hdfs:///cdx\n"}
    assert _timeouts(files, cron, tmp_path / "cron") == ["hadoop/extract_job.py"]
