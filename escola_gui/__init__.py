"""Escola: student records for a Brazilian school office."""

import os
import sys


def _installed_version() -> str | None:
    """The ``Version:`` of the first ``escola-*.dist-info`` along ``sys.path``, where
    ``importlib.metadata`` would find it, read without importing that module: its imports
    (email, csv, zipfile) cost about 25 ms, which every launch would pay before its first paint.
    None when anything is unusual (several candidates in one folder, no such line): the caller
    then asks ``importlib.metadata`` itself."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip, a missing folder
            continue
        found = [name for name in names if name.startswith("escola-") and name.endswith(".dist-info")]
        if not found:
            continue
        if len(found) > 1:
            return None
        try:
            with open(os.path.join(entry or ".", found[0], "METADATA"), encoding="utf-8") as file:
                for line in file:
                    if not line.strip():
                        return None  # the headers end: no Version
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip() or None
        except OSError:
            return None
        return None
    return None


def _version() -> str:
    """The version of pyproject.toml, its one source: through the installed package's metadata
    (which the frozen build carries too), or read from pyproject.toml in a checkout never installed."""
    found = _installed_version()
    if found:
        return found
    from importlib import metadata

    try:
        return metadata.version("escola")
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        with open(Path(__file__).resolve().parents[1] / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]


__version__ = _version()
