"""PRR501 and AWS Lambda timeouts (project/lambda_deadline.py): Lambda stops an invocation at the
function's timeout (at most 900 s), so the management commands a handler dispatches from a queue
message (`call_command(event["command"])`) are bounded; a command another deployment file runs, a
handler that runs one named command, or a project with no Lambda template, stays reported."""

from __future__ import annotations

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


def test_a_command_only_a_lambda_handler_dispatches_is_bounded(tree_lines) -> None:
    assert tree_lines(_PROJECT) == []


def test_without_a_lambda_template_the_command_stays_reported(tree_lines) -> None:
    files = {**_PROJECT, "sam-template.yaml": _TEMPLATE.replace("AWS::Serverless::Function", "AWS::SQS::Queue")}
    assert tree_lines(files) == [("svc/clients.py", 5)]


def test_a_command_a_start_script_also_runs_stays_reported(tree_lines) -> None:
    files = {**_PROJECT, "deploy/cron.sh": "#!/bin/sh\npython manage.py import_bios --url=https://en.wikipedia.org\n"}
    assert tree_lines(files) == [("svc/clients.py", 5)]


def test_a_handler_running_one_named_command_bounds_only_that_one(tree_lines) -> None:
    handler = "from django.core.management import call_command\n\n\ndef handler(event, context):\n    call_command('migrate')\n"
    files = {**_PROJECT, "svc/lambda_handler.py": handler}
    assert tree_lines(files) == [("svc/clients.py", 5)]


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


def test_a_handler_terraform_deploys_from_an_archive_is_bounded(tree_lines) -> None:
    assert tree_lines(_TERRAFORM) == []


def test_an_archive_and_function_created_with_a_count_are_tied_by_index(tree_lines) -> None:
    archive = _ARCHIVE.replace('  type ', '  count       = var.alerts ? 1 : 0\n  type ')
    function = _FUNCTION.replace("data.archive_file.payload.", "data.archive_file.payload[0].")
    assert tree_lines({**_TERRAFORM, "infra/modules/alerts/archive.tf": archive, "infra/modules/alerts/lambda.tf": function}) == []


def test_the_same_call_in_a_module_no_terraform_deploys_stays_reported(tree_lines) -> None:
    files = {path: source for path, source in _TERRAFORM.items() if not path.endswith(".tf")}
    assert tree_lines(files) == [_NOTIFY_CALL]


def test_a_handler_string_naming_another_module_of_the_code_folder_stays_reported(tree_lines) -> None:
    files = {**_TERRAFORM, "infra/modules/alerts/lambda.tf": _FUNCTION.replace('"notify.', '"alerts.')}
    assert tree_lines(files) == [_NOTIFY_CALL]


def test_a_module_of_the_handler_name_outside_the_code_folder_stays_reported(tree_lines) -> None:
    archive = _ARCHIVE.replace("/lambda_function/notify.py", "/build/notify.py")
    assert tree_lines({**_TERRAFORM, "infra/modules/alerts/archive.tf": archive}) == [_NOTIFY_CALL]


def test_a_source_dir_archive_and_a_nested_handler_module_are_bounded(tree_lines) -> None:
    archive = _ARCHIVE.replace('source_file = "${path.module}/lambda_function/notify.py"', 'source_dir  = "../../../functions"')
    function = _FUNCTION.replace('"notify.lambda_handler"', '"alerts/notify.lambda_handler"')
    files = {"functions/alerts/notify.py": _NOTIFY, "infra/modules/alerts/archive.tf": archive, "infra/modules/alerts/lambda.tf": function}
    assert tree_lines(files) == []


def test_the_terraform_aws_modules_lambda_module_is_bounded(tree_lines) -> None:
    call = (
        'module "alert" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "alert"\n'
        '  handler       = "notify.lambda_handler"\n  runtime       = "python3.12"\n'
        '  source_path   = "${path.module}/lambda_function"\n}\n'
    )
    files = {"infra/modules/alerts/lambda_function/notify.py": _NOTIFY, "infra/modules/alerts/main.tf": call}
    assert tree_lines(files) == []


