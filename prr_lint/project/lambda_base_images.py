"""PRR501: an AWS Lambda container image known by its base image, whatever deploys it.

AWS's Lambda base images for Python (`public.ecr.aws/lambda/python:3.13`, the older `amazon/aws-lambda-python`) start
the Lambda runtime interface client as their entry point: an image built from one serves Lambda invocations and
nothing else (outside Lambda only through the runtime interface emulator, a test harness). Its `CMD` names the
handler (`CMD ["app.lpa.lambda_handler"]`), which Lambda stops at the function's timeout, at most 900 s, wherever
the function is declared: in Terraform that reads the image from a registry a CI workflow pushes to
(`data.aws_ecr_image`), or in another repository. So the handler counts as a declared function's does
(lambda_deadline.py). The last stage decides (a multi-stage build's earlier stages only build; `FROM base AS runtime`
follows `base`); an `ENTRYPOINT` of the image's own replaces the runtime client and ties nothing. The handler is
found through the files the Dockerfile copies (lambda_image.image_handler), from the Dockerfile's folder or, as
`docker build -f lambda/Dockerfile .` builds it, a folder above it: only a copy of a file that exists there ties it.
"""

from __future__ import annotations

import os
from typing import Iterator, Sequence

from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, code_root
from prr_lint.project.lambda_image import image_handler, read_image
from prr_lint.stamps import is_container_file

_BASE_IMAGES = frozenset({"public.ecr.aws/lambda/python", "amazon/aws-lambda-python"})


def base_image_handlers(index: ProjectIndex, launch_files: Sequence[str], root: str) -> Handlers:
    """The project functions Lambda base images run as their handlers, each with its package's folder."""
    found: Handlers = {}
    for path in launch_files:
        image = read_image(path) if is_container_file(path) else None
        if image is None or image.entrypoint or not image.cmd or _base_name(image.base) not in _BASE_IMAGES:
            continue
        handler = image.cmd[0]
        for context in _contexts(os.path.dirname(os.path.abspath(path)), root):
            target = image_handler(index, image, context, image.workdir, handler, root)
            if target is not None:
                module = index.modules.get(index.module_of(target))
                found[target] = code_root(module, handler) if module is not None else None
                break
    return found


def _base_name(image: str) -> str:
    """An image reference without its digest or tag (`public.ecr.aws/lambda/python:3.13@sha256:...`)."""
    name = image.partition("@")[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


def _contexts(folder: str, root: str) -> Iterator[str]:
    """The Dockerfile's folder, then each folder above it up to the project root: where its build may start."""
    root = os.path.abspath(root)
    while True:
        yield folder
        if folder == root or not folder.startswith(root + os.sep):
            return
        folder = os.path.dirname(folder)
