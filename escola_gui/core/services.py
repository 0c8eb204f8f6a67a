"""The bundle of the core's services over one engine: what the GUI is given.

It sits on top of the core: it imports every service module, and no module of the core
imports it (a service that needs another builds it, or calls its module's functions).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoService
from escola_gui.core.auditoria import AuditoriaService
from escola_gui.core.cursos import CursoService, MatriculaService
from escola_gui.core.diario import DiarioService
from escola_gui.core.encerramento import EncerramentoService
from escola_gui.core.escola import AnoLetivoService, DisciplinaService, EscolaService
from escola_gui.core.etapas import EtapaService
from escola_gui.core.historico_externo import HistoricoExternoService
from escola_gui.core.lixeira import LixeiraService
from escola_gui.core.movimentacoes import MovimentacaoService
from escola_gui.core.planilha_service import PlanilhaService
from escola_gui.core.regras import RegraAvaliacaoService
from escola_gui.core.relatorios.service import RelatorioService
from escola_gui.core.rematricula import RematriculaService
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.core.turmas import TurmaService


@dataclass(frozen=True)
class Services:
    """The services the GUI uses, all over one engine."""

    alunos: AlunoService
    cursos: CursoService
    matriculas: MatriculaService
    planilhas: PlanilhaService
    relatorios: RelatorioService
    responsaveis: ResponsavelService
    escola: EscolaService
    anos_letivos: AnoLetivoService
    disciplinas: DisciplinaService
    turmas: TurmaService
    diario: DiarioService
    historicos_externos: HistoricoExternoService
    lixeira: LixeiraService
    auditoria: AuditoriaService
    encerramento: EncerramentoService
    etapas: EtapaService
    rematricula: RematriculaService
    movimentacoes: MovimentacaoService
    regras: RegraAvaliacaoService

    @classmethod
    def for_engine(cls, engine: Engine) -> Services:
        return cls(
            AlunoService(engine),
            CursoService(engine),
            MatriculaService(engine),
            PlanilhaService(engine),
            RelatorioService(engine),
            ResponsavelService(engine),
            EscolaService(engine),
            AnoLetivoService(engine),
            DisciplinaService(engine),
            TurmaService(engine),
            DiarioService(engine),
            HistoricoExternoService(engine),
            LixeiraService(engine),
            AuditoriaService(engine),
            EncerramentoService(engine),
            EtapaService(engine),
            RematriculaService(engine),
            MovimentacaoService(engine),
            RegraAvaliacaoService(engine),
        )
