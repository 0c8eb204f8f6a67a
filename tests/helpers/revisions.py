"""The shipped revisions, as the tests expect them, read from the script directory."""

from __future__ import annotations

from escola_gui.storage.migrations import BASELINE_REVISION, head_revision, script_directory

HEAD = head_revision()
# Oldest first: what an upgrade of a 0.x file runs after stamping the baseline.
ALL = [script.revision for script in reversed(list(script_directory().walk_revisions()))]
AFTER_BASELINE = ALL[ALL.index(BASELINE_REVISION) + 1 :]


def after(revision: str) -> list[str]:
    """The revisions an upgrade from ``revision`` runs, oldest first."""
    return ALL[ALL.index(revision) + 1 :]
