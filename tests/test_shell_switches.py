"""A start script's `if` branch an environment switch picks (project/shell_switches.py): blanked when the
switch is off by default and no shipped file turns it on, kept otherwise."""

from __future__ import annotations

from prr_lint.project.shell_switches import unswitched_text

SCRIPT = "#!/bin/sh\nmigrate\nif [ \"${SEED:-false}\" = \"true\" ]; then\n  seed_demo\nfi\nserve\n"


def test_an_unset_switch_blanks_its_branch_and_keeps_the_lines() -> None:
    assert unswitched_text(SCRIPT, []).splitlines() == ["#!/bin/sh", "migrate", SCRIPT.splitlines()[2], "", "fi", "serve"]
    assert unswitched_text(SCRIPT, []).endswith("serve\n")


def test_a_shipped_value_that_turns_it_on_or_cannot_be_read_keeps_it() -> None:
    assert unswitched_text(SCRIPT, ["SEED=true\n"]) == SCRIPT
    assert unswitched_text(SCRIPT, ["environment:\n  SEED: ${OTHER}\n"]) == SCRIPT
    assert unswitched_text(SCRIPT, ["environment:\n  SEED: ${SEED:-true}\n"]) == SCRIPT
    assert "seed_demo" not in unswitched_text(SCRIPT, ["SEED=false\n"])


def test_a_default_that_takes_the_branch_or_another_test_keeps_it() -> None:
    on = SCRIPT.replace("${SEED:-false}", "${SEED:-true}")
    assert unswitched_text(on, []) == on
    numeric = "if [ \"${N:-1}\" -eq 1 ]; then\n  work\nfi\n"
    assert unswitched_text(numeric, []) == numeric
    bare = "if [ \"$ROLE\" = \"worker\" ]; then\n  work\nfi\n"
    assert unswitched_text(bare, []) == bare
    other = "if [ -f /flag ]; then\n  work\nfi\n"
    assert unswitched_text(other, []) == other
