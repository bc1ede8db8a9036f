from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom import readers
from sitroom.corpus import read_documents
from sitroom.documents import MAX_ID_CHARS, MAX_LANGUAGE_CHARS, MAX_OUTLET_CHARS, Document, ReadError


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_plain_text_gets_metadata_from_its_own_text(seed_path: Path) -> None:
    (document,) = read_documents(seed_path)
    assert isinstance(document, Document)
    assert document.id == "000_1c0d675042cec979"
    assert document.date == "2014-01-15"
    assert document.outlet == "Al-Ikhwah Al-Mujahidun"
    assert document.title is not None and document.title.startswith("U.S. And Iran Unite")
    assert document.text == seed_path.read_text(encoding="utf-8")


def test_folder_with_bad_files_reports_each_and_keeps_the_rest(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", b"Rebels shelled the town of Maskanah on Monday.")
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "binary.bin", b"\x00\x01\x02\x03" * 100)
    _write(tmp_path / ".hidden.txt", b"not read")
    items = list(read_documents(tmp_path))
    documents = [item for item in items if isinstance(item, Document)]
    errors = {Path(item.source).name: item.message for item in items if isinstance(item, ReadError)}
    assert [document.id for document in documents] == ["good"]
    assert set(errors) == {"empty.txt", "binary.bin"}
    assert "empty" in errors["empty.txt"] and "binary" in errors["binary.bin"]


def test_jsonl_broken_line_names_file_and_line(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "a", "text": "First article.", "outlet": "Reuters", "date": "4/5/17"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c"}),
        json.dumps({"text": "No id here."}),
    ]
    corpus = _write(tmp_path / "corpus.jsonl", "\n".join(rows).encode())
    items = list(read_documents(corpus))
    assert [type(item).__name__ for item in items] == ["Document", "ReadError", "ReadError", "Document"]
    broken, missing = items[1], items[2]
    assert isinstance(broken, ReadError) and broken.source == f"{corpus}:2"
    assert isinstance(missing, ReadError) and "text" in missing.message
    first, last = items[0], items[3]
    assert isinstance(first, Document) and first.outlet == "Reuters" and first.date == "2017-04-05"
    assert isinstance(last, Document) and last.id == "corpus-4"


def test_duplicate_ids_are_renamed_with_a_warning(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "x", "text": f"Text {n}."}) for n in range(3)]
    items = list(read_documents(_write(tmp_path / "dups.jsonl", "\n".join(rows).encode())))
    assert [item.id for item in items if isinstance(item, Document)] == ["x", "x~2", "x~3"]
    assert all(item.warnings for item in items[1:] if isinstance(item, Document))


def test_csv_corpus(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "c.csv", b'id,title,text\n1,T,"Hello, world."\n2,U,\n')
    items = list(read_documents(corpus))
    assert isinstance(items[0], Document) and items[0].text == "Hello, world." and items[0].title == "T"
    assert isinstance(items[1], ReadError) and items[1].source.endswith(":3")


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    (item,) = read_documents(_write(tmp_path / "c.csv", b"id,body\n1,x\n"))
    assert isinstance(item, ReadError) and "text" in item.message


def test_html_main_content_is_extracted(tmp_path: Path) -> None:
    body = "<p>" + "Government forces retook the town after heavy fighting with rebel groups. " * 6 + "</p>"
    html = (
        "<html><head><title>Town retaken</title></head><body><nav>Home | About</nav>"
        f"<article><h1>Town retaken</h1>{body}</article><footer>Copyright</footer></body></html>"
    )
    (item,) = read_documents(_write(tmp_path / "page.html", html.encode()))
    assert isinstance(item, Document)
    assert "Government forces retook the town" in item.text
    assert "Copyright" not in item.text
    assert item.title == "Town retaken"


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    (item,) = read_documents(tmp_path / "nope.txt")
    assert isinstance(item, ReadError) and "no such" in item.message


def test_fakes_corpus_loads_as_is(fakes_path: Path) -> None:
    items = list(read_documents(fakes_path))
    assert len(items) == 804
    assert all(isinstance(item, Document) for item in items)
    assert len({item.id for item in items if isinstance(item, Document)}) == 804


