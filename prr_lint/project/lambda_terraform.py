"""The AWS Lambda handlers a Terraform configuration deploys, each tied to the project function it names.

A function's code is the folder its package is built from, read from the Terraform module (a folder
of `.tf` files) that declares it:

* an `aws_lambda_function` whose `filename` or `source_code_hash` refers to a `data "archive_file"`
  (`data.archive_file.payload.output_path`), or whose `filename` is such an archive's `output_path`:
  the archive's `source_dir`, or the folder of its `source_file`;
* a call of the terraform-aws-modules Lambda module (a `module` block with `handler` and `source_path`).

`${path.module}` is the folder of the `.tf` file, and so is the base of a relative path (Terraform
resolves one from the working directory, the root module's folder). The handler string names the
function in that folder (lambda_code.py). A zip built outside Terraform, an S3
object or a container image names no folder here and counts for nothing. The function's `timeout`
is not read: whatever it says (3 s by default, at most 900 s) is a deadline (lambda_deadline.py).
"""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Optional

from prr_lint.project.hcl import Block, blocks, string_value
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, in_folder
from prr_lint.project.texts import read_bounded

_ARCHIVE = ("data", "archive_file")
_FUNCTION = ("resource", "aws_lambda_function")
_ARCHIVE_REFERENCE = "data.archive_file."
_PATH_MODULE = "${path.module}"


def terraform_handlers(index: ProjectIndex, paths: Iterable[str], root: str) -> Handlers:
    """The project functions the `.tf` files at `paths` deploy as Lambda handlers, each with its code folder."""
    folders: Dict[str, List[Block]] = {}
    for path in paths:
        text = read_bounded(path)
        if text is not None:
            folders.setdefault(os.path.dirname(path), []).extend(blocks(text, path) if "handler" in text or "archive_file" in text else ())
    found: Handlers = {}
    for declared in folders.values():
        archives = {block.labels[2]: block for block in declared if block.labels[:2] == _ARCHIVE and len(block.labels) == 3}
        for block in declared:
            handler = string_value(block.attributes.get("handler", ""))
            code = _code_folder(block, archives) if handler else None
            found.update(in_folder(index, code, handler, root) if code and handler else {})
    return found


def _code_folder(block: Block, archives: Dict[str, Block]) -> Optional[str]:
    """The folder the function's package is built from (module docstring), or None when unknown."""
    if block.labels[0] == "module":
        return _local_path(block, block.attributes.get("source_path", ""))
    if block.labels[:2] != _FUNCTION:
        return None
    for key in ("filename", "source_code_hash"):
        value = block.attributes.get(key, "")
        if value.startswith(_ARCHIVE_REFERENCE):
            archive = archives.get(value[len(_ARCHIVE_REFERENCE):].partition(".")[0])
            return _archive_folder(archive) if archive is not None else None
    filename = _local_path(block, block.attributes.get("filename", ""))
    for archive in archives.values() if filename else ():
        if _local_path(archive, archive.attributes.get("output_path", "")) == filename:
            return _archive_folder(archive)
    return None


def _archive_folder(archive: Block) -> Optional[str]:
    folder = _local_path(archive, archive.attributes.get("source_dir", ""))
    if folder is not None:
        return folder
    file = _local_path(archive, archive.attributes.get("source_file", ""))
    return os.path.dirname(file) if file is not None else None


def _local_path(block: Block, value: str) -> Optional[str]:
    """The absolute path a quoted attribute names, or None for another expression or one that
    interpolates anything but `${path.module}`."""
    text = string_value(value)
    if not text:
        return None
    folder = os.path.dirname(block.path)
    text = text.replace(_PATH_MODULE, folder)
    return None if "${" in text else os.path.normpath(os.path.join(folder, text))

