"""Reports on paper and in PDF: any :class:`~escola_gui.core.relatorios.Documento` laid out on A4.

:func:`document_html` writes the page as HTML with every value escaped; :func:`render` makes
the :class:`QTextDocument` that both the print preview and :func:`save_pdf` paint. The
preview (:class:`ReportPreviewDialog`) is Qt's print preview, whose toolbar prints, with a
"Salvar PDF…" button added.

The file picker (:func:`ask_save_pdf`) is module-level so that tests can replace it with
``monkeypatch``.
"""

from __future__ import annotations

import contextlib
import html
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QDir, QIODevice, QMarginsF, QStandardPaths, Signal
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from escola_gui.core.relatorios import TRANSLATION_CONTEXT, Documento, Secao, Tabela, format_date
from escola_gui.gui import dialogs
from escola_gui.gui.import_dialog import wait_cursor

CONTEXT = "reports"
APP_NAME = "Escola"
# Around the printable area; QTextDocument.print_() adds its own 2 cm inside it, and numbers
# the pages in that bottom margin. 5 mm is within what office printers can reach.
PRINTER_MARGIN_MM = 5.0
# Arial on Windows, Liberation Sans or DejaVu Sans on Linux: the first one installed is used.
FONT_FAMILIES = ["Arial", "Liberation Sans", "DejaVu Sans", "Helvetica"]
BODY_POINT_SIZE = 10
PREVIEW_SIZE = (820, 760)
PDF_FILE_MODE = 0o600  # children's personal data: readable by the owner only

_STYLE = """
body { color: #000000; }
h1 { font-size: 17pt; font-weight: bold; margin-top: 14px; margin-bottom: 2px; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 18px; margin-bottom: 6px; color: #1f3a5f; }
p.cabecalho { font-size: 9pt; color: #555555; margin: 0; }
p.vazia { color: #555555; font-style: italic; }
table.campos td { padding: 3px 6px 3px 0; vertical-align: top; }
td.rotulo { color: #444444; }
table.lista { border-collapse: collapse; }
table.lista th { background-color: #e8edf3; font-weight: bold; text-align: left; padding: 4px 6px;
                 border: 1px solid #9aa8b8; }
table.lista td { padding: 4px 6px; border: 1px solid #9aa8b8; vertical-align: top; }
p.assinatura { text-align: center; margin: 0; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _tr_core(text: str) -> str:
    """A title, label or column name from :mod:`escola_gui.core.relatorios`."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def _text(value: str) -> str:
    """``value`` as HTML text: escaped, its line breaks kept."""
    return "<br>".join(html.escape(line, quote=True) for line in value.splitlines()) if value else ""


# --- layout ----------------------------------------------------------------------------


def _secao_html(secao: Secao) -> str:
    parts = [f"<h2>{_text(_tr_core(secao.titulo))}</h2>"]
    if secao.campos:
        rows = "".join(
            f'<tr><td class="rotulo" width="32%">{_text(_tr_core(campo.rotulo))}</td><td>{_text(campo.valor)}</td></tr>'
            for campo in secao.campos
        )
        parts.append(f'<table class="campos" width="100%" cellspacing="0">{rows}</table>')
    if secao.tabela is not None:
        parts.append(_tabela_html(secao.tabela))
    return "".join(parts)


def _tabela_html(tabela: Tabela) -> str:
    if not tabela.linhas:
        return f'<p class="vazia">{_text(_tr_core(tabela.vazia))}</p>'
    head = "".join(f"<th>{_text(_tr_core(coluna))}</th>" for coluna in tabela.colunas)
    body = "".join("<tr>" + "".join(f"<td>{_text(valor)}</td>" for valor in linha) + "</tr>" for linha in tabela.linhas)
    return f'<table class="lista" width="100%" cellspacing="0"><thead><tr>{head}</tr></thead>{body}</table>'


