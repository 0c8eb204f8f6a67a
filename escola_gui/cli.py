"""Entry point: ``main.py [--database PATH]`` opens the GUI; ``main.py db …``, ``import``,
``export``, ``boletim``, ``ano``, ``rematricula`` and ``demo`` work headless.

``db upgrade`` runs exactly the code that a GUI launch runs (escola_gui.storage.file.upgrade), and
``boletim`` the code of the Relatórios page (escola_gui.core.relatorios laid out by
escola_gui.gui.printing, on Qt's offscreen platform: no window opens).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

# Only what parsing the arguments and starting the GUI need is imported here: each sub-command
# imports its own modules (SQLAlchemy, Alembic, openpyxl, Qt's printing) inside its function, so
# that the GUI's first paint pays none of them (benchmarks: launch_to_first_rows).
if TYPE_CHECKING:
    from escola_gui.core.importacao.results import BadRow, RowAction
    from escola_gui.core.relatorios.documento import Caderno, Documento
    from escola_gui.core.rematricula import Plano, RematriculaService
    from escola_gui.storage.file.upgrade import UpgradeResult
    from escola_gui.storage.migrations import Step

log = logging.getLogger(__name__)


class _VersionAction(argparse.Action):
    """``--version``: argparse's own action, but the version is read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="mostra a versão e sai")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from escola_gui import __version__

        print(f"Escola {__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    # SUPPRESS: a sub-command's own --database, when not given, must not overwrite one given before the
    # command (``main.py --database X db backup``); argparse would otherwise reset it to None.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="arquivo de dados (padrão: ESCOLA_DB ou a pasta de dados do usuário)",
    )
    parser = argparse.ArgumentParser(
        prog="escola", description="Escola: registros escolares da secretaria.", parents=[database]
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")
    db_parser = commands.add_parser("db", help="arquivo de dados: estado, atualização e cópia de segurança")
    db_commands = db_parser.add_subparsers(dest="db_command", metavar="AÇÃO", required=True)
    db_commands.add_parser("status", parents=[database], help="mostra o estado e a revisão do arquivo")
    db_commands.add_parser("upgrade", parents=[database], help="atualiza o arquivo, como ao abrir o Escola")
    db_commands.add_parser(
        "backup",
        parents=[database],
        help=(
            "faz uma cópia de segurança manual (nunca apagada pela rotação), mostra onde ficou e apaga as "
            "cópias automáticas antigas que sobram"
        ),
    )
    db_commands.add_parser(
        "backups", parents=[database], help="lista as cópias de segurança: data, tipo, versão, revisão e alunos"
    )
    delete_backup = db_commands.add_parser(
        "delete-backup",
        parents=[database],
        help="apaga uma cópia de segurança manual (a rotação nunca apaga as manuais); pergunta antes",
    )
    delete_backup.add_argument(
        "backup", metavar="BACKUP", help="a cópia manual a apagar (caminho, ou nome em backups/)"
    )
    delete_backup.add_argument("--yes", action="store_true", help="não pergunta antes de apagar")
    restore = db_commands.add_parser(
        "restore",
        parents=[database],
        help="restaura uma cópia de segurança (o arquivo atual é guardado ao lado) e a atualiza se preciso",
    )
    restore.add_argument("backup", metavar="BACKUP", help="a cópia a restaurar (caminho, ou nome em backups/)")
    downgrade = db_commands.add_parser(
        "downgrade",
        parents=[database],
        help="leva o arquivo de volta ao esquema de uma versão anterior do Escola (faz uma cópia de segurança antes)",
    )
    downgrade.add_argument("target", metavar="VERSAO", help='a versão ("1.0", "0.x") ou a revisão de destino')
    downgrade.add_argument("--yes", action="store_true", help="não pergunta antes de continuar")
    db_commands.add_parser(
        "check", parents=[database], help="verifica a integridade e os registros relacionados (só lê o arquivo)"
    )
    import_parser = commands.add_parser("import", help="importa uma planilha (CSV ou XLSX), tudo ou nada")
    import_what = import_parser.add_subparsers(dest="what", metavar="O_QUE", required=True)
    import_alunos = import_what.add_parser(
        "alunos",
        parents=[database],
        help="alunos de uma planilha",
        description=(
            "Importa alunos e responsáveis de uma planilha, em uma única gravação: tudo ou nada. Mostra antes o "
            "que muda em cada aluno já cadastrado (antes → depois)."
        ),
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    import_alunos.add_argument("file", metavar="ARQUIVO", help="arquivo .csv ou .xlsx")
    import_alunos.add_argument(
        "--simular", action="store_true", help="mostra o que a importação faria, sem gravar nada"
    )
    import_alunos.add_argument(
        "--conflitos",
        choices=("pular", "atualizar"),
        help="o que fazer com as linhas em conflito com um aluno cadastrado (veja abaixo); sem esta opção, "
        "a importação é recusada se houver alguma",
    )
    import_alunos.add_argument(
        "--linhas-validas",
        action="store_true",
        help="importa as linhas sem problema e grava as outras, com o motivo, em um arquivo novo ao lado do original",
    )
    export_parser = commands.add_parser("export", help="exporta uma lista para CSV ou XLSX")
    export_what = export_parser.add_subparsers(dest="what", metavar="O_QUE", required=True)
    export_alunos = export_what.add_parser("alunos", parents=[database], help="a lista de alunos")
    export_alunos.add_argument("file", metavar="ARQUIVO", help="arquivo .csv ou .xlsx a criar")
    boletim = commands.add_parser(
        "boletim",
        parents=[database],
        help="gera boletins em PDF, de um aluno ou de uma turma inteira",
        description="Gera boletins em PDF, os mesmos de Relatórios → Boletim escolar no Escola.",
        epilog=BOLETIM_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    alvo = boletim.add_mutually_exclusive_group(required=True)
    alvo.add_argument(
        "--aluno",
        type=int,
        metavar="ID",
        help="o aluno (id): o boletim do ano letivo mais recente, ou do ano de --ano",
    )
    alvo.add_argument("--turma", type=int, metavar="ID", help="a turma (id): os boletins dos alunos que estão nela")
    boletim.add_argument("--ano", type=int, metavar="ANO", help="com --aluno: o boletim deste ano letivo")
    boletim.add_argument(
        "--out",
        required=True,
        metavar="DESTINO",
        help="com --aluno, o arquivo PDF a gravar (ou uma pasta); com --turma, a pasta",
    )
    ano_parser = commands.add_parser("ano", help="ano letivo: encerrar quando todos os resultados estão lançados")
    ano_commands = ano_parser.add_subparsers(dest="ano_command", metavar="AÇÃO", required=True)
    encerrar = ano_commands.add_parser(
        "encerrar",
        parents=[database],
        help="encerra o ano letivo; recusa, listando cada resultado que falta (turma, disciplina, aluno, o quê)",
    )
    encerrar.add_argument("ano", type=int, metavar="ANO", help="o ano letivo, como 2026")
    reabrir = ano_commands.add_parser(
        "reabrir", parents=[database], help="reabre um ano letivo encerrado; o motivo fica no histórico"
    )
    reabrir.add_argument("ano", type=int, metavar="ANO", help="o ano letivo, como 2026")
    reabrir.add_argument("--motivo", required=True, help="por que o ano é reaberto")
    rematricula = commands.add_parser(
        "rematricula",
        parents=[database],
        help="rematrícula: leva os alunos de um ano encerrado para o ano seguinte, tudo ou nada",
        description=(
            "Leva os alunos de um ano letivo encerrado para o ano seguinte: aprovados para a próxima etapa, "
            "retidos para a mesma, concluintes marcados como concluídos; transferidos, abandonos e falecidos "
            "ficam de fora. Mostra a prévia, turma por turma e aluno por aluno, e grava tudo ou nada. "
            "Rodada de novo, não cria nada: quem já está no ano seguinte fica onde está."
        ),
        epilog=REMATRICULA_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rematricula.add_argument("--de", type=int, metavar="ANO", help="o ano letivo encerrado, como 2025")
    rematricula.add_argument("--para", type=int, metavar="ANO", help="o ano letivo seguinte, como 2026")
    rematricula.add_argument("--simular", action="store_true", help="só mostra a prévia; nada é gravado")
    rematricula.add_argument(
        "--desfazer", type=int, metavar="N", help="desfaz a rematrícula nº N (veja --listar), de uma vez"
    )
    rematricula.add_argument("--listar", action="store_true", help="lista as rematrículas feitas")
    demo = commands.add_parser(
        "demo",
        parents=[database],
        help="cria uma escola de demonstração em um arquivo novo, para conhecer o Escola",
        description=(
            "Cria, em um arquivo NOVO, uma escola de demonstração: ano letivo, turmas do 1º ao 9º ano, "
            "disciplinas, alunos com responsáveis, notas e frequência. Um arquivo que já existe nunca é usado."
        ),
    )
    demo.add_argument("--alunos", type=int, default=300, metavar="N", help="quantos alunos (padrão: 300)")
    return parser


IMPORT_EPILOG = """\
conflitos: uma linha cujo RA ou CPF é o de um aluno cadastrado, mas com outro nome,
  outra data de nascimento ou outro CPF (ou com nome e data de nascimento de um aluno
  sem CPF, mas com outra mãe), pode ser outra criança. Sem --conflitos, essas
  linhas são mostradas, com o cadastro e a planilha lado a lado, e nada é importado.
  --conflitos=pular      importa o resto e deixa essas linhas de fora;
  --conflitos=atualizar  atualiza os alunos cadastrados com os dados da planilha.

linhas com problema: sem --linhas-validas, nada é importado. Com --linhas-validas,
  as outras linhas são importadas e as com problema vão para um arquivo novo ao lado
  do original, ARQUIVO-linhas-com-problema.csv (com uma coluna Problemas), para
  corrigir e importar de novo.

exemplos:
  main.py import alunos alunos.csv --simular
  main.py import alunos alunos.xlsx --conflitos=pular --linhas-validas
"""


REMATRICULA_EPILOG = """\
exemplos:
  main.py rematricula --de 2025 --para 2026 --simular
  main.py rematricula --de 2025 --para 2026
  main.py rematricula --listar
  main.py rematricula --desfazer 1
"""


BOLETIM_EPILOG = """\
com --aluno ID --out ARQUIVO.pdf:
  grava o boletim do aluno em ARQUIVO.pdf (".pdf" é acrescentado se faltar); se
  ARQUIVO for uma pasta, o nome é boletim-<aluno>-<ano>.pdf.

com --turma ID --out PASTA:
  grava em PASTA (criada se não existir) um PDF por aluno, boletim-<aluno>-<ano>.pdf
  (com o RA no nome quando dois alunos têm o mesmo nome), e mais um PDF com os
  boletins de todos, um aluno por página, boletins-<turma>-<ano>.pdf, para imprimir
  de uma vez. Entram os alunos que estão na turma (os que saíram, não). Arquivos com
  o mesmo nome são substituídos. Os PDFs só podem ser lidos pelo seu usuário.

o arquivo de dados é apenas lido. Um arquivo de uma versão anterior do Escola é
recusado: atualize-o antes com "main.py db upgrade" (ou abrindo o Escola).

exemplos:
  main.py boletim --aluno 12 --out boletim.pdf
  main.py boletim --turma 3 --out boletins-6A --database escola.sqlite3
"""


def _progress(step: Step) -> None:
    print(f"Aplicando revisão {step.number} de {step.total} ({step.revision}): {step.descricao}", file=sys.stderr)


def _status(path: Path) -> int:
    from escola_gui.storage.file.launch_check import quick_classify

    c = quick_classify(path)
    if c is None:  # not certainly up to date: the full classification, with Alembic
        from escola_gui.storage.file.upgrade import classify_database

        c = classify_database(path)
    print(f"database: {path}")
    print(f"state: {c.state.value}")
    print(f"revision: {c.revision or 'none'}")
    print(f"head: {c.head}")
    if c.hot_journal and not c.refused:
        print(
            "journal: o Escola foi fechado no meio de uma gravação; ela será desfeita ao abrir o arquivo, "
            "depois de guardar uma cópia dele e do diário de transação. O arquivo não foi alterado."
        )
    if c.refused:
        from escola_gui.storage.file.upgrade import refusal_message

        print(f"reason: {refusal_message(c)}")
    return 0


def _say_recovery(result: UpgradeResult) -> None:
    """Say, on stderr, that a crash's journal was applied first and where the copies are."""
    if result.recovery is not None:
        print(result.recovery.message(), file=sys.stderr)


def _upgrade(path: Path) -> int:
    from escola_gui.core.leftovers import clean_after_crash
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import upgrade_to_head

    with DatabaseLock(path):
        clean_after_crash(path)  # as a GUI launch does
        result = upgrade_to_head(path, _progress)
    _say_recovery(result)
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
    from escola_gui.storage.file.backups import BackupKind, make_backup, prune
    from escola_gui.storage.file.launch_check import DatabaseState
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import UpgradeRefusedError, apply_pending_journal, classify_database

    if not path.exists():  # said without creating the lock file beside a mistyped path
        print(f"Não há dados para copiar: {path} não existe ou está vazio.", file=sys.stderr)
        return 1
    with DatabaseLock(path):
        c = classify_database(path)
        if c.state in (DatabaseState.UNREADABLE, DatabaseState.FOREIGN):
            raise UpgradeRefusedError(c)
        if c.hot_journal:  # a crash's journal first, as at launch (copies kept)
            c, recovery = apply_pending_journal(path, c)
            if recovery is not None:
                print(recovery.message(), file=sys.stderr)
        if c.state is DatabaseState.NEW:
            print(f"Não há dados para copiar: {path} não existe ou está vazio.", file=sys.stderr)
            return 1
        made = make_backup(path, BackupKind.MANUAL)
        deleted = prune(path)
    print(made)
    if len(deleted) == 1:
        print("1 cópia automática antiga foi apagada pela rotação.", file=sys.stderr)
    elif deleted:
        print(f"{len(deleted)} cópias automáticas antigas foram apagadas pela rotação.", file=sys.stderr)
    return 0


def _delete_backup(path: Path, backup: Path, yes: bool) -> int:
    """Delete one manual backup, after asking on a tty (``--yes`` without one)."""
    from escola_gui.core.paths import backups_dir
    from escola_gui.storage.file.backups import BackupKind, delete_manual_backup, list_backups
    from escola_gui.storage.file.lock import DatabaseLock

    if not backup.exists() and (backups_dir(path) / backup.name).exists():
        backup = backups_dir(path) / backup.name
    with DatabaseLock(path):
        info = next((b for b in list_backups(path) if b.path.absolute() == backup.absolute()), None)
        if info is not None and info.kind is BackupKind.MANUAL:
            alunos = "" if info.alunos is None else f", {info.alunos} alunos"
            print(f"Apagar a cópia manual de {info.created_at:%d/%m/%Y %H:%M}{alunos}: {info.path}")
            if not yes:
                if not sys.stdin.isatty():
                    print(
                        "erro: sem um terminal para perguntar, confirme com --yes. Nada foi apagado.", file=sys.stderr
                    )
                    return 2
                answer = input("Apagar esta cópia para sempre? [s/N] ").strip().casefold()
                if answer not in ("s", "sim"):
                    print("Nada foi apagado.")
                    return 1
        delete_manual_backup(path, backup)  # refuses anything but a manual backup of this file
    print(f"Cópia apagada: {backup}")
    return 0


def _backups(path: Path) -> int:
    from escola_gui.core.paths import backups_dir
    from escola_gui.storage.file.backups import list_backups

    found = list_backups(path)
    if not found:
        print(f"Nenhuma cópia de segurança de {path} em {backups_dir(path)}.")
        return 0
    header = ("data", "tipo", "versão", "revisão", "alunos", "arquivo")
    rows = [
        (
            f"{b.created_at:%d/%m/%Y %H:%M:%S}",
            b.kind.description + (" (fixa)" if b.pinned else ""),
            b.app_version or "?",
            b.revision or "?",
            "?" if b.alunos is None else str(b.alunos),
            str(b.path),
        )
        for b in found
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]))
    return 0


def _restore(path: Path, backup: Path) -> int:
    from escola_gui.core.paths import backups_dir
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.restore import DAMAGED_SUFFIX, restore
    from escola_gui.storage.file.upgrade import upgrade_to_head

    if not backup.exists() and (backups_dir(path) / backup.name).exists():
        backup = backups_dir(path) / backup.name
    with DatabaseLock(path):
        aside = restore(path, backup)
        print(f"Cópia restaurada: {backup} agora está em {path}.")
        if aside is not None and DAMAGED_SUFFIX in aside.name:
            print(f"O arquivo danificado foi guardado, sem alterações, em {aside}.")
        elif aside is not None:
            print(f"O arquivo que estava em uso foi guardado em {aside}.")
        result = upgrade_to_head(path, _progress)  # the same checks as a launch
    _say_recovery(result)
    if result.applied:
        print(f"A cópia era de uma versão anterior e foi atualizada para a revisão {result.revision}.")
        if result.backup:
            print(f"Cópia de segurança antes da atualização: {result.backup}")
        for line in result.summary:
            print(f"- {line}")
    else:
        print(f"O arquivo está na revisão {result.revision}.")
    return 0


def _downgrade_progress(step: Step) -> None:
    print(f"Revisão {step.number} de {step.total} ({step.revision}): {step.descricao}", file=sys.stderr)


def _downgrade(path: Path, target: str, yes: bool) -> int:
    """Print the plan (what is lost, the backup), ask on a tty (``--yes`` without one), then downgrade."""
    from escola_gui.core.paths import backups_dir
    from escola_gui.storage.file.downgrade import downgrade_to, plan_downgrade
    from escola_gui.storage.file.lock import DatabaseLock

    with DatabaseLock(path):
        plan = plan_downgrade(path, target)
        print(f"Voltar {path} para {plan.target.description} (revisão {plan.target.revision or '0.x'}).")
        if plan.losses:
            print("O arquivo vai perder (o que a versão anterior não tem onde guardar):")
            for line in plan.losses:
                print(f"- {line}")
        else:
            print("Nenhum dado é perdido.")
        print(f"Antes, uma cópia de segurança fixa (nunca apagada pela rotação) é feita em {backups_dir(path)}.")
        if not yes:
            if not sys.stdin.isatty():
                print(
                    "erro: sem um terminal para perguntar, confirme com --yes. O arquivo não foi alterado.",
                    file=sys.stderr,
                )
                return 2
            answer = input("Continuar? [s/N] ").strip().casefold()
            if answer not in ("s", "sim"):
                print("Nada foi feito. O arquivo não foi alterado.")
                return 1
        result = downgrade_to(path, target, _downgrade_progress)
    print(f"Arquivo levado de volta para {plan.target.description}.")
    print(f"Cópia de segurança do arquivo como estava: {result.backup}")
    if plan.target.release is not None:
        print(f"Abra-o agora com o Escola {plan.target.release.version}.")
    return 0


def _check(path: Path) -> int:
    from escola_gui.storage.file.backups import check_report

    report = check_report(path)
    print(f"database: {path}")
    problemas = len(report.integrity)
    print("integridade: " + ("ok" if not problemas else _plural(problemas, "problema", "problemas")))
    problemas = len(report.foreign_keys)
    print("registros relacionados: " + ("ok" if not problemas else _plural(problemas, "problema", "problemas")))
    for problem in report.problems:
        print(f"- {problem}")
    return 0 if report.clean else 1


def _plural(count: int, one: str, many: str) -> str:
    from escola_gui.core.text import format_count

    return f"1 {one}" if count == 1 else f"{format_count(count)} {many}"


def _value_text(field: str, value: object) -> str:
    from datetime import date

    from escola_gui.core.importacao.fields import COR_RACA_LABELS, PARENTESCO_LABELS, SEXO_LABELS
    from escola_gui.core.validation import format_cpf

    if value is None or value == "" or value == ():
        return "(vazio)"
    if isinstance(value, bool):
        return "Sim" if value else "Não"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value)
    if field.endswith("cpf"):
        return format_cpf(str(value))
    labels = {"sexo": SEXO_LABELS, "cor_raca": COR_RACA_LABELS, "parentesco": PARENTESCO_LABELS}.get(field, {})
    return labels.get(str(value), str(value))


def _field_label(field: str) -> str:
    from escola_gui.core.importacao.fields import FIELD_LABELS

    extra = {"parentesco": "parentesco", "responsavel_legal": "responsável legal", "telefones": "Telefones"}
    return FIELD_LABELS.get(field, extra.get(field, field))


def _print_changes(action: RowAction, out: TextIO) -> None:
    """Each change of an updated aluno, before → after, one a line."""
    for change in action.changes:
        before, after = _value_text(change.field, change.before), _value_text(change.field, change.after)
        print(f"    {_field_label(change.field)}: {before} → {after}", file=out)
    for r in action.responsaveis:
        if r.new_link:
            novo = " (novo cadastro)" if r.new_responsavel else ""
            legal = ", responsável legal" if r.legal else ""
            print(f"    novo vínculo: {_value_text('parentesco', r.parentesco)}{legal}: {r.data.nome}{novo}", file=out)
        for change in r.responsavel_changes + r.link_changes:
            before, after = _value_text(change.field, change.before), _value_text(change.field, change.after)
            print(f"    {r.data.nome}, {_field_label(change.field).lower()}: {before} → {after}", file=out)
    for _rid, nome in action.legal_removed:
        print(f"    {nome}, responsável legal: Sim → Não", file=out)


def _print_bad_rows(bad_rows: Sequence[BadRow], out: TextIO) -> None:
    """Each bad line by number and aluno; lines with the same problems are counted, not repeated."""
    from escola_gui.core.importacao.reporting import summarize

    for bad, more in summarize(bad_rows):
        nome = f" ({bad.nome})" if bad.nome else ""
        print(f"linha {bad.line}{nome}: {'; '.join(bad.reasons)}", file=out)
        if more:
            print(f"  … e mais {_plural(more, 'linha', 'linhas')} com o mesmo problema", file=out)


def _print_conflicts(conflicts: Sequence[RowAction], out: TextIO) -> None:
    from escola_gui.core.importacao.results import CONFLITO_TEXTO

    for action in conflicts:
        assert action.conflict is not None
        print(f"linha {action.line} ({action.data.nome}): {CONFLITO_TEXTO[action.conflict.matched_by]}, mas", file=out)
        for difference in action.conflict.differences:
            label = {"mae_nome": "Nome da mãe", "mae_cpf": "CPF da mãe"}.get(difference.field)
            label = label or _field_label(difference.field)
            cadastro = _value_text(difference.field, difference.before)
            planilha = _value_text(difference.field, difference.after)
            print(f"    {label}: cadastro {cadastro}, planilha {planilha}", file=out)


def _import_alunos(path: Path, file: Path, args: argparse.Namespace) -> int:
    """All or nothing: with any bad row, list each one (line, aluno and reasons) and write nothing;
    with --linhas-validas, import the others and keep the bad ones in a file beside. Conflicts
    are refused unless --conflitos says what to do; --simular writes nothing."""
    from escola_gui.core import db
    from escola_gui.core.importacao.errors import ImportacaoSomenteLeituraError
    from escola_gui.core.importacao.flow import apply, preview, valid_lines
    from escola_gui.core.importacao.reporting import write_set_aside
    from escola_gui.core.planilhas import read_table
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import upgrade_to_head

    if path.exists() and (problem := db.write_problem(path)) and not args.simular:
        raise ImportacaoSomenteLeituraError(problem)
    with DatabaseLock(path):
        _say_recovery(upgrade_to_head(path, _progress))  # the same launch path as the GUI
        table = read_table(file)
        if table.recoded_lines:
            lines = ", ".join(str(n) for n in table.recoded_lines[:10])
            if len(table.recoded_lines) > 10:
                lines += f" e mais {len(table.recoded_lines) - 10}"
            print(f"aviso: linhas de {file} gravadas em Windows-1252, não em UTF-8, lidas assim: {lines}.")
        engine = db.create_app_engine(path)
        try:
            plan = preview(engine, table)
            if plan.bad_rows and not args.linhas_validas:
                count = _plural(len(plan.bad_rows), "linha", "linhas")
                print(f"erro: {count} de {file} com problema; nada foi importado.", file=sys.stderr)
                _print_bad_rows(plan.bad_rows, sys.stderr)
                good = len(table.rows) - len(plan.bad_rows)
                if good:
                    print(
                        f"Para importar as outras {_plural(good, 'linha', 'linhas')} e guardar as com problema em um "
                        "arquivo ao lado, use --linhas-validas.",
                        file=sys.stderr,
                    )
                return 1
            if plan.bad_rows:
                plan = valid_lines(engine, plan)
                count = _plural(len(plan.set_aside), "linha", "linhas")
                print(f"{count} com problema fica{'m' if len(plan.set_aside) > 1 else ''} de fora:")
                _print_bad_rows(plan.set_aside, sys.stdout)
            if plan.conflicts and args.conflitos is None:
                count = _plural(len(plan.conflicts), "linha", "linhas")
                print(
                    f"erro: {count} de {file} em conflito com alunos cadastrados (pode ser outra criança); nada foi "
                    "importado.",
                    file=sys.stderr,
                )
                _print_conflicts(plan.conflicts, sys.stderr)
                print(
                    "Use --conflitos=pular para deixá-las de fora ou --conflitos=atualizar para atualizar esses "
                    "alunos.",
                    file=sys.stderr,
                )
                return 1
            confirmed = [a.line for a in plan.conflicts] if args.conflitos == "atualizar" else []
            if plan.conflicts:
                if args.simular:
                    que = "que seriam atualizadas" if confirmed else "que ficariam de fora"
                else:
                    que = "atualizadas" if confirmed else "deixadas de fora"
                print(f"Linhas em conflito {que} (--conflitos={args.conflitos}):")
                _print_conflicts(plan.conflicts, sys.stdout)
            chosen = plan.confirming(confirmed)
            for action in chosen.updates:
                print(f"linha {action.line} ({action.data.nome}), atualizado:")
                _print_changes(action, sys.stdout)
            if args.simular:
                print(
                    f"Simulação: {_plural(len(chosen.inserts), 'aluno novo', 'alunos novos')}, "
                    f"{_plural(len(chosen.updates), 'atualizado', 'atualizados')}, "
                    f"{thousands_text(len(chosen.unchanged))} sem mudança. Nada foi gravado."
                )
                return 0
            kept = write_set_aside(table, plan.set_aside) if plan.set_aside else None
            try:
                result = apply(engine, plan, confirmed=confirmed)
            except BaseException:
                if kept is not None:
                    kept.unlink(missing_ok=True)
                raise
        finally:
            engine.dispose()
    print(
        f"Importação concluída: {_plural(result.inserted, 'aluno novo', 'alunos novos')}, "
        f"{_plural(result.updated, 'atualizado', 'atualizados')}, {thousands_text(result.unchanged)} sem mudança."
    )
    if result.conflicts_skipped:
        print(f"{_plural(result.conflicts_skipped, 'linha em conflito', 'linhas em conflito')} de fora.")
    if kept is not None:
        print(f"As linhas com problema estão em {kept}: corrija-as e importe esse arquivo.")
    return 0


def thousands_text(count: int) -> str:
    from escola_gui.core.text import format_count

    return format_count(count)


def _export_alunos(path: Path, file: Path) -> int:
    from escola_gui.core import db
    from escola_gui.core.importacao.export import export_alunos
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import upgrade_to_head

    with DatabaseLock(path):
        _say_recovery(upgrade_to_head(path, _progress))
        engine = db.create_app_engine(path)
        try:
            count = export_alunos(engine, file)
        finally:
            engine.dispose()
    print(f"{_plural(count, 'aluno exportado', 'alunos exportados')} para {file}.")
    return 0


def _demo(path: Path, alunos: int) -> int:
    from escola_gui.core.paths import ensure_private_dir
    from escola_gui.storage.file.demo import criar_demo
    from escola_gui.storage.file.lock import DatabaseLock

    ensure_private_dir(path.parent)
    with DatabaseLock(path):
        resumo = criar_demo(path, alunos=alunos, progress=lambda text: print(text, file=sys.stderr))
    print(
        f"Escola de demonstração criada em {path}: {_plural(resumo.alunos, 'aluno', 'alunos')}, "
        f"{_plural(resumo.responsaveis, 'responsável', 'responsáveis')}, {_plural(resumo.turmas, 'turma', 'turmas')}, "
        f"{_plural(resumo.anos_letivos, 'ano letivo', 'anos letivos')}, {_plural(resumo.notas, 'nota', 'notas')} e "
        f"{_plural(resumo.frequencias, 'registro de frequência', 'registros de frequência')}."
    )
    print(f'Para abri-la: main.py --database "{path}"')
    return 0


def _ano(path: Path, args: argparse.Namespace) -> int:
    """``ano encerrar ANO`` (exit 1, listing each missing result, when any is missing) and
    ``ano reabrir ANO --motivo``, on the file brought up to date as at launch."""
    from escola_gui.core import db
    from escola_gui.core.encerramento import EncerramentoRecusadoError, EncerramentoService
    from escola_gui.core.errors import ValidationError
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import upgrade_to_head

    with DatabaseLock(path):
        _say_recovery(upgrade_to_head(path, _progress))  # the same launch path as the GUI
        engine = db.create_app_engine(path)
        try:
            service = EncerramentoService(engine)
            if args.ano_command == "reabrir":
                service.reabrir(args.ano, args.motivo)
                print(f"Ano letivo {args.ano} reaberto. O motivo ficou no histórico de alterações.")
                return 0
            try:
                alunos = service.encerrar(args.ano)
            except EncerramentoRecusadoError as exc:
                print(f"erro: {exc.user_message}", file=sys.stderr)
                for p in exc.pendencias:
                    print(
                        f"  {p.turma} · {p.disciplina} · {p.aluno} (RA {p.ra}): falta {', '.join(p.faltam)}",
                        file=sys.stderr,
                    )
                return 1
            print(f"Ano letivo {args.ano} encerrado: resultados finais de {_plural(alunos, 'aluno', 'alunos')}.")
            return 0
        except ValidationError as exc:
            print(f"erro: {exc.message}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()


def _rematricula(path: Path, args: argparse.Namespace) -> int:
    """``rematricula --de ANO --para ANO [--simular]`` (the preview, then applied unless
    simulating), ``--listar`` and ``--desfazer N``, on the file brought up to date as at launch.
    A refusal prints its reason and exits 1; nothing is written then."""
    if args.desfazer is None and not args.listar and (args.de is None or args.para is None):
        print("erro: informe --de ANO e --para ANO (ou --listar, ou --desfazer N).", file=sys.stderr)
        return 2
    from escola_gui.core import db
    from escola_gui.core.errors import ValidationError
    from escola_gui.core.rematricula import RematriculaService
    from escola_gui.storage.file.lock import DatabaseLock
    from escola_gui.storage.file.upgrade import upgrade_to_head

    with DatabaseLock(path):
        _say_recovery(upgrade_to_head(path, _progress))  # the same launch path as the GUI
        engine = db.create_app_engine(path)
        try:
            service = RematriculaService(engine)
            if args.listar:
                _print_rematriculas(service)
                return 0
            if args.desfazer is not None:
                service.desfazer(args.desfazer)
                print(
                    f"Rematrícula nº {args.desfazer} desfeita: as turmas e as matrículas que ela criou foram "
                    "retiradas, e as saídas ficaram no histórico de alterações."
                )
                return 0
            plano = service.planejar(args.de, args.para)
            _print_plano(plano)
            if args.simular:
                print("Simulação: nada foi gravado.")
                return 0
            if plano.vazio:
                print(
                    f"Nada a fazer: os alunos de {plano.ano_origem} já estão em {plano.ano_destino} ou tiveram o "
                    "destino decidido em uma rematrícula anterior. Nada foi gravado."
                )
                return 0
            resultado = service.aplicar(plano)
            criado = f"ano letivo {plano.ano_destino} criado, " if resultado.ano_letivo_criado else ""
            print(
                f"Rematrícula nº {resultado.rematricula_id} feita: {criado}"
                f"{_plural(resultado.turmas_criadas, 'turma criada', 'turmas criadas')}, "
                f"{_plural(resultado.rematriculados, 'aluno rematriculado', 'alunos rematriculados')}. "
                f"Para desfazê-la: main.py rematricula --desfazer {resultado.rematricula_id}"
            )
            return 0
        except ValidationError as exc:
            print(f"erro: {exc.message}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()


def _print_plano(plano: Plano) -> None:
    """The preview: the destination year's turmas with their alunos, then those left out."""
    from escola_gui.core.rematricula import Destino
    from escola_gui.core.turmas import TURNO_LABELS

    de, para = plano.ano_origem, plano.ano_destino
    print(f"Rematrícula de {de} para {para} (prévia)")
    if not plano.ano_destino_existe:
        print(f"O ano letivo {para} será criado com as regras e os períodos de {de}, com as datas de {para}.")
    por_turma: dict[int, list] = {t.chave: [] for t in plano.turmas}
    fora: dict[Destino, list] = {d: [] for d in Destino if d is not Destino.TURMA}
    for a in plano.alunos:
        if a.destino is Destino.TURMA and a.turma is not None:
            por_turma[a.turma].append(a)
        else:
            fora[a.destino].append(a)
    print(f"\nTurmas de {para}:")
    for t in plano.turmas:
        alunos = por_turma[t.chave]
        if t.nova and not alunos:
            continue
        estado = "nova" if t.nova else "já existe"
        turno = TURNO_LABELS.get(t.turno, t.turno).lower()
        print(f"  {t.nome} ({t.etapa or 'sem etapa'}, {turno}; {estado}): {_plural(len(alunos), 'aluno', 'alunos')}")
        for a in alunos:
            print(f"    {a.nome} (RA {a.ra}): {a.situacao.label.lower()} em {a.turma_origem}; {a.motivo.label}")
    titulos = {
        Destino.JA_NO_DESTINO: f"Já matriculados em {para} (ficam onde estão)",
        Destino.CONCLUIDO: "Concluíram (não rematriculados, marcados como concluídos)",
        Destino.NAO_REMATRICULADO: "Não rematriculados",
    }
    for destino in (Destino.JA_NO_DESTINO, Destino.CONCLUIDO, Destino.NAO_REMATRICULADO):
        if not fora[destino]:
            continue
        print(f"\n{titulos[destino]}:")
        for a in fora[destino]:
            onde = f"; em {a.turma_no_destino}" if a.turma_no_destino else f"; {a.motivo.label}"
            print(f"  {a.nome} (RA {a.ra}): {a.situacao.label.lower()} em {a.turma_origem}{onde}")
    n = plano.contagem()
    print(
        f"\nResumo: {_plural(n[Destino.TURMA], 'aluno rematriculado', 'alunos rematriculados')} "
        f"({_plural(len(plano.turmas_novas), 'turma nova', 'turmas novas')}), "
        f"{_plural(n[Destino.CONCLUIDO], 'concluinte', 'concluintes')}, "
        f"{_plural(n[Destino.NAO_REMATRICULADO], 'não rematriculado', 'não rematriculados')}, "
        f"{_plural(n[Destino.JA_NO_DESTINO], 'já matriculado', 'já matriculados')} em {para}."
    )


def _print_rematriculas(service: RematriculaService) -> None:
    runs = service.list()
    if not runs:
        print("Nenhuma rematrícula feita.")
        return
    for r in runs:
        estado = f"desfeita em {r.desfeita_em:%d/%m/%Y %H:%M}" if r.desfeita_em else "ativa"
        print(
            f"nº {r.id}: {r.ano_origem} → {r.ano_destino}, em {r.feita_em:%d/%m/%Y %H:%M} por {r.usuario} ({estado}): "
            f"{_plural(r.rematriculados, 'rematriculado', 'rematriculados')}, "
            f"{_plural(r.concluidos, 'concluinte', 'concluintes')}, "
            f"{_plural(r.nao_rematriculados, 'não rematriculado', 'não rematriculados')}, "
            f"{_plural(r.turmas_criadas, 'turma criada', 'turmas criadas')}"
        )


def _database_for_reading(path: Path, *, locked: bool = False) -> None:
    """Refuse, with the reason in Portuguese, a file that is not at this version's revision.

    Raises:
        EscolaError: missing or empty, newer, foreign, unreadable, or needing an upgrade
            (which a report does not do: it only reads).
    """
    from escola_gui.core.errors import EscolaError
    from escola_gui.storage.file.launch_check import DatabaseState
    from escola_gui.storage.file.upgrade import UpgradeRefusedError, apply_pending_journal, classify_database

    c = classify_database(path)
    if c.hot_journal and not c.refused and locked:  # a crash's journal first, as at launch
        c, recovery = apply_pending_journal(path, c)
        if recovery is not None:
            print(recovery.message(), file=sys.stderr)
    if c.state is DatabaseState.NEW:
        raise EscolaError(f"Não há dados para gerar boletins: {path} não existe ou está vazio.")
    if c.refused:
        raise UpgradeRefusedError(c)
    if c.state is not DatabaseState.CURRENT:
        raise EscolaError(
            f"O arquivo {path} é de uma versão anterior do Escola e precisa ser atualizado antes de gerar "
            f'boletins: use "main.py db upgrade" (ou abra-o no Escola). O arquivo não foi alterado.'
        )


def _qt_application() -> object:
    """The QGuiApplication that laying out and writing a PDF need; no window is opened."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["escola"])


def _boletim(path: Path, args: argparse.Namespace) -> int:
    """Write the boletim of an aluno, or those of a turma (one PDF each plus one with all)."""
    from escola_gui.core import db
    from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
    from escola_gui.core.relatorios.service import RelatorioService
    from escola_gui.storage.file.lock import DatabaseLock

    if args.ano is not None and args.turma is not None:
        print("erro: --ano vale só com --aluno.", file=sys.stderr)
        return 2
    out = Path(args.out)
    if args.turma is not None and out.exists() and not out.is_dir():
        print(
            f"erro: {out} não é uma pasta; com --turma, --out é a pasta onde os boletins são gravados.", file=sys.stderr
        )
        return 1
    if args.aluno is not None and not out.is_dir() and not out.parent.is_dir():
        print(f"erro: a pasta {out.parent} não existe.", file=sys.stderr)
        return 1
    if not path.exists():
        _database_for_reading(path)  # says why, without creating the lock file beside it
    relatorio: Documento | Caderno
    with DatabaseLock(path):
        _database_for_reading(path, locked=True)
        engine = db.create_app_engine(path)
        try:
            relatorios = RelatorioService(engine)
            if args.aluno is not None:
                relatorio = relatorios.boletim_do_aluno(args.aluno, args.ano)
            else:
                relatorio = relatorios.boletins_da_turma(args.turma)
        except RecordNotFoundError:
            que = f"aluno com o id {args.aluno}" if args.aluno is not None else f"turma com o id {args.turma}"
            print(f"erro: não há {que} em {path}.", file=sys.stderr)
            return 1
        except NadaParaImprimirError as exc:
            print(f"erro: {exc}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    return _write_boletins(out, relatorio)


def _write_boletins(out: Path, relatorio: Documento | Caderno) -> int:
    """Lay the boletins out and write them (the database is closed by now)."""
    from escola_gui.core.relatorios.documento import Caderno
    from escola_gui.gui.printing import render, save_pdf, with_pdf_extension

    _app = _qt_application()  # kept alive while the PDFs are written
    try:
        if not isinstance(relatorio, Caderno):
            target = out / f"{relatorio.nome_arquivo}.pdf" if out.is_dir() else with_pdf_extension(out)
            save_pdf(render(relatorio), target)
            print(f"Boletim gravado em {target}.")
            return 0
        out.mkdir(parents=True, exist_ok=True)
        for documento in relatorio.documentos:  # their names differ: see relatorios.boletins_da_turma
            save_pdf(render(documento), out / f"{documento.nome_arquivo}.pdf")
        todos = save_pdf(render(relatorio), out / f"{relatorio.nome_arquivo}.pdf")
    except OSError as exc:
        print(f"erro: não foi possível gravar em {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(
        f"{_plural(len(relatorio.documentos), 'boletim gravado', 'boletins gravados')} em {out}, um PDF por aluno; "
        f"todos juntos em {todos.name}."
    )
    return 0


def _revision_on_disk(path: Path) -> str | None:
    """The revision the file holds now, read without writing a byte (``immutable``)."""
    import sqlite3

    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?immutable=1", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _interrupted_text(args: argparse.Namespace, path: Path) -> str:
    """What Ctrl+C left, in the secretary's words: every change to the data file is one
    transaction, undone when it is interrupted."""
    if args.command == "db" and args.db_command == "upgrade":
        from escola_gui.storage.file.launch_check import bundled_head

        if _revision_on_disk(path) == bundled_head():
            return "Interrompido (Ctrl+C), mas a atualização já tinha terminado: o arquivo está atualizado."
        return (
            "Interrompido (Ctrl+C): a atualização foi desfeita e o arquivo continua como estava. "
            "Para atualizá-lo, rode de novo ou abra-o no Escola."
        )
    return "Interrompido (Ctrl+C). O que não chegou a ser gravado foi desfeito; o arquivo de dados não foi danificado."


def _gui_launch(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain GUI launch (none, or only ``--database PATH``), read without
    building the sub-commands' parsers (about 5 ms before the first paint); None for anything
    else, which the full parser reads, errors and ``--help`` included."""
    if not argv:
        return argparse.Namespace(command=None, database=None)
    if len(argv) == 1 and argv[0].startswith("--database=") and len(argv[0]) > len("--database="):
        return argparse.Namespace(command=None, database=argv[0].removeprefix("--database="))
    if len(argv) == 2 and argv[0] == "--database" and argv[1] and not argv[1].startswith("-"):
        return argparse.Namespace(command=None, database=argv[1])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _gui_launch(argv)
    if args is not None:
        # No collection until the event loop runs (run_gui): the launch makes some 100k objects
        # that live as long as the app (the first main window freezes them); the collections they
        # set off cost about 5 ms before the first paint and free nothing.
        gc.disable()
        try:
            return _main(args)
        finally:
            gc.enable()
    return _main(_parser().parse_args(argv))


def _main(args: argparse.Namespace) -> int:
    from escola_gui.core.errors import EscolaError
    from escola_gui.core.logs import install_excepthook, setup_logging
    from escola_gui.core.paths import resolve_database_path

    args.database = getattr(args, "database", None)
    # Children's personal data (LGPD): every file this process creates, SQLite's journals
    # included, is readable by the user alone.
    os.umask(0o077)
    log_path = setup_logging()
    install_excepthook()  # an uncaught error reaches the log and the terminal without personal data
    path = resolve_database_path(args.database)
    if args.command is None:
        from escola_gui.storage.file.launch_check import EarlyCheck

        early = EarlyCheck(path)  # reads the file while the GUI's modules load
        from escola_gui.gui.launch.launcher import run_gui

        return run_gui(path, log_path, early)
    try:
        from escola_gui.storage.file.places import check_database_place

        check_database_place(path)
        if args.command == "db":
            if args.db_command == "restore":
                return _restore(path, Path(args.backup).expanduser())
            if args.db_command == "delete-backup":
                return _delete_backup(path, Path(args.backup).expanduser(), args.yes)
            if args.db_command == "downgrade":
                return _downgrade(path, args.target, args.yes)
            handlers = {"status": _status, "upgrade": _upgrade, "backup": _backup, "backups": _backups, "check": _check}
            return handlers[args.db_command](path)
        if args.command == "boletim":
            return _boletim(path, args)
        if args.command == "ano":
            return _ano(path, args)
        if args.command == "rematricula":
            return _rematricula(path, args)
        if args.command == "demo":
            if args.database is None:
                print("erro: informe o arquivo a criar com --database ARQUIVO.", file=sys.stderr)
                return 2
            return _demo(path, args.alunos)
        if args.command == "import":
            return _import_alunos(path, Path(args.file), args)
        return _export_alunos(path, Path(args.file))
    except EscolaError as exc:
        print(f"erro: {exc.user_message} (registro: {log_path})", file=sys.stderr)
        return 2 if "não foi alterado" in exc.user_message else 1
    except KeyboardInterrupt:  # Ctrl+C: a plain line, never a traceback
        log.warning("interrupted (Ctrl+C) during %s", args.command)
        print(_interrupted_text(args, path), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        from escola_gui.core.logs import describe_error

        log.exception("unexpected error in %s", args.command)
        # The class and the statement, never the values (LGPD): see core/logs.py.
        print(f"erro inesperado: {describe_error(exc)}. Detalhes no registro: {log_path}", file=sys.stderr)
        return 1
