"""Reports on paper and in PDF: any :class:`~escola_gui.core.relatorios.Documento` (or a
:class:`~escola_gui.core.relatorios.Caderno` of them) laid out on A4.

:func:`document_html` writes the pages as HTML with every value escaped: the school's header
(name, INEP, município/UF) on every document, the title, the sections, the place and date
and the signature lines; a caderno's documents each start on a new page. :func:`render` makes
the :class:`QTextDocument` that both the print preview and :func:`save_pdf` paint, in
landscape when the document asks for it (the ata's wide table). The preview
(:class:`ReportPreviewDialog`) is Qt's print preview, whose toolbar prints, with "Imprimir…"
and "Salvar PDF…" buttons added. The CLI (``main.py boletim``) uses :func:`render` and
:func:`save_pdf` too, under a QGuiApplication on the offscreen platform.

The file picker (:func:`ask_save_pdf`) and the print dialog (:func:`ask_printer`) are
module-level so that tests can replace them with ``monkeypatch``.
"""

from __future__ import annotations

import contextlib
import html
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QDir, QIODevice, QMarginsF, QSizeF, QStandardPaths, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from escola_gui.core.relatorios import (
    ROTULO_INEP_ESCOLA,
    TRANSLATION_CONTEXT,
    CabecalhoEscola,
    Caderno,
    Documento,
    Estilo,
    Relatorio,
    Secao,
    Tabela,
    format_date,
)
from escola_gui.gui.toolkit import background as workers
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.background import CancelledError
from escola_gui.gui.toolkit.messages import wait_cursor
from escola_gui.gui.toolkit.text import translate

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
LANDSCAPE_PROPERTY = "escola_paisagem"  # set by render() on the QTextDocument
SIGNATURE_LINE = "_" * 30
SECTION_HEADING_LEVEL = 2  # <h2>: a section's title
# Table columns are sized after their text: up to this many characters, plus the padding.
WIDE_COLUMN_CHARS = 32
SHORT_NAME_CHARS = 8
COLUMN_PADDING_CHARS = 2
DENSE_TABLE_COLUMNS = 7  # tables with more columns get smaller print and padding
TABLE_POINT_SIZE = 9  # as in _STYLE
DENSE_POINT_SIZE = 8

_STYLE = """
body { color: #000000; }
h1 { font-size: 16pt; font-weight: bold; margin-top: 12px; margin-bottom: 2px; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 16px; margin-bottom: 6px; color: #1f3a5f; }
p.escola { font-size: 12pt; font-weight: bold; margin: 0; }
p.cabecalho { font-size: 9pt; color: #555555; margin: 0; }
p.vazia { color: #555555; font-style: italic; }
p.normal { margin-top: 6px; margin-bottom: 0; }
p.destaque { font-size: 12pt; margin-top: 24px; margin-bottom: 0; line-height: 170%; }
p.legenda { font-size: 8pt; color: #444444; margin-top: 4px; margin-bottom: 0; }
table.campos td { padding: 3px 6px 3px 0; vertical-align: top; }
td.rotulo { color: #444444; }
table.lista { border-collapse: collapse; }
table.lista th { background-color: #e8edf3; font-weight: bold; text-align: left; padding: 4px 6px;
                 border: 1px solid #9aa8b8; font-size: 9pt; }
table.lista td { padding: 4px 6px; border: 1px solid #9aa8b8; vertical-align: top; font-size: 9pt; }
table.densa th { padding: 3px 3px; font-size: 8pt; }
table.densa td { padding: 3px 3px; font-size: 8pt; }
p.assinatura { text-align: center; margin: 0; }
"""


