"""A read-only bind mount of a folder: a read-only check that root cannot write past."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    """``folder`` mounted again, read-only, at a sibling path; skips the test where mounting is not allowed."""
    target = folder.with_name(folder.name + "-somente-leitura")
    target.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(["mount", "-o", "ro,bind", str(folder), str(target)], capture_output=True, check=False)
    if done.returncode != 0:
        target.rmdir()
        pytest.skip(f"a read-only bind mount is not allowed here: {done.stderr.decode(errors='replace').strip()}")
    try:
        # Older kernels ignore "ro" on the first bind: remount to be sure, and check.
        subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], capture_output=True, check=False)
        probe = target / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("the bind mount is writable")
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True, check=False)
        with contextlib.suppress(OSError):
            target.rmdir()
