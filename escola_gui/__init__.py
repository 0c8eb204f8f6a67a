"""Escola: student records for a Brazilian school office."""

from importlib import metadata

try:
    __version__ = metadata.version("escola")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "1.1.0"
