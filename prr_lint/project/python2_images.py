"""Launch files that run under Python 2 inside a project that also declares Python 3: a Python 2 image's own.

A project may ship several images: the service's, built on Python 3, and a side container of the Python 2 days (a
reporter whose Dockerfile installs `python` and `python-pip` and copies in the crontab that runs
`/usr/bin/python /opt/reporter/reporter.py`). What such an image runs is run by Python 2, where `print "x"` is valid:
a Python 2 file only it runs is no syntax error of the deployment's interpreter, whether that container still ships
or not (python2_leftovers.py asks this of each launch file that runs a Python 2 file).

A launch file runs under Python 2 when it is a deployment Dockerfile whose Python is 2 (python2_runtime.py
`image_python`: a command that runs only Python 2, or a sign of Python 2 and none of Python 3), or when such Dockerfiles copy it in (`ADD crontab
/etc/cron.d/reporter`, or a folder that holds it; sources read from the Dockerfile's folder) and no other image does;
a root image's `COPY . /app` copies the side image's folder along with everything, and installs nothing of it.
A launch file that itself says `python3` (`exec python3 report.py`), one no image copies (a host's crontab, a
compose file, which runs services of any image) and one a Python 3 image copies too stay the project's Python 3.
"""

from __future__ import annotations

import os
from typing import Dict, FrozenSet, Mapping, Set

from prr_lint.project.lambda_image import read_image
from prr_lint.project.python2_runtime import image_python, python3_text
from prr_lint.stamps import is_container_file


def python2_launch_files(texts: Mapping[str, str]) -> FrozenSet[str]:
    """Of the deployment's launch files (path -> uncommented text), those that run under Python 2 (module docstring)."""
    names = frozenset(os.path.basename(path) for path in texts if not is_container_file(path))
    images = {path: image_python(path, text, names) for path, text in texts.items() if is_container_file(path)}
    folders = {os.path.dirname(path) for path in images}
    installers: Dict[str, Set[FrozenSet[int]]] = {}  # launch file -> the majors of the images that copy it in
    for dockerfile, majors in images.items():
        image = read_image(dockerfile)
        folder = os.path.dirname(dockerfile)
        sources = [os.path.normpath(os.path.join(folder, source)) for copy in (image.copies if image else ()) for source in copy.sources]
        for path in texts:
            if path != dockerfile and any(_installs(source, path, folders) for source in sources):
                installers.setdefault(path, set()).add(majors)
    python2 = {path for path, majors in images.items() if majors == {2}}
    python2 |= {path for path, majors in installers.items() if majors == {frozenset({2})} and not is_container_file(path)}
    return frozenset(path for path in python2 if not python3_text(texts[path]))


def _installs(source: str, path: str, folders: Set[str]) -> bool:
    """A copy of `source` brings the launch file at `path` into its image: the file itself, or a folder that holds it
    at or below the build folder of the image nearest above the file (`folders`). A copy of a whole tree (`COPY .
    /app` at the root) holds the other images' folders too, and installs nothing of theirs."""
    if path != source and not path.startswith(source + os.sep):
        return False
    homes = [folder for folder in folders if path.startswith(folder + os.sep)]
    home = max(homes, key=len) if homes else None
    return path == source or home is None or source == home or source.startswith(home + os.sep)
