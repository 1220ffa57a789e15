"""Parse every file named in a list with libcst and nothing else.

run.py starts this in a process of its own so that the libcst parse is measured the way prr-lint
is (interpreter start-up, the libcst import, reading the files), which makes "prr-lint CPU / libcst
parse CPU" the cost of everything prr-lint does beyond parsing. Prints the number of files that
did not parse.
"""

import sys

import libcst


def main(list_path: str) -> int:
    """Parse each listed file; count, rather than stop at, the ones libcst rejects."""
    failures = 0
    with open(list_path, encoding="utf-8") as listing:
        paths = listing.read().splitlines()
    for path in paths:
        with open(path, "rb") as handle:
            source = handle.read()
        try:
            libcst.parse_module(source)
        except Exception:  # a real corpus holds odd files; the benchmark only counts them
            failures += 1
    print(failures)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