# AWS CDK (project/lambda_cdk.py): the construct's handler and its asset folder tie it to the module.
_STACK = (
    "from aws_cdk import Duration, Stack\nfrom aws_cdk import aws_lambda as lambda_\n\n\nclass AlertStack(Stack):\n"
    "    def __init__(self, scope, name):\n        super().__init__(scope, name)\n"
    "        lambda_.Function(self, 'Alert', runtime=lambda_.Runtime.PYTHON_3_12, handler='notify.lambda_handler',\n"
    "                         code=lambda_.Code.from_asset('lambda_function'), timeout=Duration.seconds(30))\n"
)
_CDK = {"cdk/cdk.json": '{"app": "python3 app.py"}\n', "cdk/stacks/alert.py": _STACK, "cdk/lambda_function/notify.py": _NOTIFY}


def test_a_handler_a_cdk_function_deploys_from_an_asset_folder_is_bounded(tree_lines) -> None:
    assert tree_lines(_CDK) == []


def test_a_cdk_asset_beside_the_stack_module_is_bounded(tree_lines) -> None:
    stack = _STACK.replace("'lambda_function'", "os.path.join(os.path.dirname(__file__), '..', 'lambda_function')")
    assert tree_lines({**_CDK, "cdk/stacks/alert.py": "import os\n" + stack}) == []


def test_a_cdk_asset_folder_without_the_handler_module_stays_reported(tree_lines) -> None:
    files = {**_CDK, "cdk/stacks/alert.py": _STACK.replace("'lambda_function'", "'build'")}
    assert tree_lines(files) == [("cdk/lambda_function/notify.py", 9)]


# Code built with Docker (project/lambda_image.py): the Dockerfile's copies tie the handler string to the
# module (m31 veda-backend: database/infrastructure/construct.py, finding H396).
_BOOTSTRAP = (
    "import requests\n\n\ndef send(event, status):\n    requests.put(event['ResponseURL'], json={'Status': status})\n\n\n"
    "def handler(event, context):\n    send(event, 'SUCCESS')\n"
)
_BOOTSTRAP_CALL = ("database/runtime/handler.py", 5)
_DOCKER_STACK = (
    "import os\n\nfrom aws_cdk import Duration, aws_lambda\nfrom constructs import Construct\n\n\nclass Bootstrap(Construct):\n"
    "    def __init__(self, scope, name, code_dir: str = './'):\n        super().__init__(scope, name)\n"
    "        aws_lambda.Function(self, 'lambda', handler='handler.handler', runtime=aws_lambda.Runtime.PYTHON_3_12,\n"
    "                            code=aws_lambda.Code.from_docker_build(path=os.path.abspath(code_dir),\n"
    "                                                                  file='database/runtime/Dockerfile'),\n"
    "                            timeout=Duration.minutes(5))\n"
)
_BUILD_DOCKERFILE = (
    "FROM public.ecr.aws/sam/build-python3.12:latest\nWORKDIR /tmp\nRUN pip install requests -t /asset\n"
    "COPY database/runtime/handler.py /asset/handler.py\nCMD [\"echo\", \"hello world\"]\n"
)
_DOCKER_BUILD = {"cdk.json": '{"app": "python3 app.py"}\n', "database/__init__.py": "",
                 "database/infrastructure/__init__.py": "", "database/infrastructure/construct.py": _DOCKER_STACK,
                 "database/runtime/handler.py": _BOOTSTRAP, "database/runtime/Dockerfile": _BUILD_DOCKERFILE}


def test_a_handler_a_cdk_docker_build_copies_into_the_asset_folder_is_bounded(tree_lines) -> None:
    assert tree_lines(_DOCKER_BUILD) == []


def test_a_docker_build_that_copies_another_file_as_the_handler_stays_reported(tree_lines) -> None:
    dockerfile = _BUILD_DOCKERFILE.replace("COPY database/runtime/handler.py", "COPY database/runtime/bootstrap.py")
    files = {**_DOCKER_BUILD, "database/runtime/Dockerfile": dockerfile, "database/runtime/bootstrap.py": "def handler(event, context):\n    return event\n"}
    assert tree_lines(files) == [_BOOTSTRAP_CALL]


