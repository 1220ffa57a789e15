"""Build pipelines are no deployment (project/launchers.py `build_pipeline`): a Cloud Build config's step
that runs a seeding script against a throw-away test server is a CI job's, so the script and the helper
module only it imports are an operator's; the same script a Kubernetes Job runs is the deployment's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
SEED_CLIENT = (
    "import requests\n\nclass Server:\n    def __init__(self, url):\n        self.url = url\n\n"
    "    def post(self, path, body):\n        return requests.post(self.url + path, json=body)\n"
)
SEED = (
    "import argparse\nfrom seed_client import Server\n\ndef seed(url):\n    Server(url).post('/users', {'name': 'demo'})\n\n"
    "if __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--server')\n"
    "    seed(parser.parse_args().server)\n"
)
CLOUD_BUILD = (
    "steps:\n  # build and deploy a test server, fill it with demo data, test it, delete it\n"
    "  - id: build\n    name: gcr.io/cloud-builders/docker\n    args: [build, -t, svc, .]\n"
    "  - id: seed\n    name: python\n    entrypoint: /bin/sh\n    args: [-c, 'pip install requests && python seed.py --server $$URL']\n"
    "timeout: 1800s\n"
)
JOB = (
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: seed\nspec:\n  template:\n    spec:\n      containers:\n"
    "        - name: seed\n          image: svc\n          command: [python, seed.py, --server, http://api]\n"
)


def _lines(tmp_path: Path, launch: Dict[str, str]) -> List[Tuple[str, int]]:
    files = {"app.py": VIEWS, "seed.py": SEED, "seed_client.py": SEED_CLIENT}
    found = run_on_disk(tmp_path, files, on_disk_only=launch, launch_files=tuple(launch), whole_project=True).findings
    return sorted((f.path, f.span.line) for f in found)


def test_a_script_only_a_build_pipeline_runs_is_an_operators(tmp_path: Path) -> None:
    """The Cloud Build config (top-level `steps:` list, whatever the file is called) seeds a test server: a CI job."""
    assert _lines(tmp_path, {"cloudbuild-ci.yaml": CLOUD_BUILD}) == []


def test_a_script_a_kubernetes_job_runs_stays_the_deployments(tmp_path: Path) -> None:
    """The same script run by a Kubernetes Job is production code: its hung call holds the job with nobody watching."""
    assert _lines(tmp_path, {"deploy/seed-job.yaml": JOB}) == [("seed_client.py", 8)]


def test_a_manifest_with_a_steps_list_is_no_build_pipeline(tmp_path: Path) -> None:
    """An object with `apiVersion`/`kind` (an Argo or Tekton resource listing `steps:`) is a deployed resource."""
    manifest = JOB.replace("spec:\n  template:", "steps:\n  - name: seed\nspec:\n  template:", 1)
    assert _lines(tmp_path, {"deploy/seed-job.yaml": manifest}) == [("seed_client.py", 8)]
