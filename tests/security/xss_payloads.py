"""Stored script payloads for the XSS sweep (tests/security/test_xss_sweep.py).

Every payload carries a `{t}` slot, replaced by a short tag naming the payload and the field it
was stored in (e.g. `xssp07subj`). If a payload ever runs, `window.__xss` (or the dialog message,
or the URL of a stray request to `/xss-...`) names exactly which payload in which field did it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RAW: list[tuple[str, str]] = [
    # Script tags, plain and in foreign content.
    ("script tag", "<script>window.__xss='{t}'</script>"),
    ("script alert", "<script>alert('{t}')</script>"),
    ("svg script", "<svg><script>window.__xss='{t}'</script></svg>"),
    # Event handlers.
    ("img onerror", "<img src=x onerror=\"window.__xss='{t}'\">"),
    ("img onerror alert", "<img src=x onerror=alert('{t}')>"),
    ("svg onload", "<svg onload=\"window.__xss='{t}'\">"),
    ("body onload", "<body onload=\"window.__xss='{t}'\">"),
    ("input autofocus", "<input autofocus onfocus=\"window.__xss='{t}'\">"),
    ("details ontoggle", "<details open ontoggle=\"window.__xss='{t}'\">d</details>"),
    ("svg animate", "<svg><animate onbegin=\"window.__xss='{t}'\" attributeName=x dur=1s>"),
    # Attribute breakouts (double and single quotes, unquoted).
    ("dq autofocus", '" autofocus onfocus="window.__xss=\'{t}\'" x="'),
    ("sq autofocus", "' autofocus onfocus='window.__xss=\"{t}\"' x='"),
    ("dq mouseover", '" onmouseover="window.__xss=\'{t}\'" style="display:block" x="'),
    ("sq img", "'><img src=x onerror=window.__xss='{t}'>"),
    # Broken markup.
    ("textarea close", "</textarea><script>window.__xss='{t}'</script>"),
    ("dq close", "\"><script>window.__xss='{t}'</script>"),
    ("comment close", "'--><script>window.__xss='{t}'</script>"),
    ("title close", "</title><script>window.__xss='{t}'</script>"),
    ("comment trick", '<!--<img src="--><img src=x onerror="window.__xss=\'{t}\'">'),
    ("noscript trick", "<noscript><p title=\"</noscript><img src=x onerror=window.__xss='{t}'>\">"),
    (
        "mathml mxss",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='{t}'\">",
    ),
    # javascript: URLs (they run on a click; the DOM scan catches them live).
    ("js href", "<a href=\"javascript:window.__xss='{t}'\">x{t}</a>"),
    ("js href tab", "<a href=\"jav&#x09;ascript:window.__xss='{t}'\">t{t}</a>"),
    ("svg xlink", "<svg><a xlink:href=\"javascript:window.__xss='{t}'\"><text>s</text></a></svg>"),
    ("form action", "<form action=\"javascript:window.__xss='{t}'\"><button>go</button></form>"),
    ("object data", "<object data=\"javascript:window.__xss='{t}'\"></object>"),
    # Frames, refresh, style, base: a load shows up as a request to /xss-...
    ("iframe srcdoc", "<iframe srcdoc=\"<script>parent.__xss='{t}'</script>\"></iframe>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=/xss-{t}">'),
    ("style import", '<style>@import "/xss-{t}.css";</style>'),
    ("base href", '<base href="/xss-{t}/">'),
    # htmx attributes.
    ("hx-get load", '<div hx-get="/xss-{t}" hx-trigger="load">h</div>'),
    (
        "hx-on",
        "<div hx-on::load=\"window.__xss='{t}'\" hx-on=\"htmx:load: window.__xss='{t}'\">o</div>",
    ),
    # Template syntax (Jinja2, JS templates, Ruby, AngularJS).
    ("jinja expr", "zz{{7*7}}zz{t}"),
    ("jinja raw", "{% raw %}zr{{7*7}}zr{% endraw %}{t}"),
    ("js template", "zd${7*7}zd{t}"),
    ("ruby interp", "zh#{7*7}zh{t}"),
    ("angular", "{{constructor.constructor('window.__xss=\"{t}\"')()}}"),
    # Escapes and look-alikes.
    ("unicode escape", "\\u003cscript\\u003ewindow.__xss='{t}'\\u003c/script\\u003e"),
    ("hex escape", "\\x3cimg src=x onerror=window.__xss='{t}'\\x3e"),
    ("url encoded", "%3Cscript%3Ewindow.__xss='{t}'%3C/script%3E"),
    ("html entities", "&lt;img src=x onerror=\"window.__xss='{t}'\"&gt;"),
    ("fullwidth", "\uff1cscript\uff1ewindow.__xss='{t}'\uff1c/script\uff1e"),
    ("rtl override", "\u202e<script>window.__xss='{t}'</script>"),
]

# What a template payload turns into if a template engine evaluated it (must never appear).
EVALUATED = ("zz49zz", "zr49zr", "zd49zd", "zh49zh")
# Email addresses refuse spaces, < > and ": these are the breakouts that still pass.
_EMAILS = [
    "'onfocus='window.__xss=1'autofocus='{t}@x.co",
    "javascript:window.__xss='{t}'//@x.co",
    "zz{{7*7}}zz{t}@x.co",
    '"onmouseover=alert(1)//{t}@x.co',
]


@dataclass(frozen=True)
class Payload:
    """One payload: its number, a label and the template with a `{t}` slot."""

    index: int
    label: str
    template: str

    def tagged(self, field: str) -> str:
        """The payload as stored in `field`, tagged `xssp<index><field>`."""
        return self.template.replace("{t}", f"xssp{self.index:02d}{field}")


PAYLOADS = [Payload(i, label, text) for i, (label, text) in enumerate(_RAW, start=1)]
EMAIL_OK = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def email_payloads(field: str, n: int) -> list[str]:
    """Email-shaped payloads (the Email type refuses the rest), lower-cased as stored."""
    out = []
    for i, template in enumerate(_EMAILS):
        value = template.replace("{t}", f"e{n:02d}{i}{field}").lower()
        if EMAIL_OK.match(value):
            out.append(value)
    return out
