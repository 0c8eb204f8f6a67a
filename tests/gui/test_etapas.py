"""The etapa of a turma in the views: the Turma form's Etapa (required; "Não definida" for a
turma an upgrade could not map) and Configurações → Etapas, where the secretary maps the turmas
whose série could not be read, once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.pages.configuracoes import ConfiguracoesPage
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def ano(services: Services) -> int:
    return services.anos_letivos.create(AnoLetivoData(ano=2026))


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choose(qtbot: QtBot, combo: QComboBox, nome: str) -> None:
    """Choose ``nome`` with the arrow keys, as from the keyboard (each step is an activation)."""
    target = combo.findText(nome)
    assert target >= 0
    for _ in range(2 * combo.count()):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
    assert combo.currentText() == nome


def _cancel(qtbot: QtBot, dialog: TurmaDialog) -> None:
    _click(qtbot, dialog.button_box.button(dialog.button_box.StandardButton.Cancel))


def _etapa(services: Services, nome: str) -> int:
    return next(e.id for e in services.etapas.list() if e.nome == nome)


def _sem_etapa(services: Services, engine: Engine, ano: int, nome: str, serie: str) -> int:
    """A turma as revision 0013 leaves one whose série it could not read."""
    turma = services.turmas.create(TurmaData(ano, nome, serie, "matutino", etapa_id=_etapa(services, "1º ano")))
    with engine.begin() as conn:
        conn.execute(text("UPDATE turmas SET etapa_id = NULL WHERE id = :id"), {"id": turma})
    return turma


def _dialog(qtbot: QtBot, services: Services, ano: int, turma_id: int | None = None) -> TurmaDialog:
    dialog = TurmaDialog(services.turmas, services.anos_letivos, services.disciplinas, turma_id, ano)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


# --- the Turma form ---------------------------------------------------------------------


def test_a_new_turma_needs_an_etapa_and_takes_its_name_as_serie(qtbot: QtBot, services: Services, ano: int) -> None:
    # Given the Nova turma form, its etapas in order
    dialog = _dialog(qtbot, services, ano)
    combo = dialog.etapa
    nomes = [combo.itemText(i) for i in range(combo.count()) if combo.itemData(i) is not None]
    assert nomes[:3] == ["Creche", "Pré-escola", "1º ano"] and nomes[-1] == "EJA — ensino médio"
    assert combo.currentIndex() == -1 and combo.placeholderText() == "Escolha a etapa"

    # When she types the rest but chooses no etapa, even with a série that names one
    qtbot.keyClicks(dialog.nome, "5º ano A")
    qtbot.keyClicks(dialog.serie, "5º ano")
    dialog.turno.setCurrentIndex(dialog.turno.findData("matutino"))
    _click(qtbot, dialog.save_button)
    # Then the form says so beside the etapa, and nothing is saved
    assert dialog.isVisible()
    assert dialog.error_text("etapa_id") == "Escolha a etapa da turma na lista, como 6º ano."
    assert services.turmas.list() == []

    # When she clears the série and chooses the 4º ano, then changes her mind to the 5º
    dialog.serie.clear()
    _choose(qtbot, combo, "4º ano")
    assert combo.currentText() == "4º ano" and dialog.serie.text() == "4º ano"
    _choose(qtbot, combo, "5º ano")
    assert dialog.serie.text() == "5º ano"  # the série the form wrote follows the etapa
    # ...a série she types herself stays when the etapa changes
    dialog.serie.setText("Quinto ano")
    _choose(qtbot, combo, "6º ano")
    assert dialog.serie.text() == "Quinto ano"
    _choose(qtbot, combo, "5º ano")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)

    # Then the turma belongs to the 5º ano, its série as typed
    [row] = services.turmas.list()
    assert (row.nome, row.serie, row.etapa) == ("5º ano A", "Quinto ano", "5º ano")


def test_cancel_halfway_asks_and_saves_nothing(
    qtbot: QtBot, services: Services, ano: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([False, True])
    asked: list[bool] = []
    monkeypatch.setattr(messages, "confirm_discard", lambda _p: asked.append(True) or next(answers))
    dialog = _dialog(qtbot, services, ano)
    _choose(qtbot, dialog.etapa, "Pré-escola")
    assert dialog.etapa.currentText() == "Pré-escola" and dialog.serie.text() == "Pré-escola"
    # "Não": the form stays as it was
    _cancel(qtbot, dialog)
    assert dialog.isVisible() and dialog.etapa.currentText() == "Pré-escola"
    # "Sim": it closes, and nothing was saved
    with qtbot.waitSignal(dialog.rejected):
        _cancel(qtbot, dialog)
    assert len(asked) == 2 and services.turmas.list() == []


def test_an_old_turma_without_etapa_shows_nao_definida_and_is_saved_once_chosen(
    qtbot: QtBot, services: Services, head_engine: Engine, ano: int
) -> None:
    # Given a turma typed "4ª série", which the upgrade could not map
    turma = _sem_etapa(services, head_engine, ano, "4ª A", "4ª série")
    dialog = _dialog(qtbot, services, ano, turma)
    assert dialog.etapa.currentIndex() == -1
    assert dialog.etapa.placeholderText() == "Não definida — escolha a etapa"
    assert dialog.serie.text() == "4ª série"

    # When she changes the sala and saves without choosing
    qtbot.keyClicks(dialog.sala, "7")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.error_text("etapa_id")
    assert services.turmas.get(turma).sala is None

    # When she chooses the 5º ano (the 8-year ensino fundamental's 4ª série)
    _choose(qtbot, dialog.etapa, "5º ano")
    assert dialog.serie.text() == "4ª série"  # what she typed long ago stays
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    saved = services.turmas.get(turma)
    assert (saved.serie, saved.sala, saved.etapa_id) == ("4ª série", "7", _etapa(services, "5º ano"))


# --- Configurações → Etapas -------------------------------------------------------------


def _page(qtbot: QtBot, services: Services) -> ConfiguracoesPage:
    page = ConfiguracoesPage(services.escola, services.anos_letivos, services.disciplinas, etapas=services.etapas)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    bar = page.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Etapas")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentWidget() is page.etapas
    return page


def test_configuracoes_maps_each_turma_left_without_etapa_once(
    qtbot: QtBot, services: Services, head_engine: Engine, ano: int
) -> None:
    # Given two turmas whose série could not be read, and one that has its etapa
    quarta = _sem_etapa(services, head_engine, ano, "4ª A", "4ª série")
    multi = _sem_etapa(services, head_engine, ano, "Multi", "Multisseriada")
    services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"))
    page = _page(qtbot, services)
    panel = page.etapas
    assert panel is not None
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))

    # Then the tab lists only those two, with the série as typed and no etapa chosen
    tabela = panel.tabela
    assert [tuple(tabela.item(r, c).text() for c in range(3)) for r in range(tabela.rowCount())] == [
        ("2026", "4ª A", "4ª série"),
        ("2026", "Multi", "Multisseriada"),
    ]
    assert [c.currentIndex() for c in panel.combos.values()] == [-1, -1]

    # When she saves with nothing chosen: told, nothing saved
    _click(qtbot, panel.salvar)
    assert panel.status.text() == "Escolha a etapa de pelo menos uma turma antes de salvar."
    assert not changed

    # When she chooses the 5º ano for the 4ª série, the page is read again before she saves
    _choose(qtbot, panel.combos[quarta], "5º ano")
    assert panel.status.text() == ""
    page.refresh()
    assert panel.combos[quarta].currentText() == "5º ano"  # the choice not saved yet survives
    _click(qtbot, panel.salvar)

    # Then that turma leaves the list, and she is told what is left
    assert panel.status.text() == "Etapa salva para 1 turma. Falta escolher a de 1 turma."
    assert list(panel.combos) == [multi] and changed
    assert services.turmas.get(quarta).etapa_id == _etapa(services, "5º ano")
    assert services.turmas.get(quarta).serie == "4ª série"

    # When she maps the last one
    _choose(qtbot, panel.combos[multi], "1º ano")
    _click(qtbot, panel.salvar)
    assert panel.status.text() == "Etapa salva para 1 turma."
    assert panel.vazio.isVisible() and not panel.tabela.isVisible() and not panel.salvar.isVisible()
    assert services.etapas.turmas_sem_etapa() == []


def test_read_only_file_shows_the_list_without_saving(
    qtbot: QtBot, services: Services, head_engine: Engine, ano: int
) -> None:
    _sem_etapa(services, head_engine, ano, "4ª A", "4ª série")
    page = _page(qtbot, services)
    page.set_read_only(True)
    assert page.etapas is not None
    assert not page.etapas.salvar.isEnabled()
    assert not any(c.isEnabled() for c in page.etapas.combos.values())
    page.refresh()
    assert not any(c.isEnabled() for c in page.etapas.combos.values())


def test_a_turma_given_its_etapa_elsewhere_leaves_the_list_when_the_tab_is_shown_again(
    qtbot: QtBot, services: Services, head_engine: Engine, ano: int
) -> None:
    # Given the Etapas tab listing two turmas, one with an etapa chosen but not saved
    quarta = _sem_etapa(services, head_engine, ano, "4ª A", "4ª série")
    multi = _sem_etapa(services, head_engine, ano, "Multi", "Multisseriada")
    page = _page(qtbot, services)
    panel = page.etapas
    assert panel is not None and list(panel.combos) == [quarta, multi]
    _choose(qtbot, panel.combos[multi], "2º ano")

    # When the 4ª A gets its etapa in the Turma form (the Turmas page) and she comes back
    services.turmas.update(quarta, replace(services.turmas.get(quarta), etapa_id=_etapa(services, "5º ano")))
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page.tabs.indexOf(panel)).center())

    # Then only the other is listed, with the choice she had made
    assert list(panel.combos) == [multi] and panel.combos[multi].currentText() == "2º ano"
