"""The archive's change check between two searches: each search is a new process, and every change is found.

The index keeps the listing of its last look at the folder (names and stats); a search compares the folder
with it. These tests make the changes people make between two `minutes search` commands -- an edit in place
in the middle of a large folder, a new file, a file deleted after another command indexed it, a file replaced
by a folder, a damaged listing -- and check what the next search (a new Archive, as a new process has) finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core.archive import BLOCK, Archive

FILES = 3 * BLOCK + 7


def write(folder: Path, number: int, word: str) -> Path:
    path = folder / f"2026-01-01 {number:04} Groep.md"
    path.write_text(
        f"---\nsession: s{number}\ndate: 2026-01-01\ngroup: Groep {number}\n---\n\nWe spraken over {word}.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    for number in range(FILES):
        write(minutes, number, "rooster")
    assert Archive(minutes).search("rooster").total == FILES
    return minutes


def search(folder: Path, word: str) -> list[str]:
    """The session ids a new process's search finds (a new Archive knows nothing of the last one)."""
    return sorted(summary.id for summary, _ in Archive(folder).search(word, limit=FILES))


@pytest.mark.parametrize("number", [0, BLOCK - 1, BLOCK, 2 * BLOCK + 3, FILES - 1])
def test_an_edit_in_place_anywhere_in_a_large_folder_is_found_by_the_next_search(folder: Path, number: int) -> None:
    path = folder / f"2026-01-01 {number:04} Groep.md"
    with path.open("r+", encoding="utf-8") as file:  # same size, same inode, the folder unchanged
        text = file.read()
        file.seek(0)
        file.write(text.replace("rooster", "planner"))
    assert search(folder, "planner") == [f"s{number}"]
    assert len(search(folder, "rooster")) == FILES - 1


def test_new_and_deleted_files_are_found_together_with_an_edit(folder: Path) -> None:
    write(folder, FILES, "planner")
    (folder / "2026-01-01 0005 Groep.md").unlink()
    write(folder, 9, "planner")
    assert search(folder, "planner") == sorted([f"s{FILES}", "s9"])
    assert len(search(folder, "rooster")) == FILES - 2


def test_a_file_another_command_indexed_and_then_deleted_is_not_listed(folder: Path) -> None:
    new = write(folder, FILES, "planner")
    assert Archive(folder).latest(f"Groep {FILES}") is not None  # the start of a session: only the names
    new.unlink()
    assert search(folder, "planner") == []
    assert len(Archive(folder).summaries()) == FILES


def test_a_file_replaced_by_a_folder_leaves_the_results(folder: Path) -> None:
    path = folder / "2026-01-01 0070 Groep.md"
    path.unlink()
    path.mkdir()
    assert "s70" not in search(folder, "rooster") and len(search(folder, "rooster")) == FILES - 1


def test_a_damaged_or_stale_listing_is_never_used(folder: Path) -> None:
    listing = folder.parent / "search-index.sqlite3-listing"
    assert listing.stat().st_mode & 0o777 == 0o600
    saved = listing.read_bytes()
    listing.write_bytes(saved[:16] + b"\xff" * 40)  # the right digest, a damaged listing
    write(folder, 3, "planner")
    assert search(folder, "planner") == ["s3"]
    listing.write_bytes(saved)  # an older listing: its digest is not the index's any more
    write(folder, 4, "planner")
    assert search(folder, "planner") == ["s3", "s4"]
    assert len(search(folder, "rooster")) == FILES - 2


def test_deleting_through_the_archive_removes_the_listing_that_names_the_files(folder: Path) -> None:
    archive = Archive(folder)
    path = folder / "2026-01-01 0011 Groep.md"
    archive.drop([path])
    assert not (folder.parent / "search-index.sqlite3-listing").exists()
    path.unlink()
    archive.forget()
    assert path.name.encode() not in (folder.parent / "search-index.sqlite3-listing").read_bytes()
    assert len(search(folder, "rooster")) == FILES - 1


def test_many_new_files_at_once_are_all_found_with_an_edit(folder: Path) -> None:
    for number in range(FILES, FILES + BLOCK + 1):  # more than the few a save makes: compared as sets
        write(folder, number, "planner")
    write(folder, 2, "planner")
    assert search(folder, "planner") == sorted(f"s{n}" for n in [2, *range(FILES, FILES + BLOCK + 1)])
    assert len(search(folder, "rooster")) == FILES - 1
