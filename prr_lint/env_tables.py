"""Environment tables: a settings module that reads each of its names from the environment when it is asked
(vLLM's `envs.py`), and the guards that test one of them (PRR501's switches).

Such a module keeps a table of lambdas, `environment_variables = {"METRICS_OUTPUT_TARGET": lambda:
os.getenv("LLUMNIX_METRICS_OUTPUT_TARGET", "logger"), ...}`, and a module `__getattr__` that calls the entry
named: `envs.METRICS_OUTPUT_TARGET` is the lambda's value. The file phase tags each entry whose lambda reads
the environment (`env-entry:<name>=<its expression>`), and gives a guard that tests such an attribute of an
imported module (`"eas" in envs.METRICS_OUTPUT_TARGET.split(",")`, through a local name bound once to
part of it) the key `env-attr:<module>.<name>~<the test>`, with the attribute written `_value`. The project
phase (project/env_tables.py) puts the entry's expression in place of `_value` and evaluates the test as
env_eval.py does: off while the variable is unset and no deployment file turns it on. Expressions travel
hex-encoded, so no `=` or `|` of theirs splits a tag.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.env_eval import env_switch
from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, literal_value

# Module tag of a table entry: `env-entry:<name>=<hex of the lambda's expression>`.
ENV_ENTRY = "env-entry:"
# Guard key: `env-attr:<module>.<name>~<hex of the test, the attribute written `_value`>`.
ENV_ATTR = "env-attr:"
VALUE = "_value"
_MODULE = cst.Module(body=[])


def encode(node: cst.BaseExpression) -> str:
    return _MODULE.code_for_node(node).encode().hex()


def decode(text: str) -> Optional[cst.BaseExpression]:
    try:
        return cst.parse_expression(bytes.fromhex(text).decode())
    except (ValueError, cst.ParserSyntaxError):
        return None


def entry_marks(node: cst.Dict, resolver: Resolver) -> List[str]:
    """The ENV_ENTRY tags of a module-level dict whose entries are `"NAME": lambda: <a read of the environment>`."""
    if resolver.scope.kind != "module":
        return []
    tags = []
    for element in node.elements:
        key = literal_value(element.key) if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
        value = element.value if isinstance(element, cst.DictElement) else None
        if isinstance(key, str) and key.isidentifier() and isinstance(value, cst.Lambda) and not value.params.params \
                and _reads_environment(value.body):
            tags.append(f"{ENV_ENTRY}{key}={encode(value.body)}")
    return tags


def _reads_environment(body: cst.BaseExpression) -> bool:
    return any(isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("getenv", "get")
               for node in (body, *descendants(body)))


def attribute_key(test: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The ENV_ATTR key of a comparison that tests one attribute of an imported module (`"eas" in
    envs.TARGET.split(",")`) and nothing else that varies."""
    if not isinstance(test, cst.Comparison):
        return None
    attributes = [node for node in descendants(test) if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
                  and resolver.qualified_name(node) is not None and _module_import(node.value, resolver)]
    if len(attributes) != 1:
        return None
    attribute = attributes[0]
    replaced = test.deep_replace(attribute, cst.Name(VALUE))
    # the test must be one env_eval can evaluate on a plain value: try it on a stand-in read
    probe = replaced.deep_replace(_name(replaced), cst.parse_expression('os.getenv("_", "")'))  # type: ignore[arg-type]
    if env_switch(probe) is None and not _evaluable(probe):  # type: ignore[arg-type]
        return None
    return f"{ENV_ATTR}{resolver.qualified_name(attribute)}~{encode(replaced)}"  # type: ignore[arg-type]


def _name(node: cst.CSTNode) -> cst.CSTNode:
    return next(found for found in descendants(node) if isinstance(found, cst.Name) and found.value == VALUE)


def _evaluable(test: cst.BaseExpression) -> bool:
    """env_eval understands the test (it may be true while the stand-in is blank, so no switch there)."""
    negated = cst.UnaryOperation(operator=cst.Not(), expression=test)
    return env_switch(negated) is not None


def _module_import(name: cst.Name, resolver: Resolver) -> bool:
    """`name` is bound by an import of a module (`from llumnix import envs as llumnix_envs`, `import envs`)."""
    bindings = resolver.lookup(name.value, resolver.module_scope) or []
    return len(bindings) == 1 and bindings[0].kind == "import"
