"""Module names as Python imports them: what resolving imports across the project stands on."""

from __future__ import annotations

from pathlib import Path

from prr_lint.modules import module_name


def _make(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")


def test_regular_packages_and_src_layout(tmp_path: Path) -> None:
    _make(tmp_path, "svc/__init__.py", "svc/api/__init__.py", "svc/api/views.py", "src/lib_pkg/__init__.py", "src/lib_pkg/core.py")
    assert module_name(str(tmp_path / "svc/api/views.py"), str(tmp_path)) == ("svc.api.views", False)
    assert module_name(str(tmp_path / "svc/api/__init__.py"), str(tmp_path)) == ("svc.api", True)
    assert module_name(str(tmp_path / "src/lib_pkg/core.py"), str(tmp_path)) == ("lib_pkg.core", False)


def test_a_folder_without_init_inside_a_package_is_a_namespace_portion_of_it(tmp_path: Path) -> None:
    """`automation/utils/` has no `__init__.py`, but `automation/` is a package: Python imports
    `automation.utils.appnexus.errors`, whatever folder above holds the import root."""
    _make(tmp_path, "web/automation/__init__.py", "web/automation/utils/appnexus/__init__.py",
          "web/automation/utils/appnexus/errors.py", "web/automation/utils/helpers.py", "web/manage.py")
    root = str(tmp_path)
    assert module_name(str(tmp_path / "web/automation/utils/appnexus/errors.py"), root) == ("automation.utils.appnexus.errors", False)
    assert module_name(str(tmp_path / "web/automation/utils/helpers.py"), root) == ("automation.utils.helpers", False)
    assert module_name(str(tmp_path / "web/manage.py"), root) == ("web.manage", False)


def test_a_folder_whose_name_is_no_identifier_is_an_import_root(tmp_path: Path) -> None:
    """A checkout `my-service/` with a stray `__init__.py`: no import can name `my-service`, so its packages
    are imported from it (`backend.migration.utils`); an identifier folder with `__init__.py` stays a package."""
    _make(tmp_path, "my-service/__init__.py", "my-service/backend/__init__.py", "my-service/backend/migration/__init__.py",
          "my-service/backend/migration/utils.py", "my-service/tool/run.py", "svc/__init__.py", "svc/views.py")
    root = str(tmp_path)
    assert module_name(str(tmp_path / "my-service/backend/migration/utils.py"), root) == ("backend.migration.utils", False)
    assert module_name(str(tmp_path / "my-service/tool/run.py"), root) == ("tool.run", False)
    assert module_name(str(tmp_path / "svc/views.py"), root) == ("svc.views", False)
