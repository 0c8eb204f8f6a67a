"""The Alunos page: its list (search, sort, "Mostrar inativos", count), its forms and the
deletion's question, driven through the main window; and the page on its own, built from a plain
source of rows before the services exist (the first paint), then given its services (``attach``)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.alunos import AlunosPage, AlunosServices
from escola_gui.gui.table_models import SORT_ROLE
from escola_gui.gui.toolkit import messages
from tests.helpers.lists import LIXEIRA, click, click_row, open_dialog, texts, visit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

REPO = Path(__file__).resolve().parents[2]


def test_add_edit_and_delete_an_aluno(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.alunos_tab
    # Given an empty file, when the user adds an aluno through Novo
    click(qtbot, tab.new_button)
    dialog = open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    qtbot.keyClicks(dialog.nome, "Joao da Silva")
    qtbot.keyClicks(dialog.email, "joao@escola.com.br")
    qtbot.keyClicks(dialog.cpf, "52998224725")
    click(qtbot, dialog.save_button)
    # Then the table shows it, formatted, and selected
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert [tab.proxy.index(0, c).data() for c in range(7)] == [
        "Joao da Silva",
        "00000001",
        "joao@escola.com.br",
        "529.982.247-25",
        "",
        "",
        "Sim",
    ]
    aluno_id = tab.selected_id()
    assert aluno_id is not None

    # When they edit it (select the row, Editar) and fix the accent
    click_row(qtbot, tab, 0)
    assert tab.edit_button.isEnabled()
    click(qtbot, tab.edit_button)
    dialog = open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    assert dialog.nome.text() == "Joao da Silva"
    dialog.nome.setText("João Silva")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: texts(tab) == ["João Silva"])

    # Given three matrículas, when they delete it and confirm
    for nome in ["Inglês", "Música", "Teatro"]:
        services.matriculas.create(aluno_id, services.cursos.create(CursoData(nome=nome)), date(2024, 2, 1))
    window.refresh_all()
    visit(window, window.cursos_tab, window.matriculas_tab)
    assert texts(window.cursos_tab, 2) == ["1", "1", "1"]
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _parent, _title, text: questions.append(text) or True)
    click_row(qtbot, tab, 0)
    click(qtbot, tab.delete_button)

    # Then they were told what goes with it, and it is gone everywhere
    assert questions == ["Excluir o aluno João Silva? Também serão excluídas 3 matrículas." + LIXEIRA]
    assert tab.proxy.rowCount() == 0
    assert window.matriculas_tab.proxy.rowCount() == 0
    assert texts(window.cursos_tab, 2) == ["0", "0", "0"]
    assert not tab.edit_button.isEnabled()


def test_declining_the_confirmation_keeps_the_aluno(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.alunos.create(AlunoData(nome="Maria"))
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == ["Excluir o aluno Maria?" + LIXEIRA]
    assert texts(window.alunos_tab) == ["Maria"]


def test_search_ignores_accents(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    for nome in ["João Pereira", "Maria Joana", "Pedro"]:
        services.alunos.create(AlunoData(nome=nome))
    window.refresh_all()
    assert window.alunos_tab.search.placeholderText() == "Buscar por nome…"

    qtbot.keyClicks(window.alunos_tab.search, "joao")

    qtbot.waitUntil(lambda: texts(window.alunos_tab) == ["João Pereira"])


def test_documents_typed_in_the_dialog_reach_the_table_and_the_search(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """Given the Novo aluno form, when the user types a RA and a NIS on the Documentos tab and
    saves, then the table shows the RA beside the nome and a search by the RA's start finds it."""
    tab = window.alunos_tab
    services.alunos.create(AlunoData(nome="Bruno"))
    window.refresh_all()
    click(qtbot, tab.new_button)
    dialog = open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog) and dialog.tabs is not None
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.keyClicks(dialog.ra, "SP-2024-017")
    qtbot.keyClicks(dialog.nis, "469.52280.63-7")
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2)
    assert [(tab.proxy.index(r, 0).data(), tab.proxy.index(r, 1).data()) for r in range(2)] == [
        ("Ana Souza", "SP-2024-017"),
        ("Bruno", "00000001"),
    ]
    aluno_id = tab.selected_id()
    assert aluno_id is not None and services.alunos.get(aluno_id).nis == "46952280637"

    qtbot.keyClicks(tab.search, "SP-2024")
    qtbot.waitUntil(lambda: texts(tab) == ["Ana Souza"])


