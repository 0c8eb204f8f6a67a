"""Escola: student records for a Brazilian school office."""

from importlib import metadata


def _version() -> str:
    """The version of pyproject.toml, its one source: through the installed package's metadata
    (which the frozen build carries too), or read from pyproject.toml in a checkout never installed."""
    try:
        return metadata.version("escola")
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        with open(Path(__file__).resolve().parents[1] / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]


__version__ = _version()
