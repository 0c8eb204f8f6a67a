"""Children's personal data (LGPD): the log and the terminal never hold names, CPFs or SQL parameters.

An import into a file that cannot be written used to put the SQL parameters (name, CPF, birth
date) into escola.log and on the terminal; the GUI's "unexpected error" path logged the same.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from escola_gui.core import db, logs
from escola_gui.core.errors import EscolaError
from escola_gui.gui.toolkit import messages
from tests.helpers.ro_mount import read_only_view

REPO = Path(__file__).resolve().parents[2]

NOME = "Yxolda Wqertina Kjuvenço"
CPF = "529.982.247-25"
NASCIMENTO = "05/06/2014"
SECRETS = (NOME, "Yxolda", "Kjuvenço", "kjuvenco", CPF, "52998224725", "2014-06-05", NASCIMENTO)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def _leaks(texto: str) -> list[str]:
    return [secret for secret in SECRETS if secret in texto]


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = logs.setup_logging()
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):  # the next test has another home folder
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_an_import_into_a_read_only_file_logs_and_prints_no_personal_data(
    head_db: Path, tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from escola_gui import cli

    planilha = tmp_path / "alunos.csv"
    planilha.write_text(f"nome,data_nascimento,cpf\n{NOME},{NASCIMENTO},{CPF}\n", encoding="utf-8")
    # The file opens, but SQLite refuses the write: as on a read-only mount (which root cannot make here).
    # (Any check made before the write is passed, as on a mount that turns read-only meanwhile.)
    real = db.create_app_engine
    monkeypatch.setattr(db, "create_app_engine", lambda path, read_only=False: real(path, read_only=True))
    monkeypatch.setattr(db, "write_problem", lambda _path: None)
    umask = os.umask(0o022)
    os.umask(umask)
    try:
        code = cli.main(["import", "alunos", str(planilha), "--database", str(head_db)])
    finally:
        os.umask(umask)
    _flush()

    assert code == 1
    err = capfd.readouterr().err
    written = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    # a plain message (the import's own refusal), without the SQL error that holds the values
    assert "somente para leitura" in err and "Nada foi alterado" in err
    assert "INSERT INTO" not in err
    assert _leaks(err) == []
    assert _leaks(written) == []


def test_an_import_on_a_read_only_mount_leaves_no_personal_data_in_the_log_nor_on_the_terminal(
    head_db: Path, tmp_path: Path
) -> None:
    """The reproduction as it was reported: ``main.py import alunos`` into a file on a read-only mount."""
    planilha = tmp_path / "alunos.csv"
    planilha.write_text(f"nome,data_nascimento,cpf\n{NOME},{NASCIMENTO},{CPF}\n", encoding="utf-8")
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "ESCOLA_DB"}
    env["HOME"] = str(home)
    (head_db.parent / "escola.sqlite3.lock").touch()  # as a launch leaves it: opened read-only there
    with read_only_view(head_db.parent) as view:
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "main.py"),
                "import",
                "alunos",
                str(planilha),
                "--database",
                str(view / head_db.name),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert done.returncode != 0
    written = "".join(p.read_text(encoding="utf-8") for p in home.rglob("escola.log*"))
    assert _leaks(done.stdout + done.stderr) == []
    assert _leaks(written) == []


def test_the_unexpected_error_path_logs_no_parameters_nor_a_message_naming_an_aluno(
    tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: object
) -> None:

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, _text: shown.append(title))
    # An engine made without hide_parameters (not one of the app's): the log still drops them.
    engine = create_engine(f"sqlite:///{tmp_path / 'outro.sqlite3'}")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alunos (nome TEXT, cpf TEXT UNIQUE)"))
            conn.execute(text("INSERT INTO alunos VALUES (:nome, :cpf)"), {"nome": NOME, "cpf": CPF})
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO alunos VALUES (:nome, :cpf)"), {"nome": NOME, "cpf": CPF})
        except Exception:
            messages.report_unexpected_error(None)
    finally:
        engine.dispose()
    try:
        raise EscolaError(f"Não foi possível restaurar o aluno {NOME}: O CPF {CPF} já está cadastrado.")
    except EscolaError:
        messages.report_unexpected_error(None)
    _flush()

    assert len(shown) == 2
    written = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in written
    assert "UNIQUE constraint failed: alunos.cpf" in written
    assert "EscolaError" in written
    assert _leaks(written) == []


def test_an_uncaught_error_reaches_the_log_and_the_terminal_without_personal_data(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        try:
            raise ValueError(f"CPF {CPF} inválido")
        except ValueError as inner:
            raise EscolaError(f"O aluno {NOME} não pôde ser salvo.") from inner
    except EscolaError as exc:
        logs._log_uncaught(type(exc), exc, exc.__traceback__)
    _flush()

    err = capsys.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    for output in (err, written):
        assert "Traceback (most recent call last)" in output
        assert "ValueError: CPF [omitido] inválido" in output
        assert "The above exception was the direct cause" in output
        assert "escola_gui.core.errors.EscolaError" in output
        assert _leaks(output) == []


def test_install_excepthook_leaves_a_test_runners_hook_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def other(*_args: object) -> None:
        pass

    monkeypatch.setattr(sys, "excepthook", other)
    logs.install_excepthook()
    assert sys.excepthook is other
