"""Synthetic attachments for the extraction tests and the throughput benchmark.

Every document is built here from made-up content ("Jane Example"; 943 476 5919 is an NHS
test number), so nothing real is committed and each fixture says exactly what it holds.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

NAME = "Jane Example"
NHS = "943 476 5919"
MIB = 1024 * 1024


# --- PDF -------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _page_stream(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 40 800 Td"]
    ops += [_pdf_string(line) + b" Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def _assemble_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """Numbered objects (1-based) with a correct cross-reference table and trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pdf(pages: list[list[str]], *, compress: bool = False) -> bytes:
    """A valid PDF with one content stream per page, in Helvetica."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        stream = _page_stream(lines)
        extra = b""
        if compress:
            stream, extra = zlib.compress(stream), b" /Filter /FlateDecode"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), extra, stream))
    return _assemble_pdf(objects)


def encrypted_pdf(
    user_password: str = "pw",
    owner_password: str = "owner",
    algorithm: str = "AES-128",
    *,
    locked: bool = False,
) -> bytes:
    """The letter PDF, encrypted with pypdf (empty user password: opens without asking);
    `locked` also denies every permission, copying text included."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf())))
    permissions = {"permissions_flag": 0} if locked else {}
    writer.encrypt(user_password, owner_password, algorithm=algorithm, **permissions)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def letter_pdf() -> bytes:
    return pdf([[f"Patient: {NAME}", f"NHS number {NHS}"], ["Second page about housing"]])


def cyclic_pdf() -> bytes:
    """A page tree claiming a billion pages whose Kids array contains the tree itself."""
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1000000000 /Kids [2 0 R 3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        ]
    )


def form_pdf() -> bytes:
    """One page of text and two filled-in form fields: a text field that is its own widget,
    and a parent field whose value its widget kid shows."""
    stream = _page_stream(["Referral form", "Please see the fields below"])
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] >> >>",
            b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R /Annots [6 0 R 8 0 R] >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (client) /V %s "
            b"/Rect [50 700 300 720] /P 4 0 R >>" % _pdf_string(NAME),
            b"<< /FT /Tx /T (nhs) /V %s /Kids [8 0 R] >>" % _pdf_string(NHS),
            b"<< /Type /Annot /Subtype /Widget /Parent 7 0 R /Rect [50 600 300 620] /P 4 0 R >>",
        ]
    )


def overclaiming_pdf(count: int) -> bytes:
    """A page tree claiming `count` pages that holds one, with text."""
    stream = _page_stream([f"Only page: {NAME}"])
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [4 0 R] >>" % count,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        ]
    )


def slow_pdf(operators: int = 200_000, pages: int = 40) -> bytes:
    """Pages that all show one (compressed) content stream holding a huge number of text
    operators: small on the wire, a fraction of a second of work per page for a text
    extractor, seconds for the document."""
    stream = b"BT /F1 1 Tf 1 1 Td (x) Tj ET\n" * operators
    kids = b" ".join([b"4 0 R"] * pages)
    return _assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
            % (len(packed := zlib.compress(stream, 9)), packed),
        ]
    )


# --- Office Open XML ---------------------------------------------------------------------


