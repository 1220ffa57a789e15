"""Modules that run in a deployment tool or a developer's tool, not in the service.

An AWS CDK app's stacks (`class VPCStack(cdk.NestedStack)` building `ec2.Vpc(self, ...)`) run on
the operator's machine at `cdk synth` / `cdk deploy`: a `urlopen` there that looks up the deploying
computer's public address is a step of the deployment, not a call the service makes. A gitlint rule
(`class GitmojiTitle(LineRule)`) runs in the developer's commit hook, a flake8 or pylint plug-in in
the developer's lint run; a hatchling build hook (`class DownloadUIHook(BuildHookInterface)` in
`hatch_build.py`) at package build time. Known by behaviour: a module whose classes derive from, or whose code
calls, the API of such a tool (infrastructure-as-code libraries: `aws_cdk`, `constructs`, `cdktf`,
`pulumi`, `troposphere`; linters' plug-in APIs: `gitlint`, `flake8`, `pylint`, `astroid`,
`pycodestyle`, `pyflakes`; a build backend's plug-in API: `hatchling`), and that serving code does not import (a service that imports the
module at run time runs it, whatever it builds).
"""

from __future__ import annotations

from typing import Set

from prr_lint.project.names import resolve_name

TOOL_PACKAGES = ("aws_cdk", "constructs", "cdktf", "pulumi", "pulumi_aws", "troposphere",
                 "gitlint", "flake8", "pylint", "astroid", "pycodestyle", "pyflakes", "hatchling")


def _tool_name(name: str) -> bool:
    return name.split(".", 1)[0] in TOOL_PACKAGES


def tool_modules(analysis) -> Set[str]:
    """Modules that build a deployment or plug into a developer's tool (see the module docstring)."""
    index = analysis.index
    imported = analysis.imported
    found: Set[str] = set()
    for name, module in index.modules.items():
        if name in imported or not any(map(_tool_name, module.imports.values())):
            continue
        bases = (resolve_name(index, base) for cls_bases in module.classes.values() for base in cls_bases)
        calls = (call for function in module.functions.values() for call in function.calls)
        if any(map(_tool_name, bases)) or any(_tool_name(resolve_name(index, call)) for call in calls):
            found.add(name)
    return found
