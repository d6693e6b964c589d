"""The evidence packet as a PDF document (fpdf2): the same sections as the printable HTML page."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from disputedesk.channels.evidence import money
from disputedesk.channels.schemas import EvidencePacket

FONT_ENV = "DISPUTEDESK_PDF_FONT"
# Unicode TrueType fonts looked for when DISPUTEDESK_PDF_FONT is not set (Debian's
# fonts-dejavu-core and fonts-liberation, and their usual places elsewhere).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
_BOLD_NAMES = {
    "DejaVuSans.ttf": "DejaVuSans-Bold.ttf",
    "LiberationSans-Regular.ttf": "LiberationSans-Bold.ttf",
}
FALLBACK_NOTE = (
    "Characters outside Latin-1 are shown as '?': no Unicode font was found "
    f"(install fonts-dejavu-core or set {FONT_ENV})."
)


def unicode_font() -> Path | None:
    """The TrueType font the PDF is written in: DISPUTEDESK_PDF_FONT, else a known system font."""
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        return Path(chosen)
    return next((Path(p) for p in FONT_CANDIDATES if Path(p).is_file()), None)


class _Document:
    """An A4 document with headings, key-value tables and wrapped paragraphs."""

    def __init__(self, title: str, font: Path | None) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_title(title)
        self.pdf.set_creator("disputedesk")
        self.unicode = font is not None
        if font is not None:
            bold = font.with_name(_BOLD_NAMES.get(font.name, font.name))
            self.pdf.add_font("body", "", str(font))
            self.pdf.add_font("body", "B", str(bold if bold.is_file() else font))
            self.family = "body"
        else:
            self.family = "helvetica"
        self.pdf.add_page()

    def text(self, value: object) -> str:
        shown = "-" if value is None or value == "" else str(value)
        if self.unicode:
            return shown
        return shown.encode("latin-1", "replace").decode("latin-1")

    def heading(self, value: str, size: float = 13) -> None:
        self.pdf.set_font(self.family, "B", size)
        self.pdf.ln(3)
        self.pdf.multi_cell(0, size * 0.5, self.text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1)

    def paragraph(self, value: object, size: float = 10, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, self.text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(
        self,
        rows: Iterable[Sequence[object]],
        headings: Sequence[str] | None = None,
        widths: Sequence[int] | None = None,
    ) -> None:
        self.pdf.set_font(self.family, "", 9)
        with self.pdf.table(
            col_widths=tuple(widths) if widths else None,
            first_row_as_headings=headings is not None,
            text_align="LEFT",
            line_height=4.5,
        ) as table:
            for row in [headings, *rows] if headings else rows:
                cells = table.row()
                for value in row:
                    cells.cell(self.text(value))
        self.pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def evidence_pdf(packet: EvidencePacket, font: Path | None = None) -> bytes:
    """The packet as a PDF document; `font` (a TrueType file) defaults to `unicode_font()`."""
    d, c = packet.dispute, packet.customer
    doc = _Document(f"Evidence packet - dispute {d['id']}", font or unicode_font())
    doc.heading(f"Evidence packet: dispute {d['id']}", size=17)
    doc.paragraph(f"Generated {packet.generated_at:%Y-%m-%d %H:%M} UTC", size=9)
    if not doc.unicode:
        doc.paragraph(FALLBACK_NOTE, size=8)

    doc.heading("Dispute")
    status = d["status"] + (f" ({d['outcome']})" if d.get("outcome") else "")
    customer = c["name"] + (f" <{c['email']}>" if c.get("email") else "")
    doc.table(
        [
            ("Subject", d["subject"]),
            ("Channel / category", f"{d['channel']} / {d['category']}"),
            ("Status", status),
            ("Amount", money(d.get("amount_minor"), d["currency"])),
            ("Opened", d["opened_at"]),
            ("Resolved", d.get("resolved_at")),
            ("Customer", customer),
        ],
        widths=(1, 3),
    )

    if packet.chargebacks:
        doc.heading("Chargebacks")
        doc.table(
            [
                (
                    cb.processor_id,
                    money(cb.amount_minor, cb.currency),
                    cb.reason,
                    cb.status,
                    f"{cb.due_by:%Y-%m-%d %H:%M} UTC" if cb.due_by else "-",
                    cb.outcome,
                )
                for cb in packet.chargebacks
            ],
            headings=("Processor id", "Amount", "Reason", "Status", "Evidence due", "Outcome"),
        )

    doc.heading("Order and delivery")
    if packet.order and packet.delivery:
        o, dl = packet.order, packet.delivery
        items = "; ".join(
            f"{i.get('quantity', 1)} x {i.get('name', i.get('sku', 'item'))}"
            for i in o.get("items") or []
        )
        doc.table(
            [
                ("Order", o["number"]),
                ("Amount", money(o["amount_minor"], o["currency"])),
                ("Items", items),
                ("Purchased", o["purchased_at"]),
                ("Warranty until", o.get("warranty_until")),
                ("Fulfilment", dl["fulfilment_status"]),
                ("Promised by", dl.get("promised_by")),
                ("Delivered", dl.get("delivered_at")),
            ],
            widths=(1, 3),
        )
    else:
        doc.paragraph("No order is linked to this dispute.")

    doc.heading("Offers and remedies")
    if packet.offers:
        doc.table(
            [
                (
                    o["remedy"],
                    money(o["amount_minor"], o["currency"]),
                    o["status"],
                    o["clause_id"],
                    o["offered_at"],
                )
                for o in packet.offers
            ],
            headings=("Remedy", "Amount", "Status", "Clause", "Offered"),
        )
    else:
        doc.paragraph("No offers were made.")
    for clause in packet.policy_clauses:
        version = f" (policy {clause['policy_version']})" if clause.get("policy_version") else ""
        title = f": {clause['title']}" if clause.get("title") else ""
        doc.paragraph(f"Clause {clause['clause_id']}{version}{title}", bold=True)
        doc.paragraph(clause.get("text") or "")

    doc.heading("Communication log")
    if not packet.communication:
        doc.paragraph("No messages.")
    for m in packet.communication:
        doc.paragraph(f"{m['at']} - {m['direction']} - {m['channel']} - {m['author']}", size=8)
        doc.paragraph(m["body"])
        doc.pdf.ln(2)

    doc.heading("Timeline")
    doc.table([(e["at"], e["kind"], e["actor"]) for e in packet.events], widths=(2, 2, 1))
    return doc.output()
