"""Alembic environment, shared by the developer's `alembic` command and the app.

The app hands us an open connection, already inside its one upgrade transaction, through
``config.attributes["connection"]`` (Alembic's "Sharing a Connection" recipe). From the
command line we open our own, with the same transactional and foreign-key settings.
"""

from __future__ import annotations

import os
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy.engine import Connection, Engine, make_url

from escola_gui.core import db
from escola_gui.core.models import Base, in_models

config = context.config
target_metadata = Base.metadata


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # Leftovers of an interrupted batch rebuild and the FTS5 search index are not models.
    return in_models(name, type_)


def database_path() -> Path:
    """``-x database=PATH``, then ESCOLA_DB, then the development database of alembic.ini."""
    x_args = context.get_x_argument(as_dictionary=True)
    if x_args.get("database"):
        return Path(x_args["database"]).expanduser().absolute()
    if os.environ.get("ESCOLA_DB"):
        return Path(os.environ["ESCOLA_DB"]).expanduser().absolute()
    url = make_url(config.get_main_option("sqlalchemy.url") or "")
    if not url.database:
        raise SystemExit("alembic.ini has no sqlalchemy.url and ESCOLA_DB is not set")
    return Path(url.database)


def _configure(**kwargs: object) -> None:
    """The options both modes share."""
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move instead
        compare_type=True,
        # pysqlite is made transactional in escola_gui.core.db, so DDL can be rolled back.
        transactional_ddl=True,
        include_object=_include_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=db.sqlite_url(database_path()), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection, on_version_apply=config.attributes.get("on_version_apply"))
    # A no-op when the app's transaction is already open; otherwise one transaction for all.
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if isinstance(connectable, Connection):
        _run(connectable)
        return
    if isinstance(connectable, Engine):  # pytest-alembic hands over an engine
        with connectable.connect() as conn:
            _run(conn)
        return
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = db.create_upgrade_engine(path)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if config.config_file_name is not None and not config.attributes.get("connection"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