def test_a_container_image_function_runs_the_handler_its_dockerfile_cmd_names(tree_lines) -> None:
    stack = (
        "from aws_cdk import Stack, aws_lambda\n\n\nclass Images(Stack):\n    def __init__(self, scope, name):\n"
        "        super().__init__(scope, name)\n        aws_lambda.DockerImageFunction(\n"
        "            self, 'Bootstrap', code=aws_lambda.DockerImageCode.from_image_asset('database/runtime'))\n"
    )
    dockerfile = "FROM public.ecr.aws/lambda/python:3.12\nCOPY handler.py ${LAMBDA_TASK_ROOT}\nCMD [\"handler.handler\"]\n"
    files = {**_DOCKER_BUILD, "database/infrastructure/construct.py": stack, "database/runtime/Dockerfile": dockerfile}
    assert tree_lines(files) == []
    other = dockerfile.replace('CMD ["handler.handler"]', 'CMD ["worker.handler"]')
    assert tree_lines({**files, "database/runtime/Dockerfile": other}) == [_BOOTSTRAP_CALL]


# A handler that wraps an app (`handler = Mangum(app)`): the modules only Lambda handlers load are bounded,
# the pydantic validators no call chain shows included (project/lambda_modules.py; veda-backend H398, H399).
_API_STACK = _DOCKER_STACK.replace("database/runtime/Dockerfile", "api/runtime/Dockerfile").replace("Duration.minutes(5)", "Duration.seconds(30)")
_API_DOCKERFILE = (
    "FROM public.ecr.aws/sam/build-python3.12:latest\nCOPY api/runtime/requirements.txt /tmp/requirements.txt\n"
    "RUN pip install -r /tmp/requirements.txt -t /asset\nCOPY api/runtime/src /asset/src\n"
    "COPY api/runtime/handler.py /asset/handler.py\n"
)
_VALIDATORS = "import requests\n\n\ndef url_is_accessible(href):\n    requests.head(href).raise_for_status()\n"
_SCHEMAS = (
    "from pydantic import BaseModel, field_validator\n\nfrom src import validators\n\n\nclass Item(BaseModel):\n    href: str\n\n"
    "    @field_validator('href')\n    @classmethod\n    def accessible(cls, href):\n        validators.url_is_accessible(href)\n        return href\n"
)
_MAIN = (
    "from fastapi import FastAPI\n\nfrom src.schemas import Item\n\napp = FastAPI()\n\n\n"
    "@app.post('/ingestions')\ndef ingest(item: Item):\n    return item\n"
)
_LOCAL = "import uvicorn\nfrom src import main\n\nif __name__ == '__main__':\n    uvicorn.run(main.app, host='0.0.0.0', port=8000)\n"
_COMPOSE = (
    "services:\n  api:\n    build:\n      context: .\n      dockerfile: local/Dockerfile.api\n"
    "    command: python /asset/local.py\n  dynamodb:\n    image: amazon/dynamodb-local\n"
)
_MANGUM = {"cdk.json": '{"app": "python3 app.py"}\n', "api/infrastructure/__init__.py": "",
           "api/infrastructure/construct.py": _API_STACK, "api/runtime/Dockerfile": _API_DOCKERFILE,
           "api/runtime/requirements.txt": "fastapi\nmangum\nrequests\n",
           "api/runtime/handler.py": "from mangum import Mangum\nfrom src.main import app\n\nhandler = Mangum(app)\n",
           "api/runtime/local.py": _LOCAL, "api/runtime/src/__init__.py": "", "api/runtime/src/main.py": _MAIN,
           "api/runtime/src/schemas.py": _SCHEMAS, "api/runtime/src/validators.py": _VALIDATORS,
           "docker-compose.yml": _COMPOSE, "local/Dockerfile.api": "FROM python:3.12\nCOPY api/runtime /asset\nCMD [\"python\", \"/asset/local.py\"]\n"}
