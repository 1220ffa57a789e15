"""PRR501 and AWS Lambda container images Terraform deploys (project/lambda_terraform.py,
project/lambda_terraform_images.py): a function whose `image_uri` names an image the Terraform module builds
from a Dockerfile runs the handler that image's `CMD` (or the function's `image_config` command) names, so the
app its Mangum handler wraps is bounded by the function's timeout; an image tied to no build, a handler that
maps to no project module, or an app a server the deployment runs also serves stays reported
(veda-data-airflow's workflows API: infrastructure/main.tf, workflows_api/runtime)."""

from __future__ import annotations

_FUNCTION = (
    'resource "aws_ecr_repository" "api" {\n  name = "${var.prefix}-api"\n}\n\n'
    'resource "null_resource" "api_image" {\n  triggers = {\n    always_run = timestamp()\n  }\n'
    '  provisioner "local-exec" {\n    command = <<-EOT\n      set -e\n'
    '      docker build --platform=linux/amd64 \\\n        -t ${aws_ecr_repository.api.repository_url}:latest ../service/runtime/\n'
    '      docker push ${aws_ecr_repository.api.repository_url}:latest\n    EOT\n  }\n}\n\n'
    'resource "aws_lambda_function" "api" {\n  function_name = "${var.prefix}-api"\n  package_type  = "Image"\n'
    '  timeout       = 30\n  image_uri     = "${aws_ecr_repository.api.repository_url}:latest"\n'
    '  depends_on    = [null_resource.api_image]\n  environment {\n    variables = {\n      STAGE = var.stage\n    }\n  }\n}\n'
)
# Built on a plain Python image (with the runtime interface client), so only the Terraform function makes it a Lambda's;
# on AWS's Lambda base image (_BASE_IMAGE) the image is one by itself (lambda_base_images.py).
_DOCKERFILE = (
    "FROM python:3.12-slim\nRUN pip install awslambdaric\nCOPY ./requirements.txt ${LAMBDA_TASK_ROOT}\n"
    "RUN pip install -r ${LAMBDA_TASK_ROOT}/requirements.txt\nCOPY . ${LAMBDA_TASK_ROOT}\nENTRYPOINT [ \"python\", \"-m\", \"awslambdaric\" ]\nCMD [ \"entry.handler\" ]\n"
)
_BASE_IMAGE = _DOCKERFILE.replace("FROM python:3.12-slim\nRUN pip install awslambdaric", "FROM public.ecr.aws/lambda/python:3.12").replace(
    'ENTRYPOINT [ \"python\", \"-m\", \"awslambdaric\" ]\n', "")
_ENTRY = "from mangum import Mangum\nfrom src.app import api\n\nhandler = Mangum(api, lifespan='off')\n"
_APP = (
    "from fastapi import FastAPI\n\nfrom src import registry\n\napi = FastAPI()\n\n\n"
    "@api.post('/runs')\ndef start_run(name: str):\n    return registry.trigger(name)\n"
)
_REGISTRY = "import requests\n\n\ndef trigger(name):\n    return requests.post('https://scheduler.internal/runs', json={'name': name}).json()\n"
_DEV_SERVER = "import uvicorn\nfrom src import app\n\nif __name__ == '__main__':\n    uvicorn.run(app.api, host='0.0.0.0', port=8000)\n"
_PROJECT = {
    "deploy/main.tf": _FUNCTION,
    "service/runtime/Dockerfile": _DOCKERFILE,
    "service/runtime/requirements.txt": "fastapi\nmangum\nrequests\n",
    "service/runtime/entry.py": _ENTRY,
    "service/runtime/dev_server.py": _DEV_SERVER,
    "service/runtime/src/app.py": _APP,
    "service/runtime/src/registry.py": _REGISTRY,
}
_CALL = ("service/runtime/src/registry.py", 5)


def test_an_app_only_a_terraform_image_functions_handler_serves_is_bounded(tree_lines) -> None:
    assert tree_lines(_PROJECT) == []


def test_a_function_pinning_the_built_image_by_digest_is_tied_to_the_build(tree_lines) -> None:
    pinned = _FUNCTION.replace('repository_url}:latest"\n  depends_on', 'repository_url}@${data.aws_ecr_image.api.image_digest}"\n  depends_on')
    assert pinned != _FUNCTION
    assert tree_lines({**_PROJECT, "deploy/main.tf": pinned}) == []


