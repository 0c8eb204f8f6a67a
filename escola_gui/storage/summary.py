"""What a change of schema did to the data, in the secretary's words.

The revisions record each value they had to resolve in ``registro_migracao``; :func:`summarise`
turns the rows of the revisions just applied into :class:`SummaryLine` items, which the upgrade
window and ``main.py db upgrade`` show. Shared by every kind of database.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from escola_gui.core.errors import QT_TRANSLATE_NOOP
from escola_gui.core.text import format_count

if TYPE_CHECKING:
    from sqlalchemy import Connection


def summarise(conn: Connection, revisions: list[str]) -> list[SummaryLine]:
    if not revisions:
        return []
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'registro_migracao'"
    ).first()
    if not has_table:
        return []
    placeholders = ", ".join("?" for _ in revisions)
    rows = conn.exec_driver_sql(
        f"SELECT acao, count(*) FROM registro_migracao WHERE revisao IN ({placeholders}) GROUP BY acao ORDER BY acao",
        tuple(revisions),
    ).all()
    order = {acao: i for i, acao in enumerate(ACTION_TEXT)}
    rows = sorted(rows, key=lambda row: (order.get(row[0], len(order)), row[0]))
    return [describe_action(acao, count) for acao, count in rows]


@dataclass(frozen=True)
class SummaryLine:
    """One line of what an upgrade changed in the data, in the secretary's words.

    ``singular`` and ``plural`` are Portuguese templates marked with QT_TRANSLATE_NOOP in the
    ``"core"`` context; ``{n}`` is ``count`` (the singular is used when it is 1), other slots
    come from ``values``. The GUI translates both templates and formats the count for the
    user's language (:meth:`format` with its own ``translate`` and ``number``); the CLI prints
    ``str(line)``: Portuguese, "49.998".
    """

    singular: str
    plural: str = ""
    count: int | None = None
    values: tuple[tuple[str, str], ...] = ()

    @property
    def template(self) -> str:
        return self.singular if self.count == 1 or not self.plural else self.plural

    def format(self, translate: Callable[[str], str] | None = None, number: Callable[[int], str] = format_count) -> str:
        values = dict(self.values)
        if self.count is not None:
            values["n"] = number(self.count)
        template = self.template
        if translate is not None:
            translated = translate(template)
            if _fields(translated) == _fields(template):
                template = translated
        return template.format(**values)

    def __str__(self) -> str:
        return self.format()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# What each registro_migracao action means to the secretary, most important first:
# (singular, plural). The rows taken out are kept in the backup made before the upgrade.
ACTION_TEXT = {
    "matricula_repetida_removida": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 matrícula repetida foi retirada; ficou a mais antiga do aluno naquele curso "
            "(a cópia de segurança guarda a que saiu).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} matrículas repetidas foram retiradas; ficou a mais antiga de cada aluno em cada curso "
            "(a cópia de segurança guarda as que saíram).",
        ),
    ),
    "matricula_orfa_removida": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 matrícula de um aluno ou curso que já tinha sido excluído foi retirada "
            "(a cópia de segurança guarda a que saiu).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} matrículas de alunos ou cursos que já tinham sido excluídos foram retiradas "
            "(a cópia de segurança guarda as que saíram).",
        ),
    ),
    "etapa_nao_identificada": (
        QT_TRANSLATE_NOOP(
            "core",
            '1 turma ficou sem etapa, porque a série escrita nela não diz qual é com certeza (ex.: "4ª série", '
            "que pode ser o 4º ou o 5º ano); a série continua como estava. Escolha a etapa em Configurações → Etapas.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} turmas ficaram sem etapa, porque a série escrita nelas não diz qual é com certeza "
            '(ex.: "4ª série", que pode ser o 4º ou o 5º ano); a série continua como estava. Escolha a etapa '
            "de cada uma em Configurações → Etapas.",
        ),
    ),
    "regra_nao_atribuida": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 etapa da Educação Infantil já tem alunos e continua com a regra de avaliação do ano letivo, para "
            'que nenhum resultado mude; a regra "Educação Infantil — parecer, sem retenção" está disponível em '
            "Configurações → Etapas.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} etapas da Educação Infantil já têm alunos e continuam com a regra de avaliação do ano letivo, "
            'para que nenhum resultado mude; a regra "Educação Infantil — parecer, sem retenção" está disponível '
            "em Configurações → Etapas.",
        ),
    ),
    "regra_atribuida": (
        QT_TRANSLATE_NOOP(
            "core",
            '1 etapa da Educação Infantil, ainda sem alunos, passou a usar a regra "Educação Infantil — parecer, '
            'sem retenção" (LDB art. 31); pode ser mudada em Configurações → Etapas.',
        ),
        QT_TRANSLATE_NOOP(
            "core",
            '{n} etapas da Educação Infantil, ainda sem alunos, passaram a usar a regra "Educação Infantil — '
            'parecer, sem retenção" (LDB art. 31); pode ser mudada em Configurações → Etapas.',
        ),
    ),
    "email_repetido_movido_para_contatos": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 e-mail repetido (igual a outro a não ser por maiúsculas ou espaços) ficou como contato extra "
            "do aluno; o aluno mais antigo manteve o e-mail principal.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} e-mails repetidos (iguais a outros a não ser por maiúsculas ou espaços) ficaram como contato "
            "extra dos alunos; o aluno mais antigo manteve o e-mail principal.",
        ),
    ),
    "carga_horaria_mantida_em_observacoes": (
        QT_TRANSLATE_NOOP(
            "core",
            '1 carga horária que não era um número (ex.: "a definir") foi guardada nas observações do curso.',
        ),
        QT_TRANSLATE_NOOP(
            "core",
            '{n} cargas horárias que não eram um número (ex.: "a definir") foram guardadas nas observações dos cursos.',
        ),
    ),
    "data_ilegivel_mantida_em_observacoes": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 data de matrícula que não era uma data válida ficou em branco; o texto original está nas "
            "observações da matrícula.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} datas de matrícula que não eram uma data válida ficaram em branco; o texto original está nas "
            "observações de cada matrícula.",
        ),
    ),
    "nome_com_espacos_mantido_por_repetir_outro": (
        QT_TRANSLATE_NOOP(
            "core",
            "1 nome de curso com espaços sobrando foi mantido como estava, para não repetir outro curso.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "{n} nomes de curso com espaços sobrando foram mantidos como estavam, para não repetir outros cursos.",
        ),
    ),
    "ativo_normalizado": (
        QT_TRANSLATE_NOOP("core", '1 situação de aluno escrita como texto (ex.: "sim", "não") virou ativo ou inativo.'),
        QT_TRANSLATE_NOOP(
            "core", '{n} situações de aluno escritas como texto (ex.: "sim", "não") viraram ativo ou inativo.'
        ),
    ),
    "ativo_vazio_definido": (
        QT_TRANSLATE_NOOP("core", "1 aluno sem situação foi marcado como ativo."),
        QT_TRANSLATE_NOOP("core", "{n} alunos sem situação foram marcados como ativos."),
    ),
    "carga_horaria_convertida": (
        QT_TRANSLATE_NOOP("core", '1 carga horária escrita como texto (ex.: "60h") virou número de horas.'),
        QT_TRANSLATE_NOOP("core", '{n} cargas horárias escritas como texto (ex.: "60h") viraram número de horas.'),
    ),
    "data_convertida": (
        QT_TRANSLATE_NOOP("core", "1 data de matrícula escrita de outro jeito (ex.: 10/03/2024) foi convertida."),
        QT_TRANSLATE_NOOP(
            "core", "{n} datas de matrícula escritas de outro jeito (ex.: 10/03/2024) foram convertidas."
        ),
    ),
    "email_normalizado": (
        QT_TRANSLATE_NOOP("core", "1 e-mail foi escrito em minúsculas e sem espaços."),
        QT_TRANSLATE_NOOP("core", "{n} e-mails foram escritos em minúsculas e sem espaços."),
    ),
    "espacos_removidos": (
        QT_TRANSLATE_NOOP("core", "1 nome teve espaços sobrando removidos."),
        QT_TRANSLATE_NOOP("core", "{n} nomes tiveram espaços sobrando removidos."),
    ),
    "telefone_espacos_removidos": (
        QT_TRANSLATE_NOOP("core", "1 telefone teve espaços sobrando removidos."),
        QT_TRANSLATE_NOOP("core", "{n} telefones tiveram espaços sobrando removidos."),
    ),
    "email_em_branco_removido": (
        QT_TRANSLATE_NOOP("core", "1 e-mail em branco foi apagado."),
        QT_TRANSLATE_NOOP("core", "{n} e-mails em branco foram apagados."),
    ),
    "telefone_em_branco_descartado": (
        QT_TRANSLATE_NOOP("core", "1 telefone em branco não foi copiado para os contatos."),
        QT_TRANSLATE_NOOP("core", "{n} telefones em branco não foram copiados para os contatos."),
    ),
    "etapa_mapeada": (
        QT_TRANSLATE_NOOP("core", '1 turma recebeu a etapa pela série escrita nela (ex.: "5º ano").'),
        QT_TRANSLATE_NOOP("core", '{n} turmas receberam a etapa pela série escrita nelas (ex.: "5º ano").'),
    ),
    "carga_horaria_em_branco_removida": (
        QT_TRANSLATE_NOOP("core", "1 carga horária em branco foi apagada."),
        QT_TRANSLATE_NOOP("core", "{n} cargas horárias em branco foram apagadas."),
    ),
}
OTHER_ACTION = (
    QT_TRANSLATE_NOOP("core", "1 outro ajuste ({tipo})."),
    QT_TRANSLATE_NOOP("core", "{n} outros ajustes ({tipo})."),
)


def describe_action(acao: str, count: int) -> SummaryLine:
    """What ``count`` rows of ``acao`` in registro_migracao mean, as a SummaryLine."""
    if acao in ACTION_TEXT:
        singular, plural = ACTION_TEXT[acao]
        return SummaryLine(singular, plural, count)
    singular, plural = OTHER_ACTION
    return SummaryLine(singular, plural, count, (("tipo", acao.replace("_", " ")),))
