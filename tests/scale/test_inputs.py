"""Which files a folder walk offers as inputs."""

import json
from pathlib import Path

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


# -- .gitignore, exclude patterns and turncheck's own files (issue 14, item 7) ---------------------------

CHAT = "Agent: hi\nCustomer: hello\n"


def _names(found: list[str], root) -> list[str]:
    return sorted(Path(f).relative_to(root).as_posix() for f in found)


def test_folder_scan_honours_gitignore_files_up_to_the_work_tree_root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("archive/\n*.tmp.txt\n")
    calls = tmp_path / "data" / "calls"
    (calls / "archive").mkdir(parents=True)
    (calls / "sub").mkdir()
    for rel in ("a.txt", "b.tmp.txt", "archive/old.txt", "sub/c.txt", "sub/d.txt", "sub/keep.tmp.txt"):
        (calls / rel).write_text(CHAT)
    (calls / "sub" / ".gitignore").write_text("d.txt\n!keep.tmp.txt\n")
    # scanning a folder deep inside the work tree still applies the root's .gitignore
    assert _names(expand_inputs([str(calls)]), calls) == ["a.txt", "sub/c.txt", "sub/keep.tmp.txt"]
    # a file named on its own is read whatever .gitignore says
    assert expand_inputs([str(calls / "b.tmp.txt")]) == [str(calls / "b.tmp.txt")]


def test_a_folder_git_ignores_is_read_when_named(tmp_path):
    # transcripts are often kept out of the repository ("data/" in .gitignore) and checked from inside it
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("data/\n*.tmp.txt\n")
    data = tmp_path / "data"
    (data / "deeper").mkdir(parents=True)
    for rel in ("a.txt", "deeper/b.txt", "c.tmp.txt"):
        (data / rel).write_text(CHAT)
    (data / "deeper" / ".gitignore").write_text("b.txt\n")
    # the parents' patterns no longer apply inside it; its own .gitignore files still do
    assert _names(expand_inputs([str(data)]), data) == ["a.txt", "c.tmp.txt"]
    # scanning the work tree itself still leaves the ignored folder out
    assert not [p for p in expand_inputs([str(tmp_path)]) if "/data/" in p]


def test_gitignore_above_a_folder_outside_a_work_tree_is_not_applied(tmp_path):
    (tmp_path / ".gitignore").write_text("*.txt\n")  # no .git here: not git's business
    (tmp_path / "chats").mkdir()
    (tmp_path / "chats" / "a.txt").write_text(CHAT)
    assert _names(expand_inputs([str(tmp_path / "chats")]), tmp_path / "chats") == ["a.txt"]


def test_default_exclude_skips_project_manifests_and_exclude_options_replace_or_extend_it(tmp_path):
    for rel in ("requirements.txt", "requirements-dev.txt", "package.json", "tsconfig.json", "chat.txt",
                "drafts/x.txt", "node_modules/m/y.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(CHAT)
    assert _names(expand_inputs([str(tmp_path)]), tmp_path) == ["chat.txt", "drafts/x.txt"]
    assert _names(expand_inputs([str(tmp_path)], extend_exclude=["drafts/"]), tmp_path) == ["chat.txt"]
    # exclude replaces the defaults
    assert _names(expand_inputs([str(tmp_path)], exclude=["drafts/", "node_modules/"]), tmp_path) == [
        "chat.txt", "package.json", "requirements-dev.txt", "requirements.txt", "tsconfig.json"]


def test_turncheck_config_waivers_and_results_files_are_not_transcripts(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chats").mkdir()
    (tmp_path / "chats" / "a.txt").write_text(CHAT)
    (tmp_path / "turncheck.toml").write_text("jobs = 1\nwaivers = \"exceptions.yaml\"\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = \"x\"\n")
    (tmp_path / "exceptions.yaml").write_text("- transcript: x\n  rule: thanks\n  reason: r\n  expires: 2999-01-01\n")
    for fmt in ("json", "jsonl", "csv", "md", "html", "junit", "sarif"):
        res = cli("chats/a.txt", "-q", "--format", fmt, "-o", f"results-{fmt}.out")
        assert res.exit_code in (0, 1), res.stdout
    # every results file, the config and the waiver file are passed over: one transcript, no error records
    res = cli(".", "-q", "--format", "jsonl")
    cards = [json.loads(line) for line in res.stdout.splitlines()]
    assert [Path(c["source"]).as_posix() for c in cards] == ["chats/a.txt"], res.stdout
    # named on their own they are read (and are no transcripts)
    assert _names(expand_inputs([str(tmp_path / "results-json.out")]), tmp_path) == ["results-json.out"]


def test_exclude_settings_from_the_config_file_and_the_command_line(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel in ("chats/a.txt", "chats/drafts/b.txt", "chats/c.notes.txt", "chats/.hidden.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(CHAT)
    (tmp_path / "turncheck.toml").write_text('jobs = 1\nformat = "jsonl"\nextend-exclude = ["drafts/"]\n')

    def sources(*args):
        res = cli("chats", "-q", *args)
        return sorted(Path(json.loads(line)["source"]).name for line in res.stdout.splitlines())

    assert sources() == ["a.txt", "c.notes.txt"]
    assert sources("--extend-exclude", "*.notes.txt") == ["a.txt"]
    # --exclude replaces the default list (hidden files come in); the config's extend-exclude still applies
    assert sources("--exclude", "nothing-matches") == [".hidden.txt", "a.txt", "c.notes.txt"]


def test_an_evaluation_labels_file_under_any_name_is_not_a_transcript(tmp_path):
    (tmp_path / "a.txt").write_text(CHAT)
    # labels as a reviewer keeps them (extra fields between) and as `review export` writes them (compact)
    (tmp_path / "reviewer2.jsonl").write_text(
        '{"file": "a.txt", "problem": "yes", "labels": {"apology": "pass"}, "notes": ""}\n')
    (tmp_path / "labels-2026-12.jsonl").write_text('{"file":"a.txt","labels":{"thanks":"fail"},"reviewer":"kim"}\n')
    # a transcript record that only names a file, or keeps tags as a list, is still a transcript
    (tmp_path / "export.jsonl").write_text(
        '{"file": "call-1.wav", "labels": ["billing"], "turns": [{"role": "agent", "text": "hi"}]}\n')
    assert _names(expand_inputs([str(tmp_path)]), tmp_path) == ["a.txt", "export.jsonl"]
    # named on its own, a labels file is read (and is no transcript)
    assert _names(expand_inputs([str(tmp_path / "reviewer2.jsonl")]), tmp_path) == ["reviewer2.jsonl"]
