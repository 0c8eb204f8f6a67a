"""Room 1: the data file's life, from launch to the main window and back. Qt-free.

Every launch, the GUI's (:mod:`escola_gui.gui.launch.launcher`) and the CLI's
(``main.py db upgrade`` and the others, :mod:`escola_gui.cli`), walks the same path, top to bottom:

1. **Where is the file.** ``core.paths.resolve_database_path`` picks the file (``--database`` or the
   platform data folder) and ``core.paths.resolve_real_path`` follows links once, so the lock, a
   crash's journal, the backups and a restore all follow the real file.
   :func:`file.places.check_database_place` refuses odd places (a folder, a device, a cloud
   placeholder) before anything is created beside the file.
2. **Cheap check, before the GUI's modules load.** :class:`file.launch_check.EarlyCheck` reads the
   header, the head revision shipped and ``alembic_version`` with the standard ``sqlite3``: an
   up-to-date file is recognised without Alembic or SQLAlchemy (its pages are read at step 9 when
   Escola did not close it cleanly: a copy, a restore, a crash).
3. **Lock.** :class:`file.lock.DatabaseLock` makes this the only Escola writing the file (the GUI's
   single-instance server then brings an open window to the front instead).
4. **What killed runs left.** :func:`core.leftovers.clean_after_crash` removes half-made backups,
   restores, temp folders and exports, holding the lock.
5. **Classify.** :func:`file.launch_check.quick_classify`, or, when it cannot tell, the full
   :func:`file.upgrade.classify_database` (current, new, legacy 0.x, behind, newer, foreign,
   unreadable, damaged, leftovers), which never writes.
6. **A crash's journal.** :func:`file.journal.apply_hot_journal`: only the file's own journal, only
   under the lock, only after byte-for-byte copies of the file and the journal are kept.
7. **Refuse, or offer a way out.** A newer file, a damaged file and a foreign one are left exactly
   as they are; the GUI offers a backup this version can open (:mod:`file.backups`).
8. **Upgrade.** :func:`file.upgrade.upgrade_to_head`: a verified backup first
   (:mod:`file.backup`), then every pending revision in one real transaction
   (:func:`file.upgrade.run_in_one_transaction`), validated (:mod:`validation`) before COMMIT,
   with what the revisions resolved summarised in the secretary's words (:mod:`summary`).
9. **Open.** The main window paints the Alunos list's first page, read with ``sqlite3``
   (:mod:`escola_gui.core.first_page`); right after that paint the core's engine and services
   (:mod:`escola_gui.core`) are built and attached. A file without the known-clean marker shows
   read-only meanwhile while :class:`file.launch_check.PageCheck` reads every page in a thread: no
   edit before it passes, and a failed check goes back to step 7 (damaged), the file untouched.
   While the window is open, :mod:`file.backups` makes the day's backup when the office is idle;
   a clean close records the file as known clean (:mod:`file.launch_check`) and makes the closing
   backup.

Going back: :mod:`file.downgrade` (``main.py db downgrade``, Arquivo → Voltar para uma versão
anterior) runs the same backup, transaction and validation in the other direction. A new file is
made by the revisions, never by ``create_all`` (:mod:`file.demo` makes a demonstration school the
same way).

The layout keeps "the file" beside what any kind of database shares:

- ``storage/`` (this package): what a file and a server share: :mod:`migrations` (Alembic
  configured in code, each revision's name for the progress windows, the failures of a change of
  schema), :mod:`validation` (the check before COMMIT), :mod:`summary` (what the revisions did to
  the data), :mod:`releases` (which Escola version wrote which revision).
- ``storage/file/``: the single SQLite file on the office's computer (the embedded default).
- ``storage/server/``: the place for a database server (PostgreSQL), beside ``file/`` and built on
  the same shared modules; it does not exist yet.

This package imports the core (:mod:`escola_gui.core`), never the GUI or Qt.
"""
