"""Run one command and write its wall time, CPU time, peak RSS and exit code as JSON.

Why a separate launcher: on Linux a process's ru_maxrss starts at the high-water RSS of the
process that exec'd it. A tool started straight from run.py, which has just parsed a whole
corpus, would report run.py's peak as its own. Started from this small, fresh interpreter, the
tool's floor is this launcher's RSS (about 10 MB), not run.py's.

    python measure.py RESULT.json CWD -- COMMAND [ARGS...]

The command inherits stdin, stdout and stderr; its usage comes from os.wait4, which covers the
command and the descendants it reaped (worker processes). Timing starts just before the spawn,
so this launcher's own start-up is not counted.
"""

import json
import os
import subprocess
import sys
import time


def main(argv: list) -> int:
    """Run the command after `--`; always exit 0 once the result file is written."""
    result_path, cwd, separator, command = argv[0], argv[1], argv[2], argv[3:]
    if separator != "--" or not command:
        print("usage: measure.py RESULT.json CWD -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss": usage.ru_maxrss,
        "exit": proc.returncode,
    }
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
