"""File discovery: excludes, .gitignore files, explicit paths, symlinks and unreadable directories."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import List, Optional, Sequence

import pytest

from prr_lint.config import Settings
from prr_lint.discovery import DiscoveryError, discover, is_excluded, relative_path


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n", encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def settings(root: Path, **changes: object) -> Settings:
    return dataclasses.replace(Settings(root=root.resolve()), **changes)


def found(
    root: Path,
    paths: Sequence[str] = (),
    cwd: Optional[Path] = None,
    force_exclude: bool = False,
    **options: object,
) -> List[str]:
    """Root-relative paths that discovery finds, with settings changed by `options`."""
    config = settings(root, **options)
    result = discover(paths, config, force_exclude=force_exclude, cwd=cwd or root)
    return [relative_path(Path(path), config.root) for path in result.files]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return tmp_path.resolve()


# --- what is a file to lint ----------------------------------------------------------------------------


def test_walks_cwd_for_py_and_pyi_files_sorted(root: Path) -> None:
    touch(root, "b.py", "a/z.pyi", "a/y.py", "README.md", "a/data.json", "setup.cfg", "a/b/deep.py")
    assert found(root) == ["a/b/deep.py", "a/y.py", "a/z.pyi", "b.py"]


def test_files_are_absolute_and_unique(root: Path) -> None:
    touch(root, "pkg/a.py")
    result = discover([".", "pkg", "pkg/a.py", "./pkg/../pkg/a.py"], settings(root), cwd=root)
    assert result.files == [str(root / "pkg" / "a.py")]
    assert result.skipped == []


def test_paths_are_relative_to_cwd(root: Path) -> None:
    touch(root, "svc/api.py", "svc/sub/db.py", "other.py")
    assert found(root, ["sub", "../other.py"], cwd=root / "svc") == ["other.py", "svc/sub/db.py"]


def test_default_path_is_cwd_even_below_the_root(root: Path) -> None:
    touch(root, "svc/api.py", "other.py")
    assert found(root, cwd=root / "svc") == ["svc/api.py"]


def test_relative_path_inside_and_outside_the_root(root: Path) -> None:
    assert relative_path(root / "a" / "b.py", root) == "a/b.py"
    assert relative_path(root, root) == "."
    assert relative_path(Path("/elsewhere/c.py"), root) == "/elsewhere/c.py"


def test_nonexistent_path_is_an_error(root: Path) -> None:
    with pytest.raises(DiscoveryError, match=r"^missing/app\.py: no such file or directory$"):
        discover(["missing/app.py"], settings(root), cwd=root)


# --- excludes ------------------------------------------------------------------------------------------


def test_default_excludes_are_pruned(root: Path) -> None:
    touch(root, "app.py", ".venv/lib/x.py", "venv/x.py", "build/x.py", "dist/x.py", "node_modules/m/x.py")
    touch(root, "lib/site-packages/x.py", "pkg/__pycache__/x.py", ".tox/x.py", ".git/hooks/x.py")
    assert found(root) == ["app.py"]


def test_excluded_directories_are_not_entered(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(root, "app.py", ".venv/lib/x.py")
    entered: List[str] = []
    real_scandir = os.scandir

    def spying(path: str):  # type: ignore[no-untyped-def]
        entered.append(os.path.basename(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", spying)
    found(root)
    assert ".venv" not in entered


def test_extend_exclude_bare_name_matches_any_component(root: Path) -> None:
    touch(root, "app.py", "generated/a.py", "svc/generated/b.py", "svc/generated_not.py")
    assert found(root, extend_exclude=("generated",)) == ["app.py", "svc/generated_not.py"]


def test_extend_exclude_with_a_slash_is_anchored_to_the_root(root: Path) -> None:
    touch(root, "svc/gen/a.py", "other/svc/gen/b.py", "svc/keep.py")
    assert found(root, extend_exclude=("svc/gen",)) == ["other/svc/gen/b.py", "svc/keep.py"]


def test_extend_exclude_globs_and_directory_only_patterns(root: Path) -> None:
    touch(root, "a_pb2.py", "pkg/b_pb2.py", "pkg/c.py", "out/d.py", "pkg/out")
    assert found(root, extend_exclude=("*_pb2.py", "out/")) == ["pkg/c.py"]


def test_exclude_replaces_the_defaults(root: Path) -> None:
    touch(root, "build/x.py", "vendor/y.py")
    assert found(root, exclude=("vendor",)) == ["build/x.py"]


# --- .gitignore ----------------------------------------------------------------------------------------


def test_nested_gitignore_with_negation_and_anchoring(root: Path) -> None:
    write(root / ".gitignore", "*_pb2.py\n/top.py\n")
    write(root / "svc" / ".gitignore", "!keep_pb2.py\n/local.py\n")
    touch(root, "top.py", "svc/top.py", "a_pb2.py", "svc/b_pb2.py", "svc/keep_pb2.py")
    touch(root, "svc/local.py", "svc/deeper/local.py", "svc/deeper/keep_pb2.py", "other/keep_pb2.py")
    assert found(root) == [
        "svc/deeper/keep_pb2.py",
        "svc/deeper/local.py",
        "svc/keep_pb2.py",
        "svc/top.py",
    ]


def test_negation_cannot_reinclude_a_file_inside_an_ignored_directory(root: Path) -> None:
    write(root / ".gitignore", "gen/\n!gen/keep.py\n")
    touch(root, "gen/keep.py", "gen/drop.py", "app.py")
    assert found(root) == ["app.py"]


def test_deeper_gitignore_overrides_a_shallower_one(root: Path) -> None:
    write(root / ".gitignore", "!scripts/\n*.py\n!/app.py\n")
    write(root / "scripts" / ".gitignore", "!run.py\n")
    touch(root, "app.py", "lib.py", "scripts/run.py", "scripts/other.py")
    assert found(root) == ["app.py", "scripts/run.py"]


def test_git_info_exclude_is_honoured(root: Path) -> None:
    write(root / ".git" / "info" / "exclude", "scratch/\n")
    touch(root, "app.py", "scratch/try.py")
    assert found(root) == ["app.py"]


def test_gitignore_files_above_the_root_apply_up_to_the_repository_top(tmp_path: Path) -> None:
    repo = tmp_path.resolve()
    write(repo / ".git" / "info" / "exclude", "/svc/tmp/\n")
    write(repo / ".gitignore", "*_pb2.py\n/svc/local.py\n/local.py\n")
    service = repo / "svc"
    touch(service, "api.py", "api_pb2.py", "local.py", "tmp/x.py", "sub/local.py")
    assert found(service) == ["api.py", "sub/local.py"]


def test_respect_gitignore_off(root: Path) -> None:
    write(root / ".gitignore", "*.py\n")
    write(root / ".git" / "info" / "exclude", "*.pyi\n")
    touch(root, "app.py", "stub.pyi")
    assert found(root, respect_gitignore=False) == ["app.py", "stub.pyi"]


def test_a_broken_gitignore_line_does_not_stop_discovery(root: Path) -> None:
    write(root / ".gitignore", "!\nsecret.py\n")
    touch(root, "app.py", "secret.py")
    assert found(root) == ["app.py"]


# --- explicit paths and --force-exclude ----------------------------------------------------------------


def test_explicit_file_is_linted_even_if_excluded_or_ignored(root: Path) -> None:
    write(root / ".gitignore", "ignored.py\n")
    touch(root, "build/gen.py", "ignored.py")
    assert found(root, ["build/gen.py", "ignored.py"]) == ["build/gen.py", "ignored.py"]


def test_force_exclude_drops_excluded_and_ignored_explicit_files(root: Path) -> None:
    write(root / ".gitignore", "ignored.py\n")
    touch(root, "build/gen.py", "ignored.py", "app.py")
    paths = ["build/gen.py", "ignored.py", "app.py"]
    assert found(root, paths, force_exclude=True) == ["app.py"]


def test_force_exclude_checks_the_directories_above_a_file(root: Path) -> None:
    write(root / ".gitignore", "gen/\n!gen/keep.py\n")
    touch(root, "gen/keep.py", "svc/vendor/lib.py")
    paths = ["gen/keep.py", "svc/vendor/lib.py"]
    assert found(root, paths, force_exclude=True, extend_exclude=("vendor",)) == []


def test_explicit_directory_is_walked_even_if_excluded(root: Path) -> None:
    write(root / ".gitignore", "build/\n")
    touch(root, "build/gen.py", "build/sub/more.py", "build/__pycache__/x.py", "build/.venv/y.py")
    assert found(root, ["build"]) == ["build/gen.py", "build/sub/more.py"]
    assert found(root, ["build"], force_exclude=True) == []


def test_explicit_directory_inside_an_excluded_one_keeps_its_own_gitignore(root: Path) -> None:
    write(root / ".venv" / "lib" / "pkg" / ".gitignore", "gen.py\n")
    touch(root, ".venv/lib/pkg/mod.py", ".venv/lib/pkg/gen.py")
    assert found(root, [".venv/lib/pkg"]) == [".venv/lib/pkg/mod.py"]


def test_explicit_file_of_any_extension_is_linted(root: Path) -> None:
    touch(root, "bin/serve")
    assert found(root, ["bin/serve"]) == ["bin/serve"]


def test_explicit_paths_outside_the_root(tmp_path: Path) -> None:
    project, elsewhere = tmp_path.resolve() / "project", tmp_path.resolve() / "elsewhere"
    project.mkdir()
    touch(elsewhere, "a.py", "venv/b.py", "pkg/c.py")
    result = found(project, [str(elsewhere)])
    assert result == [(elsewhere / "a.py").as_posix(), (elsewhere / "pkg" / "c.py").as_posix()]


def test_is_excluded(root: Path) -> None:
    write(root / ".gitignore", "secret.py\n")
    touch(root, "secret.py", "app.py", ".venv/lib/x.py")
    config = settings(root)
    assert is_excluded(root / "secret.py", config)
    assert is_excluded(root / ".venv" / "lib" / "x.py", config)
    assert not is_excluded(root / "app.py", config)
    assert not is_excluded(root / "secret.py", settings(root, respect_gitignore=False))


# --- symlinks and unreadable directories ---------------------------------------------------------------


def test_symlink_loop_is_reported_not_followed(root: Path) -> None:
    touch(root, "pkg/a.py")
    (root / "pkg" / "loop").symlink_to("..", target_is_directory=True)
    result = discover([], settings(root), cwd=root)
    assert [relative_path(Path(p), root) for p in result.files] == ["pkg/a.py"]
    assert result.skipped == [("pkg/loop", "symlink loop")]


def test_overlapping_named_paths_follow_a_symlink_once(root: Path) -> None:
    touch(root, "pkg/a.py")
    (root / "pkg" / "loop").symlink_to("..", target_is_directory=True)
    result = discover([".", "pkg", "pkg/a.py"], settings(root), cwd=root)
    assert result.files == [str(root / "pkg" / "a.py")]
    assert result.skipped == [("pkg/loop", "symlink loop")]


def test_symlinks_leaving_the_root_are_reported(tmp_path: Path) -> None:
    root, outside = tmp_path.resolve() / "root", tmp_path.resolve() / "outside"
    touch(outside, "o.py")
    touch(root, "app.py")
    (root / "ext").symlink_to(outside, target_is_directory=True)
    (root / "ext.py").symlink_to(outside / "o.py")
    (root / "notes.txt").symlink_to(outside / "o.py")
    result = discover([], settings(root), cwd=root)
    assert result.files == [str(root / "app.py")]
    assert result.skipped == [
        ("ext", "symlink leads outside the project root"),
        ("ext.py", "symlink leads outside the project root"),
    ]


def test_symlinked_directory_inside_the_root_is_followed(root: Path) -> None:
    touch(root, "shared/lib.py", "svc/app.py")
    (root / "svc" / "lib").symlink_to(root / "shared", target_is_directory=True)
    assert found(root, ["svc"]) == ["svc/app.py", "svc/lib/lib.py"]


def test_file_reached_twice_is_linted_once_under_its_real_path(root: Path) -> None:
    touch(root, "zzz/real.py")
    (root / "aaa").symlink_to(root / "zzz", target_is_directory=True)
    (root / "alias.py").symlink_to(root / "zzz" / "real.py")
    result = discover([], settings(root), cwd=root)
    assert result.files == [str(root / "zzz" / "real.py")]
    assert result.skipped == [
        ("aaa", "symlink to a directory already linted as zzz"),
        ("alias.py", "same file as zzz/real.py"),
    ]


def test_broken_symlink_to_a_python_file_is_reported(root: Path) -> None:
    touch(root, "app.py")
    (root / "gone.py").symlink_to(root / "nowhere.py")
    result = discover([], settings(root), cwd=root)
    assert result.files == [str(root / "app.py")]
    assert result.skipped == [("gone.py", "broken symlink")]


def test_excluded_symlink_is_silently_pruned(root: Path) -> None:
    touch(root, "app.py")
    (root / "venv").symlink_to("/", target_is_directory=True)
    assert discover([], settings(root), cwd=root).skipped == []


def test_unreadable_directory_is_skipped_and_discovery_continues(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(root, "locked/secret.py", "open/app.py")
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = discover([], settings(root), cwd=root)
    assert result.files == [str(root / "open" / "app.py")]
    assert result.skipped == [("locked", "cannot read directory: Permission denied")]


# --- speed ---------------------------------------------------------------------------------------------


def test_discovery_of_a_thousand_files_is_fast(root: Path) -> None:
    write(root / ".gitignore", "*_pb2.py\n/build/\n!keep_pb2.py\n")
    for package in range(50):
        directory = root / "src" / f"pkg{package}" / "sub"
        directory.mkdir(parents=True)
        write(directory.parent / ".gitignore", "*.tmp.py\n")
        for module in range(20):
            (directory / f"mod{module}.py").write_bytes(b"")
    started = time.process_time()
    result = discover([], settings(root), cwd=root)
    elapsed = time.process_time() - started
    assert len(result.files) == 1000
    assert elapsed < 0.5, f"discovery took {elapsed:.2f}s"


def test_plain_exclude_names_match_as_pathspec_does() -> None:
    """The fast path for plain names in `exclude` agrees with pathspec on every path the walk asks
    about (one whose ancestors are not excluded)."""
    import pathspec

    from prr_lint.config_schema import DEFAULT_EXCLUDES
    from prr_lint.discovery import _Excludes

    keys = ["venv/", "a/venv/", "venv", "x/build", "x/build/", "generated/", "generated", "x/generated/", "docs/a.py",
            "docs/", "a/b", "a/b/", "src/app.py", ".git/", "x/.gitx/", "x/.venv2/", "node_modules/", "x/a/b", "x/a/b/",
            "c/d.py", "c/d.py/", "x/c/d.py", "e/f/", "e/f", "e/fg/", "g/h/", "x/g/h/"]
    literal = ("generated/", "a/b", "/c/d.py", "e/f/", "g/h/")
    for patterns in (DEFAULT_EXCLUDES, (*DEFAULT_EXCLUDES, *literal, "docs/*.py"), ("venv", "!venv/keep.py")):
        fast, spec = _Excludes(tuple(patterns)), pathspec.GitIgnoreSpec.from_lines(patterns)
        for key in keys:
            assert fast.match(key) == spec.match_file(key), (patterns, key)


@pytest.mark.parametrize(
    "gitignore, extend_exclude, imported",
    [(None, [], False), (None, ["generated"], False), (None, ["*.pyi"], True), ("*.log\n", [], True)],
)
def test_pathspec_is_imported_only_when_a_pattern_needs_it(
    tmp_path: Path, gitignore: Optional[str], extend_exclude: List[str], imported: bool
) -> None:
    """Literal excludes are matched in sets; pathspec (a large share of a warm run's start-up) is
    loaded for wildcard patterns and ignore files only, and the files found are the same either way."""
    import subprocess
    import sys

    touch(tmp_path, "app/a.py", "app/b.pyi", "generated/c.py")
    if gitignore is not None:
        write(tmp_path / ".gitignore", gitignore)
    script = (
        "import sys\nfrom pathlib import Path\nfrom prr_lint.config import Settings\nfrom prr_lint.discovery import discover\n"
        f"root = Path({str(tmp_path.resolve())!r})\n"
        f"files = discover(['.'], Settings(root=root, extend_exclude={tuple(extend_exclude)!r}), cwd=root).files\n"
        "print([Path(f).relative_to(root).as_posix() for f in files], 'pathspec' in sys.modules)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output == f"{found(tmp_path, extend_exclude=tuple(extend_exclude))!r} {imported}\n"


def test_a_file_without_a_suffix_is_python_by_its_shebang(root: Path) -> None:
    """An operator's `bin/crank-market` (`#!/usr/bin/env python3`) is a program of the project; a shell
    script, a `#!` line that only mentions python, a data file and a `.txt` file with a python `#!` are not."""
    write(root / "bin" / "crank-market", "#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n")
    write(root / "bin" / "reindex", "#!/usr/bin/python3.11 -u\nprint('x')\n")
    write(root / "bin" / "warm", "#!/usr/bin/env -S python3 -X dev\nprint('x')\n")
    write(root / "bin" / "deploy", "#!/bin/bash\n# runs python\nexec python3 -m svc\n")
    write(root / "bin" / "wrap", "#!/bin/sh /opt/python3/wrapper\necho x\n")
    write(root / "bin" / "notes.txt", "#!/usr/bin/env python3\n")
    write(root / "LICENSE", "MIT\n")
    assert found(root) == ["bin/crank-market", "bin/reindex", "bin/warm"]


def test_a_python_program_without_a_suffix_keeps_excludes_and_gitignore(root: Path) -> None:
    write(root / ".gitignore", "bin/scratch\n")
    for name in ("scratch", "tool", "old"):
        write(root / "bin" / name, "#!/usr/bin/env python3\nprint('x')\n")
    assert found(root, extend_exclude=("bin/old",)) == ["bin/tool"]
    assert found(root, ["bin/scratch"], extend_exclude=("bin/old",)) == ["bin/scratch"]  # named: linted


@pytest.mark.parametrize("line, python", [
    ("#!/usr/bin/env python3", True), ("#!/usr/bin/python", True), ("#! /usr/local/bin/python3.12", True),
    ("#!/usr/bin/env -S python3 -u", True), ("#!/usr/bin/pypy3", True), ("#!/bin/bash", False),
    ("#!/usr/bin/env node", False), ("#!/bin/sh python", False), ("#!", False), ("# python3", False),
])
def test_which_shebang_lines_start_python(line: str, python: bool) -> None:
    from prr_lint.shebangs import starts_python

    assert starts_python(line) is python
