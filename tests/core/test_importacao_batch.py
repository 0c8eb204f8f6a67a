"""The import checks a whole file in batches of queries: the same problems as the aluno and
responsável forms' line-by-line checks, progress as it goes, and a cancel that writes nothing."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.alunos import CPF_EM_USO, INEP_EM_USO
from escola_gui.core.importacao.errors import ImportacaoCanceladaError
from escola_gui.core.importacao.export import export_alunos
from escola_gui.core.importacao.fields import EXPORT_FIELDS, EXPORT_HEADERS, FIELD_LABELS
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.importacao.messages import (
    ALUNO_REPETIDO_NO_ARQUIVO,
    CPF_REPETIDO_NO_ARQUIVO,
    EMAIL_REPETIDO_NO_ARQUIVO,
    MESMO_ALUNO_EM_VARIAS_LINHAS,
)
from escola_gui.core.importacao.planner import Planner
from escola_gui.core.importacao.results import ImportPreview
from escola_gui.core.planilhas import Table, TableRow, read_table
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.storage.file.demo import criar_demo

TODAY = date(2026, 6, 1)


def _cpf(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(9)]
    for size in (9, 10):
        total = sum(d * w for d, w in zip(digits, range(size + 1, 1, -1), strict=True))
        digits.append((total * 10 % 11) % 10)
    return "".join(map(str, digits))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Table]:
    """A 60-aluno demo file and a 2,000-row file: its own alunos, new ones, and repeats."""
    folder = tmp_path_factory.mktemp("batch")
    path = folder / "escola.sqlite3"
    criar_demo(path, alunos=60, hoje=TODAY)
    engine = db.create_app_engine(path)
    export_alunos(engine, folder / "export.csv")
    engine.dispose()
    exported = read_table(folder / "export.csv")
    col = {name: EXPORT_HEADERS.index(FIELD_LABELS[name]) for name in EXPORT_FIELDS}
    rng = random.Random(5)
    rows: list[list[object]] = [list(row.values) for row in exported.rows]
    stored = [list(row.values) for row in exported.rows]
    while len(rows) < 2000:
        n = len(rows)
        row: list[object] = [None] * len(EXPORT_HEADERS)
        row[col["nome"]] = f"Aluno Novo {n}"
        row[col["data_nascimento"]] = f"{1 + n % 28:02d}/{1 + n % 12:02d}/2015"
        row[col["cpf"]] = _cpf(rng)
        row[col["email"]] = f"novo{n}@escola.com.br"
        row[col["ra"]] = f"N{n:06d}"
        row[col["mae_nome"]] = f"Mae Nova {n // 2}"  # siblings share a mãe
        row[col["mae_cpf"]] = _cpf(random.Random(n // 2))
        kind = n % 20
        if kind == 1:  # the RA of a registered aluno and the CPF of another one
            one, other = rng.sample([r for r in stored if r[col["cpf"]]], 2)
            row[col["ra"]], row[col["cpf"]] = one[col["ra"]], other[col["cpf"]]
        elif kind == 2:  # the e-mail of the previous line
            row[col["email"]] = rows[-1][col["email"]]
        elif kind == 3:  # the RA of an aluno of the database, with another CPF
            row[col["ra"]] = rng.choice(stored)[col["ra"]]
        elif kind == 4:  # the same aluno without CPF nor RA twice
            row[col["cpf"]] = row[col["ra"]] = None
            row[col["nome"]] = "Gêmeo Sem Documento"
            row[col["data_nascimento"]] = "01/01/2016"
        elif kind == 5:  # the INEP of a registered aluno
            row[col["codigo_inep"]] = rng.choice([r for r in stored if r[col["codigo_inep"]]])[col["codigo_inep"]]
        elif kind == 6:  # a mãe whose CPF belongs to a registered responsável with another nome
            row[col["mae_cpf"]] = rng.choice([r for r in stored if r[col["mae_cpf"]]])[col["mae_cpf"]]
        elif kind == 7:  # the CPF of the previous line
            row[col["cpf"]] = rows[-1][col["cpf"]]
        elif kind == 8:  # an e-mail of a registered aluno, upper case
            emails = [r for r in stored if r[col["email"]]]
            if emails:
                row[col["email"]] = str(rng.choice(emails)[col["email"]]).upper()
        elif kind == 9:  # bad CPF
            row[col["cpf"]] = "123.456.789-00"
        rows.append(row)
    table = Table(folder / "grande.csv", EXPORT_HEADERS, tuple(TableRow(i + 2, tuple(r)) for i, r in enumerate(rows)))
    return path, table


def _line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the planner check each line with its own queries, as before the batching."""
    monkeypatch.setattr(Planner, "lookup", lambda self, session, merged: None)
    original = ResponsavelService.validate

    def validate(self, data, responsavel_id=None, *, cpf_holders=None):  # type: ignore[no-untyped-def]
        return original(self, data, responsavel_id)

    monkeypatch.setattr(ResponsavelService, "validate", validate)