def document_html(documento: Documento) -> str:
    """The whole page as HTML: header, title, sections and the signature line."""
    issued = _tr("Emitido em {data}").format(data=format_date(documento.emitido_em))
    header = (
        '<table width="100%" cellspacing="0"><tr>'
        f'<td><p class="cabecalho"><b>{_text(APP_NAME)}</b> · {_text(_tr("Secretaria"))}</p></td>'
        f'<td align="right"><p class="cabecalho">{_text(issued)}</p></td>'
        "</tr></table>"
    )
    parts = [header, f"<h1>{_text(_tr_core(documento.titulo))}</h1>", "<hr>"]
    parts.extend(_secao_html(secao) for secao in documento.secoes)
    if documento.assinatura:
        parts.append(
            '<p style="margin-top: 64px;" class="assinatura">______________________________________</p>'
            f'<p class="assinatura">{_text(_tr_core(documento.assinatura))}</p>'
        )
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def render(documento: Documento) -> QTextDocument:
    """The document ready to print; needs a QGuiApplication (the offscreen platform will do)."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, _tr_core(documento.titulo))
    document.setHtml(document_html(documento))
    return document


def _set_up_page(device: QPagedPaintDevice) -> None:
    margin = PRINTER_MARGIN_MM
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(margin, margin, margin, margin),
            QPageLayout.Unit.Millimeter,
        )
    )


# --- PDF --------------------------------------------------------------------------------


def save_pdf(document: QTextDocument, path: Path | str) -> Path:
    """Write ``document`` as an A4 PDF that only the file's owner may read (mode 0600).

    The PDF is written to a private temporary file beside ``path`` and then renamed over it,
    so a failure leaves no half-written file and an existing file never keeps wider permissions.

    Raises:
        OSError: the folder cannot be written (no permission, disk full...).
    """
    path = Path(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    _set_up_page(writer)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator(APP_NAME)
    document.print_(writer)
    del writer  # finishes the PDF in the buffer
    data = bytes(buffer.data().data())
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, PDF_FILE_MODE)  # mkstemp's mode already; said for the reader
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def with_pdf_extension(path: str | Path) -> Path:
    path = Path(path)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def default_folder() -> str:
    """Documents, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else QDir.homePath()


def ask_save_pdf(parent: QWidget | None, title: str, suggested: str) -> str:
    """The path the user types to save a PDF to, or "" when they cancel."""
    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, _tr("Documento PDF (*.pdf)"))
    return path


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog (which printer, which pages, how many copies); False when cancelled."""
    return QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted


# --- preview ----------------------------------------------------------------------------


class ReportPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of one report (its toolbar prints), plus "Salvar PDF…" and "Fechar".

    Emits ``pdf_saved`` with the path after a PDF is written.
    """

    pdf_saved = Signal(str)

    def __init__(self, documento: Documento, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _set_up_page(printer)
        printer.setDocName(_tr_core(documento.titulo))
        super().__init__(printer, parent)
        self.setObjectName("relatorio_visualizacao")
        self._printer = printer  # the dialog does not own it
        self.documento = documento
        self.document = render(documento)
        self.document.setParent(self)
        self.paintRequested.connect(self.document.print_)
        self.setWindowTitle(_tr("{titulo} — visualizar e imprimir").format(titulo=_tr_core(documento.titulo)))

        buttons = QDialogButtonBox()
        # The toolbar's printer icon is easy to miss; the secretary looks for a button.
        self.print_button = buttons.addButton(_tr("Imprimir…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("relatorio_imprimir")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = buttons.addButton(_tr("Salvar PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("relatorio_salvar_pdf")
        self.save_button.setToolTip(_tr("Grava o documento em um arquivo PDF"))
        self.close_button = buttons.addButton(_tr("Fechar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("relatorio_fechar")
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        self.layout().addWidget(buttons)
        self.resize(*PREVIEW_SIZE)

    def print_document(self) -> None:
        """Ask for the printer, then print the whole document on it."""
        if ask_printer(self._printer, self):
            with wait_cursor():
                self.document.print_(self._printer)

    def suggested_path(self) -> str:
        return str(Path(default_folder()) / f"{self.documento.nome_arquivo}.pdf")

    def save_pdf(self) -> None:
        """Ask where, then write the PDF there; errors are told to the user, not raised."""
        title = _tr("Salvar PDF")
        chosen = ask_save_pdf(self, title, self.suggested_path())
        if not chosen:
            return
        path = with_pdf_extension(chosen)
        # The file dialog asked about replacing the name typed, not the one with ".pdf" added.
        if str(path) != chosen and path.exists():
            question = _tr("O arquivo {name} já existe. Substituir?").format(name=path.name)
            if not dialogs.ask_yes_no(self, title, question):
                return
        try:
            with wait_cursor():
                save_pdf(self.document, path)
        except OSError as exc:
            message = _tr("Não foi possível salvar o PDF em {path}.\n\n{reason}").format(
                path=path, reason=exc.strerror or exc
            )
            dialogs.show_error(self, title, message)
            return
        except Exception:
            dialogs.report_unexpected_error(self)
            return
        self.pdf_saved.emit(str(path))


def print_preview(documento: Documento, parent: QWidget | None = None) -> ReportPreviewDialog:
    """Open the preview of ``documento`` without blocking; it deletes itself when closed."""
    dialog = ReportPreviewDialog(documento, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
