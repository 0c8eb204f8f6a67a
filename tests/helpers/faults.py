"""Damaged files and full disks, made on purpose."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, event

from escola_gui.storage.file.backup import read_only_uri

GARBAGE = bytes(range(7, 256, 3)) * 64


def clobber_table_page(path: Path, table: str = "alunos") -> int:
    """Overwrite the root page of ``table`` with garbage (the file keeps its size); returns it."""
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write((GARBAGE * (page_size // len(GARBAGE) + 1))[:page_size])
    return root


def truncate(path: Path, fraction: float = 0.5) -> None:
    """Cut ``path`` short, as an interrupted copy leaves it."""
    with path.open("r+b") as f:
        f.truncate(int(path.stat().st_size * fraction))


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read-only, to compare before and after."""
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def no_room_to_grow(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """A full disk, as SQLite sees it: the file may not grow by a single page."""
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")


def fill_disk_for(engine: Engine) -> Engine:
    """Every new connection of ``engine`` finds the disk full."""
    event.listen(engine, "connect", no_room_to_grow)
    return engine
