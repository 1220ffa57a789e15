"""`python -m prr_lint` is the same program as the `prr-lint` command."""

from prr_lint.cli import main

if __name__ == "__main__":
    main()
