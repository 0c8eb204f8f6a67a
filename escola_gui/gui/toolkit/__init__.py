"""What every view shares, one module per job:

- ``text``: :func:`~text.translate` (the views' one short name for ``QCoreApplication.translate``)
  and the translation of what the core says (``translate_core``, ``translate_error``,
  ``translate_validation``);
- ``messages``: the message boxes (replaced in tests through this module), the report of an
  unexpected error, :func:`~messages.run_guarded` and the busy cursor;
- ``formatting``: dates, moments and the situação as the office writes them (the frequência's
  percent is the core's ``avaliacao.format_percentual``, shared with the printed documents);
- ``forms``: :class:`~forms.RecordDialog`, the form base class with its history of field changes;
- ``date_field``: the date field of every form and the QDate conversions;
- ``read_only``: a file that cannot be written is shown, never changed;
- ``settings``: the one QSettings store;
- ``language``: the interface's language and its catalogues;
- ``background``: work off the GUI thread with a progress dialog.
"""
