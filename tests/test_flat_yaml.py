"""The minutes' front matter, written without PyYAML, reads back through PyYAML as the very values written,
whatever people typed; for ordinary values it is the text PyYAML itself writes, so files do not change look.
Read back without PyYAML, it gives what PyYAML gives, and anything else is left to PyYAML."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from intervisie_tui.core import flat_yaml

from .test_hostile_input import EXAMPLES

# Texts YAML reads as something else when plain, and texts on the edge of plain and quoted.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "null", "~", "12", "012", "0x1F", "1_000", "1:30", "1.5", "1.", ".5", "1e5",
    "1.5e+3", ".inf", "-.INF", ".nan", "2026-11-22", "2026-1-2 3:04:05", "2026-11-22T14:30", "2026-11-22-1430-a",
    "<<", "=", "a: b", "a:", "a #b", "a#b", "#a", "- a", "-a", "? a", "!tag", "&x", "*x", "|", ">", "%x", "@x",
    "`x`", "'q'", '"q"', "a 'b' c", "[a]", "{a}", "a, b", "Dirk [DJ] Jansen", "a  b", " a", "a ", "\ta", "a\n",
    "a\nb", "a\r\nb", "\x85", "\u2028", "\u2029", "\ufeff", "\xa0", "a\x00b", "\x1b[31m", "\x7f", "\x9b", "\ud800",
    "\udfff", "\U0001f642", "\U0010ffff", "\uffff", "\ufffe", "e\u0301", "Zoë", "Ünal", "مرحبا", "\u202eevil",
]  # fmt: skip

texts = st.one_of(
    st.sampled_from(TRICKY + EXAMPLES), st.text(max_size=30), st.text(alphabet="09-:.eE_ x#'", max_size=12)
)
values = st.one_of(
    texts,
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.dates(),
    st.lists(texts, max_size=4),
)
keys = st.sampled_from(["session", "title", "group", "date", "start", "participants", "tags", "planned_minutes"])


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(keys, values, max_size=6))
@example({"title": "", "participants": ["a: b", "yes"], "date": dt.date(2026, 11, 22)})
def test_whatever_is_written_reads_back_as_the_same_values(front: dict[str, flat_yaml.Value]) -> None:
    text = flat_yaml.dump(front)
    read = yaml.safe_load(text) if front else None
    assert read == (front or None)
    if front:  # and without PyYAML: the same, or left to PyYAML (double-quoted texts only)
        flat = flat_yaml.load(text)
        assert flat == front if flat is not None else '"' in text
    assert all(line.startswith(tuple(front)) or line.startswith("- ") for line in text.splitlines())


# Texts PyYAML writes plain and so do we. Not here: y and n, booleans in YAML 1.1 though not to PyYAML, and
# texts that start with a mark other than ( ) / _ . (PyYAML leaves "-a" and ",a" plain): we quote those, for
# readers that are less sure than PyYAML.
def ordinary(text: str) -> bool:
    return text not in ("y", "Y", "n", "N") and not text.startswith(tuple("-,'!?&:# ")) and text.isprintable()


ORDINARY = st.text(alphabet="abcXYZéëß019 -_.,'()/:#!?&", max_size=24).filter(ordinary)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(
        keys,
        st.one_of(
            ORDINARY,
            st.sampled_from([t for t in TRICKY if ordinary(t) and not set(t) & set('[]{}"`|*>%@')]),
            st.none(),
            st.integers(),
            st.dates(min_value=dt.date(1000, 1, 1)),
            st.lists(st.one_of(ORDINARY, st.sampled_from(["Ann", "Zoë", "Team: Zuid", "yes", "12"])), max_size=3),
        ),
        max_size=6,
    )
)
def test_ordinary_values_are_written_as_pyyaml_writes_them(front: dict[str, flat_yaml.Value]) -> None:
    if front:
        assert flat_yaml.dump(front) == yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip()


def test_the_minutes_front_matter_looks_as_before() -> None:
    front: dict[str, flat_yaml.Value] = {
        "session": "2026-11-22-1400-groep-a",
        "protocol": "zeven-stappen",
        "protocol_name": "Intervisie in zeven stappen",
        "title": "Casus: 'lastig' # of niet?",
        "group": "Groep A",
        "date": dt.date(2026, 11, 22),
        "start": "2026-11-22T14:00",
        "end": None,
        "participants": ["Ann", "Bo"],
        "notulist": "",
        "case_bringers": [],
        "planned_minutes": 50,
    }
    assert flat_yaml.dump(front) == yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip()
    assert "session: 2026-11-22-1400-groep-a\n" in flat_yaml.dump(front)


def pyyaml_reads(text: str) -> object:
    try:
        return ("read", yaml.safe_load(text))
    except Exception as exc:  # PyYAML raises more than YAMLError (an impossible date, a huge number)
        return ("refused", type(exc).__name__)


# Lines that look like front matter, made of YAML's marks: what flat_yaml.load reads must be what PyYAML reads.
ODD_VALUES = [*TRICKY, "[]", "null", "~", "'a''b'", "'a'b'", "''", "'", "-0", "+1", "0o7", "2026-02-30", "0000-01-01"]
VALUE = st.one_of(
    st.sampled_from(ODD_VALUES),
    ORDINARY,
    st.integers().map(str),
    st.dates().map(str),
    st.text(alphabet="ab1 -:#'\"[]{}~.&*!|>%@`\t\\", max_size=8),
)
KEY_LINE = st.builds(
    "{}:{}{}".format,
    st.one_of(keys, st.sampled_from(["a", "on", "y", "_", "Null", "a b", "-a", "1", "t#", " a"])),
    st.sampled_from([" ", " ", " ", " ", "", "  ", "\t"]),
    VALUE,
)
LIST = st.builds("{}:\n{}".format, keys, st.lists(VALUE.map("- {}".format), min_size=1, max_size=3).map("\n".join))
ODD_LINE = st.sampled_from(
    ["", "#c", "  x: 1", "-", "- ", "--", "...", "? a", "a: b: c", "a: 1" + "0" * 5000, "key:", "- - a", "a:\n  - b"]
)
LOOKALIKE = st.lists(st.one_of(KEY_LINE, KEY_LINE, LIST, ODD_LINE), min_size=1, max_size=4).map("\n".join)


@settings(max_examples=1500, deadline=None)
@given(LOOKALIKE)
@example("date: 2026-02-30")
@example("a: 1" + "0" * 5000)
@example("on: x")
@example("a: 'it''s'\nb:\n- 'x'\n- 12\n- null")
def test_what_is_read_without_pyyaml_is_what_pyyaml_reads(text: str) -> None:
    flat = flat_yaml.load(text)
    if flat is not None:
        assert pyyaml_reads(text) == ("read", flat)


def test_the_apps_own_front_matter_is_read_without_pyyaml() -> None:
    """The archive reads every new or edited file's front matter: the app's own never needs PyYAML."""
    front: dict[str, flat_yaml.Value] = {
        "session": "2026-11-22-1400-groep-a",
        "title": "Casus: 'lastig' # of niet?",
        "group": "Team [Zuid] & co",
        "date": dt.date(2026, 11, 22),
        "start": "2026-11-22T14:00",
        "end": None,
        "participants": ["Ann", "Zoë", "yes"],
        "case_bringers": [],
        "planned_minutes": 50,
    }
    assert flat_yaml.load(flat_yaml.dump(front)) == front
