"""RelatorioService: the reports for the GUI, over one engine."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from escola_gui.core.relatorios.ata import ata_de_resultados
from escola_gui.core.relatorios.atestado import atestado_de_matricula
from escola_gui.core.relatorios.boletim import boletim, boletim_do_aluno, boletins_da_turma
from escola_gui.core.relatorios.documento import Caderno, Documento
from escola_gui.core.relatorios.ficha import FichaAluno, ficha_do_aluno
from escola_gui.core.relatorios.historico import historico_escolar


class RelatorioService:
    """The data of each report, over one engine (the GUI lays it out and prints it)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ficha_do_aluno(self, aluno_id: int) -> FichaAluno:
        """See :func:`~escola_gui.core.relatorios.ficha_do_aluno`; raises RecordNotFoundError."""
        return ficha_do_aluno(self._engine, aluno_id)

    # The school-year reports, ready to lay out. Each raises RecordNotFoundError for an unknown
    # id and errors.NadaParaImprimirError (with the reason) when there is nothing to print.

    def boletim(self, enturmacao_id: int, today: date | None = None) -> Documento:
        """The boletim of one enturmação (an aluno in a turma, in one ano letivo)."""
        return boletim(self._engine, enturmacao_id, today)

    def boletim_do_aluno(self, aluno_id: int, ano: int | None = None, today: date | None = None) -> Documento:
        """The aluno's boletim of the latest ano letivo, or of ``ano``."""
        return boletim_do_aluno(self._engine, aluno_id, ano, today)

    def boletins_da_turma(self, turma_id: int, today: date | None = None) -> Caderno:
        """The boletins of every aluno in the turma, one after the other, for one PDF."""
        return boletins_da_turma(self._engine, turma_id, today)

    def historico_escolar(self, aluno_id: int, today: date | None = None) -> Documento:
        """See :func:`historico_escolar`."""
        return historico_escolar(self._engine, aluno_id, today)

    def atestado_de_matricula(self, aluno_id: int, today: date | None = None) -> Documento:
        """See :func:`atestado_de_matricula`."""
        return atestado_de_matricula(self._engine, aluno_id, today)

    def ata_de_resultados(self, turma_id: int, today: date | None = None) -> Documento:
        """See :func:`ata_de_resultados` (a landscape page)."""
        return ata_de_resultados(self._engine, turma_id, today)
