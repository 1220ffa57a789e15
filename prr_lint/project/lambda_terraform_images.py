"""The container image a Terraform-deployed AWS Lambda function runs, tied to the Dockerfile it is built from.

A function with `package_type = "Image"` names its image by `image_uri`. The image is tied to its build
through that name, within the Terraform module (the folder of `.tf` files) that declares the function:

* a `docker build` (or `docker buildx build`) command a `local-exec` provisioner of the module runs (its
  heredoc included; the instructions an `output` gives an operator run nothing) whose `-t`/`--tag` is the
  image's name: `${aws_ecr_repository.api.repository_url}:latest` built from `../api/runtime/`;
* a docker provider `docker_image` resource of that `name` with a `build` block (`context`, `dockerfile`);
* the terraform-aws-modules `docker-build` module (`source_path`, `docker_file_path`), whose
  `module.<name>.image_uri` the function names.

Names compare without their tag or digest (the build pushes `:latest`, the function may pin `@sha256:...`),
and `local.<name>` is read through the module's `locals`. A relative path is taken from the `.tf` file's
folder, `${path.module}` too, as lambda_terraform.py does; one that interpolates anything else, a relative
path in a provisioner that moves first (`cd ../app`, its own `working_dir`), or two different builds of one
name tie nothing: the image is then unknown and its function counts for nothing.
"""

from __future__ import annotations

import os
import re
import shlex
from typing import Dict, Iterable, List, NamedTuple, Optional, Tuple

from prr_lint.project.hcl import Block, local_path, string_value

_PATH_MODULE = "${path.module}"
_BUILD = re.compile(r"\bdocker\s+(?:buildx\s+)?build\s+([^\n;&|]*)")
_SUFFIX = re.compile(r"(?:@sha256:[0-9a-fA-F]+|[:@]\$\{[^{}]*\}|:[\w][\w.-]*)$")  # a tag or digest ending a name
_HEADER = re.compile(r'^\s*((?:provisioner|resource|data|output|module|locals|variable)\b[^{\n]*)\{', re.MULTILINE)
_MOVES = re.compile(r"(?<![\w-])(?:cd\s|working_dir\b)")
_FLAGS = frozenset({"--push", "--load", "--no-cache", "--pull", "-q", "--quiet", "--rm", "--force-rm", "--compress", "--squash"})
_DOCKER_BUILD_MODULE = "modules/docker-build"


class Build(NamedTuple):
    """Where an image is built from: its absolute context folder and Dockerfile."""

    context: str
    dockerfile: str


Builds = Dict[str, Optional[Build]]  # an image name without tag -> its build, None when several differ


def module_builds(texts: Iterable[Tuple[str, str]], declared: List[Block]) -> Builds:
    """The images a Terraform module's files (`(path, text)`) and blocks build, by name (module docstring)."""
    found: Builds = {}
    for path, text in texts:
        for command in _local_exec_texts(text):
            for tag, build in _shell_builds(path, command):
                _add(found, tag, build)
    for block in declared:
        if block.labels[:2] == ("resource", "docker_image"):
            context = local_path(block, block.attributes.get("build.context") or block.attributes.get("build.path", ""))
            name = _reference(block.attributes.get("name", ""))
            dockerfile = string_value(block.attributes.get("build.dockerfile", "")) or "Dockerfile"
            if context and name and "${" not in dockerfile:
                _add(found, name, Build(context, os.path.normpath(os.path.join(context, dockerfile))))
        elif block.labels[0] == "module" and len(block.labels) == 2 and _builds_images(block):
            context = local_path(block, block.attributes.get("source_path", ""))
            dockerfile = string_value(block.attributes.get("docker_file_path", "")) or "Dockerfile"
            if context and "${" not in dockerfile:
                build = Build(context, os.path.normpath(os.path.join(context, dockerfile)))
                _add(found, f"${{module.{block.labels[1]}.image_uri}}", build)
    return found


def image_build(builds: Builds, declared: List[Block], value: str) -> Optional[Build]:
    """The build of the image an `image_uri` value names, or None when unknown."""
    locals_ = {key: item for block in declared if block.labels == ("locals",) for key, item in block.attributes.items()}
    name = _reference(value)
    for _ in range(3):  # `local.image` naming another local
        key = name[len("${local."):-1] if name and name.startswith("${local.") and name.endswith("}") else None
        if key not in locals_:
            break
        name = _reference(locals_[key])
    return builds.get(_untagged(name)) if name else None


def _builds_images(module: Block) -> bool:
    return _DOCKER_BUILD_MODULE in (string_value(module.attributes.get("source", "")) or "")


def _add(found: Builds, name: str, build: Build) -> None:
    name = _untagged(name)
    found[name] = build if found.get(name, build) == build else None


def _untagged(name: str) -> str:
    return _SUFFIX.sub("", name)


def _reference(value: str) -> Optional[str]:
    """An image name as text: a quoted string as written, a bare reference (`module.img.image_uri`) as `${...}`."""
    value = value.strip()
    if value.startswith('"'):
        return string_value(value)
    return f"${{{value}}}" if re.fullmatch(r"[A-Za-z_][\w-]*(?:\.[\w-]+)+", value) else None


def _local_exec_texts(text: str) -> List[str]:
    """The text of each `provisioner "local-exec"` block of a `.tf` file, up to the next block header: what
    Terraform runs, not an `output`'s instructions to an operator."""
    parts = _HEADER.split(text)
    return [body for header, body in zip(parts[1::2], parts[2::2]) if header.startswith("provisioner") and "local-exec" in header]


def _shell_builds(path: str, text: str) -> List[Tuple[str, Build]]:
    """The `(tag, build)` of each `docker build` in a provisioner's text, lines joined at a trailing `\\`. A
    relative path counts from the `.tf` file's folder unless the provisioner moves (`cd`, `working_dir`)."""
    found: List[Tuple[str, Build]] = []
    folder = os.path.dirname(path)
    moved = bool(_MOVES.search(text))
    for match in _BUILD.finditer(re.sub(r"\\\n", " ", text)):
        try:
            words = shlex.split(match.group(1))
        except ValueError:
            continue
        tags, files, positional = [], [], []
        position = 0
        while position < len(words):
            word = words[position]
            option, equals, given = word.partition("=")
            if word.startswith("-") and word not in _FLAGS:
                value = given if equals else (words[position + 1] if position + 1 < len(words) else "")
                position += 1 if equals else 2
                (tags if option in ("-t", "--tag") else files if option in ("-f", "--file") else []).append(value)
                continue
            if not word.startswith("-"):
                positional.append(word)
            position += 1
        paths = [_anchored(word, folder, moved) for word in (*positional, *files[-1:])]
        if len(positional) != 1 or None in paths or "://" in positional[0]:
            continue
        context = paths[0]
        dockerfile = paths[1] if files else os.path.join(context, "Dockerfile")
        found.extend((tag, Build(context, dockerfile)) for tag in tags)
    return found


def _anchored(word: str, folder: str, moved: bool) -> Optional[str]:
    """The absolute path a command's path word names: `${path.module}/...`, or relative to `folder` unless the
    command moved; None for one with another variable, or `-` (standard input)."""
    anchored = word.startswith(_PATH_MODULE)
    word = word.replace(_PATH_MODULE, folder)
    if "$" in word or word == "-" or (moved and not anchored and not os.path.isabs(word)):
        return None
    return os.path.normpath(os.path.join(folder, word))
