"""Reading received email (pure: bytes in, a ParsedMail or a rejection out; no database)."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr

from disputedesk.analysis import mask_card_numbers
from disputedesk.channels.html_text import html_to_text

MAX_HEADER_BYTES = 64 * 1024
MAX_HEADER_LINE = 8 * 1024
RAW_LIMIT = 256 * 1024
ATTACHMENT_LIMIT = 5 * 1024 * 1024
_TOKEN = re.compile(r"\[DD-(\d{1,10})\]", re.IGNORECASE)
_ADDRESS = re.compile(r"^[^@\s<>\"]{1,200}@[^@\s<>\"]{1,100}\.[^@\s<>\"]{1,20}$")
_MSGID = re.compile(r"<[^<>\s]{1,490}>")
_WROTE = re.compile(
    r"^\s*(On\b.{0,300}\bwrote:|Le\b.{0,300}\ba écrit\s?:|Am\b.{0,300}schrieb.{0,40}:)\s*$"
)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$", re.I)
_FATAL_DEFECTS = {
    "NoBoundaryInMultipartDefect",
    "StartBoundaryNotFoundDefect",
    "MultipartInvariantViolationDefect",
    "InvalidMultipartContentTransferEncodingDefect",
}


@dataclass(frozen=True)
class Attachment:
    """A file found in a mail: its (masked) name, type, size and the bytes to keep (or None)."""

    filename: str
    content_type: str
    size: int
    content: bytes | None
    note: str | None = None


@dataclass(frozen=True)
class ParsedMail:
    """A readable mail, with every text already masked for card numbers."""

    message_id: str
    from_addr: str
    from_name: str
    subject: str
    body: str
    in_reply_to: str | None
    references: list[str]
    raw: str | None
    raw_size: int
    raw_note: str | None
    attachments: list[Attachment] = field(default_factory=list)

    def dispute_token(self) -> int | None:
        """The dispute number of a `[DD-123]` token in the subject, if any."""
        match = _TOKEN.search(self.subject)
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Rejected:
    """A mail that cannot be read, and why; it goes to quarantine."""

    reason: str
    digest: str
    message_id: str | None
    raw: str | None
    raw_size: int


def digest_of(raw: bytes) -> str:
    """The SHA-256 of the raw bytes (identity of mail without a usable Message-ID)."""
    return hashlib.sha256(raw).hexdigest()


def _masked_raw(raw: bytes, limit: int) -> tuple[str | None, str | None]:
    """The raw copy to keep: decoded, masked and cut to the limit."""
    text = raw[:limit].decode("utf-8", errors="replace").replace("\x00", "\ufffd")
    note = f"truncated to {limit} bytes" if len(raw) > limit else None
    return mask_card_numbers(text), note


def _headers_too_large(raw: bytes) -> str | None:
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    head = raw if end < 0 else raw[:end]
    if len(head) > MAX_HEADER_BYTES:
        return f"headers too large ({len(head)} bytes, limit {MAX_HEADER_BYTES})"
    longest = max((len(line) for line in head.splitlines()), default=0)
    if longest > MAX_HEADER_LINE:
        return f"header line too long ({longest} bytes, limit {MAX_HEADER_LINE})"
    return None


def trim_reply(text: str) -> str:
    """Cut quoted history ("On ... wrote:", "> ..." lines) and the signature ("-- ") from a body."""
    kept: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.rstrip(" ") == "--" or _ORIGINAL.match(line):
            break
        if _WROTE.match(line):
            break
        two = line + " " + lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip().startswith("On ") and _WROTE.match(two):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _text_of(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset, errors="replace")
    except LookupError as exc:
        raise ValueError(f"unknown charset '{charset[:40]}'") from exc
    return text.replace("\x00", "")


def _ids(value: str | None) -> list[str]:
    return _MSGID.findall(value or "")


def _walk(msg: Message, limit: int) -> tuple[str | None, str | None, list[Attachment], bool]:
    plain: str | None = None
    html: str | None = None
    files: list[Attachment] = []
    had_card = False
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        disposition = (part.get_content_disposition() or "").lower()
        if filename or disposition == "attachment":
            name = mask_card_numbers(str(filename or "unnamed"))[:255]
            data = part.get_payload(decode=True)
            blob = data if isinstance(data, bytes) else b""
            content, note, card = _attachment_bytes(blob, ctype, limit)
            had_card = had_card or card or name != str(filename or "unnamed")[:255]
            files.append(Attachment(name, ctype[:255], len(blob), content, note))
        elif part.get_content_maintype() == "text":
            text = _text_of(part)
            # Every text part counts for the raw-copy decision, even those not shown.
            had_card = had_card or mask_card_numbers(text) != text
            if ctype == "text/plain" and plain is None:
                plain = text
            elif ctype == "text/html" and html is None:
                html = text
    return plain, html, files, had_card


def _attachment_bytes(blob: bytes, ctype: str, limit: int) -> tuple[bytes | None, str | None, bool]:
    """The bytes to keep of an attachment: none over the limit, none if they carry a card."""
    if len(blob) > limit:
        return None, f"not stored: larger than {limit} bytes", False
    text = blob.decode("latin-1")
    if mask_card_numbers(text) != text:
        if ctype.startswith("text/"):
            decoded = blob.decode("utf-8", errors="replace")
            return mask_card_numbers(decoded).encode("utf-8"), "card numbers masked", True
        return None, "not stored: contains a card number", True
    return blob, None, False


def parse_mail(
    raw: bytes, *, raw_limit: int = RAW_LIMIT, attachment_limit: int = ATTACHMENT_LIMIT
) -> ParsedMail | Rejected:
    """Read one mail; anything unreadable comes back as Rejected with the reason, never raised."""
    digest = digest_of(raw)
    masked_raw, note = _masked_raw(raw, raw_limit)

    def reject(reason: str, message_id: str | None = None) -> Rejected:
        # A reason may quote the mail (an unknown charset name): it is masked like the rest.
        return Rejected(mask_card_numbers(reason)[:500], digest, message_id, masked_raw, len(raw))

    if not raw.strip():
        return reject("empty message")
    too_large = _headers_too_large(raw)
    if too_large:
        return reject(too_large)
    message_id: str | None = None
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        ids = _ids(str(msg.get("Message-ID", "")))
        message_id = ids[0] if ids else None
        defects = {type(d).__name__ for part in msg.walk() for d in part.defects}
        fatal = sorted(defects & _FATAL_DEFECTS)
        if fatal:
            return reject(f"broken MIME structure ({', '.join(fatal)})", message_id)
        name, addr = parseaddr(str(msg.get("From", "")))
        addr = addr.strip().lower()
        if not _ADDRESS.match(addr):
            return reject("no usable From address", message_id)
        subject = _decoded_header(msg, "Subject")
        name = _decode_words(name)
        plain, html, files, had_card = _walk(msg, attachment_limit)
    except ValueError as exc:
        return reject(f"unreadable mail: {exc}", message_id)
    except Exception as exc:  # a hostile mail must never stop the import
        return reject(f"unreadable mail: {type(exc).__name__}", message_id)
    if plain is None and html is None and not files:
        return reject("no readable text body", message_id)
    text = plain if plain is not None and plain.strip() else html_to_text(html or "")
    body = mask_card_numbers(trim_reply(text))
    had_card = had_card or body != trim_reply(text) or mask_card_numbers(text) != text
    clean_subject = mask_card_numbers(subject)
    had_card = had_card or clean_subject != subject
    keep_raw, raw_note = masked_raw, note
    if had_card:
        # Encoded parts (base64, quoted-printable) could still carry the number: keep no copy.
        keep_raw, raw_note = None, "not kept: the mail contained a card number"
    in_reply = _ids(str(msg.get("In-Reply-To", "")))
    return ParsedMail(
        message_id=message_id or f"<{digest}@no-message-id.invalid>",
        from_addr=addr,
        from_name=mask_card_numbers(name)[:200],
        subject=clean_subject[:300],
        body=body,
        in_reply_to=in_reply[0] if in_reply else None,
        references=_ids(str(msg.get("References", "")))[-50:],
        raw=keep_raw,
        raw_size=len(raw),
        raw_note=raw_note,
        attachments=files,
    )


def _decode_words(value: str) -> str:
    try:
        return str(make_header(decode_header(value))).replace("\x00", "").strip()
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        return value.encode("ascii", errors="replace").decode("ascii").strip()


def _decoded_header(msg: Message, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    return " ".join(_decode_words(str(value)).split())
