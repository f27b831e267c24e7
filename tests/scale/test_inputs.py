"""Which files a folder walk offers as inputs."""

from turncheck.runner import expand_inputs


def test_folder_walk_passes_over_licences_readmes_and_hidden_files(tmp_path):
    (tmp_path / "chats").mkdir()
    (tmp_path / "chats" / "a.txt").write_text("Agent: hi\nCustomer: hello\n")
    (tmp_path / "LICENSES").mkdir()
    (tmp_path / "LICENSES" / "MIT.txt").write_text("Permission is hereby granted ...\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    for name in ("README.md", "LICENSE", "labels.jsonl", "x.json.expected.json", ".hidden.txt"):
        (tmp_path / name).write_text("not a transcript\n")
    (tmp_path / "b.vtt").write_text("WEBVTT\n")

    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / "b.vtt"), str(tmp_path / "chats" / "a.txt")]


def test_a_licence_named_explicitly_is_still_read(tmp_path):
    lic = tmp_path / "LICENSES" / "MIT.txt"
    lic.parent.mkdir()
    lic.write_text("Permission is hereby granted ...\n")
    assert expand_inputs([str(lic)]) == [str(lic)]
    assert expand_inputs([str(lic.parent)]) == [str(lic)]  # the folder itself is what was asked for
