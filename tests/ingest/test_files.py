"""Files and folders: every bad input becomes a Failure, good ones become Documents."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tiewatch.errors import RecordError, TooLargeError
from tiewatch.ingest import parse_text, read_path
from tiewatch.ingest.files import read_file_bytes, split_front_matter
from tiewatch.models import Document, Failure, content_hash
from tiewatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
STORY = "The river ferry will run every half hour from Monday, the operator said.\n"

BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n\t\n", "empty input"),
    ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00 some zipped bytes", "binary data (NUL bytes)"),
    ("latin1.txt", "Caf\u00e9 owners met the mayor on Monday.".encode("latin-1"), "invalid utf-8"),
    ("wide.txt", STORY.encode("utf-16"), "UTF-16"),
    ("huge.txt", b"word " * 50_000, "over the 200000-byte limit"),
    ("short.txt", b"Too short.", "text too short (10 < 20 characters)"),
    ("frontonly.md", b"---\ntitle: Nothing else\n---\n", "no text"),
    ("badfront.md", b"---\ntitle: [unclosed\n---\n" + STORY.encode(), "malformed front matter"),
    ("listfront.md", b"---\n- a\n- b\n---\n" + STORY.encode(), "not a mapping"),
    ("notes.pdf", b"%PDF-1.4 whatever", "unsupported file type '.pdf'"),
    ("README", STORY.encode(), "unsupported file type '(none)'"),
    ("broken.json", b'{"text": "unterminated', "malformed JSON"),
    ("scalar.json", b"42", "not an object or a list"),
    ("notext.json", b'{"title": "A title and nothing else"}', "record has no text"),
    ("emptytext.json", b'{"title": "Blank", "text": "   "}', "record has no text"),
    ("numtext.json", b'{"text": 12345}', "record text is a JSON number, not a string"),
    ("navonly.html", (FIXTURES / "articles" / "navonly.html").read_bytes(), "no article text"),
    ("empty.html", b"", "empty file"),
    ("badcharset.html", b'<meta charset="klingon"><p>text</p>', "unknown text encoding"),
    ("binary.jsonl", b'{"text": "x"}\n\x00\x01\x02\n', "binary file"),
    ("blank.jsonl", b"\n\n  \n", "no records in file"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_becomes_a_failure(
    tmp_path: Path, settings: Settings, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    results = list(read_path(path, settings=settings, now=NOW))
    assert len(results) == 1
    failure = results[0]
    assert isinstance(failure, Failure)
    assert failure.stage == "ingest"
    assert failure.input == str(path)
    assert reason.lower() in failure.reason.lower()
    assert "\n" not in failure.reason
    assert failure.at == NOW


def test_missing_path_is_a_failure(tmp_path: Path, settings: Settings) -> None:
    (failure,) = read_path(tmp_path / "nowhere.txt", settings=settings)
    assert isinstance(failure, Failure)
    assert failure.reason == "no such file or folder"


def test_size_is_checked_before_the_file_is_opened(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (settings.max_document_bytes + 1))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(TooLargeError):
        read_file_bytes(path, settings=settings)


def test_front_matter_gives_the_metadata(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\n"
        "title: Ferry runs every half hour\n"
        "outlet: River Courier\n"
        "published: 2024-03-05\n"
        "url: https://courier.example.net/ferry\n"
        "id: rc-0042\n"
        "tags: [transport]\n"
        "---\n" + STORY + "\nCommuters welcomed the change.\n",
        "utf-8",
    )
    (document,) = read_path(path, settings=settings, now=NOW)
    assert isinstance(document, Document)
    assert document.text == STORY + "\nCommuters welcomed the change."
    assert document.id == content_hash(document.text)
    assert document.title == "Ferry runs every half hour"
    assert document.outlet == "River Courier"
    assert document.published == date(2024, 3, 5)
    assert document.url == "https://courier.example.net/ferry"
    assert document.external_id == "rc-0042"
    assert document.source == str(path)
    assert document.ingested_at == NOW


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("'5 March 2024'", date(2024, 3, 5)),
        ("March 2024", date(2024, 3, 1)),
        ("2024-03-05T23:30:00-05:00", date(2024, 3, 5)),
        ("sometime soon", None),
        ("yesterday", None),
        ("'5 March'", None),
        ("", None),
    ],
)
def test_front_matter_dates(settings: Settings, published: str, expected: date | None) -> None:
    text = f"---\npublished: {published}\n---\n{STORY}"
    document = parse_text(text, source=None, settings=settings)
    assert document.published == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Ferry timetable changes\n\n{STORY}", "Ferry timetable changes"),
        (f"# Ferry timetable changes\n\n{STORY}", "Ferry timetable changes"),
        (f"{'A very long opening line ' * 10}\n{STORY}", None),
        (STORY, None),
    ],
)
def test_title_is_a_short_first_line(settings: Settings, text: str, title: str | None) -> None:
    assert parse_text(text, source=None, settings=settings).title == title


def test_metadata_gives_defaults_that_front_matter_overrides(settings: Settings) -> None:
    text = f"---\noutlet: River Courier\n---\n{STORY}"
    metadata = {"outlet": "Unknown", "url": "https://example.net/x"}
    document = parse_text(text, source="x", settings=settings, metadata=metadata)
    assert document.outlet == "River Courier"
    assert document.url == "https://example.net/x"


def test_unclosed_front_matter_is_text(settings: Settings) -> None:
    front, body = split_front_matter("---\ntitle: no end\n" + STORY)
    assert front == {}
    assert body.startswith("---")


def test_windows_line_ends_are_normalised(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First paragraph of the story.\r\n\r\nSecond paragraph of it.\r\n")
    (document,) = read_path(path, settings=settings)
    assert isinstance(document, Document)
    assert document.text == "First paragraph of the story.\n\nSecond paragraph of it."


def test_folder_is_read_recursively_in_order(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "b.txt").write_text("Second file, read after the folder a.\n", "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "c.md").write_text("A markdown file inside folder a.\n", "utf-8")
    (tmp_path / "d.json").write_text(
        '[{"id": "d1", "text": "The first record of the list."},'
        ' {"id": "d2", "text": "The second record of the list."}]',
        "utf-8",
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("A hidden folder is skipped.\n", "utf-8")
    (tmp_path / ".secret.txt").write_text("A hidden file is skipped too.\n", "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF unknown types are skipped silently")
    results = list(read_path(tmp_path, settings=settings))
    assert all(isinstance(result, Document) for result in results)
    assert [result.source for result in results] == [
        str(tmp_path / "a" / "c.md"),
        str(tmp_path / "b.txt"),
        f"{tmp_path / 'd.json'}[0]",
        f"{tmp_path / 'd.json'}[1]",
    ]


def test_bad_file_in_a_folder_does_not_stop_the_batch(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "b.txt").write_text(STORY, "utf-8")
    first, second = read_path(tmp_path, settings=settings)
    assert isinstance(first, Failure)
    assert isinstance(second, Document)


@pytest.mark.parametrize(
    ("name", "published", "outlet"),
    [
        ("ferry.html", date(2024, 3, 5), "Harbour Gazette"),
        ("orchard.html", None, None),
    ],
)
def test_html_file(
    tmp_path: Path, settings: Settings, name: str, published: date | None, outlet: str | None
) -> None:
    path = tmp_path / name
    shutil.copy(FIXTURES / "articles" / name, path)
    (document,) = read_path(path, settings=settings)
    assert isinstance(document, Document)
    assert document.published == published
    assert document.undated is (published is None)
    assert document.outlet == outlet
    assert document.source == str(path)


def test_front_matter_error_is_typed(settings: Settings) -> None:
    with pytest.raises(RecordError):
        parse_text("---\n: [\n---\n" + STORY, source=None, settings=settings)