def test_an_image_built_from_a_lambda_base_image_is_a_lambda_function_without_the_terraform_function(tree_lines) -> None:
    """The base image's entry point is the Lambda runtime client: the image runs its CMD's handler as a Lambda
    function, wherever the function is declared (opg-data-lpa's image, which Terraform reads from a registry)."""
    files = {path: text for path, text in _PROJECT.items() if not path.endswith(".tf")}
    assert tree_lines(files) == [_CALL]
    assert tree_lines({**files, "service/runtime/Dockerfile": _BASE_IMAGE}) == []


def test_without_the_terraform_function_an_image_of_another_base_stays_reported(tree_lines) -> None:
    files = {path: text for path, text in _PROJECT.items() if not path.endswith(".tf")}
    other = _BASE_IMAGE.replace("FROM public.ecr.aws/lambda/python:3.12", "FROM python:3.12-slim")
    assert other != _BASE_IMAGE
    assert tree_lines({**files, "service/runtime/Dockerfile": other}) == [_CALL]


def test_a_lambda_base_image_with_an_entry_point_of_its_own_stays_reported(tree_lines) -> None:
    files = {path: text for path, text in _PROJECT.items() if not path.endswith(".tf")}
    served = _BASE_IMAGE.replace('CMD [ "entry.handler" ]', 'ENTRYPOINT ["python", "-m", "uvicorn"]\nCMD [ "entry.handler" ]')
    assert served != _BASE_IMAGE
    assert tree_lines({**files, "service/runtime/Dockerfile": served}) == [_CALL]


def test_the_last_stage_of_a_lambda_base_image_build_decides(tree_lines) -> None:
    """A build stage's `WORKDIR /app` is not the runtime stage's: the handler is found under the base image's
    task root, where the runtime stage copies the code from the repository root (`docker build -f ...  .`)."""
    files = {path: text for path, text in _PROJECT.items() if not path.endswith(".tf")}
    staged = (
        "FROM public.ecr.aws/lambda/python:3.13@sha256:044c AS build\nWORKDIR /app\nRUN pip install --target /app mangum\n\n"
        "FROM public.ecr.aws/lambda/python:3.13@sha256:044c AS runtime\nCOPY --from=build /app/ ${LAMBDA_TASK_ROOT}/\n"
        "COPY service/runtime/ ${LAMBDA_TASK_ROOT}\nCMD [\"entry.handler\"]\n"
    )
    assert tree_lines({**files, "service/runtime/Dockerfile": staged}) == []
    assert tree_lines({**files, "service/runtime/Dockerfile": staged.replace("AS runtime", "AS runtime\nENTRYPOINT [\"gunicorn\"]")}) == [_CALL]


def test_a_development_env_file_naming_a_local_server_keeps_nothing_out_of_the_lambda(tree_lines) -> None:
    """`flask run` reads `.env`: one that turns the development server on (`FLASK_ENV=development`) names a
    developer's local app, not a deployed one (opg-data-lpa's `lpa_local.py`); without it the app counts as served."""
    files = {path: text for path, text in _PROJECT.items() if not path.endswith(".tf")}
    files["service/runtime/Dockerfile"] = _BASE_IMAGE
    env = "FLASK_APP=service/runtime/dev_server.py\nFLASK_ENV=development\nDEBUG=True\n"
    assert tree_lines({**files, ".env": env}) == []
    assert tree_lines({**files, ".env": env.replace("FLASK_ENV=development\n", "")}) == [_CALL]


def test_an_image_the_module_does_not_build_stays_reported(tree_lines) -> None:
    function = _FUNCTION.replace('image_uri     = "${aws_ecr_repository.api.repository_url}:latest"', 'image_uri     = var.api_image')
    assert tree_lines({**_PROJECT, "deploy/main.tf": function}) == [_CALL]


def test_a_build_of_another_image_ties_nothing(tree_lines) -> None:
    function = _FUNCTION.replace("-t ${aws_ecr_repository.api.repository_url}:latest", "-t ${aws_ecr_repository.jobs.repository_url}:latest")
    assert tree_lines({**_PROJECT, "deploy/main.tf": function}) == [_CALL]


def test_a_build_an_output_only_describes_or_that_moves_first_ties_nothing(tree_lines) -> None:
    described = _FUNCTION.replace('resource "null_resource" "api_image" {\n  triggers = {\n    always_run = timestamp()\n  }', 'output "push_commands" {').replace(
        '  provisioner "local-exec" {\n    command = <<-EOT', '  value = <<-EOT').replace("    EOT\n  }\n}", "    EOT\n}")
    assert tree_lines({**_PROJECT, "deploy/main.tf": described}) == [_CALL]
    moved = _FUNCTION.replace("      docker build", "      cd ../service\n      docker build").replace("../service/runtime/", "runtime/")
    assert tree_lines({**_PROJECT, "deploy/main.tf": moved}) == [_CALL]