_VALIDATOR_CALL = ("api/runtime/src/validators.py", 5)


def test_the_code_of_an_app_only_a_lambda_handler_serves_is_bounded(tree_lines) -> None:
    assert tree_lines(_MANGUM) == []


def test_an_app_a_production_launcher_also_serves_stays_reported(tree_lines) -> None:
    files = {**_MANGUM, "Procfile": "web: uvicorn src.main:app --host 0.0.0.0 --port $PORT\n"}
    assert tree_lines(files) == [_VALIDATOR_CALL]


def test_an_app_a_production_compose_serves_through_a_script_stays_reported(tree_lines) -> None:
    files = {**_MANGUM, "Dockerfile.api": _MANGUM["local/Dockerfile.api"],
             "docker-compose.yml": _COMPOSE.replace("local/Dockerfile.api", "Dockerfile.api")}
    assert tree_lines(files) == [_VALIDATOR_CALL]


# A Chalice project (`.chalice/config.json` beside `app.py`): the handlers its app registers run in Lambdas stopped
# at `lambda_timeout` (project/lambda_chalice.py; HumanCellAtlas+data-store K061).
_CHALICE_APP = (
    "import chalice\n\nfrom chalicelib import lookup\n\n\nclass Api(chalice.Chalice):\n    pass\n\n\n"
    "app = Api(app_name='svc')\n\n\n@app.route('/names/{name}')\ndef name(name):\n    return lookup.fetch(name)\n"
)
_LOOKUP = "import requests\n\n\ndef fetch(name):\n    return requests.get('https://example.org/' + name).json()\n"
_CHALICE = {"api/app.py": _CHALICE_APP, "api/chalicelib/__init__.py": "", "api/chalicelib/lookup.py": _LOOKUP,
            "api/.chalice/config.json": '{"version": "2.0", "app_name": "svc", "lambda_timeout": 300}\n'}
_FLASK = (
    "from flask import Flask\n\nfrom chalicelib import lookup\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/names/<name>')\ndef name(name):\n    return lookup.fetch(name)\n"
)
_LOOKUP_CALL = ("api/chalicelib/lookup.py", 5)


def test_a_call_only_a_chalice_route_handler_makes_is_bounded(tree_lines) -> None:
    assert tree_lines(_CHALICE) == []


def test_a_chalice_app_without_a_chalice_config_stays_reported(tree_lines) -> None:
    files = {name: text for name, text in _CHALICE.items() if not name.startswith("api/.chalice")}
    assert tree_lines(files) == [_LOOKUP_CALL]


def test_a_call_a_flask_route_also_makes_stays_reported(tree_lines) -> None:
    files = {**_CHALICE, "api/server.py": _FLASK, "Procfile": "web: gunicorn --chdir api server:app\n"}
    assert tree_lines(files) == [_LOOKUP_CALL]


# A Chalice project whose config the build renders from a template in `.chalice` (`config.json.template.py`), its
# shared code in `src/` linked into the package's `vendor/` (DataBiosphere/azul Z005): bounded as with a config.
_TEMPLATE = "import json\n\nprint(json.dumps({'version': '2.0', 'app_name': 'svc', 'lambda_timeout': 30}))\n"
_SHARED_APP = _CHALICE_APP.replace("from chalicelib import lookup", "from shared import lookup")
_SYNC = "import requests\n\n\ndef main():\n    requests.post('https://example.org/sync')\n\n\nif __name__ == '__main__':\n    main()\n"
_SHARED = {"lambdas/api/app.py": _SHARED_APP, "lambdas/api/.chalice/config.json.template.py": _TEMPLATE,
           "src/shared/__init__.py": "", "src/shared/lookup.py": _LOOKUP, "src/shared/sync.py": _SYNC,
           "Procfile": "worker: python -m shared.sync\n"}
_SYNC_CALL = ("src/shared/sync.py", 5)


