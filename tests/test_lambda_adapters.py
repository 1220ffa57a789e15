"""PRR501 and a web app a Lambda function serves through a WSGI/ASGI adapter (project/lambda_templates.py):
the function's handler (`serverless_wsgi.handle_request(app, ...)` in a function, `handler =
make_lambda_handler(app)`, serverless-wsgi's or Zappa's `app`) loads the app's module, so every route is
stopped at the function's timeout, whether the function is a zip or a container image whose
`ImageConfig: Command` replaces the Dockerfile's gunicorn `CMD`. The same app another deployment file
serves (a Dockerfile no Lambda replaces the CMD of, a Procfile), or a Lambda whose handler is another
module, stays reported."""

from __future__ import annotations

import json

_APP = (
    "import requests\nimport serverless_wsgi\nfrom flask import Flask\n\napplication = Flask(__name__)\n\n\n"
    "@application.route('/missions')\ndef missions():\n    return requests.post('https://cmr.example.org/search').text\n\n\n"
    "def run_flask_lambda(event, context):\n    return serverless_wsgi.handle_request(application, event, context)\n"
)
_DOCKERFILE = (
    "FROM public.ecr.aws/lambda/python:3.12\nWORKDIR ${LAMBDA_TASK_ROOT}/service\nCOPY api api\n"
    "ENV OPEN_TO_IP=127.0.0.1\nENTRYPOINT [\"/bin/bash\", \"-l\", \"-c\"]\n"
    "CMD [\"python3 -m gunicorn --bind ${OPEN_TO_IP}:8080 api.app:application\"]\n"
)
_SAM = (
    "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n"
    "    Timeout: 200\nResources:\n  SearchFunction:\n    Type: AWS::Serverless::Function  # the API\n"
    "    Properties:\n      PackageType: Image\n      ImageConfig:\n        EntryPoint: [\"/lambda-entrypoint.sh\"]\n"
    "        Command: [ \"api.app.run_flask_lambda\" ]\n      Events:\n        Proxy:\n          Type: Api\n"
    "          Properties:\n            Path: /{proxy+}\n            Method: ANY\n"
    "    Metadata:\n      Dockerfile: Dockerfile\n      DockerContext: \"./\"\n"
)
_PROJECT = {"api/__init__.py": "", "api/app.py": _APP, "Dockerfile": _DOCKERFILE, "template.yaml": _SAM}
_REPORTED = [("api/app.py", 10)]


def test_an_app_a_lambda_image_serves_is_bounded_though_its_dockerfile_runs_gunicorn(tree_lines) -> None:
    assert tree_lines(_PROJECT) == []


def test_the_same_image_without_a_lambda_stays_reported(tree_lines) -> None:
    files = {**_PROJECT, "template.yaml": _SAM.replace("AWS::Serverless::Function", "AWS::ECS::TaskDefinition")}
    assert tree_lines(files) == _REPORTED


def test_a_dockerfile_the_function_does_not_build_still_runs_gunicorn(tree_lines) -> None:
    template = _SAM.replace("    Metadata:\n      Dockerfile: Dockerfile\n      DockerContext: \"./\"\n", "")
    assert tree_lines({**_PROJECT, "template.yaml": template}) == _REPORTED


def test_an_image_whose_cmd_the_function_keeps_runs_it(tree_lines) -> None:
    template = _SAM.replace("        Command: [ \"api.app.run_flask_lambda\" ]\n", "").replace("      ImageConfig:\n        EntryPoint: [\"/lambda-entrypoint.sh\"]\n", "")
    assert tree_lines({**_PROJECT, "template.yaml": template}) == _REPORTED


def test_the_same_app_a_procfile_serves_stays_reported(tree_lines) -> None:
    files = {**_PROJECT, "Procfile": "web: gunicorn api.app:application --bind 0.0.0.0:$PORT\n"}
    assert tree_lines(files) == _REPORTED


def test_a_lambda_whose_handler_is_another_module_does_not_bound_the_app(tree_lines) -> None:
    jobs = "import boto3\n\n\ndef handler(event, context):\n    return boto3.client('s3').list_buckets()\n"
    template = _SAM.replace("api.app.run_flask_lambda", "api.jobs.handler")
    assert tree_lines({**_PROJECT, "api/jobs.py": jobs, "template.yaml": template}) == _REPORTED


_ENTRY = "from apig_wsgi import make_lambda_handler\n\nfrom api.app import application\n\nhandler = make_lambda_handler(application)\n"
_ZIP = {"api/__init__.py": "", "api/app.py": _APP, "api/entry.py": _ENTRY}


def test_a_json_template_whose_handler_is_an_adapter_object_bounds_the_app(tree_lines) -> None:
    template = {"Resources": {"Api": {"Type": "AWS::Lambda::Function", "Properties": {
        "Handler": "api.entry.handler", "Runtime": "python3.12", "Code": {"S3Bucket": "builds", "S3Key": "api.zip"}}}}}
    assert tree_lines({**_ZIP, "stack.template.json": json.dumps(template, indent=2)}) == []


def test_serverless_wsgi_names_the_app_its_handler_serves(tree_lines) -> None:
    serverless = (
        "service: search\nprovider:\n  name: aws\n  runtime: python3.12\nplugins:\n  - serverless-wsgi\n"
        "custom:\n  wsgi:\n    app: api/app.application\nfunctions:\n  api:\n    handler: wsgi_handler.handler\n"
        "    events:\n      - httpApi: '*'\n"
    )
    files = {"api/__init__.py": "", "api/app.py": _APP, "serverless.yml": serverless}
    assert tree_lines(files) == []


def test_zappa_settings_name_the_app_its_handler_serves(tree_lines) -> None:
    settings = {"production": {"app_function": "api.app.application", "aws_region": "us-east-1", "timeout_seconds": 60}}
    files = {"api/__init__.py": "", "api/app.py": _APP, "zappa_settings.json": json.dumps(settings)}
    assert tree_lines(files) == []


def test_the_handler_strings_templates_give_image_functions(tmp_path) -> None:
    from prr_lint.project.lambda_templates import template_functions

    yaml = (
        "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Command: [ignored.handler]\n"
        "  Worker:\n    Type: 'AWS::Lambda::Function'\n    Properties:\n      PackageType: Image\n      ImageConfig:\n"
        "        Command:\n          - \"jobs.worker.handler\"  # the job\n"
    )
    assert [function.handler for function in template_functions(str(tmp_path / "stack.yml"), yaml)] == ["jobs.worker.handler"]
    (tmp_path / "lambda").mkdir()
    (tmp_path / "lambda" / "Dockerfile").write_text("FROM public.ecr.aws/lambda/python:3.12\nCOPY jobs jobs\nCMD [\"jobs.app.handler\"]\n")
    document = {"Resources": {"Api": {"Type": "AWS::Serverless::Function", "Properties": {"PackageType": "Image"},
                                      "Metadata": {"Dockerfile": "Dockerfile", "DockerContext": "lambda"}}}}
    (built,) = template_functions(str(tmp_path / "template.json"), json.dumps(document))
    assert (built.handler, built.dockerfile, built.replaces) == ("jobs.app.handler", str(tmp_path / "lambda" / "Dockerfile"), frozenset())
    serverless = "functions:\n  worker:\n    image:\n      name: jobs\n      command:\n        - jobs.worker.handler\n"
    assert [function.handler for function in template_functions("serverless.yml", serverless)] == ["jobs.worker.handler"]