def docx_bytes(paragraphs: list[str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header: Children's Services"
    section.footer.paragraphs[0].text = "Footer: OFFICIAL-SENSITIVE"
    for text in paragraphs or [f"Referral for {NAME}", f"NHS number: {NHS}"]:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Date of birth"
    table.cell(0, 1).text = "01/02/1980"
    table.cell(1, 0).text = "Address"
    table.cell(1, 1).text = "1 Example Road"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: int = 3) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Clients"
    sheet.append(["Name", "NHS number", "Visits"])
    sheet.append([NAME, 9434765919, 3])
    for i in range(rows - 2):
        sheet.append([f"Person {i}", 1000000000 + i, i])
    hidden = book.create_sheet("Hidden notes")
    hidden.sheet_state = "hidden"
    hidden.append(["Safeguarding concern raised"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_SHEET_NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_package(sheets: list[tuple[str, str, str]], shared: str = "", styles: str = "") -> bytes:
    """An .xlsx written by hand: `sheets` are (name, state, <sheetData> inner XML) in tab
    order, stored as sheet files numbered backwards (so order must come from workbook.xml);
    `shared` is the whole sharedStrings.xml and `styles` the whole styles.xml, if given."""
    count = len(sheets)
    listed = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" state="{state}" r:id="rId{i + 1}"/>'
        for i, (name, state, _) in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet{count - i}.xml"/>'
        for i in range(count)
    )
    rels += f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rIdY" Type="{_REL}/styles" Target="/xl/styles.xml"/>'
    files = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            b'/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_SHEET_NS}><workbookPr/>'
            f"<sheets>{listed}</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
        ).encode(),
    }
    for i, (_, _, rows) in enumerate(sheets):
        files[f"xl/worksheets/sheet{count - i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_SHEET_NS}>'
            f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>'
        ).encode()
    if shared:
        files["xl/sharedStrings.xml"] = shared.encode()
    if styles:
        files["xl/styles.xml"] = styles.encode()
    return zip_of(files)


def shared_strings(*items: str) -> str:
    """sharedStrings.xml from ready-made `<si>` bodies."""
    body = "".join(f"<si>{item}</si>" for item in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst {_SHEET_NS}>{body}</sst>'


def casework_xlsx() -> bytes:
    """Every kind of cell: shared (plain and rich text, with a phonetic run), inline strings,
    numbers, a formula with its cached value, a formula's string, a boolean, an error, a
    date, a gap between cells; and a hidden second sheet."""
    first, last = NAME.split(" ", 1)
    shared = shared_strings(
        "<t>Name</t>",
        f"<r><rPr><b/></rPr><t>{first} </t></r><r><t>{last}</t></r>"
        "<rPh sb='0' eb='1'><t>PHONETIC</t></rPh>",
        "<t>Safeguarding concern raised</t>",
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_SHEET_NS}>'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>'
        "</styleSheet>"
    )
    clients = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>NHS number</t>'
        '</is></c><c r="C1" t="inlineStr"><is><r><t>Vis</t></r><r><t>its</t></r></is></c>'
        '<c r="D1" t="inlineStr"><is><t>Total</t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>9434765919</v></c>'
        '<c r="C2" t="n"><v>3</v></c><c r="D2"><f>C2*C3</f><v>12</v></c></row>'
        '<row r="3"><c r="A3" t="str"><f>UPPER("x")</f><v>X</v></c><c r="C3"><v>4</v></c>'
        '<c r="D3" s="2"><v>-2.5</v></c><c r="E3" t="b"><v>1</v></c></row>'
        '<row r="4"><c r="A4" t="e"><v>#N/A</v></c><c r="B4" s="1"><v>29252</v></c>'
        '<c r="C4"><v>1E-3</v></c></row>'
        '<row r="5"><c r="A5" t="inlineStr"><is><t></t></is></c></row>'
    )
    hidden = '<row r="1"><c r="A1" t="s"><v>2</v></c></row>'
    return xlsx_package(
        [("Clients", "visible", clients), ("Hidden notes", "hidden", hidden)], shared, styles
    )


def long_xlsx(rows: int) -> bytes:
    """One sheet of `rows` rows: a shared-string name, an inline reference, a number."""
    shared = shared_strings("<t>Ward</t>", "<t>Riverside</t>")
    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>{n % 2}</v></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>case {n}</t></is></c><c r="C{n}"><v>{n}</v></c></row>'
        for n in range(1, rows + 1)
    )
    return xlsx_package([("Cases", "visible", body)], shared)


