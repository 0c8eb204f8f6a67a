"""Core errors built from a translatable template keep their Portuguese ``user_message`` exactly
(the CLI and the Portuguese GUI show it), and ``translated`` fills a translated template."""

from __future__ import annotations

from pathlib import Path

from escola_gui import __version__
from escola_gui.core.errors import (
    BACKING_UP,
    DOWNGRADING,
    IMPORTING,
    RESTORING,
    SAVING,
    UPGRADING,
    BackupFailedError,
    DatabaseInUseError,
    DiskFullError,
    EscolaError,
    Message,
    NotEnoughSpaceError,
)
from escola_gui.core.importacao.errors import ImportacaoRecusadaError
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.restore import RestoreRefusedError
from escola_gui.storage.file.upgrade import refusal_message

FOLDER = Path("/dados/escola")
FREE_SPACE = "Libere espaço no disco (apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo."


def test_the_portuguese_messages_are_the_ones_they_always_were() -> None:
    # The texts the f-strings made before the templates, character for character.
    assert DiskFullError(FOLDER).user_message == (
        f"O disco está cheio: não houve espaço em {FOLDER} para gravar as alterações. {FREE_SPACE} "
        "As alterações não foram gravadas; o que já estava salvo continua como estava."
    )
    assert DiskFullError(None, UPGRADING).user_message == (
        f"O disco está cheio: não houve espaço para atualizar o arquivo de dados. {FREE_SPACE} "
        "A atualização foi desfeita; o arquivo continua como estava."
    )
    for doing in (SAVING, BACKING_UP, UPGRADING, IMPORTING, DOWNGRADING, RESTORING):
        assert DiskFullError(FOLDER, doing).user_message.endswith(f"para {doing[0]}. {FREE_SPACE} {doing[1]}")
    assert NotEnoughSpaceError(FOLDER, 3 * 1024 * 1024 + 512 * 1024, 1024 * 1024).user_message == (
        f"Espaço em disco insuficiente em {FOLDER} para fazer a cópia de segurança: são necessários 3,5 MB "
        f"livres e há 1,0 MB. {FREE_SPACE} Nada foi alterado."
    )
    assert DatabaseInUseError(FOLDER / "escola.sqlite3", 4321).user_message == (
        f"O arquivo {FOLDER / 'escola.sqlite3'} já está aberto em outra janela do Escola (processo 4321). "
        "Feche a outra janela antes de abrir de novo."
    )
    assert DatabaseInUseError(FOLDER / "escola.sqlite3", None).user_message == (
        f"O arquivo {FOLDER / 'escola.sqlite3'} já está aberto em outra janela do Escola. "
        "Feche a outra janela antes de abrir de novo."
    )
    assert BackupFailedError("disk I/O error").user_message == (
        "Não foi possível fazer a cópia de segurança: disk I/O error. Nada foi alterado."
    )
    assert RestoreRefusedError(FOLDER / "b.sqlite3", "a cópia está vazia").user_message == (
        f"A cópia de segurança {FOLDER / 'b.sqlite3'} não pode ser restaurada: a cópia está vazia. "
        "O arquivo de dados não foi alterado."
    )
    assert ImportacaoRecusadaError(1).user_message == (
        "A importação não foi feita: 1 linha tem problemas. Corrija o arquivo e tente de novo. Nada foi alterado."
    )
    assert ImportacaoRecusadaError(7).user_message == (
        "A importação não foi feita: 7 linhas têm problemas. Corrija o arquivo e tente de novo. Nada foi alterado."
    )
    newer = Classification(FOLDER / "n.sqlite3", DatabaseState.NEWER, "0099", "0012", written_by="9.0.0")
    assert refusal_message(newer) == (
        f"O arquivo {FOLDER / 'n.sqlite3'} foi gravado por uma versão mais nova do Escola (revisão 0099). "
        f"Esta é a versão {__version__}. Para abri-lo, instale o Escola 9.0.0 ou mais novo. O arquivo não foi alterado."
    )
    unknown = Classification(FOLDER / "n.sqlite3", DatabaseState.NEWER, "0099", "0012")
    assert "Para abri-lo, instale uma versão mais nova do Escola. O arquivo" in refusal_message(unknown)
    assert str(DiskFullError(FOLDER)) == DiskFullError(FOLDER).user_message


def test_translated_fills_the_translated_template_and_nested_messages() -> None:
    english = {
        "O disco está cheio: não houve espaço em {folder} para {doing}. Libere espaço no disco (apague arquivos "
        "de que não precisa ou esvazie a lixeira) e tente de novo. {state}": "No room in {folder} to {doing}. {state}",
        SAVING[0]: "save the changes",
        SAVING[1]: "Nothing was saved.",
    }
    error = DiskFullError(FOLDER)
    assert error.translated(lambda text: english.get(text, text)) == (
        f"No room in {FOLDER} to save the changes. Nothing was saved."
    )
    # Without a translation the Portuguese is unchanged.
    assert error.translated(lambda text: text) == error.user_message


def test_a_translation_with_other_placeholders_falls_back_to_portuguese() -> None:
    error = DatabaseInUseError(FOLDER / "escola.sqlite3", 12)
    assert error.message is not None
    broken = {error.message.template: "The file {file} is open elsewhere (process {pid})."}
    assert error.translated(lambda text: broken.get(text, text)) == error.user_message


def test_a_plain_error_is_translated_whole() -> None:
    plain = EscolaError("Uma frase sem valores.")
    assert plain.message is None
    assert plain.translated({"Uma frase sem valores.": "A sentence."}.get) == "A sentence."
    templated = EscolaError.from_template("Faltam {n} dias.", n=3)
    assert templated.user_message == "Faltam 3 dias."
    assert templated.translated({"Faltam {n} dias.": "{n} days to go."}.get) == "3 days to go."
    assert Message("Só {x}.", (("x", "isto"),)).format() == "Só isto."
