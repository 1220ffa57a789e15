"""The AWS Lambda handlers a Terraform configuration deploys, each tied to the project function it names.

A function's code is the folder its package is built from, read from the Terraform module (a folder
of `.tf` files) that declares it:

* an `aws_lambda_function` whose `filename` or `source_code_hash` refers to a `data "archive_file"`
  (`data.archive_file.payload.output_path`, `payload[0]` when it has a `count`), or whose `filename` is
  such an archive's `output_path`: the archive's `source_dir`, or the folder of its `source_file`;
* a call of the terraform-aws-modules Lambda module (a `module` block with `handler` and `source_path`);
* a container image function (`package_type = "Image"`, the registry's Lambda module's too, not a project's
  own module that may give it another handler) whose `image_uri` the module
  builds from a Dockerfile (lambda_terraform_images.py): its handler is the first word of `image_config`'s
  `command` (the module's `image_config_command`), which replaces the image's `CMD`, or else that `CMD`, from
  the image's working directory, tied to the project file the Dockerfile copies there (lambda_image.py).

`${path.module}` is the folder of the `.tf` file, and so is the base of a relative path (Terraform
resolves one from the working directory, the root module's folder). The handler string names the
function in that folder (lambda_code.py). A zip built outside Terraform, an S3 object or an image
built elsewhere names no folder here and counts for nothing. The function's `timeout` is not read:
whatever it says (3 s by default, at most 900 s) is a deadline (lambda_deadline.py).
"""

from __future__ import annotations

import json
import os
import re
from typing import Dict, Iterable, List, Optional, Tuple

from prr_lint.project.hcl import Block, blocks, local_path, string_value
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, code_root, in_folder
from prr_lint.project.lambda_image import image_handler, read_image
from prr_lint.project.lambda_terraform_images import Builds, image_build, module_builds
from prr_lint.project.texts import read_bounded

_ARCHIVE = ("data", "archive_file")
_FUNCTION = ("resource", "aws_lambda_function")
_ARCHIVE_REFERENCE = "data.archive_file."
_LAMBDA_MODULE = re.compile(r"terraform-aws-modules/(?:terraform-aws-)?lambda\b")  # the registry's, or its git source
_WORDS = ("handler", "archive_file", "image_uri", "docker")  # a file declaring none of these declares no function or build


def terraform_handlers(index: ProjectIndex, paths: Iterable[str], root: str) -> Handlers:
    """The project functions the `.tf` files at `paths` deploy as Lambda handlers, each with its code folder."""
    folders: Dict[str, List[Block]] = {}
    texts: Dict[str, List[Tuple[str, str]]] = {}
    for path in paths:
        text = read_bounded(path)
        if text is not None:
            folders.setdefault(os.path.dirname(path), []).extend(blocks(text, path) if any(word in text for word in _WORDS) else ())
            texts.setdefault(os.path.dirname(path), []).append((path, text))
    found: Handlers = {}
    for folder, declared in folders.items():
        archives = {block.labels[2]: block for block in declared if block.labels[:2] == _ARCHIVE and len(block.labels) == 3}
        builds = module_builds(texts[folder], declared) if any("image_uri" in block.attributes for block in declared) else {}
        for block in declared:
            if "image_uri" in block.attributes:
                found.update(_image_handler(index, block, builds, declared, root))
                continue
            handler = string_value(block.attributes.get("handler", ""))
            code = _code_folder(block, archives) if handler else None
            found.update(in_folder(index, code, handler, root) if code and handler else {})
    return found


def _image_handler(index: ProjectIndex, block: Block, builds: Builds, declared: List[Block], root: str) -> Handlers:
    """The handler of a container image function (module docstring), with its code folder; {} when unknown."""
    if block.labels[:2] != _FUNCTION and not _lambda_module(block):
        return {}
    prefix = "image_config." if block.labels[0] == "resource" else "image_config_"
    build = image_build(builds, declared, block.attributes["image_uri"])
    image = read_image(build.dockerfile) if build is not None else None
    if build is None or image is None:
        return {}
    command = _strings(block.attributes.get(f"{prefix}command", ""))
    handler = command[0] if command else image.cmd[0] if image.cmd and f"{prefix}command" not in block.attributes else None
    folder = string_value(block.attributes.get(f"{prefix}working_directory", "")) or image.workdir
    target = image_handler(index, image, build.context, folder, handler, root) if handler else None
    if target is None or handler is None:
        return {}
    module = index.modules.get(index.module_of(target))
    return {target: code_root(module, handler) if module is not None else None}


def _lambda_module(block: Block) -> bool:
    """Whether the block calls the terraform-aws-modules Lambda module itself, not one of its submodules
    (`//modules/docker-build`) nor a project's own module, which may give the function another handler."""
    source = string_value(block.attributes.get("source", "")) or ""
    return block.labels[0] == "module" and bool(_LAMBDA_MODULE.search(source)) and "//" not in source.split("://", 1)[-1]


def _strings(value: str) -> List[str]:
    """The strings of a one-line list of literals (`["app.handler"]`), [] for any other expression."""
    try:
        parsed = json.loads(value) if value.startswith("[") else None
    except ValueError:
        return []
    return [item for item in parsed if isinstance(item, str)] if isinstance(parsed, list) else []


def _code_folder(block: Block, archives: Dict[str, Block]) -> Optional[str]:
    """The folder the function's package is built from (module docstring), or None when unknown."""
    if block.labels[0] == "module":
        return local_path(block, block.attributes.get("source_path", ""))
    if block.labels[:2] != _FUNCTION:
        return None
    for key in ("filename", "source_code_hash"):
        value = block.attributes.get(key, "")
        if value.startswith(_ARCHIVE_REFERENCE):
            label = value[len(_ARCHIVE_REFERENCE):].partition(".")[0].partition("[")[0]  # `payload[0]`: one of a `count`
            archive = archives.get(label)
            return _archive_folder(archive) if archive is not None else None
    filename = local_path(block, block.attributes.get("filename", ""))
    for archive in archives.values() if filename else ():
        if local_path(archive, archive.attributes.get("output_path", "")) == filename:
            return _archive_folder(archive)
    return None


def _archive_folder(archive: Block) -> Optional[str]:
    folder = local_path(archive, archive.attributes.get("source_dir", ""))
    if folder is not None:
        return folder
    file = local_path(archive, archive.attributes.get("source_file", ""))
    return os.path.dirname(file) if file is not None else None