def entity_xlsx(doctype: str, reference: str) -> bytes:
    """An .xlsx whose sharedStrings.xml declares a DTD (`doctype`) and uses `reference`."""
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<sst {_SHEET_NS}>'
        f"<si><t>before {reference} after</t></si></sst>"
    )
    return xlsx_package([("Sheet1", "visible", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')],
                        shared)  # fmt: skip


def pptx_bytes(slides: int = 1) -> bytes:
    import pptx

    deck = pptx.Presentation()
    for i in range(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Case review {i + 1}"
        slide.placeholders[1].text = f"Discussed {NAME}"
        slide.notes_slide.notes_text_frame.text = f"Speaker note: NHS {NHS}"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def encrypted_docx() -> bytes:
    """A docx encrypted by msoffcrypto-tool (an OLE2 file with EncryptionInfo)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes())).encrypt("Passw0rd", out)
    return out.getvalue()


# --- OpenDocument ------------------------------------------------------------------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def _odf(mimetype: str, body: str, styles: str = "") -> bytes:
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
    content += f"<office:body>{body}</office:body></office:document-content>"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
        if styles:
            archive.writestr(
                "styles.xml",
                f'<?xml version="1.0"?><office:document-styles {_ODF_NS}>{styles}'
                "</office:document-styles>",
            )
    return out.getvalue()


def odt_bytes() -> bytes:
    body = (
        "<office:text>"
        f"<text:h>Visit notes</text:h><text:p>Seen: {NAME}<text:tab/>at home</text:p>"
        f"<text:p>NHS<text:s/>number<text:s text:c='2'/>{NHS}</text:p>"
        "</office:text>"
    )
    styles = (
        "<office:master-styles><style:master-page><style:header>"
        "<text:p>Header: Adult Social Care</text:p></style:header></style:master-page>"
        "</office:master-styles>"
    )
    return _odf("application/vnd.oasis.opendocument.text", body, styles)


def ods_bytes() -> bytes:
    body = (
        '<office:spreadsheet><table:table table:name="Caseload">'
        "<table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell>"
        "<table:table-cell><text:p>Ward</text:p></table:table-cell></table:table-row>"
        f"<table:table-row><table:table-cell><text:p>{NAME}</text:p></table:table-cell>"
        "<table:table-cell><text:p>Riverside</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
        "</table:table></office:spreadsheet>"
    )
    return _odf("application/vnd.oasis.opendocument.spreadsheet", body)


# --- Text formats ------------------------------------------------------------------------


def rtf_bytes() -> bytes:
    return (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\fs20 Letter to "
        + NAME.encode()
        + rb"\par NHS number "
        + NHS.encode()
        + rb"\par Caf\'e9 meeting\par}"
    )


def csv_bytes() -> bytes:
    return f"name,nhs_number,postcode\r\n{NAME},{NHS},NR1 2AB\r\n".encode("cp1252")


def html_bytes() -> bytes:
    return (
        "<html><head><style>p { color: red }</style><script>var secret = 1;</script></head>"
        f"<body><h1>Referral</h1><p>Client: <b>{NAME}</b></p>"
        f"<table><tr><td>NHS</td><td>{NHS}</td></tr></table></body></html>"
    ).encode()


def eml_bytes() -> bytes:
    return (
        "From: Sam Sender <sam@example.gov.uk>\r\nTo: Alex <alex@example.org>\r\n"
        "Subject: Forwarded referral\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
        "Message-ID: <nested-1@example.gov.uk>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Please see notes about {NAME}.\r\n"
    ).encode()


def ics_bytes() -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\n"
        "UID:visit-1@example.gov.uk\r\nDTSTART:20260302T100000Z\r\nDTEND:20260302T110000Z\r\n"
        f"SUMMARY:Home visit {NAME}\r\nCLASS:PRIVATE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


# --- Archives ----------------------------------------------------------------------------


def zip_of(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def nested_zip(depth: int, leaf: bytes = b"deepest text") -> bytes:
    """A zip holding a zip holding ... (`depth` zips in all) holding leaf.txt."""
    data = zip_of({"leaf.txt": leaf})
    for level in range(depth - 1, 0, -1):
        data = zip_of({f"level{level}.zip": data})
    return data


def encrypted_zip() -> bytes:
    """A stored zip whose member has the 'encrypted' flag (bit 0) set in both headers,
    as a password-protected archive would; zipfile cannot write real ZipCrypto."""
    data = bytearray(zip_of({"secret.txt": b"hidden", "open.txt": b"visible"}, zipfile.ZIP_STORED))
    _set_flag(data, b"PK\x03\x04", 6, b"secret.txt")
    _set_flag(data, b"PK\x01\x02", 8, b"secret.txt")
    return bytes(data)


def _set_flag(data: bytearray, signature: bytes, offset: int, name: bytes) -> None:
    start = 0
    while (start := data.find(signature, start)) != -1:
        name_at = start + (30 if signature == b"PK\x03\x04" else 46)
        if data[name_at : name_at + len(name)] == name:
            (flags,) = struct.unpack_from("<H", data, start + offset)
            struct.pack_into("<H", data, start + offset, flags | 0x1)
        start += 4


def zero_bomb(declared: int = 2 * 1024 * MIB) -> bytes:
    """One member of `declared` zero bytes, deflated at ~1000:1 without ever holding them.

    After a full flush the compressor restarts from scratch, so every 1 MiB chunk of zeros
    compresses to the same bytes; the stream is that block repeated, then a final block.
    (2 GiB this way is a 2 MB file: one deflate layer cannot beat ~1030:1.)
    """
    chunk = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    stream = block * (declared // MIB) + final
    return _single_member_zip(b"zeros.bin", stream, declared, 0)  # CRC never reached


def lying_zip(declared: int = 1000, actual: int = 5 * MIB) -> bytes:
    """A member whose headers claim `declared` bytes but whose data inflates to `actual`."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(min(actual, MIB))  # streamed: the fixture itself never holds `actual` bytes
    parts = [raw.compress(chunk[: min(MIB, actual - done)]) for done in range(0, actual, MIB)]
    stream = b"".join(parts) + raw.flush()
    return _single_member_zip(b"small.txt", stream, declared, zlib.crc32(bytes(declared)))


def _single_member_zip(name: bytes, stream: bytes, size: int, crc: int) -> bytes:
    """A deflated one-member zip written by hand (zip64 sizes when the size needs them)."""
    zip64 = size >= 0xFFFFFFFF
    small = 0xFFFFFFFF if zip64 else size
    comp_small = 0xFFFFFFFF if zip64 else len(stream)
    extra = struct.pack("<HHQQ", 1, 16, size, len(stream)) if zip64 else b""
    version = 45 if zip64 else 20
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", version, 0, 8, 0, 0, crc, comp_small, small,
        len(name), len(extra),
    ) + name + extra  # fmt: skip
    central_extra = struct.pack("<HHQQ", 1, 16, size, len(stream)) if zip64 else b""
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", version, version, 0, 8, 0, 0, crc,
        comp_small, small, len(name), len(central_extra), 0, 0, 0, 0, 0,
    ) + name + central_extra  # fmt: skip
    central_at = len(local) + len(stream)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), central_at, 0)
    return local + stream + central + end


# --- TNEF --------------------------------------------------------------------------------


def _tnef_attribute(level: int, kind: int, name: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return (
        struct.pack("<BII", level, (kind << 16) | name, len(data))
        + data
        + struct.pack("<H", checksum)
    )


def tnef_bytes() -> bytes:
    """A winmail.dat with a plain-text body and one attached text file."""
    body = f"Body text about {NAME}\x00".encode()
    return b"".join(
        [
            struct.pack("<IH", 0x223E9F78, 0x0101),
            _tnef_attribute(1, 0x0008, 0x9006, struct.pack("<I", 0x00010000)),
            _tnef_attribute(1, 0x0006, 0x9007, struct.pack("<II", 1252, 0)),
            _tnef_attribute(1, 0x0007, 0x8008, b"IPM.Note\x00"),
            _tnef_attribute(1, 0x0002, 0x800C, body),
            _tnef_attribute(2, 0x0006, 0x9002, bytes(14)),
            _tnef_attribute(2, 0x0001, 0x8010, b"visit.txt\x00"),
            _tnef_attribute(2, 0x0006, 0x800F, f"Visit for {NAME}".encode()),
        ]
    )
