"""PRR501 and the code folder of a templated AWS Lambda function (project/lambda_templates.py, lambda_code.py,
lambda_modules.py): the handler string is relative to the folder the function's package is built from, a
local `CodeUri` or, for a package built elsewhere (an S3 object), the one module near the template the handler
string leads to; the runtime puts that folder on `sys.path`, so the handler's bare imports load its siblings
(a Terraform `source_dir` package too).
Code a non-Lambda server also imports, a non-Python function, or a handler two modules could be stays reported."""

from __future__ import annotations

import json

_TEMPLATE = (
    "AWSTemplateFormatVersion: '2010-09-09'\nTransform: 'AWS::Serverless-2016-10-31'\nGlobals:\n  Function:\n"
    "    Timeout: 120\nResources:\n  HooksFunction:\n    Type: 'AWS::Serverless::Function'\n    Properties:\n"
    "      Handler: main.handler\n      Runtime: python3.12\n      CodeUri: s3://artifacts-bucket/hooks/v3.zip\n"
    "Outputs:\n  HooksArn:\n    Value: !GetAtt HooksFunction.Arn\n    Export:\n      Name: !Sub \"${AWS::StackName}-Hooks\"\n"
)
_MAIN = (
    "from ledger import record\n\nROUTES = {'Create': record}\n\n\ndef handler(event, context):\n"
    "    return ROUTES[event['RequestType']](event)\n"
)
_LEDGER = "import requests\n\n\ndef record(event):\n    return requests.post('https://ledger.internal/entries', json=event)\n"
_PROJECT = {
    "billing-hooks/template.yaml": _TEMPLATE,
    "billing-hooks/src/__init__.py": "",
    "billing-hooks/src/main.py": _MAIN,
    "billing-hooks/src/ledger.py": _LEDGER,
}
_CALL = ("billing-hooks/src/ledger.py", 5)


def test_a_handler_whose_package_is_built_elsewhere_is_found_near_the_template(tree_lines) -> None:
    assert tree_lines(_PROJECT) == []


def test_a_module_a_server_also_imports_stays_reported(tree_lines) -> None:
    server = (
        "from flask import Flask\nfrom ledger import record\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/entries', methods=['POST'])\ndef entries():\n    return record({})\n"
    )
    dockerfile = "FROM python:3.12\nCOPY src /app\nWORKDIR /app\nCMD [\"gunicorn\", \"server:app\"]\n"
    files = {**_PROJECT, "billing-hooks/src/server.py": server, "billing-hooks/Dockerfile": dockerfile}
    assert tree_lines(files) == [_CALL]


def test_a_local_code_uri_is_the_folder_the_handler_string_starts_from(tree_lines) -> None:
    template = _TEMPLATE.replace("s3://artifacts-bucket/hooks/v3.zip", "../src/")
    files = {**{path: text for path, text in _PROJECT.items() if not path.endswith(".yaml")}, "billing-hooks/sam/template.yaml": template}
    assert tree_lines(files) == []
    assert tree_lines({**files, "billing-hooks/sam/template.yaml": template.replace("../src/", "../build/")}) == [_CALL]


def test_a_function_of_another_runtime_runs_no_python_module(tree_lines) -> None:
    assert tree_lines({**_PROJECT, "billing-hooks/template.yaml": _TEMPLATE.replace("python3.12", "nodejs20.x")}) == [_CALL]


def test_two_modules_the_handler_string_could_name_bound_neither(tree_lines) -> None:
    files = {**_PROJECT, "billing-hooks/tools/main.py": "def handler(event, context):\n    return event\n"}
    assert tree_lines(files) == [_CALL]


def test_the_code_folder_templates_give_their_functions(tmp_path) -> None:
    from prr_lint.project.lambda_templates import template_functions

    yaml = (
        "Globals:\n  Function:\n    CodeUri: functions/\n    Runtime: python3.12\nResources:\n  Api:\n"
        "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: api.handler\n  Inline:\n"
        "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      InlineCode: |\n"
        "        def handler(event, context): pass\n  Raw:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Handler: raw.handler\n      Code:\n        S3Bucket: artifacts\n        S3Key: raw.zip\n"
    )
    found = [(function.handler, function.code) for function in template_functions(str(tmp_path / "template.yaml"), yaml)]
    assert found == [("api.handler", str(tmp_path / "functions")), ("raw.handler", None)]
    document = {"Resources": {"Api": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "api.handler", "Runtime": "python3.12"}},
                              "Packaged": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "job.run", "Code": "./jobs"}},
                              "Node": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "index.handler", "Runtime": "nodejs20.x"}}}}
    found = [(function.handler, function.code) for function in template_functions(str(tmp_path / "template.json"), json.dumps(document))]
    assert found == [("api.handler", str(tmp_path)), ("job.run", str(tmp_path / "jobs"))]


# The same for a package Terraform builds from a folder (project/lambda_terraform.py): `source_dir` is the package.
_NOTIFY = "from formatting import post\n\n\ndef lambda_handler(event, context):\n    return post(event)\n"
_FORMATTING = "import requests\n\n\ndef post(event):\n    return requests.post('https://hooks.internal/alerts', json=event)\n"
_TERRAFORM = {
    "infra/alerts/lambda_function/notify.py": _NOTIFY,
    "infra/alerts/lambda_function/formatting.py": _FORMATTING,
    "infra/alerts/archive.tf": (
        'data "archive_file" "payload" {\n  type        = "zip"\n  source_dir  = "${path.module}/lambda_function"\n'
        '  output_path = "${path.module}/payload.zip"\n}\n'
    ),
    "infra/alerts/lambda.tf": (
        'resource "aws_lambda_function" "alert" {\n  filename = data.archive_file.payload.output_path\n'
        '  handler  = "notify.lambda_handler"\n  runtime  = "python3.12"\n}\n'
    ),
}


def test_a_sibling_a_terraform_packaged_handler_imports_is_bounded(tree_lines) -> None:
    assert tree_lines(_TERRAFORM) == []


def test_a_sibling_a_started_script_of_the_folder_also_imports_stays_reported(tree_lines) -> None:
    relay = ("import time\n\nfrom formatting import post\n\n\nif __name__ == '__main__':\n"
             "    while True:\n        post({'text': 'heartbeat'})\n        time.sleep(60)\n")  # a daemon the image runs
    dockerfile = "FROM python:3.12\nCOPY infra/alerts/lambda_function /app\nCMD [\"python\", \"/app/relay.py\"]\n"
    files = {**_TERRAFORM, "infra/alerts/lambda_function/relay.py": relay, "Dockerfile": dockerfile}
    assert tree_lines(files) == [("infra/alerts/lambda_function/formatting.py", 5)]