def test_a_cmd_naming_no_project_module_stays_reported(tree_lines) -> None:
    dockerfile = _DOCKERFILE.replace('"entry.handler"', '"worker.handler"')
    assert tree_lines({**_PROJECT, "service/runtime/Dockerfile": dockerfile}) == [_CALL]


def test_the_functions_image_config_command_replaces_the_cmd(tree_lines) -> None:
    function = _FUNCTION.replace("  depends_on", '  image_config {\n    command = ["entry.handler"]\n  }\n  depends_on')
    dockerfile = _DOCKERFILE.replace('"entry.handler"', '"worker.handler"')
    assert tree_lines({**_PROJECT, "deploy/main.tf": function, "service/runtime/Dockerfile": dockerfile}) == []
    other = function.replace('command = ["entry.handler"]', 'command = ["worker.handler"]')
    assert tree_lines({**_PROJECT, "deploy/main.tf": other}) == [_CALL]


def test_the_docker_build_module_and_the_lambda_module_are_tied_by_image_uri(tree_lines) -> None:
    modules = (
        'module "api_image" {\n  source          = "terraform-aws-modules/lambda/aws//modules/docker-build"\n'
        '  create_ecr_repo = true\n  ecr_repo        = "api"\n  source_path     = "${path.module}/../service/runtime"\n}\n\n'
        'locals {\n  api_image = module.api_image.image_uri\n}\n\n'
        'module "api" {\n  source         = "terraform-aws-modules/lambda/aws"\n  function_name  = "api"\n'
        '  create_package = false\n  package_type   = "Image"\n  image_uri      = local.api_image\n  timeout        = 30\n}\n'
    )
    assert tree_lines({**_PROJECT, "deploy/main.tf": modules}) == []
    commanded = modules.replace("  timeout        = 30\n", '  timeout        = 30\n  image_config_command = ["entry.handler"]\n')
    dockerfile = _DOCKERFILE.replace('"entry.handler"', '"worker.handler"')
    assert tree_lines({**_PROJECT, "deploy/main.tf": commanded, "service/runtime/Dockerfile": dockerfile}) == []
    own = modules.replace('source         = "terraform-aws-modules/lambda/aws"', 'source         = "./modules/function"')
    assert tree_lines({**_PROJECT, "deploy/main.tf": own}) == [_CALL]  # a project's module may give it another handler


def test_an_app_a_production_image_also_serves_through_the_script_stays_reported(tree_lines) -> None:
    server = "FROM python:3.12\nCOPY service/runtime /app\nWORKDIR /app\nCMD [\"python\", \"dev_server.py\"]\n"
    assert tree_lines({**_PROJECT, "Dockerfile": server}) == [_CALL]


def test_an_app_a_production_launcher_runs_by_module_name_stays_reported(tree_lines) -> None:
    assert tree_lines({**_PROJECT, "Procfile": "web: cd service/runtime && python -m dev_server\n"}) == [_CALL]
    jobs = "from celery import Celery\nfrom src import registry\n\napp = Celery('jobs')\napp.task(registry.trigger)\n"
    files = {**_PROJECT, "service/runtime/jobs.py": jobs, "Procfile": "worker: cd service/runtime && celery -A jobs worker\n"}
    assert tree_lines(files) == [_CALL]


def test_a_script_outside_the_lambda_package_keeps_what_it_imports_out(tree_lines) -> None:
    files = {**_PROJECT, "serve.py": _DEV_SERVER.replace("from src import app", "from service.runtime.src import app")}
    assert tree_lines(files) == [_CALL]


def test_what_a_lambda_only_modules_import_runs_is_bounded_by_the_init_phase(tree_lines) -> None:
    """`api = create_app()` at the top of a module only the handler loads runs in the function's init phase, which AWS
    stops too (opg-data-lpa's factory building the redis client its views use): bounded unless a server also loads it."""
    factory = (
        "import redis\nfrom fastapi import FastAPI\n\n\ndef create_app():\n    app = FastAPI()\n"
        "    app.state.cache = redis.Redis.from_url('redis://cache.internal:6379')\n    return app\n\n\napi = create_app()\n\n\n"
        "@api.get('/runs/{name}')\ndef run(name: str):\n    return api.state.cache.get(name)\n"
    )
    files = {**_PROJECT, "service/runtime/src/app.py": factory}
    assert tree_lines(files) == []
    served = {**files, "Procfile": "web: cd service/runtime && python -m dev_server\n"}
    assert tree_lines(served) == [("service/runtime/src/app.py", 7)]
