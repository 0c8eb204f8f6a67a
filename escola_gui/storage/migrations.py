"""The migrations runner's shared pieces: Alembic configured in code (the app never reads
alembic.ini or the current folder), each revision's name in the secretary's words, and the
failures of a change of schema. Used by the file's upgrade and downgrade (storage/file) and,
later, by a server's.

Alembic is imported only when a config or the script directory is asked for: a launch on an
up-to-date file never needs it (see escola_gui.storage.file.launch_check).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from escola_gui.core.errors import QT_TRANSLATE_NOOP, EscolaError
from escola_gui.core.paths import app_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import Script, ScriptDirectory

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

# The revision that reproduces the 0.x prototype's metadata.create_all schema.
BASELINE_REVISION = "0001"


def migrations_dir() -> Path:
    """Find the revisions: in a frozen build or wheel they ship inside the package
    (``escola_gui/_alembic``); in a checkout they sit at the top level (``alembic/``)."""
    candidates = []
    if getattr(sys, "frozen", False):  # escola.spec puts them where a wheel does
        candidates.append(app_dir() / "escola_gui" / "_alembic")
    candidates += [_PACKAGE_DIR / "_alembic", _PACKAGE_DIR.parent / "alembic"]
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("Escola's migrations were not found in: " + ", ".join(map(str, candidates)))


def make_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    config.set_main_option("path_separator", "os")
    return config


def script_directory(config: Config | None = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config or make_config())


def head_revision(config: Config | None = None) -> str:
    head = script_directory(config).get_current_head()
    if head is None:  # pragma: no cover - the repo always ships revisions
        raise RuntimeError("no Alembic revisions found")
    return head


# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """A revision about to run, for the progress window."""

    number: int
    total: int
    revision: str
    descricao: str


ProgressCallback = Callable[[Step], None]


# Each revision as the progress window names it, in the secretary's words (the revisions' own
# ``descricao`` is for developers, and a shipped revision is never edited).
STEP_NAMES = {
    "0001": QT_TRANSLATE_NOOP("core", "Formato original do arquivo (versão 0.x)"),
    "0002": QT_TRANSLATE_NOOP("core", "Preparação do arquivo para as próximas atualizações"),
    "0003": QT_TRANSLATE_NOOP("core", "Contatos dos alunos, data de nascimento, CPF e e-mails sem repetição"),
    "0004": QT_TRANSLATE_NOOP("core", "Carga horária dos cursos em horas"),
    "0005": QT_TRANSLATE_NOOP(
        "core", "Matrículas sem repetição, com datas legíveis e sem alunos ou cursos inexistentes"
    ),
    "0006": QT_TRANSLATE_NOOP("core", "Documentos dos alunos e número de matrícula (RA)"),
    "0007": QT_TRANSLATE_NOOP("core", "Responsáveis pelos alunos"),
    "0008": QT_TRANSLATE_NOOP("core", "Endereço e foto dos alunos"),
    "0009": QT_TRANSLATE_NOOP("core", "Ano letivo, turmas, disciplinas, notas e frequência"),
    "0010": QT_TRANSLATE_NOOP("core", "Anos cursados em outras escolas (histórico escolar)"),
    "0011": QT_TRANSLATE_NOOP("core", "Lixeira e registro de alterações"),
    "0012": QT_TRANSLATE_NOOP("core", "Busca rápida e ordem dos alunos"),
    "0013": QT_TRANSLATE_NOOP("core", "Etapas (1º ano, pré-escola, ensino médio...) e a etapa de cada turma"),
    "0014": QT_TRANSLATE_NOOP("core", "Calendário do ano letivo: datas, feriados e recessos"),
    "0015": QT_TRANSLATE_NOOP("core", "Situação final de cada aluno no encerramento do ano, e a rematrícula"),
    "0016": QT_TRANSLATE_NOOP("core", "Transferências, reclassificações e dispensas de disciplina"),
    "0017": QT_TRANSLATE_NOOP(
        "core", "Regras de avaliação por etapa e por turma: notas de 0 a 100, conceitos e parecer descritivo"
    ),
}


def step_name(script: Script) -> str:
    """What a revision does, for the progress windows (Portuguese, marked in the "core" context)."""
    return (
        STEP_NAMES.get(script.revision) or getattr(script.module, "descricao", None) or (script.doc or script.revision)
    )


# --------------------------------------------------------------------------- failures


class MigrationFailedError(EscolaError):
    """A change of schema failed and was rolled back; the file is as it was."""

    failure = "A mudança do arquivo de dados falhou e foi desfeita"

    def __init__(self, reason: str, *, backup: Path | None = None) -> None:
        message = f"{self.failure}; o arquivo continua como estava. {reason}"
        if backup is not None:
            message += f" Uma cópia de segurança foi guardada em {backup}."
        super().__init__(message)
        self.reason = reason
        self.backup = backup


class UpgradeFailedError(MigrationFailedError):
    """The upgrade failed and was rolled back; the file is as it was."""

    failure = "A atualização do arquivo de dados falhou e foi desfeita"
