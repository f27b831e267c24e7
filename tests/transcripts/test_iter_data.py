"""iter_transcripts can take the file's bytes already read (for workers that cannot see the file)."""

from turncheck.transcripts import iter_transcripts


def test_bytes_given_are_parsed_under_the_path_as_source(tmp_path):
    path = tmp_path / "absent-on-this-worker.txt"
    (item,) = iter_transcripts(path, data=b"Customer: my order is late\nAgent: sorry about that\n")
    assert item.source == str(path) and [t.role for t in item.turns] == ["customer", "agent"]


def test_bad_bytes_give_an_error_naming_the_path(tmp_path):
    path = tmp_path / "x.json"
    (item,) = iter_transcripts(path, data=b'{"turns": [')
    assert item.file == str(path)