def _tr_core(text: str) -> str:
    """A title, label or column name from :mod:`escola_gui.core.relatorios`."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def _text(value: str) -> str:
    """``value`` as HTML text: escaped, its line breaks kept."""
    return "<br>".join(html.escape(line, quote=True) for line in value.splitlines()) if value else ""


# --- layout ----------------------------------------------------------------------------


def _campos_html(secao: Secao) -> str:
    per_row = max(1, secao.campos_por_linha)
    label_width = 32 if per_row == 1 else 22
    value_width = 100 // per_row - label_width
    cells = [
        f'<td class="rotulo" width="{label_width}%">{_text(_tr_core(campo.rotulo))}</td>'
        f'<td width="{value_width}%">{_text(campo.valor)}</td>'
        for campo in secao.campos
    ]
    rows = "".join("<tr>" + "".join(cells[i : i + per_row]) + "</tr>" for i in range(0, len(cells), per_row))
    return f'<table class="campos" width="100%" cellspacing="0">{rows}</table>'


def _secao_html(secao: Secao) -> str:
    parts = [f"<h2>{_text(_tr_core(secao.titulo))}</h2>"] if secao.titulo else []
    if secao.campos:
        parts.append(_campos_html(secao))
    align = "justify" if secao.estilo is Estilo.DESTAQUE else "left"
    parts.extend(
        f'<p class="{secao.estilo.value}" align="{align}">{_text(paragrafo.formatado(_tr_core))}</p>'
        for paragrafo in secao.paragrafos
    )
    if secao.tabela is not None:
        parts.append(_tabela_html(secao.tabela))
    return "".join(parts)


def _tabela_html(tabela: Tabela) -> str:
    if not tabela.linhas:
        return f'<p class="vazia">{_text(_tr_core(tabela.vazia))}</p>'
    centred = set(tabela.centralizadas)

    def align(column: int) -> str:
        return ' align="center"' if column in centred else ""

    colunas = [_tr_core(coluna) for coluna in tabela.colunas]
    dense = len(colunas) > DENSE_TABLE_COLUMNS
    css = "lista densa" if dense else "lista"
    widths = _column_widths(colunas, tabela.linhas, DENSE_POINT_SIZE if dense else TABLE_POINT_SIZE)
    head = "".join(f'<th width="{widths[i]}%"{align(i)}>{_text(coluna)}</th>' for i, coluna in enumerate(colunas))
    body = "".join(
        "<tr>" + "".join(f"<td{align(i)}>{_text(valor)}</td>" for i, valor in enumerate(linha)) + "</tr>"
        for linha in tabela.linhas
    )
    return (
        f'<table class="{css}" width="{tabela.largura}%" cellspacing="0"><thead><tr>{head}</tr></thead>{body}</table>'
    )


def _column_widths(colunas: list[str], linhas: tuple[tuple[str, ...], ...], point_size: float) -> list[int]:
    """Each column's share of the table in percent, after the text it holds.

    Qt shares a table's width out evenly unless told, which breaks "Língua Portuguesa" in a
    column as narrow as the one of "7,5". A column gets room for its widest value (up to
    WIDE_COLUMN_CHARS characters, then it wraps) and, at least, for its name: the whole name
    when short ("1º bim."), else its longest word.
    """
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    bold = QFont(font)
    bold.setBold(True)
    regular_metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
    cap = regular_metrics.averageCharWidth() * WIDE_COLUMN_CHARS
    padding = regular_metrics.averageCharWidth() * COLUMN_PADDING_CHARS
    weights: list[float] = []
    for i, coluna in enumerate(colunas):
        values = [line for linha in linhas for line in (linha[i].splitlines() if i < len(linha) else ())]
        widest_value = max((regular_metrics.horizontalAdvance(v) for v in values), default=0.0)
        name = coluna if len(coluna) <= SHORT_NAME_CHARS else max(coluna.split(), key=bold_metrics.horizontalAdvance)
        weights.append(max(min(widest_value, cap), bold_metrics.horizontalAdvance(name)) + padding)
    # Whole percentages that add up to 100 exactly (more and Qt squeezes the last column).
    total = sum(weights)
    shares = [100 * w / total for w in weights]
    widths = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: widths[i] - shares[i])
    for i in by_remainder[: 100 - sum(widths)]:
        widths[i] += 1
    return widths


def _escola_html(escola: CabecalhoEscola) -> str:
    """The school's name, then INEP and município/UF, then address and phone (what is known)."""
    if not escola.nome:
        return f'<p class="cabecalho"><b>{_text(APP_NAME)}</b> · {_text(translate("relatorios", "Secretaria"))}</p>'
    linha = []
    if escola.codigo_inep:
        linha.append(f"{_tr_core(ROTULO_INEP_ESCOLA)} {escola.codigo_inep}")
    if escola.local:
        linha.append(escola.local)
    contato = [parte for parte in (escola.endereco, escola.telefone) if parte]
    parts = [f'<p class="escola">{_text(escola.nome)}</p>']
    parts.extend(f'<p class="cabecalho">{_text(" · ".join(p))}</p>' for p in (linha, contato) if p)
    return "".join(parts)


