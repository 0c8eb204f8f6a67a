"""Counts read in real Portuguese ("1 nota", "2 notas", "1.234 notas"), never "nota(s)": Qt picks
the form of a %n text only through a catalogue, so Portuguese mode loads escola_pt_BR.qm."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.historico_externo import HistoricoExternoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import language, messages

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
TS = TRANSLATIONS / "escola_pt_BR.ts"


@pytest.fixture
def portuguese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Portuguese installed as the app installs it, with the catalogues built by lrelease as `make`
    builds them; afterwards no translator is left installed and the default locale is as it was."""
    lrelease = Path(PySide6.__file__).parent / "lrelease"
    for ts in TRANSLATIONS.glob("*.ts"):
        subprocess.run(
            [str(lrelease), "-silent", "-nounfinished", str(ts), "-qm", str(tmp_path / f"{ts.stem}.qm")], check=True
        )
    monkeypatch.setattr(language, "TRANSLATIONS", tmp_path)
    locale = QLocale()
    assert language.install(qapp, language.PORTUGUESE) == language.PORTUGUESE
    yield
    language.uninstall(qapp)
    QLocale.setDefault(locale)


def test_the_counts_of_the_delete_confirmation_read_in_real_portuguese(
    portuguese: None, qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    aluno = services.alunos.create(AlunoData(nome="Maria"))
    (enturmacao,) = services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    p1, p2, *_ = services.anos_letivos.periodos(ano)
    services.diario.lancar_notas(
        turma,
        mat,
        [Lancamento(enturmacao, "nota", Decimal("7.5"), p1.id), Lancamento(enturmacao, "nota", Decimal("8"), p2.id)],
    )
    services.diario.lancar_frequencia(turma, mat, p1.id, [LancamentoFrequencia(enturmacao, 40, 2)])
    services.historicos_externos.create(
        aluno, HistoricoExternoData(ano=2025, serie="5º ano", escola="EM Vila Nova", situacao="aprovado")
    )
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    tab = window.alunos_tab
    rect = tab.table.visualRect(tab.proxy.index(0, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    window.action_excluir.trigger()

    assert len(questions) == 1
    assert (
        "(1 matrícula em turma), 2 notas e 1 registro de frequência. "
        "Também será excluído 1 ano cursado em outra escola, do histórico."
    ) in questions[0]
    assert "(s)" not in questions[0]


@pytest.mark.parametrize(("count", "expected"), [(1, "1 nota"), (2, "2 notas"), (1234, "1.234 notas")])
def test_a_count_takes_its_singular_or_plural_and_the_thousands_separated(
    portuguese: None, window: MainWindow, count: int, expected: str
) -> None:
    from escola_gui.gui.pages.alunos import plurais

    assert plurais().notas(count) == expected


def test_every_plural_has_both_forms_and_keeps_the_placeholders() -> None:
    """Both Portuguese forms filled (an empty one would show the source), {path} kept; %Ln is %n
    written with the thousands separated."""

    def marks(text: str) -> list[str]:
        return sorted(re.findall(r"\{\w*\}|%\d|%L?n", text.replace("%Ln", "%n")))

    messages = list(ET.parse(TS).getroot().iter("message"))
    assert messages
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert message.get("numerus") == "yes" and translation is not None
        assert translation.get("type") is None, source  # finished
        forms = [form.text or "" for form in translation.iter("numerusform")]
        assert len(forms) == 2 and all(forms), source
        assert "(s)" not in "".join(forms)
        for form in forms:
            assert marks(form) == marks(source), (source, form)


def test_no_notas_nor_frequencia_is_said_in_words_not_as_0_nota(portuguese: None, window: MainWindow) -> None:
    from escola_gui.core.turmas import DependentesEnturmacoes
    from escola_gui.gui.pages.alunos import turmas_clause

    clause = turmas_clause(
        DependentesEnturmacoes(enturmacoes=1, notas=0, frequencias=0, recuperacoes_finais=0, historico=0)
    )

    assert "(1 matrícula em turma), nenhuma nota e nenhum registro de frequência." in clause
    assert "0 nota" not in clause and "0 registro" not in clause
