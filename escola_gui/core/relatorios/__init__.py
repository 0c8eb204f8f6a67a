"""Report data: what each document holds, read in one short Session and formatted for Brazil.

A report is built in two steps. A function here reads the database and returns plain text
already formatted the Brazilian way (dates ``dd/mm/aaaa``, CPF ``000.000.000-00``, notas
``7,5``, frequência ``97,5 %``, "Sim"/"Não") arranged as a :class:`Documento`: the school's
header (:class:`CabecalhoEscola`), a title, sections of label/value :class:`Campo` pairs,
sentences (:class:`Texto`) and :class:`Tabela` rows, then the place and date and the
signature lines. A :class:`Caderno` binds several documents into one file, each starting on a
new page (the boletins of a whole turma). The GUI layer (:mod:`escola_gui.gui.printing`) turns
either into pages, and the CLI (``main.py boletim``) uses the same code.

The reports: ficha do aluno (:func:`ficha_do_aluno`, whose :class:`FichaAluno` makes its
document), boletim (:func:`boletim`, :func:`boletim_do_aluno`, :func:`boletins_da_turma`),
histórico escolar (:func:`historico_escolar`), atestado de matrícula
(:func:`atestado_de_matricula`) and ata de resultados finais (:func:`ata_de_resultados`, on a
landscape page). When there is nothing to print (an aluno in no turma, a turma without
alunos) they raise :class:`NadaParaImprimirError` with the reason in Portuguese.

Titles, labels, column names, sentence patterns and the empty-table text are untranslated
Portuguese marked with :func:`QT_TRANSLATE_NOOP` in the ``relatorios`` context; the GUI
translates them. Values (including "Sim", "Não", "não informada" and the situação labels) are
data and are never translated.
"""

from __future__ import annotations

from escola_gui.core.relatorios.ata import ata_de_resultados
from escola_gui.core.relatorios.atestado import atestado_de_matricula
from escola_gui.core.relatorios.boletim import (
    boletim,
    boletim_do_aluno,
    boletins_da_turma,
    documento_do_boletim,
    enturmacao_do_boletim,
)
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola
from escola_gui.core.relatorios.documento import (
    CabecalhoEscola,
    Caderno,
    Campo,
    Documento,
    Estilo,
    Relatorio,
    Secao,
    Tabela,
    Texto,
    texto,
)
from escola_gui.core.relatorios.ficha import FichaAluno, MatriculaFicha, ResponsavelFicha, ficha_do_aluno
from escola_gui.core.relatorios.formatacao import (
    data_por_extenso,
    file_name_part,
    format_bool,
    format_date,
    format_frequencia,
    format_nota,
    local_e_data,
)
from escola_gui.core.relatorios.historico import historico_escolar
from escola_gui.core.relatorios.service import RelatorioService

__all__ = [
    "RelatorioService",
    "CabecalhoEscola",
    "Caderno",
    "Campo",
    "Documento",
    "Estilo",
    "FichaAluno",
    "MatriculaFicha",
    "Relatorio",
    "ResponsavelFicha",
    "Secao",
    "Tabela",
    "Texto",
    "ata_de_resultados",
    "atestado_de_matricula",
    "boletim",
    "boletim_do_aluno",
    "boletins_da_turma",
    "cabecalho_da_escola",
    "data_por_extenso",
    "documento_do_boletim",
    "enturmacao_do_boletim",
    "ficha_do_aluno",
    "file_name_part",
    "format_bool",
    "format_date",
    "format_frequencia",
    "format_nota",
    "historico_escolar",
    "local_e_data",
    "texto",
]
