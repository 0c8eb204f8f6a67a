"""The single SQLite file: its place, lock, crash journal, cheap launch check, backups, upgrade,
downgrade and a demonstration school. The launch sequence is told in :mod:`escola_gui.storage`."""
