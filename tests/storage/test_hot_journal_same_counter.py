"""Found by the adversarial pass on issue 12: another Escola file's journal whose change counter
happens to equal the file's (two young files with as many saves each) was applied to the file."""

from __future__ import annotations

import shutil
from pathlib import Path

from escola_gui.storage.file import journal
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.storage.test_hot_journal import add_alunos, crash_writing, everything_in, nomes_read_only


def test_a_journal_with_the_same_counter_but_another_first_page_is_not_the_files_own(tmp_path: Path) -> None:
    """Same counter: the crashed transaction never wrote page 1 (SQLite writes it only with the
    counter + 1), so the file's page 1 must still be the journal's copy, byte for byte. Here the
    other file holds more pages, so its page 1 (the page count in the header) differs."""
    school = tmp_path / "escola" / "escola.sqlite3"
    school.parent.mkdir()
    upgrade_to_head(school)
    add_alunos(school, [f"Aluna {n}" for n in range(400)])  # one save, many pages
    other = tmp_path / "teste" / "escola.sqlite3"
    other.parent.mkdir()
    upgrade_to_head(other)
    add_alunos(other, ["Aluna de teste"])  # one save too: the same change counter
    hot = crash_writing(other, tmp_path)
    shutil.move(hot, journal.journal_path(school))
    before = everything_in(school.parent)

    verdict = journal.inspect(school)
    c = classify_database(school)

    assert verdict.hot and not verdict.own, "the counters match, the first pages do not"
    assert c.refused and "outro arquivo" in c.reason
    assert everything_in(school.parent) == before
    assert len(nomes_read_only(school)) == 400


def test_the_files_own_journal_still_is_its_own(tmp_path: Path) -> None:
    school = tmp_path / "escola" / "escola.sqlite3"
    school.parent.mkdir()
    upgrade_to_head(school)
    add_alunos(school, ["Aluna Confirmada"])
    crash_writing(school, tmp_path)
    assert journal.inspect(school).own
