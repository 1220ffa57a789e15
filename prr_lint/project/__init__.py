"""The project phase: checks that need every module's summary, run after the per-file phase."""
