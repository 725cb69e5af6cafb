"""Broken and hostile protocol files: each gets one positioned line, is never read when it is not a file, and
never stops anything else (the catalog, `protocols list`, running a bundled protocol).

Fuzzed through the real paths: `load_protocol`, `load_catalog`/`resolve` and `cli.main`.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intervisie_tui.cli import main
from intervisie_tui.core.catalog import bundled_dir, load_catalog, resolve
from intervisie_tui.core.protocol import Minutes, Phase, Protocol
from intervisie_tui.core.protocol_loader import ProtocolError, load_protocol, protocol_from_mapping
from intervisie_tui.core.safe_text import has_control
from intervisie_tui.protocol_text import describe_protocol, protocol_table

from .test_bundled_protocols import EXPECTED_IDS

GOOD = "id: eigen\nname: Eigen\nphases:\n  - {id: a, title: A, minutes: 7}\n"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BUNDLED_TEXT = {name: (bundled_dir() / f"{name}.yaml").read_text(encoding="utf-8") for name in EXPECTED_IDS}

# Raw YAML put where a value stands: every kind of scalar the YAML reader can meet, and some it cannot.
RAW_VALUES = [
    ".nan",
    ".inf",
    "-.inf",
    "2023-02-29",
    "2023-02-29 25:61:00",
    "9" * 5000,
    "9" * 400,
    "-" + "9" * 30,
    "0x" + "f" * 60,
    "1.0e400",
    "99999999999999999999",
    "1:30",
    "0",
    "-1",
    "~",
    "yes",
    "!!int x",
    "!!bool maybe",
    "!!float nope",
    "!!timestamp 2023-13-45",
    "!!binary aGk=",
    "!!python/object:os.system x",
    "!!set {a, b}",
    '"\\e[2J"',
    '"\\x9b31m"',
    '"a\\nb"',
    '"\\ud800"',
    "[/x] [@click=app.quit]",
    "*nope",
    "&a [*a]",
    "[",
    "{",
    "'",
    "|",
    "? [a]",
    "[1, 2, 3]",
    "{a: 1}",
    "[.nan, 5]",
    "[5, 2023-02-29]",
    "",
]
PROBLEM_LINE = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)")
MUTANT_KINDS = ["raw", "typed", "truncated", "bytes", "spliced"]
# Python values a hand edit can leave under any key of the parsed data.
TYPED_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    10**30,
    float("nan"),
    float("inf"),
    "",
    " ",
    "x" * 2000,
    "\x1b]0;title\x07",
    "a\nb",
    "[/x]",
    [],
    {},
    [1, 2, 3],
    {"a": [1]},
    [None],
]


def assert_one_line_problems(problems: list[Any], file: str) -> None:
    assert problems
    for problem in problems:
        line = str(problem)
        match = PROBLEM_LINE.fullmatch(line)
        assert match and match["file"] == file, line
        assert not has_control(line), line


def outcome(path: Path) -> Protocol | None:
    """Load a file; it either loads or fails with positioned one-line problems naming it, nothing else."""
    try:
        protocol = load_protocol(path)
    except ProtocolError as exc:
        assert_one_line_problems(exc.problems, str(path))
        return None
    for text in (protocol_table_of(protocol), describe_protocol(protocol)):
        assert not has_control(text, multiline=True)
    return protocol


def protocol_table_of(protocol: Protocol) -> str:
    from intervisie_tui.core.catalog import Catalog, Entry

    return protocol_table(Catalog((Entry(protocol, Path("p.yaml"), bundled=False),), ()))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replaced(data[head], rest, value)
    return copy


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """A bundled protocol broken one way: a raw YAML value, a changed type, truncation, random bytes, a splice."""
    text = BUNDLED_TEXT[draw(st.sampled_from(EXPECTED_IDS))]
    kind = draw(st.sampled_from(MUTANT_KINDS))
    if kind == "raw":
        lines = text.splitlines()
        candidates = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?[a-z_]+: \S", line)]
        index = draw(st.sampled_from(candidates))
        key = lines[index].split(":", 1)[0]
        lines[index] = f"{key}: {draw(st.sampled_from(RAW_VALUES))}"
        return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if kind == "typed":
        data = yaml.safe_load(text)
        path = draw(st.sampled_from(_paths(data)))
        mutated = _replaced(data, path, draw(st.sampled_from(TYPED_VALUES)))
        return yaml.safe_dump(mutated, allow_unicode=True).encode()
    raw = text.encode()
    if kind == "truncated":
        return raw[: draw(st.integers(0, len(raw)))]
    if kind == "bytes":
        return draw(st.binary(max_size=3000))
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(min_size=1, max_size=40)) + raw[at:]


# ----- one value at a time -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("source: 2023-02-29", None),
        ("total_minutes: .nan", "5:16: total_minutes: must be a finite number, not .nan"),
        ("total_minutes: -.inf", "5:16: total_minutes: must be a finite number, not -.inf"),
        ("total_minutes: [.inf, 5]", "5:17: total_minutes[0]: must be a finite number, not .inf"),
        ("total_minutes: " + "9" * 5000, "5:16: number too long (over 32 characters)"),
        ("total_minutes: " + "9" * 30, "5:16: total_minutes: must be at most 1440, not a number of more than 15"),
        ("total_minutes: 1441", "5:16: total_minutes: must be at most 1440, not 1441"),
        ("group_size: [1, 99999999999]", "5:13: group_size: must go up from at least 1 to at most 1000"),
        ("tips: !!binary aGk=", "5:7: unsupported value or tag 'tag:yaml.org,2002:binary'"),
        ("tips: !!int zes", "5:7: not a valid int value; leave out the '!!int' tag to write text"),
        ("roles: [{a: 1}]", "5:9: roles[0]: a mapping is not allowed here; one of: moderator"),
        ('description: "a\\e[2Jb"', "5:14: description: holds the control character U+001B"),
        ('description: "a\\x9bb"', "5:14: description: holds the control character U+009B"),
        ('description: "a\\x7fb"', "5:14: description: holds the control character U+007F"),
        ('description: "two\\nlines\\tand a tab"', None),
        ('source: "two\\nlines"', "5:9: source: must be one line of text, without line breaks"),
        ("description: a\x1bb", "5:15: control character U+001B in the file"),
    ],
)
def test_every_value_is_checked_and_reported_at_its_place(tmp_path: Path, line: str, expected: str | None) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(GOOD + line + "\n", encoding="utf-8")
    if expected is None:
        assert outcome(path) is not None
        return
    with pytest.raises(ProtocolError) as info:
        load_protocol(path)
    assert_one_line_problems(info.value.problems, str(path))
    assert str(info.value.problems[0]).startswith(f"{path}:{expected}"), info.value.problems


def test_a_date_stays_the_text_it_was_written_as(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(GOOD + "source: 2023-02-29\n", encoding="utf-8")
    assert load_protocol(path).source == "2023-02-29"


def test_control_characters_in_titles_and_prompts_are_refused_with_their_place() -> None:
    raw = (
        'id: a\nname: A\nphases:\n  - id: x\n    title: "Stap \\e]0;pwned\\a"\n    minutes: 5\n'
        '    prompts:\n      - "Vraag\\e[2J"\n      - "Goed"\n'
    )
    from intervisie_tui.core.protocol_loader import load_protocol_bytes

    with pytest.raises(ProtocolError) as info:
        load_protocol_bytes(raw.encode(), "p.yaml")
    assert [str(p) for p in info.value.problems] == [
        "p.yaml:5:12: phases[0].title: holds the control character U+001B; "
        "protocol text cannot hold terminal control codes",
        "p.yaml:8:9: phases[0].prompts[0]: holds the control character U+001B; "
        "protocol text cannot hold terminal control codes",
    ]


def test_saved_protocol_data_is_checked_as_strictly_as_a_file() -> None:
    data = yaml.safe_load(GOOD)
    for value in (float("nan"), float("inf"), 10**400, "\x1b[2J", True):
        broken = {**data, "phases": [{"id": "a", "title": "A", "minutes": value}]}
        with pytest.raises(ProtocolError) as info:
            protocol_from_mapping(broken)
        assert_one_line_problems(info.value.problems, "<saved-session>")


def test_the_terminal_never_gets_a_protocols_control_characters() -> None:
    phase = Phase(id="x", title="Titel\x1b[2J", minutes=Minutes.fixed(5))
    protocol = Protocol(id="a\x9b", name="Naam\x1b]0;x\x07", phases=(phase,), description="a\nb\x1b", source="\x00")
    table, description = protocol_table_of(protocol), describe_protocol(protocol)
    assert not has_control(table) and not has_control(description, multiline=True)
    assert "Naam␛]0;x␇" in table and "a<9B>" in table
    assert "Titel␛[2J" in description and "a\nb␛" in description and "Bron" not in description


# ----- not a file --------------------------------------------------------------------------------------------


def within_seconds(seconds: float, action: Callable[[], object]) -> None:
    """Run an action in a thread and fail (instead of hanging the suite) when it blocks."""
    done = threading.Event()

    def run() -> None:
        action()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), "blocked"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_a_device_and_a_folder_are_refused_at_once_never_read(
    tmp_path: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "map.yaml"
    folder.mkdir()
    device = Path("/dev/zero")

    def check() -> None:
        code = main(["protocols", "validate", str(fifo), str(device), str(folder), "--lang", "en"])
        out, err = capsys.readouterr()
        assert (code, err) == (1, "")
        assert out.splitlines() == [
            f"{fifo}:1:1: is a named pipe (FIFO), not a protocol file",
            f"{device}:1:1: is a device, not a protocol file",
            f"{folder}:1:1: is a folder, not a protocol file",
        ]
        for target in (fifo, folder):
            assert main(["run", str(target), "--lang", "en"]) == 1
            out, err = capsys.readouterr()
            assert out == "" and err.count("\n") == 1 and err.startswith(f"intervisie: {target}:1:1: is a ")

    within_seconds(10, check)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_among_the_users_protocols_is_listed_as_broken(isolated_dirs: Path) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pijp.yaml")
    (folder / "eigen.yaml").write_text(GOOD)
    result: list[Any] = []
    within_seconds(10, lambda: result.append(load_catalog()))
    catalog = result[0]
    assert catalog.ids == (*EXPECTED_IDS, "eigen")
    assert [str(p) for p in catalog.problems] == [
        f"{folder / 'pijp.yaml'}:1:1: is a named pipe (FIFO), not a protocol file"
    ]


# ----- fuzzed files ------------------------------------------------------------------------------------------


@FUZZ
@given(raw=mutants())
def test_fuzzed_protocol_files_load_or_give_positioned_lines(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    outcome(path)


@FUZZ
@given(raw=mutants())
@pytest.mark.usefixtures("english_cli")
def test_one_broken_user_protocol_never_stops_the_others(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "eigen.yaml").write_text(GOOD)
    broken = folder / "kapot.yaml"
    broken.write_bytes(raw)
    catalog = load_catalog()
    assert set(EXPECTED_IDS) | {"eigen"} <= set(catalog.ids)
    for problem in catalog.problems:
        assert_one_line_problems([problem], str(broken))
    for protocol_id in ("zeven-stappen", "chat-sessie", "eigen"):
        assert resolve(protocol_id).id == protocol_id
    code = main(["protocols", "list"])
    out, err = capsys.readouterr()
    assert code == 0 and [line.split()[0] for line in out.splitlines()][: len(EXPECTED_IDS)] == list(EXPECTED_IDS)
    for line in err.splitlines():
        assert line.startswith(f"intervisie: skipped a broken protocol: {broken}:")
    code = main(["protocols", "validate", str(broken), str(folder / "eigen.yaml")])
    out, err = capsys.readouterr()
    assert err == "" and out.endswith(f"{folder / 'eigen.yaml'}: valid\n")
    lines = out.splitlines()[:-1]
    if code == 0:
        assert lines == [f"{broken}: valid"]
    else:
        assert code == 1
        assert_one_line_problems(lines, str(broken))


# ----- nothing else stops ------------------------------------------------------------------------------------


BROKEN_USER_FILES = {
    "datum.yaml": GOOD.replace("eigen", "datum") + "source: 2023-02-29\n",
    "nan.yaml": GOOD.replace("eigen", "nan").replace("minutes: 7", "minutes: .nan"),
    "groot.yaml": GOOD.replace("eigen", "groot").replace("minutes: 7", "minutes: " + "9" * 5000),
    "escape.yaml": GOOD.replace("eigen", "escape").replace("name: Eigen", 'name: "\\e]0;pwned\\a"'),
    "kapot\x1b[2J.yaml": "id: [\n",
}


def broken_user_folder(home: Path) -> Path:
    folder = home / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    for name, text in BROKEN_USER_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "eigen.yaml").write_text(GOOD)
    return folder


@pytest.mark.usefixtures("english_cli")
def test_protocols_list_and_validate_show_file_names_and_problems_without_control_codes(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = broken_user_folder(isolated_dirs)
    code = main(["protocols", "list"])
    out, err = capsys.readouterr()
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == [*EXPECTED_IDS, "datum", "eigen"]
    assert "\x1b" not in out + err and f"{folder}/kapot␛[2J.yaml:2:1: YAML syntax error" in err
    assert len(err.splitlines()) == 4
    code = main(["protocols", "validate", *(str(folder / name) for name in BROKEN_USER_FILES)])
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and "\x1b" not in out
    assert f"{folder}/escape.yaml:2:7: name: holds the control character U+001B" in out
    code = main(["protocols", "show", "\x1b[2Jonbekend"])
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("intervisie: unknown protocol '␛[2Jonbekend'") and "\x1b" not in err


async def test_the_start_screen_and_a_bundled_protocol_run_beside_broken_user_protocols(
    isolated_dirs: Path, tmp_path: Path
) -> None:
    from intervisie_tui.core.clock import ManualClock
    from intervisie_tui.ui.start_screen import StartScreen

    from .helpers import make_app, session_screen

    broken_user_folder(isolated_dirs)
    app = make_app(tmp_path / "data", ManualClock(), protocol_id=None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert app.screen.catalog.ids == (*EXPECTED_IDS, "datum", "eigen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert session_screen(app).session.protocol.id == "zeven-stappen"
