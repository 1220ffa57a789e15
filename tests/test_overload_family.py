"""PRR506 and PRR507 on their example service (fixtures/overload_service/README.md lists every
intended finding and non-finding)."""

from __future__ import annotations

from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots" / "overload_service"


def test_overload_service_json_snapshot(run_cli, snapshot, monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = run_cli("check", "fixtures/overload_service", "--select", "PRR506,PRR507", "--no-cache", "--output-format", "json")
    assert result.exit_code == 1
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(result.output, "check.json")
