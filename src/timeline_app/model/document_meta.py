"""What a document states about itself: its title, author and publication date.

Only what the text states is taken, each with the words that state it, so a new source can say
"found in the document" and show where: a labelled line ("Published: January 28, 2022",
"Author: ...", "By ..."), a Markdown heading, or an HTML `<title>` and `<meta>`. Nothing is
guessed from position (the first line of a page is as often a masthead slogan as a title), and a
date the parser cannot read is left out rather than approximated.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from timeline_app.model.dates import DateError, PartialDate, parse_date

HEAD_LINES = 60  # a document's own details sit at its top; a "By" deep in the text is a quote
MAX_VALUE = 300


@dataclass(frozen=True)
class Found:
    """A value and the words of the document that state it."""

    value: str
    evidence: str


@dataclass(frozen=True)
class DocumentMeta:
    title: Found | None = None
    author: Found | None = None
    published: Found | None = None  # value: the date in EDTF ("2022-01-28")

    def note(self) -> str:
        """A `published_note`-style sentence saying where each value was found."""
        parts = [
            f"{name} found in the document: \u201c{found.evidence}\u201d"
            for name, found in (("Title", self.title), ("Author", self.author), ("Date", self.published))
            if found is not None
        ]
        return "; ".join(parts) + ("." if parts else "")


_LABEL = re.compile(
    r"^\s*(?:[*_#>-]+\s*)?(?P<label>title|author|authors|by|written by|published|published on|"
    r"date|dated|publication date|updated)\s*[:\-\u2013\u2014]\s*(?P<value>.+?)\s*[*_]*\s*$",
    re.IGNORECASE,
)
_BY = re.compile(r"^\s*[*_]*\s*by\s+(?P<value>[^\d:]{3,120}?)\s*[*_]*\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,2}\s+(?P<value>.+?)\s*#*\s*$")
_HTML_TITLE = re.compile(r"<title[^>]*>(?P<value>.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"'](?P<value>[^\"']+)[\"']", re.IGNORECASE)
_AUTHOR_LABELS = {"author", "authors", "by", "written by"}
_DATE_LABELS = {"published", "published on", "date", "dated", "publication date"}
_META_AUTHOR = {"author", "article:author", "dc.creator", "citation_author"}
_META_DATE = {"article:published_time", "date", "dc.date", "citation_publication_date", "pubdate"}
_META_TITLE = {"og:title", "dc.title", "citation_title"}
_ISO_TIME = re.compile(r"^(?P<date>-?\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<head" in head


def read_date(text: str) -> PartialDate | None:
    """A stated date as the parser reads it (an ISO time stamp keeps its date), else None."""
    text = text.strip()
    iso = _ISO_TIME.match(text)
    try:
        return parse_date(iso["date"] if iso else text)
    except DateError:
        return None


def document_meta(text: str) -> DocumentMeta:
    """The title, author and date that `text` (plain, Markdown or HTML) states about itself."""
    if looks_like_html(text):
        return _html_meta(text)
    return _text_meta(text)


def _clean(value: str) -> str:
    return " ".join(value.split())[:MAX_VALUE]


def _text_meta(text: str) -> DocumentMeta:
    found: dict[str, Found] = {}
    for raw in text.splitlines()[:HEAD_LINES]:
        line = raw.strip()
        if not line:
            continue
        label = _LABEL.match(line)
        if label:
            _take_labelled(found, label["label"].lower(), _clean(label["value"]), _clean(line))
            continue
        by = _BY.match(line)
        if by and "author" not in found:
            found["author"] = Found(_clean(by["value"]), _clean(line))
            continue
        heading = _HEADING.match(raw)
        if heading and "title" not in found:
            found["title"] = Found(_clean(heading["value"].strip("*_ ")), _clean(line))
    return DocumentMeta(found.get("title"), found.get("author"), found.get("published"))


def _take_labelled(found: dict[str, Found], label: str, value: str, line: str) -> None:
    if label == "title":
        found.setdefault("title", Found(value, line))
    elif label in _AUTHOR_LABELS:
        found.setdefault("author", Found(value, line))
    elif label in _DATE_LABELS and "published" not in found:
        date = read_date(value)
        if date is not None:
            found["published"] = Found(date.edtf(), line)


def _html_meta(text: str) -> DocumentMeta:
    found: dict[str, Found] = {}
    head = text[:200_000]
    for tag in _META.findall(head):
        attrs = {m["name"].lower(): html.unescape(m["dq"] or m["sq"] or "") for m in _ATTR.finditer(tag)}
        key = (attrs.get("name") or attrs.get("property") or "").lower()
        content = _clean(attrs.get("content", ""))
        if not content:
            continue
        if key in _META_AUTHOR:
            found.setdefault("author", Found(content, _clean(tag)))
        elif key in _META_TITLE:
            found.setdefault("title", Found(content, _clean(tag)))
        elif key in _META_DATE and "published" not in found:
            date = read_date(content)
            if date is not None:
                found["published"] = Found(date.edtf(), _clean(tag))
    title = _HTML_TITLE.search(head)
    if title and _clean(html.unescape(title["value"])):
        value = _clean(html.unescape(title["value"]))
        found["title"] = Found(value, _clean(title.group()))  # the page's own <title> first
    time = _TIME.search(head)
    if time and "published" not in found:
        date = read_date(time["value"])
        if date is not None:
            found["published"] = Found(date.edtf(), _clean(time.group()))
    return DocumentMeta(found.get("title"), found.get("author"), found.get("published"))