def test_sorting_uses_raw_values(window: MainWindow, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Érica", data_nascimento=date(2009, 12, 31)))
    services.alunos.create(AlunoData(nome="Bruno", data_nascimento=date(2010, 1, 1)))
    services.alunos.create(AlunoData(nome="Zeca", data_nascimento=date(2008, 5, 1)))
    window.refresh_all()
    tab = window.alunos_tab

    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert texts(tab) == ["Bruno", "Érica", "Zeca"]
    tab.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert texts(tab, 5) == ["01/05/2008", "31/12/2009", "01/01/2010"]
    assert tab.proxy.index(0, 5).data(SORT_ROLE) == "2008-05-01"


def test_the_ra_column_sorts_numbers_as_numbers(window: MainWindow, services: Services) -> None:
    """Given RAs typed with numbers of different lengths, when the user sorts by RA, then
    "SP-9" comes before "SP-10"; Nome stays the first column and the default sort."""
    for nome, ra in (("Ana", "SP-10"), ("Bruno", "SP-9"), ("Carla", "00000003")):
        services.alunos.create(AlunoData(nome=nome, ra=ra))
    window.refresh_all()
    tab = window.alunos_tab
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "RA"
    assert texts(tab) == ["Ana", "Bruno", "Carla"]

    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)

    assert texts(tab, 1) == ["00000003", "SP-9", "SP-10"]


