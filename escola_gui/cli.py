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
from typing import TYPE_CHECKING

from escola_gui import __version__

if TYPE_CHECKING:
    from escola_gui.core.upgrade import Step

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
    db_commands.add_parser("backup", parents=[database], help="faz uma cópia de segurança e mostra onde ficou")
    import_parser = commands.add_parser("import", help="importa uma planilha (CSV ou XLSX), tudo ou nada")
    import_what = import_parser.add_subparsers(dest="what", metavar="O_QUE", required=True)
    import_alunos = import_what.add_parser("alunos", parents=[database], help="alunos de uma planilha")
    import_alunos.add_argument("file", metavar="ARQUIVO", help="arquivo .csv ou .xlsx")
    export_parser = commands.add_parser("export", help="exporta uma lista para CSV ou XLSX")
    export_what = export_parser.add_subparsers(dest="what", metavar="O_QUE", required=True)
    export_alunos = export_what.add_parser("alunos", parents=[database], help="a lista de alunos")
    export_alunos.add_argument("file", metavar="ARQUIVO", help="arquivo .csv ou .xlsx a criar")
    return parser


def _progress(step: Step) -> None:
    print(f"Aplicando revisão {step.number} de {step.total} ({step.revision}): {step.descricao}", file=sys.stderr)


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
    from escola_gui.core.upgrade import upgrade_to_head

    with DatabaseLock(path):
        result = upgrade_to_head(path, _progress)
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


def _import_alunos(path: Path, file: Path) -> int:
    """All or nothing: with any bad row, list each one (line and reasons) and write nothing."""
    from escola_gui.core import db
    from escola_gui.core.importacao import apply, preview
    from escola_gui.core.lock import DatabaseLock
    from escola_gui.core.planilhas import read_table
    from escola_gui.core.upgrade import upgrade_to_head

    with DatabaseLock(path):
        upgrade_to_head(path, _progress)  # the same launch path as the GUI
        table = read_table(file)
        engine = db.create_app_engine(path)
        try:
            plan = preview(engine, table)
            if plan.bad_rows:
                print(
                    f"erro: {len(plan.bad_rows)} linha(s) de {file} com problema; nada foi importado.", file=sys.stderr
                )
                for bad in plan.bad_rows:
                    print(f"linha {bad.line}: {'; '.join(bad.reasons)}", file=sys.stderr)
                return 1
            result = apply(engine, plan)
        finally:
            engine.dispose()
    print(
        f"Importação concluída: {result.inserted} aluno(s) novo(s), {result.updated} atualizado(s), "
        f"{result.unchanged} sem mudança."
    )
    return 0


def _export_alunos(path: Path, file: Path) -> int:
    from escola_gui.core import db
    from escola_gui.core.importacao import export_alunos
    from escola_gui.core.lock import DatabaseLock
    from escola_gui.core.upgrade import upgrade_to_head

    with DatabaseLock(path):
        upgrade_to_head(path, _progress)
        engine = db.create_app_engine(path)
        try:
            count = export_alunos(engine, file)
        finally:
            engine.dispose()
    print(f"{count} aluno(s) exportado(s) para {file}.")
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
        if args.command == "db":
            return {"status": _status, "upgrade": _upgrade, "backup": _backup}[args.db_command](path)
        handler = {"import": _import_alunos, "export": _export_alunos}[args.command]
        return handler(path, Path(args.file))
    except EscolaError as exc:
        print(f"erro: {exc.user_message} (registro: {log_path})", file=sys.stderr)
        return 2 if "não foi alterado" in exc.user_message else 1
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        log.exception("unexpected error in %s", args.command)
        print(f"erro inesperado: {exc}. Detalhes no registro: {log_path}", file=sys.stderr)
        return 1
