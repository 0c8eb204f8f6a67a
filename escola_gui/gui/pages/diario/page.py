"""The Notas and Frequência pages: ano letivo → turma → disciplina (→ período) chosen above, and the
grid of the diário below, or a sentence that says what to do first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import avaliacao as av
from escola_gui.core.diario import DiarioService, GradeNotas
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.escola import AnoLetivoRow, AnoLetivoService
from escola_gui.core.turmas import TurmaService
from escola_gui.gui.pages.diario import nome_do_periodo_traduzido
from escola_gui.gui.pages.diario.frequencia import AULAS_MAXIMAS, FrequenciaModel
from escola_gui.gui.pages.diario.notas import NotasModel
from escola_gui.gui.pages.diario.planilha import PlanilhaModel
from escola_gui.gui.pages.diario.view import NUMBER_COLUMN_MIN_WIDTH, PlanilhaView
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate_validation

#: The ano letivo, turma, disciplina and período last chosen on these pages (ids), kept while
#: the app runs and shared by both pages: the turma chosen for the notas is there for the
#: frequência too.
ULTIMAS_ESCOLHAS: dict[str, int] = {}

# The Aluno column gives up width (long names are elided, their tooltip is whole) so that the
# Média and Situação columns stay in sight on a small screen.
ALUNO_COLUMN_MIN_WIDTH = 140
ALUNO_COLUMN_MAX_WIDTH = 340


class _DiarioPage(QWidget):
    """Selectors ano letivo → turma → disciplina (→ período), and either a grid or a sentence
    that says what to do first (no ano letivo, no turma, no disciplina, no aluno)."""

    #: The user asked to open the Turmas page (to create a turma, choose its disciplinas...).
    turmas_requested = Signal()
    #: The user asked to open the Configurações page (to create an ano letivo).
    configurar_requested = Signal()

    def __init__(
        self,
        prefix: str,
        model: PlanilhaModel,
        hint: str,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        com_periodo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self._hint = hint
        self._turmas = turmas
        self._anos = anos
        self._diario = diario
        self._com_periodo = com_periodo
        self._anos_rows: list[AnoLetivoRow] = []
        self._grade_key: tuple[int, ...] | None = None
        self._natural_widths: list[int] = []
        self._aviso_signal: Any = None

        self.ano_combo = self._combo(f"{prefix}_ano")
        self.turma_combo = self._combo(f"{prefix}_turma")
        self.disciplina_combo = self._combo(f"{prefix}_disciplina")
        self.periodo_combo = self._combo(f"{prefix}_periodo")
        self._seletores: list[tuple[QLabel, QComboBox]] = []
        seletores = QHBoxLayout()
        for text, combo in (
            (self.tr("&Ano letivo:"), self.ano_combo),
            (self.tr("&Turma:"), self.turma_combo),
            (self.tr("&Disciplina:"), self.disciplina_combo),
            (self.tr("&Período:"), self.periodo_combo),
        ):
            if combo is self.periodo_combo and not com_periodo:
                combo.setParent(self)  # never shown, but owned
                combo.hide()
                continue
            label = QLabel(text)
            label.setBuddy(combo)
            seletores.addWidget(label)
            seletores.addWidget(combo)
            seletores.addSpacing(12)
            self._seletores.append((label, combo))
        seletores.addStretch(1)
        self.ano_combo.currentIndexChanged.connect(self._on_ano_changed)
        self.turma_combo.currentIndexChanged.connect(self._on_turma_changed)
        self.disciplina_combo.currentIndexChanged.connect(self._on_disciplina_changed)
        self.periodo_combo.currentIndexChanged.connect(self._on_periodo_changed)

        # The empty state: a sentence and, when another page is where to go, a button to it.
        self.aviso = QLabel()
        self.aviso.setObjectName(f"{prefix}_aviso")
        self.aviso.setWordWrap(True)
        self.aviso.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.aviso.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.aviso.setFont(font)
        self.aviso_botao = QPushButton()
        self.aviso_botao.setObjectName(f"{prefix}_aviso_botao")
        self.aviso_botao.clicked.connect(self._on_aviso_clicked)
        aviso_pagina = QWidget()
        aviso_layout = QVBoxLayout(aviso_pagina)
        aviso_layout.addStretch(1)
        aviso_layout.addWidget(self.aviso)
        aviso_layout.addSpacing(8)
        aviso_layout.addWidget(self.aviso_botao, 0, Qt.AlignmentFlag.AlignHCenter)
        aviso_layout.addStretch(2)

        self.model = model
        self.model.setParent(self)
        self.model.committer = self._commit
        #: The page's history of writes; the main window's Editar menu follows it (QUndoGroup).
        self.undo_stack = self.model.undo_stack
        self.model.refused.connect(self.show_error)
        self.model.saved.connect(self.show_info)
        self.regra = QLabel()
        self.regra.setObjectName(f"{prefix}_regra")
        self.regra.setWordWrap(True)
        self.table = PlanilhaView()
        self.table.setObjectName(f"{prefix}_tabela")
        self.table.setModel(self.model)
        self.table.viewport_resized.connect(self._fit_columns)
        self.status = QLabel()
        self.status.setObjectName(f"{prefix}_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra = QHBoxLayout()
        self.barra.addWidget(self.regra, 1)
        grade_pagina = QWidget()
        grade_layout = QVBoxLayout(grade_pagina)
        grade_layout.setContentsMargins(0, 0, 0, 0)
        grade_layout.addLayout(self.barra)
        grade_layout.addWidget(self.table, 1)
        grade_layout.addWidget(self.status)

        self.stack = QStackedWidget()
        self.stack.addWidget(aviso_pagina)
        self.stack.addWidget(grade_pagina)
        self._grade_pagina = grade_pagina

        layout = QVBoxLayout(self)
        layout.addLayout(seletores)
        layout.addWidget(self.stack, 1)
        self.show_hint()

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(6)
        return combo

    # --- status line --------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)

    def show_info(self, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    def show_hint(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self._hint)

    # --- what is shown ------------------------------------------------------------------

    @property
    def showing_grid(self) -> bool:
        return self.stack.currentWidget() is self._grade_pagina

    def _show_empty(self, message: str, button: str = "", signal: Any = None) -> None:
        self._grade_key = None
        self.undo_stack.clear()  # no grid, nothing to undo in it
        self.aviso.setText(message)
        self.aviso_botao.setText(button)
        self.aviso_botao.setVisible(bool(button))
        self._aviso_signal = signal
        self.stack.setCurrentIndex(0)

    def _on_aviso_clicked(self) -> None:
        if self._aviso_signal is not None:
            self._aviso_signal.emit()

    def _show_selectors(self, visible: int) -> None:
        """Show the first ``visible`` selectors (those that have something to choose)."""
        for i, (label, combo) in enumerate(self._seletores):
            label.setVisible(i < visible)
            combo.setVisible(i < visible)

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[str, int]], chosen: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        for text, item_id in items:
            combo.addItem(text, item_id)
        index = combo.findData(chosen) if chosen is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
        combo.blockSignals(False)

    # --- loading ------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: the grid shows the values and takes none."""
        self.model.somente_leitura = read_only
        if read_only:
            keep_disabled(self._edit_widgets())
            self._hint = self.tr("O arquivo está aberto somente para leitura: os valores são mostrados e não mudam.")
            self.show_hint()

    def _edit_widgets(self) -> list[QWidget]:
        return []

    def refresh(self) -> None:
        """Reload the choices and the grid (another page may have changed them)."""
        self.show_hint()
        self._reload(focus=True)

    def _reload(self, focus: bool = False) -> None:
        try:
            self._load_anos()
        except Exception:
            messages.report_unexpected_error(self)
            return
        if focus and self.showing_grid and self.isVisible():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load_anos(self) -> None:
        self._anos_rows = self._anos.list()
        items = [(str(a.ano) + (self.tr(" (encerrado)") if a.encerrado else ""), a.id) for a in self._anos_rows]
        self._fill(self.ano_combo, items, ULTIMAS_ESCOLHAS.get("ano"))
        if not self._anos_rows:
            self._show_selectors(0)
            self._show_empty(
                self.tr(
                    "Nenhum ano letivo cadastrado. Cadastre o ano letivo, com seus períodos e a regra "
                    "de avaliação, na página Configurações."
                ),
                self.tr("Abrir Configurações"),
                self.configurar_requested,
            )
            return
        self._load_turmas()

    def _ano(self) -> AnoLetivoRow | None:
        ano_id = self.ano_combo.currentData()
        return next((a for a in self._anos_rows if a.id == ano_id), None)

    def _load_turmas(self) -> None:
        ano = self._ano()
        assert ano is not None
        turmas = self._turmas.list(ano.id)
        self._fill(self.turma_combo, [(t.nome, t.id) for t in turmas], ULTIMAS_ESCOLHAS.get("turma"))
        if not turmas:
            self._show_selectors(1)
            self._show_empty(
                self.tr("O ano letivo {ano} ainda não tem turmas. Crie as turmas na página Turmas.").format(
                    ano=ano.ano
                ),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        if self._com_periodo:
            periodos = self._anos.periodos(ano.id)
            self._fill(
                self.periodo_combo,
                [(nome_do_periodo_traduzido(p.nome), p.id) for p in periodos],
                ULTIMAS_ESCOLHAS.get("periodo"),
            )
        self._load_disciplinas()

    def _load_disciplinas(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplinas = self._turmas.disciplinas(turma_id)
        self._fill(
            self.disciplina_combo, [(d.nome, d.disciplina_id) for d in disciplinas], ULTIMAS_ESCOLHAS.get("disciplina")
        )
        if not disciplinas:
            self._show_selectors(2)
            self._show_empty(
                self.tr(
                    "A turma {turma} ainda não tem disciplinas. Escolha as disciplinas da turma na página Turmas."
                ).format(turma=self.turma_combo.currentText()),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        self._show_selectors(4)
        self._remember()
        ano = self._ano()
        self.model.ano_encerrado = ano.ano if ano is not None and ano.encerrado else None
        self.model.disciplina_nome = self.disciplina_combo.currentText()
        self._load_grid()

    def _remember(self) -> None:
        for key, combo in (
            ("ano", self.ano_combo),
            ("turma", self.turma_combo),
            ("disciplina", self.disciplina_combo),
            ("periodo", self.periodo_combo),
        ):
            if combo.currentData() is not None and (key != "periodo" or self._com_periodo):
                ULTIMAS_ESCOLHAS[key] = combo.currentData()

    def _guarded(self, load: Callable[[], None]) -> None:
        try:
            load()
        except Exception:
            messages.report_unexpected_error(self)

    def _on_ano_changed(self, _index: int) -> None:
        self.show_hint()
        self._guarded(self._load_turmas)

    def _on_turma_changed(self, _index: int) -> None:
        self.show_hint()
        self._guarded(self._load_disciplinas)

    def _on_disciplina_changed(self, _index: int) -> None:
        self.show_hint()
        self._remember()
        self.model.disciplina_nome = self.disciplina_combo.currentText()
        self._guarded(self._load_grid)

    def _on_periodo_changed(self, _index: int) -> None:
        self.show_hint()
        self._remember()
        self._guarded(self._load_grid)

    def _load_grid(self) -> None:
        raise NotImplementedError

    def _show_grid(self, key: tuple[int, ...], load: Callable[[], None]) -> None:
        """Run ``load`` (which reloads the model) and show the grid. The same grid loaded again
        keeps its current cell and column widths; a new one fits its columns and puts the
        cursor on the first cell still empty."""
        same = key == self._grade_key and self.showing_grid
        if key != self._grade_key:
            # Another turma, disciplina or período: the history was about the grid shown
            # before, so it goes. The same grid loaded again (a refresh, a page shown again,
            # a refused write) keeps it: its commands name the cells by enturmação and período.
            self.undo_stack.clear()
        current = self.table.currentIndex()
        previous = (current.row(), current.column()) if same and current.isValid() else None
        widths = [self.table.columnWidth(c) for c in range(self.model.columnCount())] if same else []
        load()
        self._grade_key = key
        self.stack.setCurrentIndex(1)
        if widths and len(widths) == self.model.columnCount():
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)
        else:
            self._size_columns()
        if previous is not None and previous[0] < self.model.rowCount() and previous[1] < self.model.columnCount():
            row, column = previous
        else:
            row, column = self.model.first_empty_cell()  # type: ignore[attr-defined]
        target = self.model.index(row, column)
        self.table.setCurrentIndex(target)
        self.table.scrollTo(target)

    def _size_columns(self) -> None:
        """Fit the columns to their contents; the last one takes the room left."""
        header = self.table.horizontalHeader()
        natural = [
            max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(self.model.columnCount())
        ]
        widths = [max(ALUNO_COLUMN_MIN_WIDTH, min(natural[0] + 24, ALUNO_COLUMN_MAX_WIDTH))]
        widths += [max(width + 2, NUMBER_COLUMN_MIN_WIDTH) for width in natural[1:]]
        # The columns typed into are as wide as each other, like the cells of a spreadsheet.
        editable = [c for c in range(1, len(widths)) if self.model.column_is_editable(c)]
        for column in editable:
            widths[column] = max(widths[c] for c in editable)
        self._natural_widths = widths
        for column, width in enumerate(widths[:-1]):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Narrow the Aluno column, down to a minimum, so that every other column is in sight."""
        widths = self._natural_widths
        if not widths or len(widths) != self.model.columnCount():
            return
        room = self.table.viewport().width() - sum(widths[1:])
        self.table.setColumnWidth(0, max(ALUNO_COLUMN_MIN_WIDTH, min(widths[0], room)))

    # --- saving -------------------------------------------------------------------------

    def _commit(self, lancamentos: list[Any]) -> bool:
        try:
            self._save(lancamentos)
        except ValidationError as error:
            self.show_error(translate_validation(error.message))
            QTimer.singleShot(0, self._reload)
            return False
        except RecordNotFoundError:
            self.show_error(self.tr("Estes dados mudaram em outra página ou janela; a tabela foi carregada de novo."))
            QTimer.singleShot(0, self._reload)
            return False
        except Exception:
            messages.report_unexpected_error(self)
            QTimer.singleShot(0, self._reload)
            return False
        if self.status.styleSheet():  # a value typed right after a refused one: the error is over
            self.show_hint()
        return True

    def _save(self, lancamentos: list[Any]) -> None:
        raise NotImplementedError

    def _situacoes_saida(self, enturmacao_ids: Sequence[int]) -> dict[int, av.Situacao]:
        return {e: self._turmas.enturmacao(e).situacao for e in enturmacao_ids}


class NotasPage(_DiarioPage):
    """The notas of a turma × disciplina, all períodos side by side, with the média and the
    situação recomputed as they are typed."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        parent: QWidget | None = None,
    ) -> None:
        hint = QCoreApplication.translate(
            "NotasPage",
            "Digite a nota (como 7,5) e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. "
            "Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola notas copiadas de uma planilha.",
        )
        super().__init__("notas", NotasModel(), hint, turmas, anos, diario, False, parent)
        self.model: NotasModel
        self._hints = {
            av.TipoAvaliacao.NUMERICA: hint,
            av.TipoAvaliacao.CONCEITUAL: self.tr(
                "Digite o conceito (como B) e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. "
                "Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola conceitos copiados de uma planilha."
            ),
            av.TipoAvaliacao.DESCRITIVA: self.tr(
                "Digite o parecer descritivo do período e tecle Enter; passe o mouse sobre a célula para lê-lo "
                "inteiro. Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz."
            ),
        }

    def _load_grid(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplina_id = self.disciplina_combo.currentData()
        grade = self._diario.notas(turma_id, disciplina_id)
        if not grade.linhas:
            self._show_selectors(2)
            self._show_empty(
                self.tr("Esta turma ainda não tem alunos. Enturme alunos na página Turmas."),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        frequencias: dict[int, tuple[int, int]] = {}
        lancados: dict[int, frozenset[int]] = {}
        for periodo in grade.periodos:
            for linha in self._diario.frequencia(turma_id, disciplina_id, periodo.id).linhas:
                if linha.aulas_dadas is not None:
                    aulas, faltas = frequencias.get(linha.enturmacao_id, (0, 0))
                    frequencias[linha.enturmacao_id] = (aulas + linha.aulas_dadas, faltas + (linha.faltas or 0))
                    lancados[linha.enturmacao_id] = lancados.get(linha.enturmacao_id, frozenset()) | {periodo.numero}
        ano = self._ano()
        tipo = ano.tipo_periodo if ano is not None else "bimestre"
        saidas = self._situacoes_saida([linha.enturmacao_id for linha in grade.linhas if not linha.ativa])
        self.regra.setText(self._regra_text(grade))
        novo = self._hints[grade.regra.tipo]
        if not self.model.somente_leitura and novo != self._hint:  # what is typed follows the turma's rule
            mostrando = self.status.text() == self._hint  # (a message shown stays)
            self._hint = novo
            if mostrando:
                self.show_hint()
        self._show_grid((turma_id, disciplina_id), lambda: self.model.load(grade, tipo, frequencias, saidas, lancados))

    def _regra_text(self, grade: GradeNotas) -> str:
        regra = grade.regra
        if regra.tipo is av.TipoAvaliacao.NUMERICA:
            partes = [
                self.tr("Média para aprovação: {media}").format(
                    media=av.format_nota(regra.media_aprovacao, regra.escala)
                )
            ]
            if regra.escala != 10:
                partes.insert(0, self.tr("Notas de 0 a {escala}").format(escala=regra.escala))
        elif regra.tipo is av.TipoAvaliacao.CONCEITUAL:
            siglas = ", ".join(c.sigla for c in regra.conceitos)
            aprovam = ", ".join(c.sigla for c in regra.conceitos if c.aprova)
            partes = [self.tr("Conceitos {siglas} (aprovam: {aprovam})").format(siglas=siglas, aprovam=aprovam)]
        else:
            partes = [self.tr("Parecer descritivo em cada período")]
        if regra.sem_retencao:
            partes.append(self.tr("sem retenção"))
        else:
            partes.append(self.tr("frequência mínima: {minima} %").format(minima=f"{regra.frequencia_minima:g}"))
        if regra.tipo is av.TipoAvaliacao.NUMERICA and regra.recuperacao is not None:
            partes.append(translate_validation(regra.recuperacao.label).lower())
        elif regra.tipo is av.TipoAvaliacao.NUMERICA:
            partes.append(self.tr("sem recuperação"))
        return " · ".join(partes) + "."

    def _save(self, lancamentos: list[Any]) -> None:
        self._diario.lancar_notas(self.turma_combo.currentData(), self.disciplina_combo.currentData(), lancamentos)


class FrequenciaPage(_DiarioPage):
    """Aulas dadas and faltas of a turma × disciplina in one período, with the frequência and
    a warning for those below the ano letivo's minimum."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        parent: QWidget | None = None,
    ) -> None:
        hint = QCoreApplication.translate(
            "FrequenciaPage",
            "Digite o número e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. "
            "Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola números copiados de uma planilha.",
        )
        super().__init__("frequencia", FrequenciaModel(), hint, turmas, anos, diario, True, parent)
        self.model: FrequenciaModel

        self.aulas = QSpinBox()
        self.aulas.setObjectName("frequencia_aulas")
        self.aulas.setRange(0, AULAS_MAXIMAS)
        self.aulas.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        aulas_label = QLabel(self.tr("Aulas dadas no perío&do:"))
        aulas_label.setBuddy(self.aulas)
        self.aplicar_button = QPushButton(self.tr("Aplicar a &todos"))
        self.aplicar_button.setObjectName("frequencia_aplicar")
        self.aplicar_button.setToolTip(
            self.tr("Lança estas aulas dadas para todos os alunos da turma neste período; as faltas ficam.")
        )
        self.aplicar_button.clicked.connect(self.aplicar_a_todos)
        self.aulas.lineEdit().returnPressed.connect(self.aplicar_a_todos)
        self.barra.addSpacing(12)
        self.barra.addWidget(aulas_label)
        self.barra.addWidget(self.aulas)
        self.barra.addWidget(self.aplicar_button)

    def _edit_widgets(self) -> list[QWidget]:
        return [self.aulas, self.aplicar_button]

    def _load_grid(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplina_id = self.disciplina_combo.currentData()
        periodo_id = self.periodo_combo.currentData()
        grade = self._diario.frequencia(turma_id, disciplina_id, periodo_id)
        if not grade.linhas:
            self._show_selectors(2)
            self._show_empty(
                self.tr("Esta turma ainda não tem alunos. Enturme alunos na página Turmas."),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        saidas = self._situacoes_saida([linha.enturmacao_id for linha in grade.linhas if not linha.ativa])
        self.regra.setText(
            self.tr("Frequência mínima: {minima} % das aulas dadas.").format(minima=grade.frequencia_minima)
        )
        comuns = Counter(linha.aulas_dadas for linha in grade.linhas if linha.ativa and linha.aulas_dadas is not None)
        if comuns:
            self.aulas.setValue(comuns.most_common(1)[0][0])
        self.aplicar_button.setEnabled(self.model.ano_encerrado is None and any(linha.ativa for linha in grade.linhas))
        self._show_grid((turma_id, disciplina_id, periodo_id), lambda: self.model.load(grade, saidas))

    def aplicar_a_todos(self) -> bool:
        """Fill the aulas dadas of every aluno still in the turma with the field's value; then
        the cursor waits in the Faltas column, the next thing to type."""
        self.aulas.interpretText()
        if self.model.ano_encerrado is not None or not self.model.aplicar_aulas(self.aulas.value()):
            return False
        row, _column = self.model.first_empty_cell()
        self.table.setCurrentIndex(self.model.index(row, FrequenciaModel.FALTAS))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _save(self, lancamentos: list[Any]) -> None:
        self._diario.lancar_frequencia(
            self.turma_combo.currentData(),
            self.disciplina_combo.currentData(),
            self.periodo_combo.currentData(),
            lancamentos,
        )
