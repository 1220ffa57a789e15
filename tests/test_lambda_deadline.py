"""PRR501 and AWS Lambda timeouts (project/lambda_deadline.py): Lambda stops an invocation at the
function's timeout (at most 900 s), so the management commands a handler dispatches from a queue
message (`call_command(event["command"])`) are bounded; a command another deployment file runs, a
handler that runs one named command, or a project with no Lambda template, stays reported."""

from __future__ import annotations

import json

_CLIENTS = "import requests\n\n\ndef wikipedia(url):\n    return requests.get(url).json()\n"
_COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc import clients\n\n\nclass Command(BaseCommand):\n"
    "    def handle(self, *args, **options):\n        return clients.wikipedia(options['url'])\n"
)
_HANDLER = (
    "import json\nfrom django.core.management import call_command\n\n\ndef handler(event, context):\n"
    "    if 'Records' in event:\n        event = json.loads(event['Records'][0]['body'])\n"
    "    call_command(event['command'], *event.get('args', []))\n"
)
_TEMPLATE = (
    "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  JobsFunction:\n"
    "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: svc.lambda_handler.handler\n"
    "      Runtime: python3.12\n      Timeout: 720\n      Events:\n        Jobs:\n          Type: SQS\n"
    "          Properties:\n            Queue: !GetAtt JobsQueue.Arn\n"
)
_PROJECT = {
    "svc/__init__.py": "",
    "svc/clients.py": _CLIENTS,
    "svc/lambda_handler.py": _HANDLER,
    "svc/management/__init__.py": "",
    "svc/management/commands/__init__.py": "",
    "svc/management/commands/import_bios.py": _COMMAND,
    "sam-template.yaml": _TEMPLATE,
}


def _lines(tmp_path, run_cli, monkeypatch, files: dict) -> list:
    for path, source in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(source)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--select", "PRR501", "--output-format", "json", "--no-cache", "--exit-zero")
    return [(finding["path"], finding["line"]) for finding in json.loads(result.output)["findings"]]


def test_a_command_only_a_lambda_handler_dispatches_is_bounded(tmp_path, run_cli, monkeypatch) -> None:
    assert _lines(tmp_path, run_cli, monkeypatch, _PROJECT) == []


def test_without_a_lambda_template_the_command_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    files = {**_PROJECT, "sam-template.yaml": _TEMPLATE.replace("AWS::Serverless::Function", "AWS::SQS::Queue")}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [("svc/clients.py", 5)]


def test_a_command_a_start_script_also_runs_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    files = {**_PROJECT, "deploy/cron.sh": "#!/bin/sh\npython manage.py import_bios --url=https://en.wikipedia.org\n"}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [("svc/clients.py", 5)]


def test_a_handler_running_one_named_command_bounds_only_that_one(tmp_path, run_cli, monkeypatch) -> None:
    handler = "from django.core.management import call_command\n\n\ndef handler(event, context):\n    call_command('migrate')\n"
    files = {**_PROJECT, "svc/lambda_handler.py": handler}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [("svc/clients.py", 5)]


# Terraform (project/lambda_terraform.py): the handler string and the folder the package is built from tie
# the function to its module (m24 data-workspace, sagemaker_deployment/lambda.tf: finding A082).
_NOTIFY = (
    "import os\n\nimport urllib3\n\nhttp = urllib3.PoolManager()\n\n\ndef lambda_handler(event, context):\n"
    "    return http.request('POST', os.environ['WEBHOOK_URL'], body=event['Records'][0]['Sns']['Message'])\n"
)
_ARCHIVE = (
    'data "archive_file" "payload" {\n  type        = "zip"\n  source_file = "${path.module}/lambda_function/notify.py"\n'
    '  output_path = "${path.module}/lambda_function/payload.zip"\n}\n'
)
_FUNCTION = (
    'resource "aws_iam_role" "alert" {\n  assume_role_policy = <<EOF\n{"Statement": [{"Principal": {\n'
    'EOF\n}\n\nresource "aws_lambda_function" "alert" {\n  filename         = data.archive_file.payload.output_path\n'
    '  source_code_hash = data.archive_file.payload.output_base64sha256\n  handler          = "notify.lambda_handler"  # the module\n'
    '  runtime          = "python3.12"\n  timeout          = var.alert_timeout\n  environment {\n'
    '    variables = { WEBHOOK_URL = var.webhook_url }\n  }\n}\n'
)
_TERRAFORM = {
    "infra/modules/alerts/lambda_function/notify.py": _NOTIFY,
    "infra/modules/alerts/archive.tf": _ARCHIVE,
    "infra/modules/alerts/lambda.tf": _FUNCTION,
}
_NOTIFY_CALL = ("infra/modules/alerts/lambda_function/notify.py", 9)


