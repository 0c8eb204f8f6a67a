"""Primeiros passos: the guide beside the main window the first time Escola opens an empty file.

It names what to do first, in order (the school, the ano letivo, the disciplinas, the turmas),
or the shortcut of importing the alunos from a spreadsheet. Each step opens the real screen that
does it, shows when it is done, and can be skipped. Once closed it does not come back by itself
(the choice is kept in the settings, as the language is); Ajuda → Primeiros passos reopens it.
The main window offers it at launch only for a file with no data at all (:func:`is_empty`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.services import Services
from escola_gui.gui.toolkit.settings import settings

DISMISSED_KEY = "primeiros_passos_fechado"
DONE_STYLE = "color: #1b6e20; font-weight: bold;"
SKIPPED_STYLE = "color: #6b6b6b;"


@dataclass(frozen=True)
class Progresso:
    """What the file already has, step by step."""

    escola: bool = False
    ano_letivo: bool = False
    disciplinas: bool = False
    turmas: bool = False
    alunos: bool = False
    cursos: bool = False

    @property
    def vazio(self) -> bool:
        return not any((self.escola, self.ano_letivo, self.disciplinas, self.turmas, self.alunos, self.cursos))


def progresso(services: Services) -> Progresso:
    """Read from the file what each step has already done (a few small queries)."""
    escola = services.escola.get()
    return Progresso(
        escola=bool(escola is not None and escola.nome),
        ano_letivo=bool(services.anos_letivos.list()),
        disciplinas=bool(services.disciplinas.list()),
        turmas=bool(services.turmas.list()),
        alunos=services.alunos.count() > 0,
        cursos=bool(services.cursos.list()),
    )


def is_empty(services: Services) -> bool:
    """Whether the file holds nothing yet: no school name, ano letivo, disciplina, curso, turma or
    aluno. The small tables first: a file in use stops at the first query."""
    escola = services.escola.get()
    return (
        not (escola is not None and escola.nome)
        and not services.anos_letivos.list()
        and not services.disciplinas.list()
        and not services.cursos.list()
        and not services.turmas.list()
        and services.alunos.count() == 0
    )


def dismissed() -> bool:
    return settings().value(DISMISSED_KEY, False, type=bool)


def set_dismissed(value: bool = True) -> None:
    settings().setValue(DISMISSED_KEY, value)


ESCOLA, ANO_LETIVO, DISCIPLINAS, TURMAS, ALUNOS = "escola", "ano_letivo", "disciplinas", "turmas", "alunos"
STEPS = (ESCOLA, ANO_LETIVO, DISCIPLINAS, TURMAS)
"""The steps in order; ALUNOS (import a spreadsheet) is the alternative below them."""


class _PassoRow:
    """The widgets of one step: number, title, state (Feito / Pulado), explanation, buttons."""

    def __init__(self, chave: str, titulo: str, explicacao: str, botao: str, pular: str, parent: QWidget) -> None:
        self.skipped = False
        self.titulo = QLabel(f"<b>{titulo}</b>", parent)
        self.titulo.setWordWrap(True)
        self.explicacao = QLabel(explicacao, parent)
        self.explicacao.setWordWrap(True)
        self.estado = QLabel(parent, objectName=f"estado_{chave}")
        self.abrir = QPushButton(botao, parent, objectName=f"abrir_{chave}")
        self.abrir.setAutoDefault(False)
        self.pular = QPushButton(pular, parent, objectName=f"pular_{chave}")
        self.pular.setAutoDefault(False)


class PrimeirosPassosPanel(QWidget):
    """The steps, each with its state, the button that opens its screen, and Pular.

    Args:
        abrir: for each step (ESCOLA, ANO_LETIVO, DISCIPLINAS, TURMAS, ALUNOS), what opens its screen.
    """

    def __init__(self, abrir: Mapping[str, Callable[[], None]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("primeiros_passos")
        self._progresso = Progresso()
        intro = QLabel(
            self.tr(
                "Para começar, cadastre nesta ordem os dados da escola, o ano letivo, as disciplinas e as "
                "turmas. Cada botão abre a tela que faz isso; pule o que não precisar."
            ),
            objectName="intro",
        )
        intro.setWordWrap(True)
        texts = {
            ESCOLA: (
                self.tr("1. Dados da escola"),
                self.tr("Nome, código INEP, endereço e telefone, que saem nos boletins e documentos."),
                self.tr("Preencher os dados…"),
            ),
            ANO_LETIVO: (
                self.tr("2. Ano letivo"),
                self.tr("O ano, seus bimestres ou trimestres e a regra de avaliação."),
                self.tr("Cadastrar o ano letivo…"),
            ),
            DISCIPLINAS: (
                self.tr("3. Disciplinas"),
                self.tr("As disciplinas que as turmas estudam, como Língua Portuguesa e Matemática."),
                self.tr("Cadastrar as disciplinas…"),
            ),
            TURMAS: (
                self.tr("4. Turmas"),
                self.tr("As turmas do ano letivo, com suas disciplinas; depois, os alunos de cada uma."),
                self.tr("Criar as turmas…"),
            ),
            ALUNOS: (
                self.tr("Ou, se os alunos já estão em uma planilha"),
                self.tr("Importe a lista (CSV ou Excel): o Escola confere cada linha antes de gravar."),
                self.tr("Importar uma planilha…"),
            ),
        }
        self.rows: dict[str, _PassoRow] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for chave, (titulo, explicacao, botao) in texts.items():
            if chave == ALUNOS:
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.HLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(separator)
            row = _PassoRow(chave, titulo, explicacao, botao, self.tr("Pular"), self)
            row.abrir.clicked.connect(abrir[chave])
            row.pular.clicked.connect(lambda _checked=False, chave=chave: self.skip(chave))
            row.pular.setVisible(chave != ALUNOS)
            self.rows[chave] = row
            heading = QHBoxLayout()
            heading.addWidget(row.titulo, 1)
            heading.addWidget(row.estado)
            buttons = QHBoxLayout()
            buttons.addWidget(row.abrir)
            buttons.addWidget(row.pular)
            buttons.addStretch(1)
            layout.addSpacing(6)
            layout.addLayout(heading)
            layout.addWidget(row.explicacao)
            layout.addLayout(buttons)
        layout.addStretch(1)
        reopen = QLabel(self.tr("Para ver este guia de novo: Ajuda → Primeiros passos."), objectName="reabrir")
        reopen.setWordWrap(True)
        reopen.setStyleSheet(SKIPPED_STYLE)
        layout.addWidget(reopen)
        self.fechar = QPushButton(self.tr("Fechar o guia"), objectName="fechar_guia")
        self.fechar.setAutoDefault(False)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.fechar)
        layout.addLayout(closing)

    def skip(self, chave: str) -> None:
        """Pular: the step is marked as skipped, and the next one takes the focus."""
        self.rows[chave].skipped = True
        self.show_progress(self._progresso)
        keys = list(self.rows)
        for key in keys[keys.index(chave) + 1 :]:
            self.rows[key].abrir.setFocus()
            break

    def show_progress(self, progresso: Progresso) -> None:
        """Mark each step Feito, Pulado or nothing, from what the file holds."""
        self._progresso = progresso
        for chave, row in self.rows.items():
            done = getattr(progresso, chave)
            if done:
                row.estado.setText(self.tr("✓ Feito"))
                row.estado.setStyleSheet(DONE_STYLE)
            elif row.skipped:
                row.estado.setText(self.tr("Pulado"))
                row.estado.setStyleSheet(SKIPPED_STYLE)
            else:
                row.estado.clear()
                row.estado.setStyleSheet("")
            row.pular.setVisible(chave != ALUNOS and not done and not row.skipped)


class PrimeirosPassosDock(QDockWidget):
    """The guide, docked at the right of the main window so that the screens it opens stay in
    sight. Closing it (its X or Fechar o guia) is remembered: it is not offered again.

    Args:
        abrir: what opens each step's screen (see PrimeirosPassosPanel).
        ler_progresso: reads what the file already has (:func:`progresso` over the window's services).
    """

    def __init__(
        self,
        abrir: Mapping[str, Callable[[], None]],
        ler_progresso: Callable[[], Progresso],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Primeiros passos"))
        self.setObjectName("primeiros_passos_dock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._ler_progresso = ler_progresso
        self.panel = PrimeirosPassosPanel(abrir)
        area = QScrollArea()
        area.setWidget(self.panel)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(300)
        self.setWidget(area)
        self.panel.fechar.clicked.connect(self.close)

    def refresh(self) -> None:
        """Read again what is done (after a save, an import, a page change)."""
        if self.isVisible():
            self.panel.show_progress(self._ler_progresso())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.panel.show_progress(self._ler_progresso())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        set_dismissed(True)
        super().closeEvent(event)