def test_batched_checks_report_exactly_the_line_by_line_problems(
    demo: tuple[Path, Table], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, table = demo
    engine = db.create_app_engine(path)
    try:
        batched = preview(engine, table, today=TODAY)
        with monkeypatch.context() as patch:
            _line_by_line(patch)
            one_by_one = preview(engine, table, today=TODAY)
    finally:
        engine.dispose()
    assert len(table.rows) == 2000
    assert len(batched.bad_rows) > 300
    messages = {p.message for bad in batched.bad_rows for p in bad.problems}
    assert {CPF_REPETIDO_NO_ARQUIVO, EMAIL_REPETIDO_NO_ARQUIVO, ALUNO_REPETIDO_NO_ARQUIVO} <= messages
    assert {CPF_EM_USO, INEP_EM_USO, MESMO_ALUNO_EM_VARIAS_LINHAS} <= messages, messages
    assert batched.bad_rows == one_by_one.bad_rows
    assert (batched.inserts, batched.updates, batched.unchanged) == (
        one_by_one.inserts,
        one_by_one.updates,
        one_by_one.unchanged,
    )


def _good_rows(table: Table, plan: ImportPreview) -> Table:
    bad = {b.line for b in plan.bad_rows}
    return Table(table.path, table.headers, tuple(r for r in table.rows if r.line not in bad))


def test_progress_reaches_the_total_and_cancel_writes_nothing(demo: tuple[Path, Table], tmp_path: Path) -> None:
    source, table = demo
    path = tmp_path / "copia.sqlite3"
    path.write_bytes(source.read_bytes())
    engine = db.create_app_engine(path)
    try:
        good = _good_rows(table, preview(engine, table, today=TODAY))
        seen: list[tuple[int, int]] = []
        plan = preview(engine, good, today=TODAY, progress=lambda done, total: seen.append((done, total)))
        assert plan.can_apply and len(plan.inserts) > 1000
        assert seen[-1][0] == seen[-1][1] and len(seen) > 3
        assert [done for done, _total in seen] == sorted(done for done, _total in seen)

        engine.dispose()
        before = path.read_bytes()
        engine = db.create_app_engine(path)
        calls: list[int] = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > 6  # midway through the writes

        with pytest.raises(ImportacaoCanceladaError) as error:
            apply(engine, plan, cancelled=cancelled)
        assert "Nada foi alterado" in error.value.user_message
        engine.dispose()
        assert path.read_bytes() == before

        engine = db.create_app_engine(path)
        seen.clear()
        result = apply(engine, plan, progress=lambda done, total: seen.append((done, total)))
        assert result.inserted == len(plan.inserts)
        assert seen[-1][0] == seen[-1][1]
        again = preview(engine, good, today=TODAY)
        assert not again.inserts and not again.updates and len(again.unchanged) == len(good.rows)
    finally:
        engine.dispose()


def test_the_cycle_collector_is_off_while_planning_and_writing_and_comes_back_as_it_was(
    demo: tuple[Path, Table], tmp_path: Path
) -> None:
    import gc

    source, table = demo
    path = tmp_path / "copia.sqlite3"
    path.write_bytes(source.read_bytes())
    engine = db.create_app_engine(path)
    seen: list[bool] = []
    try:
        good = _good_rows(table, preview(engine, table, today=TODAY))
        assert gc.isenabled()
        plan = preview(engine, good, today=TODAY, progress=lambda _d, _t: seen.append(gc.isenabled()))
        assert gc.isenabled()
        # Every report but the first (before reading) and the last (when done) came with it off.
        assert len(seen) > 3 and not any(seen[1:-1]) and seen[0] and seen[-1]
        seen.clear()
        gc.disable()  # a caller that keeps it off (the GUI's workers) finds it off afterwards
        try:
            apply(engine, plan, progress=lambda _d, _t: seen.append(gc.isenabled()))
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        engine.dispose()
    assert seen and not any(seen)  # the caller had it off: it stayed off
