"""The QoS and overload families (PRR5xx) and vanishing failures (PRR107) on their example service (fixtures/qos_service/README.md
lists every intended finding and non-finding)."""

from __future__ import annotations

from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots" / "qos_service"


def test_qos_service_json_snapshot(run_cli, snapshot, monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = run_cli("check", "fixtures/qos_service", "--select", "PRR5,PRR107", "--no-cache", "--output-format", "json")
    assert result.exit_code == 1
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(result.output, "check.json")
