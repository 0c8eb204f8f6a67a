"""The releases of Escola and the schema each one shipped.

A downgrade names a release ("1.0") rather than a revision, because the secretary knows
which version she installed, not which revision it carried. Each release appends a line
here when it is cut (issue 6 adds its fixture file beside it); a test keeps the last line
in step with the package version and the head revision.
"""

from __future__ import annotations

from dataclasses import dataclass

from escola_gui import __version__


@dataclass(frozen=True)
class Release:
    version: str
    # The schema's revision; None for the 0.x prototype, whose files have no alembic_version.
    revision: str | None


PROTOTYPE = Release("0.x", None)

RELEASES: tuple[Release, ...] = (
    PROTOTYPE,
    Release("1.0", "0010"),
    Release("1.1", "0012"),
    Release("1.2", "0017"),  # in development (a .dev version): its fixture is made when it is cut
)


def short_version(version: str = __version__) -> str:
    """``1.1.0`` → ``1.1``: releases are named by major.minor; patch releases keep the schema."""
    parts = version.split(".")
    return ".".join(parts[:2])


def in_development(version: str = __version__) -> bool:
    """``1.2.0.dev0``: a version not cut yet, whose release has no file of its own in the
    tests' fixtures until it is (README: release checklist)."""
    return ".dev" in version


def current_release() -> Release:
    version = short_version()
    for release in RELEASES:
        if release.version == version:
            return release
    raise LookupError(f"version {__version__} is missing from RELEASES")


def earlier_releases() -> list[Release]:
    """The releases a file of this version can be taken back to, newest first."""
    current = current_release()
    index = RELEASES.index(current)
    return [r for r in reversed(RELEASES[:index]) if r.revision != current.revision]


def release_for_revision(revision: str | None) -> Release | None:
    """The newest release whose schema is ``revision``."""
    for release in reversed(RELEASES):
        if release.revision == revision:
            return release
    return None
