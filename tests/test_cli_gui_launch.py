"""A plain GUI launch reads its arguments without the sub-commands' parsers, and with no
garbage collection until the event loop runs (escola_gui.cli.main)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from escola_gui import cli

GUI_LAUNCHES = [[], ["--database", "/tmp/a.sqlite3"], ["--database=/tmp/a b.sqlite3"], ["--database", "db"]]
NOT_GUI_LAUNCHES = [
    ["--help"],
    ["--version"],
    ["--database"],
    ["--database="],
    ["--database", "-x"],
    ["--data", "/tmp/a.sqlite3"],  # argparse's abbreviation: the full parser reads it
    ["db", "status"],
    ["--database", "/tmp/a.sqlite3", "db", "status"],
    ["/tmp/a.sqlite3"],
]


@pytest.mark.parametrize("argv", GUI_LAUNCHES)
def test_a_gui_launch_is_read_as_the_full_parser_reads_it(argv: list[str]) -> None:
    fast = cli._gui_launch(argv)
    full = cli._parser().parse_args(argv)
    assert fast is not None
    assert (fast.command, fast.database) == (full.command, getattr(full, "database", None))


@pytest.mark.parametrize("argv", NOT_GUI_LAUNCHES)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli._gui_launch(argv) is None


def test_a_gui_launch_runs_without_collections_and_turns_them_back_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from escola_gui.gui.launch import launcher

    seen: list[bool] = []

    def run_gui(path: Path, _log: Path, _early: object) -> int:
        seen.append(gc.isenabled())
        assert path == tmp_path / "escola.sqlite3"
        raise RuntimeError("the launch failed")

    monkeypatch.setattr(launcher, "run_gui", run_gui)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        cli.main(["--database", str(tmp_path / "escola.sqlite3")])
    assert seen == [False]
    assert gc.isenabled()
