"""Reading received mail (pure): bodies, trimming, threading headers, rejections."""

from __future__ import annotations

import pytest

from disputedesk.channels.email_in import ParsedMail, Rejected, parse_mail, trim_reply
from disputedesk.channels.html_text import html_to_text
from tests.channels.conftest import luhn_numbers_in, sample


def parsed(name: str) -> ParsedMail:
    result = parse_mail(sample(name))
    assert isinstance(result, ParsedMail), result
    return result


def test_plain_mail_is_read_and_trimmed_of_signature_and_quotes() -> None:
    mail = parsed("plain_new.eml")
    assert mail.message_id == "<jane-0001@mail.example.com>"
    assert mail.from_addr == "jane.doe@example.com"
    assert mail.from_name == "Jane Doe"
    assert mail.subject == "Blender arrived broken"
    assert mail.body.endswith("Thanks,\nJane")
    assert "Sent from my phone" not in mail.body
    assert "Your order has shipped" not in mail.body
    assert mail.raw is not None
    assert "Sent from my phone" in mail.raw


def test_reply_headers_are_kept_for_threading() -> None:
    mail = parsed("reply_in_reply_to.eml")
    assert mail.in_reply_to == "<jane-0001@mail.example.com>"
    assert mail.references == ["<jane-0001@mail.example.com>"]
    assert mail.body == "Here is a photo reference: the crack is along the base."


def test_dispute_token_in_subject() -> None:
    raw = sample("reply_token.eml").replace(b"{DISPUTE}", b"42")
    result = parse_mail(raw)
    assert isinstance(result, ParsedMail)
    assert result.dispute_token() == 42


def test_html_mail_becomes_safe_text() -> None:
    mail = parsed("html_only.eml")
    assert mail.subject == "Refund not received — order ORD-2002"
    assert "<" not in mail.body
    assert "alert" not in mail.body
    assert "color" not in mail.body
    assert "refund of $49.00 has not arrived" in mail.body
    assert "Please look into it & reply." in mail.body
    assert "we will refund within 5 days" not in mail.body


def test_encoded_names_and_attachments_are_listed() -> None:
    mail = parsed("latin1_attachment.eml")
    assert mail.from_name == "Renée François"
    assert mail.subject == "Problème de livraison"
    assert "jamais arrivé" in mail.body
    [pdf] = mail.attachments
    assert (pdf.filename, pdf.content_type, pdf.size) == ("receipt.pdf", "application/pdf", 82)
    assert pdf.content is not None
    assert pdf.content.startswith(b"%PDF")


def test_card_numbers_are_masked_everywhere_and_no_raw_copy_is_kept() -> None:
    mail = parsed("card_number.eml")
    assert mail.subject == "Charged twice on card [card ending 1111]"
    assert "[card ending 0004]" in mail.body
    [statement] = mail.attachments
    assert statement.filename == "statement [card ending 1881].txt"
    assert statement.content == b"Card [card ending 0005] charged 49.00 twice\n"
    assert mail.raw is None
    assert mail.raw_note is not None
    everything = (mail.subject + mail.body + statement.filename).encode() + statement.content
    assert luhn_numbers_in(everything) == []


def test_attachment_over_the_limit_is_listed_not_stored() -> None:
    result = parse_mail(sample("latin1_attachment.eml"), attachment_limit=10)
    assert isinstance(result, ParsedMail)
    assert result.attachments[0].content is None
    assert result.attachments[0].size == 82


def test_raw_copy_is_cut_to_the_limit() -> None:
    result = parse_mail(sample("plain_new.eml"), raw_limit=100)
    assert isinstance(result, ParsedMail)
    assert result.raw is not None
    assert len(result.raw) == 100
    assert result.raw_note == "truncated to 100 bytes"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bad_charset.eml", "unknown charset 'x-klingon-9'"),
        ("broken_mime.eml", "broken MIME structure"),
        ("no_from.eml", "no usable From address"),
        ("huge_header.eml", "headers too large"),
    ],
)
def test_malformed_mail_is_rejected_with_a_reason(name: str, reason: str) -> None:
    result = parse_mail(sample(name))
    assert isinstance(result, Rejected)
    assert reason in result.reason


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00\x01\x02", b"From: \xff\xfe\r\n\r\n\xff", b"Subject: =?x?q?bad?=\n\nhi", b"\n" * 5],
)
def test_garbage_never_raises(raw: bytes) -> None:
    assert isinstance(parse_mail(raw), Rejected | ParsedMail)


def test_trim_reply_variants() -> None:
    text = "Yes please.\n\nOn Mon, 2 Nov 2026 at 10:00, Shop\n<s@x.example> wrote:\n> old"
    assert trim_reply(text) == "Yes please."
    assert trim_reply("ok\n-----Original Message-----\nold") == "ok"
    assert trim_reply("a\n> b\nc") == "a\nc"


def test_html_to_text_drops_scripts() -> None:
    assert html_to_text("<p>a</p><script>x()</script><p>b &lt;c&gt;</p>") == "a\n\nb <c>"


def test_card_in_an_unshown_html_alternative_withholds_the_raw_copy() -> None:
    raw = (
        b"From: a@example.com\nMessage-ID: <alt-1@example.com>\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="A"\n\n--A\nContent-Type: text/plain\n\n'
        b"See the HTML part.\n--A\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
        b"PHA+Y2FyZCA0MTExMTExMTExMTExMTExPC9wPg==\n--A--\n"
    )
    result = parse_mail(raw)
    assert isinstance(result, ParsedMail)
    assert result.body == "See the HTML part."
    assert result.raw is None
