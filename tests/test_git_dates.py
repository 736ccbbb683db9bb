"""When each file of a course was last committed: one `git log`, every file name as it is."""

import subprocess
from datetime import UTC, datetime

from courselib.git_dates import last_commit_dates

COMMITTED = {
    "GIT_AUTHOR_DATE": "2025-03-14T12:00:00Z",
    "GIT_COMMITTER_DATE": "2025-03-14T12:00:00Z",
    "GIT_AUTHOR_NAME": "Instructor",
    "GIT_AUTHOR_EMAIL": "instructor@example.org",
    "GIT_COMMITTER_NAME": "Instructor",
    "GIT_COMMITTER_EMAIL": "instructor@example.org",
}


def test_every_file_name_git_would_quote_gets_its_date(tmp_path):
    names = ["1-a/README.md", '1-a/say "hi".md', "1-a/back\\slash.md", "1-a/Übung 2.md"]
    for name in names:
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("# x\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Course"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=COMMITTED, check=True)
    dates = last_commit_dates(str(tmp_path / "content"))
    assert dates == dict.fromkeys(names, datetime(2025, 3, 14, 12, tzinfo=UTC))
