"""The fields a timeline file may hold, described once for every format.

The readers (YAML, CSV, JSON), the builder's checks and the writers all walk these tables, so a
new event field is one `Field` line here plus its attribute on `Event` (a plain text or true/false
field needs nothing else: it is read, length-checked, carried in the columns, put on the `Event`
and written back by every format).
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from enum import Enum

MAX_TITLE = 1_000
MAX_TEXT = 100_000
MAX_DATE = 200
MAX_ID = 200
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]*"
ID = re.compile(ID_PATTERN)
ID_FIRST = frozenset(string.ascii_letters + string.digits)  # the same rule as sets of characters
ID_CHARS = ID_FIRST | frozenset("._:-")
ID_RULE = "may hold only letters, digits, '.', '_', ':' and '-' (and start with a letter or digit)"
TRUE_WORDS = frozenset({"true", "yes", "y", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "off", "0", ""})


class Kind(Enum):
    ID = "id"
    TEXT = "text"
    DATE = "date"
    FLAG = "flag"
    URL = "url"
    IDS = "ids"  # one id, or a list of them (YAML/JSON list; CSV: separated by spaces)


@dataclass(frozen=True)
class Field:
    """One field: its key (YAML/JSON key and CSV column), what it holds and its limits.

    `plain` fields need no rule beyond their kind: the builder checks their length or truth
    value and carries them unchanged to the `Event` attribute of the same name.
    """

    key: str
    kind: Kind = Kind.TEXT
    max_length: int = MAX_TEXT
    required: bool = False
    numbers_ok: bool = True  # a YAML/JSON number is taken as its text (ids, dates, notes)
    plain: bool = False
    choices: tuple[str, ...] = ()  # the values allowed, the first being the default

    @property
    def expected(self) -> str:
        if self.kind is Kind.FLAG:
            return "true or false"
        return "an id or a list of ids" if self.kind is Kind.IDS else "text"


# What an event is: a fact (the default), or a plan, a forecast or a claim not (yet) a fact.
STATUSES = ("happened", "planned", "expected", "reported", "alleged", "disputed")
LINK_TYPES = ("revises", "replaces", "leads_to", "part_of", "responds_to")
SHA256 = re.compile(r"[0-9a-fA-F]{64}")


EVENT_FIELDS: tuple[Field, ...] = (
    Field("id", Kind.ID, MAX_ID, required=True),
    Field("title", Kind.TEXT, MAX_TITLE, required=True, numbers_ok=False),
    Field("start", Kind.DATE, MAX_DATE, required=True),
    Field("end", Kind.DATE, MAX_DATE),
    Field("category", Kind.TEXT, MAX_ID, required=True, numbers_ok=False),
    Field("summary", Kind.TEXT, plain=True),
    Field("inferred", Kind.FLAG, plain=True),
    Field("approximate", Kind.FLAG),
    Field("date_note", Kind.TEXT, plain=True),
    Field("status", Kind.TEXT, MAX_ID, numbers_ok=False, choices=STATUSES),
)
EXCERPT_FIELDS: tuple[Field, ...] = (
    Field("source", Kind.ID, MAX_ID, required=True),
    Field("quote", Kind.TEXT, required=True, numbers_ok=False),
    Field("claims_date", Kind.DATE, MAX_DATE),
    Field("prefix", Kind.TEXT, MAX_TITLE),  # the text just before the quote (TextQuoteSelector)
    Field("suffix", Kind.TEXT, MAX_TITLE),  # and just after it: which occurrence is meant
)
SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, MAX_TITLE, required=True, numbers_ok=False),
    Field("author", Kind.TEXT, MAX_TITLE),
    Field("publisher", Kind.TEXT, MAX_TITLE),
    Field("published", Kind.DATE, MAX_DATE),
    Field("published_inferred", Kind.FLAG),
    Field("published_note", Kind.TEXT),
    Field("url", Kind.URL, 2_000),
    Field("file", Kind.TEXT, 1_000),
    Field("derived_from", Kind.IDS, 10 * MAX_ID),
    Field("derived_note", Kind.TEXT),
    Field("file_sha256", Kind.TEXT, 64),
)
# A link from an event to another: it cites a passage (source + quote) or is inferred (+ note).
LINK_FIELDS: tuple[Field, ...] = (
    Field("type", Kind.TEXT, MAX_ID, required=True, numbers_ok=False, choices=LINK_TYPES),
    Field("to", Kind.ID, MAX_ID, required=True),
    Field("source", Kind.ID, MAX_ID),
    Field("quote", Kind.TEXT, numbers_ok=False),
    Field("prefix", Kind.TEXT, MAX_TITLE),
    Field("suffix", Kind.TEXT, MAX_TITLE),
    Field("inferred", Kind.FLAG),
    Field("note", Kind.TEXT),
)
TIMELINE_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, MAX_TITLE, numbers_ok=False),
    Field("description", Kind.TEXT, numbers_ok=False),
)
EVENT_KEYS = tuple(f.key for f in EVENT_FIELDS)
EXCERPT_KEYS = tuple(f.key for f in EXCERPT_FIELDS)
SOURCE_KEYS = tuple(f.key for f in SOURCE_FIELDS)
LINK_KEYS = tuple(f.key for f in LINK_FIELDS)
PLAIN_TEXT = tuple(f.key for f in EVENT_FIELDS if f.plain and f.kind is Kind.TEXT)
PLAIN_FLAGS = tuple(f.key for f in EVENT_FIELDS if f.plain and f.kind is Kind.FLAG)
TOP_KEYS = ("title", "description", "sources", "events")
# What YAML and JSON events may hold: the fields, "date" (one date or START/END) and excerpts.
EVENT_FILE_KEYS = (*EVENT_KEYS, "date", "excerpts", "links")
# Keys `list --json` prints for people that are worked out again when read back.
JSON_OUTPUT_ONLY = frozenset({"precision", "end_precision", "date_text", "citation"})


def event_name(event_id: str, line: int) -> str:
    """How a message names an event: by its id, or by its line when it has none."""
    return f"event {event_id!r}" if event_id.strip() else f"the event on line {line}"


def wrong_type(what: str, expected: str, kind: str, literal: str | None = None) -> str:
    """A value of the wrong type, worded the same in every format.

    `literal` is the value as written when quoting it would make it valid text (42, yes).
    """
    message = f"{what} must be {expected}, not {kind}"
    if literal is not None and expected == "text":
        return f'{message} ({literal}); put it in quotes: "{literal}"'
    return message


def not_a_choice(what: str, value: str, choices: tuple[str, ...]) -> str:
    """A value outside its field's choices, with the nearest one when there is one."""
    close = difflib.get_close_matches(value.strip().lower(), choices, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{what} must be one of {', '.join(choices)}; got {value!r}{hint}"


def too_long(what: str, length: int, limit: int) -> str:
    return f"{what} is {length:,} characters long; keep it under {limit:,}"
