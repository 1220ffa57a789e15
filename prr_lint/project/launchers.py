"""APM launchers in the files that start the service: `web: newrelic-admin run-program gunicorn app:app`
in a Procfile, `CMD ["ddtrace-run", "gunicorn", ...]` in a Dockerfile, `opentelemetry-instrument uvicorn
...` in an entrypoint script. The launcher instruments every app of the process it starts (request
metrics and traces), as `instrumentation.external = true` says by hand. Read only when a PRR201
finding is pending; discovery lists the files (stamps.is_launch_file) and the run is keyed by their stat.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Sequence

_MAX_BYTES = 1 << 20
LAUNCHER = re.compile(
    r"(?<![\w-])(ddtrace-run|newrelic-admin\s+run-(?:program|python)|opentelemetry-instrument|elasticapm-run)(?![\w-])"
)


def apm_launcher(paths: Sequence[str]) -> Optional[str]:
    """The first launcher one of the files runs (outside comments), as `path: launcher`, or None."""
    for path in paths:
        text = _read(path)
        if text is None:
            continue
        for line in text.splitlines():
            code = line.split("#", 1)[0]
            found = LAUNCHER.search(code)
            if found:
                return f"{path}: {found.group(1)}"
    return None


def _read(path: str) -> Optional[str]:
    try:
        file = Path(path)
        if file.stat().st_size > _MAX_BYTES:
            return None
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:  # a file gone since discovery starts nothing
        return None
