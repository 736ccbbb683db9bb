"""When each file of a course was last committed: one `git log`, every file name as it is."""

from datetime import UTC, datetime

from conftest import commit_all
from courselib.git_dates import last_commit_dates


def test_every_file_name_git_would_quote_gets_its_date(tmp_path):
    names = ["1-a/README.md", '1-a/say "hi".md', "1-a/back\\slash.md", "1-a/Übung 2.md"]
    for name in names:
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("# x\n", encoding="utf-8")
    commit_all(tmp_path)
    dates = last_commit_dates(str(tmp_path / "content"))
    assert dates == dict.fromkeys(names, datetime(2025, 3, 14, 12, tzinfo=UTC))
