"""The launch-time upgrade window as the secretary sees it: it fits her screen, and its summary
is in her words (real plurals, "49.998", no revision numbers), in Portuguese or in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.upgrade_dialog import UpgradeDialog, available_geometry
from escola_gui.gui.toolkit import language
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.upgrade import UpgradeResult, pending_steps
from escola_gui.storage.migrations import STEP_NAMES, Step
from escola_gui.storage.summary import ACTION_TEXT, describe_action
from tests.gui.test_language import translations  # noqa: F401 - the English catalogue fixture
from tests.helpers.revisions import AFTER_BASELINE

RELEASES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"


def _legacy(path: Path) -> Classification:
    return Classification(path, DatabaseState.LEGACY, None, AFTER_BASELINE[-1])


def _long_result(path: Path) -> UpgradeResult:
    """Every kind of change a 0.x file can need, each 49,998 times but one, done once."""
    summary = [describe_action(acao, 49_998) for acao in ACTION_TEXT]
    summary.append(describe_action("email_em_branco_removido", 1))
    return UpgradeResult(_legacy(path), applied=AFTER_BASELINE, backup=path.with_suffix(".bak"), summary=summary)


def _dialog(qtbot: QtBot, tmp_path: Path) -> UpgradeDialog:
    path = tmp_path / "escola.sqlite3"
    dialog = UpgradeDialog(path, _legacy(path), tmp_path / "escola.log")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_window_fits_the_screen_and_continuar_stays_in_sight(qtbot: QtBot, tmp_path: Path) -> None:
    # Given the window centred while it was small, as the launch shows it (on a 1366x768 screen
    # its top was at 218 of 768)...
    dialog = _dialog(qtbot, tmp_path)
    available = available_geometry(dialog)
    dialog.move(dialog.x(), available.top() + available.height() * 218 // 768)
    qtbot.waitUntil(lambda: dialog.frameGeometry().top() >= available.top() + available.height() * 218 // 768 - 1)
    for number, revision in enumerate(AFTER_BASELINE, start=1):
        dialog._on_step(Step(number, len(AFTER_BASELINE), revision, STEP_NAMES[revision]))

    # When the upgrade ends with a long summary
    dialog._on_success(_long_result(tmp_path / "escola.sqlite3"))

    # Then the whole window is on the screen, Continuar included, and the summary scrolls.
    qtbot.waitUntil(dialog.continue_button.isVisible)
    assert available.contains(dialog.frameGeometry()), (dialog.frameGeometry(), available)
    button = QRect(dialog.continue_button.mapToGlobal(QPoint(0, 0)), dialog.continue_button.size())
    assert available.contains(button), (button, available)
    qtbot.waitUntil(lambda: dialog.summary_area.verticalScrollBar().maximum() > 0)  # the rest is a scroll away
    # ...and Enter continues.
    assert dialog.continue_button.isDefault()


def test_the_summary_is_in_the_secretarys_words(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path)
    dialog._on_success(_long_result(tmp_path / "escola.sqlite3"))

    text = dialog.summary.text()
    assert "49.998 matrículas repetidas foram retiradas" in text
    assert "1 e-mail em branco foi apagado." in text
    assert "(s)" not in text and "(ões)" not in text and "(es)" not in text
    assert "revisão" not in text.lower() and "registro de migração" not in text.lower()
    assert dialog.status.text() == "O arquivo foi atualizado."


def test_a_real_0x_file_is_summarised_without_technical_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a copy of a file written by Escola 0.x
    database = tmp_path / "escola.sqlite3"
    shutil.copyfile(RELEASES / "escola-0.x.sqlite3", database)
    launcher = Launcher(database, tmp_path / "escola.log")
    try:
        # When Escola opens it
        launcher.start()
        dialog = launcher.dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.continue_button.isVisible)

        # Then the steps and the summary say what changed for the school, not how the file is built.
        steps = [dialog.steps.item(i).text() for i in range(dialog.steps.count())]
        shown = " ".join([dialog.status.text(), dialog.summary.text(), *steps])
        assert steps[0].startswith(f"Etapa 1 de {len(steps)}: ")
        assert "revisão" not in shown.lower() and "registro de migração" not in shown.lower()
        assert "(s)" not in shown and "(ões)" not in shown
        assert "O arquivo foi atualizado." in shown
        assert "39 matrículas repetidas foram retiradas" in shown
    finally:
        if launcher.dialog is not None:
            launcher.dialog.close()
        launcher.shutdown()


def test_every_revision_has_a_name_for_the_secretary() -> None:
    """A new revision needs its line in STEP_NAMES (marked for translation), not the developers' descricao."""
    classification = Classification(Path("x"), DatabaseState.NEW, None, AFTER_BASELINE[-1])
    revisions = [step.revision for step in pending_steps(classification)]
    assert set(revisions) <= set(STEP_NAMES), set(revisions) - set(STEP_NAMES)


def test_in_english_the_steps_and_the_summary_are_translated(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    translations: Path,  # noqa: F811 - the fixture imported above
) -> None:
    assert language.install(qapp, language.ENGLISH) == language.ENGLISH
    dialog = _dialog(qtbot, tmp_path)
    for number, revision in enumerate(AFTER_BASELINE, start=1):
        dialog._on_step(Step(number, len(AFTER_BASELINE), revision, STEP_NAMES[revision]))
    dialog._on_success(_long_result(tmp_path / "escola.sqlite3"))

    steps = [dialog.steps.item(i).text() for i in range(dialog.steps.count())]
    number = AFTER_BASELINE.index("0012") + 1
    assert steps[number - 1] == f"Step {number} of {len(steps)}: Quick search and order of the students"
    assert dialog.status.text() == "The data file was upgraded."
    text = dialog.summary.text()
    assert "What changed in the data:" in text
    assert "49,998 duplicate enrollments were removed" in text
    assert "1 blank e-mail was deleted." in text
    for line in _long_result(tmp_path / "escola.sqlite3").summary:
        assert str(line).split(" ", 1)[1][:20] not in text, f"not translated: {line}"
    for revision, name in STEP_NAMES.items():
        assert not any(name in step for step in steps), f"step {revision} not translated"
