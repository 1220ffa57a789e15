"""PRR201: request instrumentation that the deployment provides, not the code (project/launchers.py,
project/managed_platforms.py)."""

from __future__ import annotations

import json

FASTAPI = "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/orders')\ndef orders():\n    return []\n"
OTEL_PYPROJECT = ('[project]\nname = "svc"\ndependencies = [\n    "fastapi",\n    "opentelemetry-distro[otlp]",\n'
                  '    "opentelemetry-instrumentation-fastapi >= 0.64b0",\n]\n')
CLOUD_BUILD = ('steps:\n  - name: "gcr.io/google.com/cloudsdktool/cloud-sdk"\n    entrypoint: gcloud\n    args:\n'
               '      [\n        "run",\n        "deploy",\n        "svc",\n        "--region",\n        "europe-west2",\n      ]\n')


def _service(tmp_path, monkeypatch, app: str = FASTAPI) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "main.py").write_text(app)
    (tmp_path / "Dockerfile").write_text('FROM python:3.12\nCMD ["uvicorn", "svc.main:app"]\n')
    monkeypatch.chdir(tmp_path)


def _paths(run_cli) -> list:
    result = run_cli("check", ".", "--select", "PRR201", "--output-format", "json", "--no-cache")
    return [finding["path"] for finding in json.loads(result.output)["findings"]]


def test_declared_opentelemetry_instrumentor_that_only_its_launcher_loads(tmp_path, run_cli, monkeypatch) -> None:
    """yente (m30 G098): opentelemetry-distro and -instrumentation-fastapi are runtime dependencies, the
    code only calls the API (a gauge, manual spans) and imports no instrumentor: the launcher's
    auto-instrumentation loads it. Code that configures the SDK itself, or imports the instrumentor,
    is judged by what it does with it."""
    _service(tmp_path, monkeypatch)
    (tmp_path / "svc" / "metrics.py").write_text("from opentelemetry import metrics\n\nmeter = metrics.get_meter('svc')\n")
    assert _paths(run_cli) == ["svc/main.py"]
    (tmp_path / "pyproject.toml").write_text(OTEL_PYPROJECT)
    assert _paths(run_cli) == []
    (tmp_path / "svc" / "telemetry.py").write_text(
        "from opentelemetry import metrics\nfrom opentelemetry.sdk.metrics import MeterProvider\n\n"
        "metrics.set_meter_provider(MeterProvider())\n")
    assert _paths(run_cli) == ["svc/main.py"]
    (tmp_path / "svc" / "telemetry.py").write_text("from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor\n")
    assert _paths(run_cli) == ["svc/main.py"]


def test_a_service_deployed_only_on_cloud_run(tmp_path, run_cli, monkeypatch) -> None:
    """sds (m30 G079): Cloud Build runs `gcloud run deploy`, and the only compose file builds a
    development image beside emulators. Cloud Run records count, latency and code of every request."""
    _service(tmp_path, monkeypatch)
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  api:\n    build:\n      context: .\n      dockerfile: Dockerfile.develop\n    ports:\n      - 3033:3033\n")
    assert _paths(run_cli) == ["svc/main.py"]
    (tmp_path / "cloudbuild-prod.yaml").write_text(CLOUD_BUILD)
    assert _paths(run_cli) == []
    (tmp_path / "cloudbuild-prod.yaml").write_text(CLOUD_BUILD.replace('"deploy"', '"jobs", "deploy"'))
    assert _paths(run_cli) == ["svc/main.py"]  # a Cloud Run job serves no requests


def test_knative_app_engine_and_app_runner_deployments(tmp_path, run_cli, monkeypatch) -> None:
    _service(tmp_path, monkeypatch)
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "service.yaml").write_text(
        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: svc\n")
    assert _paths(run_cli) == []
    (tmp_path / "deploy" / "service.yaml").unlink()
    (tmp_path / "app.yaml").write_text("runtime: python312\nentrypoint: uvicorn svc.main:app\n")
    assert _paths(run_cli) == []
    (tmp_path / "app.yaml").unlink()
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "deploy.yml").write_text(
        "jobs:\n  deploy:\n    steps:\n      - run: aws apprunner update-service --service-arn $ARN\n")
    assert _paths(run_cli) == []


def test_an_app_also_deployed_elsewhere_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    """Cloud Run beside a Kubernetes Deployment, a production compose file or a Procfile: there no
    platform measures the requests."""
    _service(tmp_path, monkeypatch)
    (tmp_path / "cloudbuild.yaml").write_text(CLOUD_BUILD)
    assert _paths(run_cli) == []
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "web.yaml").write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\n")
    assert _paths(run_cli) == ["svc/main.py"]
    (tmp_path / "k8s" / "web.yaml").unlink()
    (tmp_path / "docker-compose.yml").write_text("services:\n  api:\n    build: .\n    ports:\n      - 80:8000\n")
    assert _paths(run_cli) == ["svc/main.py"]
    (tmp_path / "docker-compose.yml").unlink()
    (tmp_path / "Procfile").write_text("web: uvicorn svc.main:app\n")
    assert _paths(run_cli) == ["svc/main.py"]
