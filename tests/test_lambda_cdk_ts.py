"""AWS Lambda timeouts from a CDK app in TypeScript (project/lambda_cdk_ts.py) and for gRPC calls (PRR502):
a handler a project factory deploys (`factory.createFunction(this, id, {index, handler})` around a
`PythonFunction` that spreads its props) is bounded by the function's timeout, as is a gRPC call only
a Serverless Framework function runs; code a server route also reaches, or TypeScript the app never
loads, stays reported (k35 instance-scheduler K172-K176, snet-marketplace K367/K369)."""

from __future__ import annotations

_CLIENTS = "import requests\n\n\ndef fetch(url):\n    return requests.get(url).json()\n"
_HANDLER = "from svc import clients\n\n\ndef main(event, context):\n    return clients.fetch(event['url'])\n"
_FACTORY = (
    'import { PythonFunction, PythonFunctionProps } from "@aws-cdk/aws-lambda-python-alpha";\n'
    'import { Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";\nimport path from "path";\n\n'
    "export class PyFactory {\n  createFunction(scope: Construct, id: string, props: Props): LambdaFunction {\n"
    "    // entry: the Python sources, {braces} in a comment do not count\n"
    '    return new PythonFunction(scope, id, {\n      entry: path.join(__dirname, "..", "app"),\n'
    "      runtime: Runtime.PYTHON_3_12,\n      ...props,\n    });\n  }\n}\n"
)
_STACK = (
    'import { Duration, Stack } from "aws-cdk-lib";\nimport { PyFactory } from "./factory";\n\n'
    "export class JobsStack extends Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n"
    "    const factory = new PyFactory();\n    factory.createFunction(this, \"Fetcher\", {\n"
    '      index: "svc/handler.py",\n      handler: "main",\n      timeout: Duration.minutes(5),\n'
    '      environment: { MODE: "jobs" },\n    });\n  }\n}\n'
)
_CDK = {
    "cdk.json": '{"app": "npx ts-node --prefer-ts-exts bin/jobs.ts"}\n',
    "bin/jobs.ts": 'import { App } from "aws-cdk-lib";\nimport { JobsStack } from "../lib/stack";\n\nnew JobsStack(new App(), "Jobs");\n',
    "lib/factory.ts": _FACTORY,
    "lib/stack.ts": _STACK,
    "app/svc/__init__.py": "",
    "app/svc/clients.py": _CLIENTS,
    "app/svc/handler.py": _HANDLER,
}
_WEB = "from flask import Flask\n\nfrom svc import clients\n\napp = Flask(__name__)\n\n\n@app.get('/fetch')\ndef fetch():\n    return clients.fetch('https://example.com')\n"
_CALL = ("app/svc/clients.py", 5)


def test_a_handler_a_typescript_cdk_factory_deploys_is_bounded(tree_lines) -> None:
    assert tree_lines(_CDK) == []


def test_a_call_a_server_route_also_reaches_stays_reported(tree_lines) -> None:
    assert tree_lines({**_CDK, "app/svc/web.py": _WEB}) == [_CALL]


def test_a_stack_the_cdk_app_does_not_load_deploys_nothing(tree_lines) -> None:
    files = {**_CDK, "bin/jobs.ts": 'import { App } from "aws-cdk-lib";\n\nnew App();\n'}
    assert tree_lines(files) == [_CALL]


def test_a_construct_subclass_and_a_direct_lambda_function_are_read(tree_lines) -> None:
    subclass = (
        'import * as lambda from "aws-cdk-lib/aws-lambda";\nimport * as path from "path";\n\n'
        "export class SvcFunction extends lambda.Function {\n  constructor(scope: Construct, id: string, props: Props) {\n"
        '    super(scope, id, { code: lambda.Code.fromAsset(path.join(__dirname, "../app")), ...props });\n  }\n}\n'
    )
    stack = (
        'import { SvcFunction } from "./factory";\n\nexport class JobsStack extends Stack {\n'
        "  constructor(scope: Construct, id: string) {\n    super(scope, id);\n"
        '    new SvcFunction(this, "Fetcher", { handler: "svc.handler.main", runtime: Runtime.PYTHON_3_12 });\n  }\n}\n'
    )
    assert tree_lines({**_CDK, "lib/factory.ts": subclass, "lib/stack.ts": stack}) == []


_STUB = (
    "import grpc\nfrom protos import pricing_pb2_grpc\n\n\ndef quote(target, request):\n"
    "    return pricing_pb2_grpc.PricingStub(grpc.insecure_channel(target)).Quote(request)\n"
)
_QUOTE = "from svc import pricing\n\n\ndef get_quote(event, context):\n    return pricing.quote(event['target'], event['request'])\n"
_SERVERLESS = (
    "service: pricing\nprovider:\n  name: aws\n  runtime: python3.12\n  timeout: 30\n"
    "functions:\n  get-quote:\n    handler: svc.handlers.get_quote\n    events:\n      - http:\n          path: /quote\n          method: get\n"
)
_GRPC = {"svc/__init__.py": "", "svc/pricing.py": _STUB, "svc/handlers.py": _QUOTE, "serverless.yml": _SERVERLESS}


def test_a_grpc_call_only_a_serverless_function_runs_is_bounded(tree_lines) -> None:
    assert tree_lines(_GRPC, "PRR502") == []


def test_a_grpc_call_a_server_route_also_runs_stays_reported(tree_lines) -> None:
    web = "from flask import Flask\n\nfrom svc import pricing\n\napp = Flask(__name__)\n\n\n@app.get('/quote')\ndef quote():\n    return pricing.quote('pricing:50051', None)\n"
    assert tree_lines({**_GRPC, "svc/web.py": web}, "PRR502") == [("svc/pricing.py", 6)]
