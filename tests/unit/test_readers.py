from __future__ import annotations

import json
from pathlib import Path

from sitroom.documents import Document, ReadError
from sitroom.readers import read_documents


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