def test_a_lone_surrogate_is_replaced_and_the_lines_after_it_are_read(tmp_path: Path) -> None:
    rows = [
        '{"id": "bad", "text": "Rebels shelled \\ud800 Maskanah.", "outlet": "Blog \\udfff"}',
        json.dumps({"id": "after", "text": "Government forces retook Douma."}),
    ]
    items = list(read_documents(_write(tmp_path / "c.jsonl", "\n".join(rows).encode())))
    bad, after = items
    assert isinstance(bad, Document) and bad.text == "Rebels shelled \ufffd Maskanah." and bad.outlet == "Blog \ufffd"
    assert bad.content_hash  # the text is valid Unicode: it can be hashed and stored
    assert any("lone-surrogate" in warning and "text" in warning for warning in bad.warnings)
    assert any("outlet" in warning for warning in bad.warnings)
    assert isinstance(after, Document) and after.id == "after"


def test_metadata_longer_than_a_knowledge_base_stores_is_shortened_with_a_warning(tmp_path: Path) -> None:
    row = {"id": "x" * 600, "text": "A ceasefire held in Idlib.\x00", "outlet": "O" * 300, "language": "en-GB-oxendict"}
    (item,) = read_documents(_write(tmp_path / "c.jsonl", json.dumps(row).encode()))
    assert isinstance(item, Document)
    assert item.text == "A ceasefire held in Idlib.\ufffd"
    assert len(item.id) == MAX_ID_CHARS and item.id.startswith("x" * 400)
    assert item.outlet == "O" * MAX_OUTLET_CHARS
    assert item.language == "en-GB-ox"[:MAX_LANGUAGE_CHARS]
    assert len(item.warnings) == 4


def test_two_long_ids_with_one_prefix_stay_distinct(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "p" * 600 + suffix, "text": f"Text {suffix}."}) for suffix in "ab"]
    first, second = read_documents(_write(tmp_path / "c.jsonl", "\n".join(rows).encode()))
    assert isinstance(first, Document) and isinstance(second, Document) and first.id != second.id


def test_a_device_that_never_ends_is_read_only_up_to_the_limit() -> None:
    (item,) = read_documents(Path("/dev/zero"))
    assert isinstance(item, ReadError) and item.message.startswith("document too large: more than")


def test_an_overlong_or_deeply_nested_json_line_is_an_error_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 5000)
    rows = [b'{"text": "' + b"a" * 6000 + b'"}', b"[" * 4000, json.dumps({"id": "ok", "text": "Fine."}).encode()]
    items = list(read_documents(_write(tmp_path / "c.jsonl", b"\n".join(rows))))
    assert [type(item).__name__ for item in items] == ["ReadError", "ReadError", "Document"]
    assert isinstance(items[0], ReadError) and "too long" in items[0].message and items[0].source.endswith(":1")
    assert isinstance(items[1], ReadError) and "nested too deeply" in items[1].message


def _sources_without_privileges(folder: Path) -> list[str]:
    """What read_documents reports for ``folder`` in a process that cannot bypass file permissions."""
    script = (
        "import sys; from pathlib import Path; from sitroom.corpus import read_documents\n"
        "for item in read_documents(Path(sys.argv[1])):\n"
        "    print(getattr(item, 'message', 'document'), '|', getattr(item, 'source', ''))"
    )
    command = [sys.executable, "-c", script, str(folder)]
    if os.geteuid() == 0:  # root reads every folder: drop the capabilities that let it
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels shelled Maskanah.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Never read.", encoding="utf-8")
    locked.chmod(0)
    try:
        lines = _sources_without_privileges(tmp_path)
    finally:
        locked.chmod(0o755)
    assert lines == [f"document | {tmp_path / 'a.txt'}", f"unreadable folder: Permission denied | {locked}"]


def test_a_jsonl_corpus_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "a", "text": "First."}), json.dumps({"id": "b", "text": "Second."})]
    items = list(read_documents(_write(tmp_path / "c.jsonl", b"\xef\xbb\xbf" + "\n".join(rows).encode())))
    assert [item.id for item in items if isinstance(item, Document)] == ["a", "b"]
