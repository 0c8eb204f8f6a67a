"""Entry point: ``main.py [--database PATH]`` opens the GUI; ``main.py db …`` works headless.

``db upgrade`` runs exactly the code that a GUI launch runs (escola_gui.core.upgrade).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from escola_gui import __version__

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database",
        metavar="PATH",
        help="arquivo de dados (padrão: ESCOLA_DB ou a pasta de dados do usuário)",
    )
    parser = argparse.ArgumentParser(
        prog="escola", description="Escola: registros escolares da secretaria.", parents=[database]
    )
    parser.add_argument("--version", action="version", version=f"Escola {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")
    db_parser = commands.add_parser("db", help="arquivo de dados: estado, atualização e cópia de segurança")
    db_commands = db_parser.add_subparsers(dest="db_command", metavar="AÇÃO", required=True)
    db_commands.add_parser("status", parents=[database], help="mostra o estado e a revisão do arquivo")
    db_commands.add_parser("upgrade", parents=[database], help="atualiza o arquivo, como ao abrir o Escola")
    db_commands.add_parser(
        "backup", parents=[database], help="faz uma cópia de segurança e mostra onde ficou"
    )
    return parser


def _status(path: Path) -> int:
    from escola_gui.core.upgrade import classify_database

    c = classify_database(path)
    print(f"database: {path}")
    print(f"state: {c.state.value}")
    print(f"revision: {c.revision or 'none'}")
    print(f"head: {c.head}")
    if c.refused:
        from escola_gui.core.upgrade import refusal_message

        print(f"reason: {refusal_message(c)}")
    return 0


def _upgrade(path: Path) -> int:
    from escola_gui.core.lock import DatabaseLock
    from escola_gui.core.upgrade import Step, upgrade_to_head

    def progress(step: Step) -> None:
        print(
            f"Aplicando revisão {step.number} de {step.total} ({step.revision}): {step.descricao}",
            file=sys.stderr,
        )

    with DatabaseLock(path):
        result = upgrade_to_head(path, progress)
    if result.applied:
        print(f"Arquivo atualizado para a revisão {result.revision}.")
        if result.backup:
            print(f"Cópia de segurança: {result.backup}")
        for line in result.summary:
            print(f"- {line}")
    else:
        print(f"O arquivo já está na revisão {result.revision}; nada a fazer.")
    return 0


def _backup(path: Path) -> int:
    from escola_gui.core.backup import back_up
    from escola_gui.core.lock import DatabaseLock
    from escola_gui.core.upgrade import DatabaseState, UpgradeRefusedError, classify_database

    with DatabaseLock(path):
        c = classify_database(path)
        if c.state in (DatabaseState.UNREADABLE, DatabaseState.FOREIGN):
            raise UpgradeRefusedError(c)
        if c.state is DatabaseState.NEW:
            print(f"Não há dados para copiar: {path} não existe ou está vazio.", file=sys.stderr)
            return 1
        print(back_up(path, c.revision or "0.x"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from escola_gui.core.errors import EscolaError
    from escola_gui.core.logs import setup_logging
    from escola_gui.core.paths import resolve_database_path

    args = _parser().parse_args(argv)
    # Children's personal data (LGPD): every file this process creates, SQLite's journals
    # included, is readable by the user alone.
    os.umask(0o077)
    log_path = setup_logging()
    path = resolve_database_path(args.database)
    if args.command is None:
        from escola_gui.gui.app import run_gui

        return run_gui(path, log_path)
    try:
        handler = {"status": _status, "upgrade": _upgrade, "backup": _backup}[args.db_command]
        return handler(path)
    except EscolaError as exc:
        print(f"erro: {exc.user_message} (registro: {log_path})", file=sys.stderr)
        return 2 if "não foi alterado" in exc.user_message else 1
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        log.exception("unexpected error in db %s", args.db_command)
        print(f"erro inesperado: {exc}. Detalhes no registro: {log_path}", file=sys.stderr)
        return 1