def test_deleting_an_aluno_names_the_responsaveis_that_go_with_it(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given Ana with her own tio and a mãe shared with her brother, the confirmation names
    the tio (deleted with Ana) and not the mãe (she stays for Bruno)."""
    from escola_gui.core.responsaveis import ResponsavelData

    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    mae = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)
    services.responsaveis.link(bruno, mae, "mae", legal=True)
    services.responsaveis.save_for_aluno(ana, ResponsavelData("Carlos"), "tio", False)
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == [
        "Excluir o aluno Ana? Também será excluído o responsável Carlos, que não tem outro aluno." + LIXEIRA
    ]


def test_deleting_an_aluno_names_the_school_years_that_go_with_it(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from escola_gui.core.diario import Lancamento, LancamentoFrequencia
    from escola_gui.core.escola import AnoLetivoData
    from escola_gui.core.historico_externo import HistoricoExternoData
    from escola_gui.core.turmas import TurmaData

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
    click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == [
        "Excluir o aluno Maria? Também serão excluídos o histórico nas turmas (1 matrícula(s) em turma), "
        "2 nota(s) e 1 registro(s) de frequência. "
        "Também serão excluídos 1 ano(s) cursado(s) em outras escolas, do histórico." + LIXEIRA
    ]
    assert services.diario.boletim(enturmacao).linhas[0].notas[:2] == (Decimal("7.5"), Decimal("8.0"))


# --- the page on its own, before and after its services ---------------------------------


@dataclass(frozen=True)
class _Row:
    """A row as the first paint could read it with sqlite3: only what the list shows."""

    id: int
    nome: str
    ra: str = ""
    email: str | None = None
    cpf: str | None = None
    telefones: tuple[str, ...] = ()
    data_nascimento: date | None = None
    ativo: bool = True


@dataclass
class _Source:
    """The three reads of AlunoPagedService over a list, counting the calls."""

    rows: list[_Row]
    calls: list[str] = field(default_factory=list)

    def _found(self, search: str) -> list[_Row]:
        return [r for r in self.rows if search.casefold() in r.nome.casefold()]

    def count(self, search: str = "", *, ativos_only: bool = False) -> int:
        self.calls.append("count")
        return len(self._found(search))

    def page(
        self, search="", sort_column="nome", descending=False, offset=0, limit=200, matches=None, *, ativos_only=False
    ):  # type: ignore[no-untyped-def]  # noqa: E501
        self.calls.append("page")
        found = sorted(self._found(search), key=lambda r: r.nome, reverse=descending)
        return found[offset : offset + limit]

    def position(self, aluno_id, search="", sort_column="nome", descending=False, *, ativos_only=False):  # type: ignore[no-untyped-def]  # noqa: E501
        self.calls.append("position")
        ids = [r.id for r in sorted(self._found(search), key=lambda r: r.nome, reverse=descending)]
        return ids.index(aluno_id) if aluno_id in ids else None


def _rows(page: AlunosPage) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


def _services(services: Services) -> AlunosServices:
    s = services
    return AlunosServices(
        s.alunos, s.responsaveis, s.turmas, s.diario, s.historicos_externos, s.auditoria, s.relatorios, s.planilhas
    )


def test_the_module_imports_neither_sqlalchemy_nor_the_orm() -> None:
    """The first paint builds this page before SQLAlchemy is imported. In a fresh process: the
    test session has them."""
    code = (
        "import sys, escola_gui.gui.pages.alunos\n"
        "heavy = ['sqlalchemy', 'escola_gui.core.db', 'escola_gui.core.models', 'escola_gui.core.services',\n"
        "         'escola_gui.gui.forms.aluno', 'escola_gui.gui.import_dialog', 'escola_gui.gui.printing',\n"
        "         'openpyxl']\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""


def test_before_its_services_the_page_shows_and_searches_but_writes_nothing(qtbot: QtBot) -> None:
    source = _Source([_Row(1, "Bia Lima"), _Row(2, "Ana Souza"), _Row(3, "Caio Reis", ativo=False)])
    page = AlunosPage(source)
    qtbot.addWidget(page)
    page.show()

    assert _rows(page) == ["Ana Souza", "Bia Lima", "Caio Reis"]
    assert page.contagem is not None and page.contagem.text() == "3 alunos"
    page.table.selectRow(1)
    assert page.selected_id() == 1
    buttons = (page.new_button, page.edit_button, page.delete_button, page.ficha_button)
    assert not any(b.isEnabled() for b in buttons)
    page.delete_requested.emit(1)  # reached another way: nothing happens
    page.new()
    page.import_alunos()

    page.search.setText("bia")
    qtbot.waitUntil(lambda: _rows(page) == ["Bia Lima"])
    page.wait_for_search()


def test_attached_it_reads_from_the_services_and_writes(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana Souza"))
    services.alunos.create(AlunoData(nome="Bia Lima"))
    source = _Source([_Row(ana, "Ana Souza")])
    page = AlunosPage(source)
    qtbot.addWidget(page)
    page.show()
    assert _rows(page) == ["Ana Souza"]
    page.table.selectRow(0)

    page.attach(_services(services))
    assert _rows(page) == ["Ana Souza"]  # the rows shown stay until the next read
    assert page.new_button.isEnabled() and page.edit_button.isEnabled() and page.ficha_button.isEnabled()
    reads = len(source.calls)
    page.refresh()
    assert _rows(page) == ["Ana Souza", "Bia Lima"]
    assert page.selected_id() == ana
    assert len(source.calls) == reads  # the services read, not the first source


def test_a_search_typed_before_the_services_runs_again_when_they_come(qtbot: QtBot, services: Services) -> None:
    """The first source may not search (the first paint reads with sqlite3 alone): what was
    typed meanwhile is searched again by the services."""

    class _NoSearch(_Source):
        def _found(self, search: str) -> list[_Row]:
            return [] if search.strip() else self.rows

    services.alunos.create(AlunoData(nome="Ana Souza"))
    bia = services.alunos.create(AlunoData(nome="Bia Lima"))
    page = AlunosPage(_NoSearch([_Row(1, "Ana Souza"), _Row(bia, "Bia Lima")]))
    qtbot.addWidget(page)
    page.show()
    page.search.setText("bia")
    qtbot.waitUntil(lambda: _rows(page) == [])
    page.wait_for_search()

    page.attach(_services(services))

    assert _rows(page) == ["Bia Lima"]