def _fecho_html(documento: Documento) -> str:
    """The place and date, then the signature lines side by side: one table, so that they
    stay together on a page."""
    rows = []
    columns = max(1, len(documento.assinaturas))
    if documento.local_e_data:
        rows.append(
            f'<tr><td colspan="{columns}" align="right" style="padding-top: 28px;">'
            f"<p>{_text(documento.local_e_data)}</p></td></tr>"
        )
    if documento.assinaturas:
        width = 100 // columns
        rows.append(
            "<tr>"
            + "".join(
                f'<td width="{width}%" align="center" style="padding-top: 56px;">'
                f'<p class="assinatura">{SIGNATURE_LINE}</p>'
                f'<p class="assinatura">{_text(_tr_core(assinatura))}</p></td>'
                for assinatura in documento.assinaturas
            )
            + "</tr>"
        )
    return f'<table width="100%" cellspacing="0">{"".join(rows)}</table>' if rows else ""


def _documento_body(documento: Documento, new_page: bool = False) -> str:
    # The printed document is Portuguese in any interface language (a school document): its
    # texts are in the "relatorios" context, which is left untranslated, like the core's titles.
    issued = translate("relatorios", "Emitido em {data}").format(data=format_date(documento.emitido_em))
    page_break = ' style="page-break-before: always;"' if new_page else ""
    header = (
        f'<table width="100%" cellspacing="0"{page_break}><tr>'
        f"<td>{_escola_html(documento.escola)}</td>"
        f'<td align="right" valign="top"><p class="cabecalho">{_text(issued)}</p></td>'
        "</tr></table>"
    )
    parts = [header, f'<h1 align="center">{_text(_tr_core(documento.titulo))}</h1>', "<hr>"]
    parts.extend(_secao_html(secao) for secao in documento.secoes)
    parts.append(_fecho_html(documento))
    return "".join(parts)


def document_html(relatorio: Relatorio) -> str:
    """The whole report as HTML: each document with its header, title, sections, place and
    date and signature lines; a caderno's documents each from a new page."""
    documentos = relatorio.documentos if isinstance(relatorio, Caderno) else (relatorio,)
    body = "".join(_documento_body(documento, new_page=i > 0) for i, documento in enumerate(documentos))
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def render(documento: Relatorio) -> QTextDocument:
    """The document ready to print; needs a QGuiApplication (the offscreen platform will do).

    Whether its pages are landscape travels with it (:func:`is_landscape`).
    """
    document = QTextDocument()
    document.setProperty(LANDSCAPE_PROPERTY, documento.paisagem)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(BODY_POINT_SIZE)
    # No "fi" ligature: the PDF's text must read (and be found) as typed.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, _tr_core(documento.titulo))
    document.setHtml(document_html(documento))
    return document


def is_landscape(document: QTextDocument) -> bool:
    """Whether :func:`render` made ``document`` for landscape pages."""
    return bool(document.property(LANDSCAPE_PROPERTY))


def _set_up_page(device: QPagedPaintDevice, landscape: bool = False) -> None:
    margin = PRINTER_MARGIN_MM
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(margin, margin, margin, margin),
            QPageLayout.Unit.Millimeter,
        )
    )


# --- pagination -------------------------------------------------------------------------


