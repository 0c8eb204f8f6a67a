"""Shared fixtures. The test config, not the person running it, makes Qt headless."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from escola_gui.core import db  # noqa: E402
from tests.helpers.waits import HANG_GUARD_MS  # noqa: E402

# No per-example deadline: CI machines are shared and noisy (speed lives in benchmarks).
# Under CI the examples are derandomized, so a red run can be reproduced exactly.
settings.register_profile("escola", deadline=None, print_blob=True)
settings.register_profile("ci", parent=settings.get_profile("escola"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "escola")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's data, log and settings folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("ESCOLA_DB", raising=False)


@pytest.fixture
def head_db(tmp_path: Path) -> Path:
    """A new database file brought to head by the real upgrade path."""
    from escola_gui.storage.file.upgrade import upgrade_to_head

    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    return path


@pytest.fixture
def head_engine(head_db: Path) -> Iterator[Engine]:
    """An everyday (foreign keys on) engine over a database at head."""
    engine = db.create_app_engine(head_db)
    yield engine
    engine.dispose()


@pytest.fixture
def alembic_config():  # type: ignore[no-untyped-def]
    """pytest-alembic: the app's own in-code Alembic configuration."""
    from pytest_alembic.config import Config

    from escola_gui.storage.migrations import make_config

    return Config(alembic_config=make_config())


@pytest.fixture
def alembic_engine(tmp_path: Path) -> Iterator[Engine]:
    """pytest-alembic: a file database with the upgrade engine's transaction and FK rules."""
    engine = db.create_upgrade_engine(tmp_path / "pytest-alembic.sqlite3")
    yield engine
    engine.dispose()


class PatientQtBot(QtBot):
    """pytest-qt's QtBot whose waits default to HANG_GUARD_MS (tests/helpers/waits.py), not 5 s:
    pytest-qt's default is too short for a loaded machine, where CI may run.
    (The pep-8 aliases, wait_until and the others, are bound to these in QtBot.__init__.)"""

    def waitUntil(self, callback: Callable[[], bool | None], *, timeout: int = HANG_GUARD_MS) -> None:
        super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal: Any, *, timeout: int = HANG_GUARD_MS, **kwargs: Any) -> Any:
        return super().waitSignal(signal, timeout=timeout, **kwargs)

    def waitSignals(self, signals: Any, *, timeout: int = HANG_GUARD_MS, **kwargs: Any) -> Any:
        return super().waitSignals(signals, timeout=timeout, **kwargs)

    def waitCallback(self, *, timeout: int = HANG_GUARD_MS, **kwargs: Any) -> Any:
        return super().waitCallback(timeout=timeout, **kwargs)

    def waitActive(self, widget: QWidget, *, timeout: int = HANG_GUARD_MS) -> Any:
        return super().waitActive(widget, timeout=timeout)

    def waitExposed(self, widget: QWidget, *, timeout: int = HANG_GUARD_MS) -> Any:
        return super().waitExposed(widget, timeout=timeout)


@pytest.fixture
def qtbot(qapp, request: pytest.FixtureRequest) -> QtBot:  # type: ignore[no-untyped-def]
    """pytest-qt's qtbot (its fixture does the same), patient: see :class:`PatientQtBot`."""
    return PatientQtBot(request)