def _vendored(tmp_path) -> None:
    (tmp_path / "lambdas/api/vendor").mkdir(parents=True)
    (tmp_path / "lambdas/api/vendor/shared").symlink_to("../../../src/shared", target_is_directory=True)


def test_a_chalice_app_whose_config_a_template_renders_bounds_its_shared_code(tree_lines, tmp_path) -> None:
    _vendored(tmp_path)
    assert tree_lines(_SHARED) == [_SYNC_CALL]


def test_a_chalice_folder_with_neither_config_nor_template_stays_reported(tree_lines, tmp_path) -> None:
    _vendored(tmp_path)
    files = {**{name: text for name, text in _SHARED.items() if ".chalice" not in name},
             "lambdas/api/.chalice/policy.json": '{"Version": "2012-10-17", "Statement": []}\n'}
    assert tree_lines(files) == [("src/shared/lookup.py", 5), _SYNC_CALL]


# An app of a library's Chalice subclass (chalice-spec's `ChaliceWithSpec`: t-performance-dash, mbta_v3.py:230): Chalice
# loads `app.py`'s `app` whatever its class, so the calls only its routes reach are bounded as for `chalice.Chalice`.
_SPEC_APP = (
    "from chalice_docs import DocumentedChalice\n\nfrom chalicelib import feeds\n\n"
    "app = DocumentedChalice(app_name='board', generate_docs=True)\n\n\n"
    "@app.route('/api/notices', cors=True)\ndef notices():\n    return feeds.notices(app.current_request.query_params or {})\n"
)
_FEEDS = (
    "import requests\n\n\ndef notices(params):\n"
    "    return requests.get('https://transit.example.org/notices', params=params).json()\n"
)
_BOARD = {"server/app.py": _SPEC_APP, "server/chalicelib/__init__.py": "", "server/chalicelib/feeds.py": _FEEDS,
          "server/.chalice/config.json": '{"version": "2.0", "app_name": "board", "lambda_timeout": 30}\n'}
_FEEDS_CALL = ("server/chalicelib/feeds.py", 5)
_POLLER = (
    "import time\n\nfrom chalicelib import feeds\n\n\ndef main():\n    while True:\n        feeds.notices({})\n"
    "        time.sleep(60)\n\n\nif __name__ == '__main__':\n    main()\n"
)


def test_a_call_only_a_library_chalice_subclass_app_reaches_is_bounded(tree_lines) -> None:
    assert tree_lines(_BOARD) == []


def test_a_chalice_app_the_app_module_imports_is_bounded(tree_lines) -> None:
    files = {**_BOARD, "server/chalicelib/api.py": _SPEC_APP, "server/app.py": "from chalicelib.api import app  # noqa: F401\n"}
    assert tree_lines(files) == []


def test_a_library_chalice_subclass_app_without_a_config_stays_reported(tree_lines) -> None:
    files = {name: text for name, text in _BOARD.items() if ".chalice" not in name}
    assert tree_lines(files) == [_FEEDS_CALL]


def test_a_module_a_deployed_worker_also_imports_stays_reported(tree_lines) -> None:
    files = {**_BOARD, "server/poller.py": _POLLER, "Procfile": "worker: cd server && python poller.py\n"}
    assert tree_lines(files) == [_FEEDS_CALL]


def test_a_chalice_app_a_dockerfile_serves_with_chalice_local_stays_reported(tree_lines) -> None:
    dockerfile = ('FROM python:3.12-slim\nWORKDIR /srv\nCOPY server/ .\nRUN pip install chalice\n'
                  'CMD ["chalice", "--project-dir", "/srv", "local", "--host", "0.0.0.0"]\n')
    assert tree_lines({**_BOARD, "Dockerfile": dockerfile}) == [_FEEDS_CALL]


def test_chalice_commands_other_than_local_keep_the_app_bounded(tree_lines) -> None:
    deploy = "#!/bin/sh\nset -e\ncd server\nchalice --debug package --stage local build/\nchalice deploy --stage production\n"
    assert tree_lines({**_BOARD, "deploy.sh": deploy}) == []
