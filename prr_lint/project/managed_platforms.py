"""Services deployed only on a managed request-serving platform that measures every request (PRR201).

Google Cloud Run, Google App Engine and AWS App Runner route every request to the container
themselves and record, per service and with no code of its own, the request count, latency and
response code (Cloud Monitoring's `request_count`/`request_latencies`, App Runner's CloudWatch
`Requests`/`RequestLatency`/`4xxStatusResponses`), plus a request log per call: the user-visible
failures PRR201 asks about are measured and can be alerted on. Evidence, in the deployment files the
run lists (CI pipelines included, where deployments usually run):

* Cloud Run: `gcloud run deploy` / `gcloud run services replace` (also as a Cloud Build step,
  `entrypoint: gcloud` with `args: ["run", "deploy", ...]`), the `deploy-cloudrun` GitHub action, or a
  Knative `serving.knative.dev` Service manifest (Cloud Run's own service format);
* App Engine: `gcloud app deploy`, or an `app.yaml` declaring a Python `runtime:`;
* App Runner: `aws apprunner create-service`/`update-service`, an `apprunner.yaml` declaring a
  `runtime:`, the `amazon-app-runner-deploy` action or a CloudFormation `AWS::AppRunner::Service`.

Only when that is every deployment the files show: a Kubernetes workload (`kind: Deployment`,
`StatefulSet` ...), a compose file that is not a development one, a Procfile, a systemd unit, a
supervisor or uwsgi program, a proxy that forwards to the app (`proxy_pass`), or a command deploying
elsewhere (`kubectl apply`, `helm upgrade`, `aws ecs update-service`, `fly deploy` ...) keeps the app
reported: there the platform measures nothing. A compose file is a development one by its name
(`docker-compose.dev.yml`), when every image it builds comes from a development Dockerfile
(`dockerfile: Dockerfile.develop`: the local stack beside emulators), or when it runs a reloading server
over mounted source (dev_composes.py). `gcloud run jobs` runs batch
jobs, not a request-serving service, and does not count. The evidence covers every app of the
repository, as a launcher does (the platform runs the image the repository builds). Read once, with the launcher evidence's
bounds (project/launchers.py).
"""

from __future__ import annotations

import os
import re
from typing import Optional, Sequence

from prr_lint.project.dev_composes import development_compose
from prr_lint.project.launchers import bounded_texts
from prr_lint.project.live_lines import COMPOSE_FILE

_GCLOUD = r"(?:\bgcloud|\bargs:)(?:\s+(?:alpha|beta))?\s+"
_PLATFORM = re.compile(
    _GCLOUD + r"(?:run\s+(?:deploy|services\s+replace)|app\s+deploy)\b"
    r"|google-github-actions/deploy-cloudrun|\baws\s+apprunner\s+(?:create|update)-service\b"
    r"|amazon-app-runner-deploy|AWS::AppRunner::Service"
)
_KNATIVE = re.compile(r"^apiVersion:[ \t]*serving\.knative\.dev/", re.M)
_SERVICE_KIND = re.compile(r"^kind:[ \t]*Service[ \t]*$", re.M)
_ELSEWHERE = re.compile(
    r"^[ \t]*kind:[ \t]*(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|Pod|DeploymentConfig|Rollout)[ \t]*$"
    r"|^[ \t]*ExecStart[ \t]*=|\b(?:proxy|uwsgi)_pass\b"
    r"|\bkubectl\s+(?:apply|create|set\s+image|rollout)\b|\bhelm\s+(?:upgrade|install)\b"
    r"|\baws\s+ecs\s+(?:update|create)-service\b|\becs-deploy\b|\beb\s+deploy\b|\b(?:fly|flyctl)\s+deploy\b"
    r"|\bheroku\s+(?:container:release|deploy)\b",
    re.M,
)
_QUOTES = re.compile(r"[\"'\[\],]|^[ \t]*-[ \t]", re.M)


def managed_platform(paths: Sequence[str]) -> Optional[str]:
    """`path: platform evidence` when the deployment files deploy the service on a managed platform
    that measures every request and nowhere else, or None."""
    found: Optional[str] = None
    for path, text in bounded_texts(paths, with_ci=True):
        text = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        name = os.path.basename(path)
        if _deploys_elsewhere(path, text):
            return None
        evidence = _platform(name, text)
        if evidence and found is None:
            found = f"{path}: {evidence}"
    return found


def _platform(name: str, text: str) -> Optional[str]:
    flat = " ".join(_QUOTES.sub(" ", text).split())
    match = _PLATFORM.search(flat)
    if match and (not match.group(0).startswith("args:") or "gcloud" in text or "cloud-sdk" in text):
        return match.group(0)
    if _KNATIVE.search(text) and _SERVICE_KIND.search(text):
        return "Knative Service (Cloud Run)"
    if name in ("app.yaml", "app.yml") and re.search(r"^runtime:[ \t]*python", text, re.M):
        return "App Engine app.yaml"
    if name in ("apprunner.yaml", "apprunner.yml") and re.search(r"^runtime:[ \t]*\S", text, re.M):
        return "App Runner apprunner.yaml"
    return None


def _deploys_elsewhere(path: str, text: str) -> bool:
    name = os.path.basename(path)
    if name == "Procfile" or _ELSEWHERE.search(text):
        return True
    return bool(COMPOSE_FILE.match(name)) and not development_compose(name, text, path)