def test_a_handler_terraform_deploys_from_an_archive_is_bounded(tmp_path, run_cli, monkeypatch) -> None:
    assert _lines(tmp_path, run_cli, monkeypatch, _TERRAFORM) == []


def test_the_same_call_in_a_module_no_terraform_deploys_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    files = {path: source for path, source in _TERRAFORM.items() if not path.endswith(".tf")}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [_NOTIFY_CALL]


def test_a_handler_string_naming_another_module_of_the_code_folder_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    files = {**_TERRAFORM, "infra/modules/alerts/lambda.tf": _FUNCTION.replace('"notify.', '"alerts.')}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [_NOTIFY_CALL]


def test_a_module_of_the_handler_name_outside_the_code_folder_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    archive = _ARCHIVE.replace("/lambda_function/notify.py", "/build/notify.py")
    assert _lines(tmp_path, run_cli, monkeypatch, {**_TERRAFORM, "infra/modules/alerts/archive.tf": archive}) == [_NOTIFY_CALL]


def test_a_source_dir_archive_and_a_nested_handler_module_are_bounded(tmp_path, run_cli, monkeypatch) -> None:
    archive = _ARCHIVE.replace('source_file = "${path.module}/lambda_function/notify.py"', 'source_dir  = "../../../functions"')
    function = _FUNCTION.replace('"notify.lambda_handler"', '"alerts/notify.lambda_handler"')
    files = {"functions/alerts/notify.py": _NOTIFY, "infra/modules/alerts/archive.tf": archive, "infra/modules/alerts/lambda.tf": function}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == []


def test_the_terraform_aws_modules_lambda_module_is_bounded(tmp_path, run_cli, monkeypatch) -> None:
    call = (
        'module "alert" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "alert"\n'
        '  handler       = "notify.lambda_handler"\n  runtime       = "python3.12"\n'
        '  source_path   = "${path.module}/lambda_function"\n}\n'
    )
    files = {"infra/modules/alerts/lambda_function/notify.py": _NOTIFY, "infra/modules/alerts/main.tf": call}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == []


# AWS CDK (project/lambda_cdk.py): the construct's handler and its asset folder tie it to the module.
_STACK = (
    "from aws_cdk import Duration, Stack\nfrom aws_cdk import aws_lambda as lambda_\n\n\nclass AlertStack(Stack):\n"
    "    def __init__(self, scope, name):\n        super().__init__(scope, name)\n"
    "        lambda_.Function(self, 'Alert', runtime=lambda_.Runtime.PYTHON_3_12, handler='notify.lambda_handler',\n"
    "                         code=lambda_.Code.from_asset('lambda_function'), timeout=Duration.seconds(30))\n"
)
_CDK = {"cdk/cdk.json": '{"app": "python3 app.py"}\n', "cdk/stacks/alert.py": _STACK, "cdk/lambda_function/notify.py": _NOTIFY}


def test_a_handler_a_cdk_function_deploys_from_an_asset_folder_is_bounded(tmp_path, run_cli, monkeypatch) -> None:
    assert _lines(tmp_path, run_cli, monkeypatch, _CDK) == []


def test_a_cdk_asset_beside_the_stack_module_is_bounded(tmp_path, run_cli, monkeypatch) -> None:
    stack = _STACK.replace("'lambda_function'", "os.path.join(os.path.dirname(__file__), '..', 'lambda_function')")
    assert _lines(tmp_path, run_cli, monkeypatch, {**_CDK, "cdk/stacks/alert.py": "import os\n" + stack}) == []


def test_a_cdk_asset_folder_without_the_handler_module_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    files = {**_CDK, "cdk/stacks/alert.py": _STACK.replace("'lambda_function'", "'build'")}
    assert _lines(tmp_path, run_cli, monkeypatch, files) == [("cdk/lambda_function/notify.py", 9)]
