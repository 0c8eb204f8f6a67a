"""Importing and exporting alunos through the main window's menu, the import dialog and real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.importacao.fields import EXPORT_HEADERS
from escola_gui.core.planilhas import read_table
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.gui import import_dialog
from escola_gui.gui.import_dialog import ImportDialog, save_filters, with_filter_extension
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.record_list import RecordTab
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOTHING_TO_DO = "Nada a importar: os alunos da planilha já estão cadastrados assim."
FIX_THE_FILE = (
    "Corrija as linhas com problema na planilha e abra de novo, ou importe só as linhas válidas: as com problema vão "
    "para um arquivo ao lado da planilha."
)

HEADER = "Nome;CPF;Data de nascimento;E-mail;Telefone"
JOAO = "João da Silva;529.982.247-25;04/03/2010;joao@escola.com.br;(11) 98765-4321"
CONCEICAO = "Maria da Conceição;;01/02/2011;;"
BAD_CPF = "Beto Araújo;111.111.111-11;;;"


def _office_csv(path: Path, *lines: str) -> Path:
    """A file as Excel saves "CSV (separado por vírgulas)" on a Brazilian Windows."""
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")
    return path


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def ask(_parent: object, title: str, _folder: str) -> str:
        asked.append(title)
        return str(path)

    monkeypatch.setattr(import_dialog, "ask_open_spreadsheet", ask)
    return asked


def _open_import(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    window.action_importar_alunos.trigger()
    found: list[ImportDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def _closed(dialog: ImportDialog) -> bool:
    """Closed, or deleted already: the dialog deletes itself once finished, which the event loop
    may do between two checks of a wait (it did, now and then, in the whole file's run)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _click(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _import(qtbot: QtBot, dialog: ImportDialog) -> None:
    """Click Importar and wait until the import, run in the background, closed the dialog."""
    with qtbot.waitSignal(dialog.finished):
        _click(qtbot, dialog.import_button)


def _names(tab: RecordTab) -> list[str]:
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def _tab_texts(dialog: ImportDialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


# --- import -----------------------------------------------------------------------------


def test_office_csv_with_a_bad_row_then_fixed_then_imported_again(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    # Given a Windows-1252 ";" file whose line 3 has a CPF with wrong check digits
    path = _office_csv(tmp_path / "alunos.csv", HEADER, JOAO, BAD_CPF, CONCEICAO)
    asked = _choose_file(monkeypatch, path)

    # When the secretary opens it through Arquivo → Importar alunos…
    dialog = _open_import(qtbot, window)

    # Then the dialog names the file, the line and its reason, and refuses to import
    assert asked == ["Importar alunos"]
    assert QApplication.overrideCursor() is None  # the wait cursor was only for the reading
    assert "alunos.csv" in dialog.file_label.text()
    assert dialog.summary.text() == "2 novos, 0 atualizados, 0 sem mudança, 1 com problema"
    assert dialog.problemas_model.rows() == [
        ("3", "Beto Araújo", "CPF: CPF inválido: os dígitos verificadores não conferem. (111.111.111-11)")
    ]
    assert dialog.tabs.currentIndex() == import_dialog.PROBLEMS_TAB
    assert _tab_texts(dialog) == [
        "Novos (2)",
        "Atualizados (0)",
        "Sem mudança (0)",
        "Conflitos (0)",
        "Com problema (1)",
    ]
    assert [row[1] for row in dialog.novos_model.rows()] == ["João da Silva", "Maria da Conceição"]
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.toolTip() == FIX_THE_FILE
    assert dialog.hint.text() == FIX_THE_FILE
    _click(qtbot, dialog.import_button)
    assert dialog.isVisible()
    _click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert services.alunos.list() == []
    assert _names(window.alunos_tab) == []

    # When the line is fixed in the file and it is opened again
    _office_csv(path, HEADER, JOAO, BAD_CPF.replace("111.111.111-11", "111.444.777-35"), CONCEICAO)
    dialog = _open_import(qtbot, window)
    assert dialog.summary.text() == "3 novos, 0 atualizados, 0 sem mudança, 0 com problema"
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.toolTip() == ""
    assert dialog.hint.isHidden()
    _click(qtbot, dialog.import_button)

    # Then the alunos tab lists them and the status bar says what was done
    qtbot.waitUntil(lambda: _closed(dialog))
    assert _names(window.alunos_tab) == ["Beto Araújo", "João da Silva", "Maria da Conceição"]
    assert window.statusBar().currentMessage() == "Importação concluída: 3 novos, 0 atualizados, 0 sem mudança."
    assert errors == []

    # When the same file is opened once more, nothing would change
    dialog = _open_import(qtbot, window)
    assert dialog.summary.text() == "0 novos, 0 atualizados, 3 sem mudança, 0 com problema"
    assert dialog.tabs.currentIndex() == 2
    assert [row[1] for row in dialog.sem_mudanca_model.rows()] == [
        "João da Silva",
        "Beto Araújo",
        "Maria da Conceição",
    ]
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.toolTip() == NOTHING_TO_DO
    _click(qtbot, dialog.cancel_button)
    assert len(services.alunos.list()) == 3


def test_updates_show_each_change_before_and_after(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aluno_id = services.alunos.create(AlunoData("João da Silva", cpf="52998224725", telefones=("11 3333-4444",)))
    window.refresh_all()
    path = _office_csv(tmp_path / "alunos.csv", "CPF;Nome;Telefone;Ativo", "529.982.247-25;João da Silva;;Não")
    _choose_file(monkeypatch, path)

    dialog = _open_import(qtbot, window)

    assert dialog.summary.text() == "0 novos, 1 atualizado, 0 sem mudança, 0 com problema"
    assert dialog.tabs.currentIndex() == 1
    assert dialog.atualizados_model.rows() == [("2", "João da Silva", "Ativo", "Sim", "Não")]
    _import(qtbot, dialog)
    assert services.alunos.get(aluno_id).ativo is False
    assert services.alunos.get(aluno_id).telefones == ("11 3333-4444",)  # a blank cell keeps the value
    assert window.alunos_tab.model.rows()[0].ativo is False


def test_changing_a_column_runs_the_preview_again(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a file whose CPF column has a header the import does not know
    path = _office_csv(tmp_path / "turma.csv", "Estudante;Documento;Turma", "Ana Souza;529.982.247-25;5A")
    _choose_file(monkeypatch, path)
    dialog = _open_import(qtbot, window)
    estudante, documento, turma = dialog.combos
    assert (estudante.currentData(), documento.currentData(), turma.currentData()) == ("nome", None, None)
    assert estudante.currentText() == "Nome" and documento.currentText() == "(ignorar)"
    assert dialog.novos_model.rows()[0][1:3] == ("Ana Souza", "")

    # When the user says "Documento" is the CPF
    documento.setCurrentIndex(documento.findText("CPF"))

    # Then the preview shows the CPF
    assert dialog.novos_model.rows()[0][1:3] == ("Ana Souza", "529.982.247-25")

    # When no column is the nome any more, the dialog says so and cannot import
    estudante.setCurrentIndex(estudante.findData(None))
    assert dialog.mapping_problems.isVisible()
    assert "Falta a coluna Nome" in dialog.mapping_problems.text()
    assert dialog.novos_model.rows() == []
    assert not dialog.import_button.isEnabled()
    assert dialog.import_button.toolTip() == "Ajuste as colunas da planilha acima para poder importar."

    # When it is set back, the import goes through with the user's choices
    estudante.setCurrentIndex(estudante.findData("nome"))
    assert dialog.mapping_problems.isHidden()
    _import(qtbot, dialog)
    [aluno] = services.alunos.list()
    assert (aluno.nome, aluno.cpf) == ("Ana Souza", "52998224725")


def test_alunos_changed_since_the_preview(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
    wait_for_background: Callable[[], None],
) -> None:
    _choose_file(monkeypatch, _office_csv(tmp_path / "alunos.csv", HEADER, JOAO))
    dialog = _open_import(qtbot, window)
    assert dialog.summary.text().startswith("1 novo,")
    # Meanwhile someone registers the same CPF in the form
    services.alunos.create(AlunoData("Outro Nome", cpf="529.982.247-25"))

    _click(qtbot, dialog.import_button)
    wait_for_background()

    [(title, text)] = errors
    assert title == "Importação não realizada"
    assert "mudaram desde a conferência" in text and "Nada foi alterado" in text
    # The dialog stays open and shows the file against the alunos as they are now
    assert dialog.isVisible()
    # (the CPF is now an aluno's with another nome: a conflict, imported only if ticked)
    assert dialog.summary.text() == "0 novos, 0 atualizados, 0 sem mudança, 0 com problema, 1 em conflito"
    assert dialog.tabs.currentIndex() == import_dialog.CONFLICTS_TAB
    assert not dialog.import_button.isEnabled()
    assert [a.nome for a in services.alunos.list()] == ["Outro Nome"]


def test_a_file_that_cannot_be_read_is_explained(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    old = tmp_path / "alunos.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    _choose_file(monkeypatch, old)

    window.action_importar_alunos.trigger()

    [(title, text)] = errors
    assert title == "Importar alunos"
    assert "salve como Pasta de Trabalho do Excel (.xlsx)" in text
    assert not window.findChildren(ImportDialog)


def test_cancelling_the_file_choice_does_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    monkeypatch.setattr(import_dialog, "ask_open_spreadsheet", lambda *_: "")
    monkeypatch.setattr(import_dialog, "ask_save_spreadsheet", lambda *_: ("", ""))

    window.action_importar_alunos.trigger()
    window.action_exportar_alunos.trigger()

    assert not window.findChildren(ImportDialog)
    assert errors == []
    assert window.statusBar().currentMessage() == ""


# --- export -----------------------------------------------------------------------------


@pytest.mark.parametrize(("chosen_filter", "extension"), [(0, ".xlsx"), (1, ".csv")])
def test_export_through_the_menu_reads_back(
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen_filter: int,
    extension: str,
) -> None:
    services.alunos.create(AlunoData("João da Silva", cpf="01234567890", telefones=("+55 11 98765-4321",)))
    services.alunos.create(AlunoData("Conceição Souza", ativo=False))
    suggested: list[str] = []

    def ask(_parent: object, _title: str, default: str) -> tuple[str, str]:
        suggested.append(default)
        return str(tmp_path / "lista"), save_filters()[chosen_filter]

    monkeypatch.setattr(import_dialog, "ask_save_spreadsheet", ask)

    window.action_exportar_alunos.trigger()

    assert Path(suggested[0]).name == "alunos.xlsx"
    path = tmp_path / f"lista{extension}"
    table = read_table(path)
    assert table.headers == EXPORT_HEADERS
    assert [row.values[0] for row in table.rows] == ["Conceição Souza", "João da Silva"]
    assert table.rows[1].values[2] == "012.345.678-90"
    assert table.rows[1].values[4] == "+55 11 98765-4321"
    assert window.statusBar().currentMessage() == f"2 aluno(s) exportado(s) para {path}."
    assert window.status_path.isHidden()  # the message takes the path's place for a while, and is seen


def test_export_asks_before_replacing_a_file_named_by_the_filter(
    window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.alunos.create(AlunoData("Ana"))
    existing = tmp_path / "lista.csv"
    existing.write_text("antigo")
    monkeypatch.setattr(import_dialog, "ask_save_spreadsheet", lambda *_: (str(tmp_path / "lista"), save_filters()[1]))
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)

    window.action_exportar_alunos.trigger()

    assert questions == ["O arquivo lista.csv já existe. Substituir?"]
    assert existing.read_text() == "antigo"


def test_export_error_is_shown_in_portuguese(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    target = tmp_path / "nao-existe" / "alunos.xlsx"
    monkeypatch.setattr(import_dialog, "ask_save_spreadsheet", lambda *_: (str(target), save_filters()[0]))

    window.action_exportar_alunos.trigger()

    [(title, text)] = errors
    assert title == "Exportar alunos"
    assert text.startswith("Não foi possível gravar o arquivo alunos.xlsx")
    assert not target.exists()


def test_extension_comes_from_the_filter_unless_typed() -> None:
    xlsx, csv = save_filters()
    assert with_filter_extension("/tmp/lista", csv) == Path("/tmp/lista.csv")
    assert with_filter_extension("/tmp/lista", xlsx) == Path("/tmp/lista.xlsx")
    assert with_filter_extension("/tmp/lista.CSV", xlsx) == Path("/tmp/lista.CSV")
    assert with_filter_extension("/tmp/lista.v2", csv) == Path("/tmp/lista.v2.csv")


# --- menu and models --------------------------------------------------------------------


def test_menu_entries_and_shortcuts(window: MainWindow) -> None:
    arquivo = window.menuBar().actions()[0].menu()
    assert window.action_importar_alunos in arquivo.actions()
    assert window.action_exportar_alunos in arquivo.actions()
    assert window.action_importar_alunos.text() == "&Importar alunos…"
    assert window.action_exportar_alunos.text() == "E&xportar alunos…"
    assert window.action_importar_alunos.shortcut().toString() == "Ctrl+I"
    assert window.action_exportar_alunos.shortcut().toString() == "Ctrl+E"


def test_preview_models_pass_the_model_tester(  # type: ignore[no-untyped-def]
    qtmodeltester, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.alunos.create(AlunoData("João da Silva", cpf="52998224725"))
    services.alunos.create(AlunoData("Ana Souza"))
    services.alunos.create(AlunoData("Bia Lima", cpf="11144477735"))
    path = _office_csv(
        tmp_path / "alunos.csv",
        "Nome;CPF;Ativo",
        "João da Silva;529.982.247-25;Não",
        "Ana Souza;;",
        "Nova;;",
        ";123;talvez",
        "Beatriz Costa;111.444.777-35;",
    )
    dialog = ImportDialog(services.planilhas, services.planilhas.read(path))
    qtbot.addWidget(dialog)

    models = (
        dialog.novos_model,
        dialog.atualizados_model,
        dialog.sem_mudanca_model,
        dialog.conflitos_model,
        dialog.problemas_model,
    )
    assert [m.rowCount() for m in models] == [1, 1, 1, 1, 1]
    dialog.conflitos_model.set_checked(0, True)
    assert dialog.confirmed_lines() == [6]
    for model in models:
        qtmodeltester.check(model)
    assert dialog.problemas_model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.problemas_model.index(0, 2).data().count("\n") == 2  # every reason of line 5


def test_columns_with_the_same_header_change_together(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The core maps columns by their header text, so two "Telefone" columns cannot differ
    path = _office_csv(tmp_path / "alunos.csv", "Telefone;Nome;Telefone", "11 3333-4444;Ana;11 98765-4321")
    _choose_file(monkeypatch, path)
    dialog = _open_import(qtbot, window)
    first, _nome, second = dialog.combos
    assert dialog.novos_model.rows()[0][5] == "11 3333-4444 / 11 98765-4321"

    second.setCurrentIndex(second.findData(None))

    assert first.currentData() is None
    assert dialog.novos_model.rows()[0][5] == ""


# --- responsáveis -----------------------------------------------------------------------

OFFICE_HEADER = (
    "Nome do Aluno;Data de Nascimento;CPF;Nome da Mãe;CPF da Mãe;Telefone da Mãe;Nome do Pai;Responsável Legal;"
    "CEP;Endereço;Número;Bairro;Cidade;UF"
)
IRMAO = (
    "João da Silva;04/03/2010;529.982.247-25;Maria da Silva;111.444.777-35;(11) 98765-4321;José da Silva;mãe;"
    "01310-100;Av. Paulista;1000;Bela Vista;São Paulo;SP"
)
IRMA = (
    "Ana da Silva;05/06/2012;;Maria da Silva;111.444.777-35;;José da Silva;Mãe;"
    "01310-100;Av. Paulista;1000;Bela Vista;São Paulo;SP"
)
MAE_CPF_ERRADO = "Pedro Souza;01/01/2011;;Clara Souza;123.456.789-00;;;;;;;;;"


def test_office_file_with_responsaveis_preview_then_import_then_nothing_to_do(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    # Given a Windows-1252 file of siblings and a line whose mãe has a wrong CPF
    path = _office_csv(tmp_path / "alunos.csv", OFFICE_HEADER, IRMAO, MAE_CPF_ERRADO, IRMA)
    _choose_file(monkeypatch, path)

    # When it is opened, every column is recognized and the bad line names the column
    dialog = _open_import(qtbot, window)
    assert [combo.currentData() for combo in dialog.combos] == [
        "nome",
        "data_nascimento",
        "cpf",
        "mae_nome",
        "mae_cpf",
        "mae_telefones",
        "pai_nome",
        "responsavel_legal",
        "cep",
        "logradouro",
        "numero",
        "bairro",
        "municipio",
        "uf",
    ]
    assert dialog.problemas_model.rows() == [
        ("3", "Pedro Souza", "CPF da Mãe: CPF inválido: os dígitos verificadores não conferem. (123.456.789-00)")
    ]
    assert dialog.summary.text() == "2 novos, 0 atualizados, 0 sem mudança, 1 com problema"
    assert dialog.responsaveis_summary.text() == "2 responsáveis novos, 4 vínculos novos"
    assert [row[-1] for row in dialog.novos_model.rows()] == [
        "Mãe: Maria da Silva (legal); Pai: José da Silva",
        "Mãe: Maria da Silva (legal); Pai: José da Silva",
    ]
    assert not dialog.import_button.isEnabled()
    _click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert services.alunos.list() == []
    assert services.responsaveis.search("Silva") == []

    # When the line is fixed and the file opened again, the import writes everything
    _office_csv(path, OFFICE_HEADER, IRMAO, MAE_CPF_ERRADO.replace("123.456.789-00", "123.456.789-09"), IRMA)
    dialog = _open_import(qtbot, window)
    assert dialog.responsaveis_summary.text() == "3 responsáveis novos, 5 vínculos novos"
    _import(qtbot, dialog)
    assert window.statusBar().currentMessage() == (
        "Importação concluída: 3 novos, 0 atualizados, 0 sem mudança; 3 responsáveis novos, 5 vínculos novos."
    )
    by_nome = {row.nome: row.id for row in services.alunos.list()}
    assert _names(window.alunos_tab) == ["Ana da Silva", "João da Silva", "Pedro Souza"]
    for irmao in ("João da Silva", "Ana da Silva"):
        links = services.responsaveis.list_for_aluno(by_nome[irmao])
        assert [(r.nome, r.cpf, r.parentesco, r.responsavel_legal) for r in links] == [
            ("Maria da Silva", "11144477735", "mae", True),
            ("José da Silva", None, "pai", False),
        ]
    assert services.alunos.get(by_nome["Ana da Silva"]).municipio == "São Paulo"
    assert len(services.responsaveis.search("Silva")) == 2  # one mãe and one pai for both
    assert errors == []

    # When the same file is opened once more, nothing would change
    dialog = _open_import(qtbot, window)
    assert dialog.summary.text() == "0 novos, 0 atualizados, 3 sem mudança, 0 com problema"
    assert dialog.responsaveis_summary.isHidden()
    assert not dialog.import_button.isEnabled()
    _click(qtbot, dialog.cancel_button)


def test_changes_to_responsaveis_are_listed_as_updates(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aluno_id = services.alunos.create(AlunoData("Lia Reis", cpf="52998224725"))
    mae = ResponsavelData("Rosa Reis", "111.444.777-35", ("11 3333-4444",))
    services.responsaveis.save_for_aluno(aluno_id, mae, "mae", True)
    window.refresh_all()
    path = _office_csv(
        tmp_path / "alunos.csv",
        "CPF;Nome;Nome da mãe;CPF da mãe;Telefone da mãe;Nome do pai;CPF do pai;Responsável legal",
        "52998224725;Lia Reis;Rosa Reis;11144477735;11 98765-4321;Davi Reis;123.456.789-09;Pai",
    )
    _choose_file(monkeypatch, path)

    dialog = _open_import(qtbot, window)

    assert dialog.summary.text() == "0 novos, 1 atualizado, 0 sem mudança, 0 com problema"
    assert dialog.responsaveis_summary.text() == (
        "1 responsável novo, 1 responsável atualizado, 1 vínculo novo, 1 vínculo alterado"
    )
    assert dialog.atualizados_model.rows() == [
        ("2", "Lia Reis", "Rosa Reis: telefones", "11 3333-4444", "11 3333-4444 / 11 98765-4321"),
        ("2", "Lia Reis", "Rosa Reis: responsável legal", "Sim", "Não"),
        ("2", "Lia Reis", "Davi Reis", "(vazio)", "Pai, responsável legal (novo cadastro)"),
    ]
    _import(qtbot, dialog)
    links = services.responsaveis.list_for_aluno(aluno_id)
    assert [(r.nome, r.parentesco, r.responsavel_legal, r.telefones) for r in links] == [
        ("Davi Reis", "pai", True, ()),
        ("Rosa Reis", "mae", False, ("11 3333-4444", "11 98765-4321")),
    ]


def test_an_unknown_column_can_be_mapped_to_the_mae(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _office_csv(tmp_path / "alunos.csv", "Estudante;Filiação 1", "Ana Souza;Maria Souza")
    _choose_file(monkeypatch, path)
    dialog = _open_import(qtbot, window)
    filiacao = dialog.combos[1]
    assert filiacao.currentData() is None
    assert dialog.novos_model.rows()[0][-1] == ""

    filiacao.setCurrentIndex(filiacao.findData("mae_nome"))

    assert filiacao.currentText() == "Nome da mãe"
    assert dialog.novos_model.rows()[0][-1] == "Mãe: Maria Souza"
    _import(qtbot, dialog)
    [aluno] = services.alunos.list()
    assert [(r.nome, r.parentesco) for r in services.responsaveis.list_for_aluno(aluno.id)] == [("Maria Souza", "mae")]


def test_every_importable_field_can_be_chosen_in_the_mapping() -> None:
    from escola_gui.core.importacao.fields import FIELDS

    assert set(FIELDS) <= {name for name, _label in import_dialog.FIELD_CHOICES}