def _source_dpi() -> tuple[int, int]:
    """The resolution QTextDocument.print_() lays the text out for (Qt's qt_defaultDpi)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 100, 100
    return round(screen.logicalDotsPerInchX()), round(screen.logicalDotsPerInchY())


def _laid_out_like_print(document: QTextDocument, device: QPagedPaintDevice) -> tuple[QTextDocument, float]:
    """A copy of ``document`` paginated exactly as QTextDocument.print_() paginates its own copy
    on ``device`` (2 cm margins, the device's page), and the page height."""
    probe = document.clone()
    probe.documentLayout().setPaintDevice(device)
    dpi_x, dpi_y = _source_dpi()
    margin_x, margin_y = int(2 / 2.54 * dpi_x), int(2 / 2.54 * dpi_y)
    frame_format = probe.rootFrame().frameFormat()
    frame_format.setLeftMargin(margin_x)
    frame_format.setRightMargin(margin_x)
    frame_format.setTopMargin(margin_y)
    frame_format.setBottomMargin(margin_y)
    probe.rootFrame().setFrameFormat(frame_format)
    probe.setPageSize(QSizeF(device.width(), device.height()))
    return probe, float(device.height())


def _is_closing(frame: QTextFrame) -> bool:
    cursor = QTextCursor(frame.document())
    cursor.setPosition(frame.firstPosition())
    cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return SIGNATURE_LINE in cursor.selectedText()


def _top(probe: QTextDocument, block: QTextBlock) -> float:
    """Where the first line of ``block`` is, in the document: when a page ends inside a block,
    the layout moves the lines down, not the block."""
    top = probe.documentLayout().blockBoundingRect(block).top()  # a table cell's too
    lines = block.layout()
    return top + lines.lineAt(0).y() if lines is not None and lines.lineCount() else top


def _top_of_next(probe: QTextDocument, block: QTextBlock) -> float:
    """Where what follows ``block`` starts: the next paragraph, or the first row of a table
    (its header row repeats on the next page, so that row is what must follow the title)."""
    following = block.next()
    table = QTextCursor(following).currentTable()
    if table is None:
        return _top(probe, following)
    row = min(table.rows() - 1, max(1, table.format().headerRowCount()))
    return _top(probe, table.cellAt(row, 0).firstCursorPosition().block())


def _with_page_breaks(document: QTextDocument, device: QPagedPaintDevice) -> QTextDocument:
    """A copy of ``document`` with page breaks before a section title that would end a page
    alone and before the place, date and signatures that would be split between pages.

    QTextDocument has no "keep with next"; the breaks are found on a copy laid out as
    print_() will lay it out on ``device``, and each one is made on both copies, top down.
    """
    result = document.clone()
    result.setProperty(LANDSCAPE_PROPERTY, document.property(LANDSCAPE_PROPERTY))
    probe, page_height = _laid_out_like_print(document, device)
    layout = probe.documentLayout()

    def page(y: float) -> int:
        return int(y // page_height)

    block_break = QTextBlockFormat()
    block_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    block = probe.begin()
    while block.isValid():
        title = block.blockFormat().headingLevel() == SECTION_HEADING_LEVEL and block.next().isValid()
        if title and page(_top(probe, block)) != page(_top_of_next(probe, block)):
            for target in (probe, result):
                QTextCursor(target.findBlock(block.position())).mergeBlockFormat(block_break)
        block = block.next()

    for probe_frame, result_frame in zip(
        probe.rootFrame().childFrames(), result.rootFrame().childFrames(), strict=True
    ):
        if not _is_closing(probe_frame):
            continue
        rect = layout.frameBoundingRect(probe_frame)
        if page(rect.top()) != page(rect.bottom()):
            for frame in (probe_frame, result_frame):
                frame_format = frame.frameFormat()
                frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                frame.setFrameFormat(frame_format)
    return result


def print_document(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Print every page of ``document`` on ``device`` (printer, preview or PDF writer), as
    QTextDocument.print_() does (2 cm margins, numbered pages), with the page breaks of
    :func:`_with_page_breaks`."""
    _with_page_breaks(document, device).print_(device)


# --- PDF --------------------------------------------------------------------------------


def save_pdf(document: QTextDocument, path: Path | str) -> Path:
    """Write ``document`` as an A4 PDF that only the file's owner may read (mode 0600), in
    landscape when :func:`render` made it so.

    The PDF is written to a private temporary file beside ``path`` and then renamed over it,
    so a failure leaves no half-written file and an existing file never keeps wider permissions.

    Raises:
        OSError: the folder cannot be written (no permission, disk full...).
    """
    return _write_private(_pdf_bytes(document), Path(path))


def write_pdf(
    documento: Relatorio,
    path: Path | str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """:func:`render` then :func:`save_pdf`, for a worker thread (the QTextDocument is its own),
    telling ``progress`` (done, total) after each step and asking ``cancelled`` before each.

    Raises:
        CancelledError: ``cancelled`` said so; no file was written.
        OSError: as :func:`save_pdf`.
    """
    steps = iter(range(1, PDF_STEPS))

    def step() -> None:
        if progress is not None:
            progress(next(steps), PDF_STEPS)
        if cancelled is not None and cancelled():
            raise CancelledError()

    if cancelled is not None and cancelled():
        raise CancelledError()
    document = render(documento)
    step()
    data = _pdf_bytes(document, step)
    del document
    step()  # the last chance to cancel: nothing is written before this
    written = _write_private(data, Path(path))
    if progress is not None:
        progress(PDF_STEPS, PDF_STEPS)
    return written


PDF_STEPS = 4
"""render, lay out, print; the fourth once the file is written."""


def _pdf_bytes(document: QTextDocument, step: Callable[[], None] | None = None) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    _set_up_page(writer, is_landscape(document))
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator(APP_NAME)
    paged = _with_page_breaks(document, writer)
    if step is not None:
        step()
    paged.print_(writer)
    del writer  # finishes the PDF in the buffer
    return bytes(buffer.data().data())


def _write_private(data: bytes, path: Path) -> Path:
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
    path, _selected = QFileDialog.getSaveFileName(
        parent, title, suggested, translate("reports", "Documento PDF (*.pdf)")
    )
    return path


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog (which printer, which pages, how many copies); False when cancelled."""
    return QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted


# --- preview ----------------------------------------------------------------------------


class ReportPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of one report or caderno (its toolbar prints), plus "Imprimir…",
    "Salvar PDF…" and "Fechar".

    Emits ``pdf_saved`` with the path after a PDF is written.
    """

    pdf_saved = Signal(str)

    def __init__(self, documento: Relatorio, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _set_up_page(printer, documento.paisagem)
        printer.setDocName(_tr_core(documento.titulo))
        super().__init__(printer, parent)
        self.setObjectName("relatorio_visualizacao")
        self._printer = printer  # the dialog does not own it
        self.documento = documento
        self.document = render(documento)
        self.document.setParent(self)
        self.paintRequested.connect(lambda printer: print_document(self.document, printer))
        self.setWindowTitle(
            translate("reports", "{titulo} — visualizar e imprimir").format(titulo=_tr_core(documento.titulo))
        )

        buttons = QDialogButtonBox()
        # The toolbar's printer icon is easy to miss; the secretary looks for a button.
        self.print_button = buttons.addButton(translate("reports", "Imprimir…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("relatorio_imprimir")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = buttons.addButton(
            translate("reports", "Salvar PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("relatorio_salvar_pdf")
        self.save_button.setToolTip(translate("reports", "Grava o documento em um arquivo PDF"))
        self.close_button = buttons.addButton(translate("reports", "Fechar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("relatorio_fechar")
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        self.layout().addWidget(buttons)
        self.resize(*PREVIEW_SIZE)

    def print_document(self) -> None:
        """Ask for the printer, then print the whole document on it."""
        if ask_printer(self._printer, self):
            with wait_cursor():
                print_document(self.document, self._printer)

    def suggested_path(self) -> str:
        return str(Path(default_folder()) / f"{self.documento.nome_arquivo}.pdf")

    def save_pdf(self) -> None:
        """Ask where, then write the PDF there; errors are told to the user, not raised."""
        title = translate("reports", "Salvar PDF")
        chosen = ask_save_pdf(self, title, self.suggested_path())
        if not chosen:
            return
        path = with_pdf_extension(chosen)
        # The file dialog asked about replacing the name typed, not the one with ".pdf" added.
        if str(path) != chosen and path.exists():
            question = translate("reports", "O arquivo {name} já existe. Substituir?").format(name=path.name)
            if not messages.ask_yes_no(self, title, question):
                return
        try:
            write_in_worker(self, self.documento, path)
        except CancelledError:
            return
        except OSError as exc:
            message = translate("reports", "Não foi possível salvar o PDF em {path}.\n\n{reason}").format(
                path=path, reason=exc.strerror or exc
            )
            messages.show_error(self, title, message)
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.pdf_saved.emit(str(path))


def write_in_worker(parent: QWidget | None, documento: Relatorio, path: Path) -> Path:
    """:func:`write_pdf` in a worker thread behind a progress dialog with Cancelar.

    Raises:
        CancelledError: the user cancelled; no file was written.
        OSError: as :func:`save_pdf`.
    """
    return workers.run_with_progress(
        parent,
        translate("reports", "Salvar PDF"),
        translate("reports", "Gravando {name}…").format(name=path.name),
        lambda progress, cancelled: write_pdf(documento, path, progress, cancelled),
    )


def print_preview(documento: Relatorio, parent: QWidget | None = None) -> ReportPreviewDialog:
    """Open the preview of ``documento`` without blocking; it deletes itself when closed."""
    dialog = ReportPreviewDialog(documento, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
