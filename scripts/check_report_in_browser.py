#!/usr/bin/env python3
"""Render the readiness report of a project in headless chromium and save a screenshot.

    python scripts/check_report_in_browser.py [PROJECT_DIR] [--out /tmp/prr-report.png]

Writes the HTML report to a temporary directory (never into the repository), loads it with
`chromium --headless`, checks that the DOM chromium built contains the report and no script,
image or frame elements, and saves a PNG screenshot to look at. Exits 0 on success, 1 on a failed
check, 77 when no chromium is installed (apt-get install -y chromium).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", default="fixtures/example_service")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "prr-report.png"))
    arguments = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        print("no chromium found; install it with: apt-get install -y chromium", file=sys.stderr)
        return 77
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        run = subprocess.run(
            [sys.executable, "-m", "prr_lint", "report", "--no-cache", "--format", "html", "--output", str(page), "."],
            cwd=arguments.project, capture_output=True, text=True,
        )
        if run.returncode not in (0, 1) or not page.exists():
            print(f"prr-lint report failed ({run.returncode}): {run.stderr.strip()}", file=sys.stderr)
            return 1
        flags = ["--headless", "--no-sandbox", "--disable-gpu"]
        dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
        problems = [tag for tag in ("<script", "<img", "<iframe", "<object", "<embed") if tag in dom.stdout]
        if dom.returncode != 0 or "Production readiness report" not in dom.stdout or problems:
            print(f"DOM check failed: exit {dom.returncode}, unexpected elements {problems}", file=sys.stderr)
            return 1
        shot = subprocess.run(
            [browser, *flags, "--window-size=1200,1800", f"--screenshot={arguments.out}", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
        if shot.returncode != 0 or not Path(arguments.out).exists():
            print(f"screenshot failed: {shot.stderr.strip()[-500:]}", file=sys.stderr)
            return 1
    print(f"report rendered; screenshot at {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
