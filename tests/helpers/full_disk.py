"""A really full disk: a tiny tmpfs filled to the last byte (skips where mounting is not allowed)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def full_tmpfs(folder: Path, size: str = "1m", keep: dict[str, bytes] | None = None) -> Iterator[Path]:
    """``folder`` as a tmpfs of ``size`` holding the files ``keep`` (name → bytes), then filled up;
    skips the test where mounting is not allowed."""
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"mounting a tmpfs is not allowed here: {done.stderr.decode(errors='replace').strip()}")
    try:
        for name, data in (keep or {}).items():
            (folder / name).write_bytes(data)
        with (folder / "enche-o-disco").open("wb", buffering=0) as f:
            with contextlib.suppress(OSError):
                while f.write(bytes(4096)):
                    pass
            with contextlib.suppress(OSError):  # the last bytes of the last block
                while f.write(b"\0"):
                    pass
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()
