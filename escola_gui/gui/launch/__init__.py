"""The GUI's side of the data file's life (:mod:`escola_gui.storage`): what the secretary sees
between double-clicking Escola and the main window, and when she restores or goes back.

- :mod:`launcher`: drives one launch (lock, classify, journal, upgrade or refusal, open);
- :mod:`single_instance`: a second launch on the same file brings the first one to the front;
- :mod:`upgrade_dialog`: the upgrade's progress and summary;
- :mod:`newer_file_dialog`, :mod:`damaged_file_dialog`: a file this version cannot open, with the
  backups it can;
- :mod:`restore_dialog`: Arquivo → Restaurar backup…;
- :mod:`downgrade_dialog`: Arquivo → Voltar para uma versão anterior….
"""
