"""Closing and reopening an ano letivo from Configurações → Anos letivos.

:class:`PendenciasDialog` lists the results still missing when closing is refused, one line
each (turma · disciplina · aluno: what is missing), as ``main.py ano encerrar`` does;
:class:`ReabrirDialog` asks the motivo a reopening needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.encerramento import MOTIVO_REABERTURA, Pendencia
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.text import translate, translate_validation


def pendencia_text(pendencia: Pendencia) -> str:
    """``6º ano A · Matemática · Ana Souza (RA 26000022): falta nota do 4º bimestre``."""
    return translate("PendenciasDialog", "{turma} · {disciplina} · {aluno} (RA {ra}): falta {faltam}").format(
        turma=pendencia.turma,
        disciplina=pendencia.disciplina,
        aluno=pendencia.aluno,
        ra=pendencia.ra,
        faltam=", ".join(pendencia.faltam),
    )


class PendenciasDialog(QDialog):
    """Why the year was not closed: the refusal, then every missing result."""

    def __init__(self, ano: int, refusal: str, pendencias: Sequence[Pendencia], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendencias_encerramento")
        self.setWindowTitle(self.tr("Ano letivo {ano} não encerrado").format(ano=ano))
        self.resize(960, 440)
        texto = QLabel(refusal)
        texto.setWordWrap(True)
        self.lista = QPlainTextEdit()
        self.lista.setObjectName("pendencias_lista")
        self.lista.setReadOnly(True)
        self.lista.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one missing result per line
        self.lista.setPlainText("\n".join(pendencia_text(p) for p in pendencias))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(texto)
        layout.addWidget(self.lista, 1)
        layout.addWidget(buttons)


class ReabrirDialog(QDialog):
    """The motivo of reopening a closed year; OK only with one typed."""

    def __init__(self, ano: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reabrir_ano")
        self.setWindowTitle(self.tr("Reabrir o ano letivo {ano}").format(ano=ano))
        self.setMinimumWidth(520)  # the height follows the wrapped text
        texto = QLabel(
            self.tr(
                "Reabrir permite alterar de novo notas, frequência e turmas de {ano}; os boletins voltam a "
                "mostrar resultados provisórios até o ano ser encerrado outra vez. O motivo fica no histórico "
                "de alterações."
            ).format(ano=ano)
        )
        texto.setWordWrap(True)
        self.motivo = QLineEdit()
        self.motivo.setObjectName("motivo_reabertura")
        self.motivo.setPlaceholderText(self.tr("Motivo, como: nota de Matemática lançada errada"))
        self.motivo.setMaxLength(500)
        self.erro = QLabel()
        self.erro.setObjectName("motivo_reabertura_erro")
        self.erro.setStyleSheet(ERROR_STYLE)
        self.erro.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Reabrir"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(texto)
        layout.addWidget(self.motivo)
        layout.addWidget(self.erro)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.motivo.text().strip():
            self.erro.setText(translate_validation(MOTIVO_REABERTURA))
            self.erro.setVisible(True)
            self.motivo.setFocus()
            return
        self.accept()

    def motivo_text(self) -> str:
        return self.motivo.text().strip()
