"""Cache files are written under unique temporary names: two builds at once never collide."""

import multiprocessing
from pathlib import Path

from courselib.cached_products import write_atomically


def write_often(path: Path, data: bytes, times: int) -> None:
    for _ in range(times):
        write_atomically(path, data)


def test_two_processes_writing_one_cache_file_at_once_both_succeed(tmp_path):
    """A shared `x.partial` name let one build rename away the other's half-written file."""
    target = tmp_path / "image-index.json"
    context = multiprocessing.get_context("fork")
    writers = [
        context.Process(target=write_often, args=(target, data, 400)) for data in (b"a" * 9, b"b")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0, 0]
    assert target.read_bytes() in (b"a" * 9, b"b")
    assert [path.name for path in tmp_path.iterdir()] == ["image-index.json"]
    assert target.stat().st_mode & 0o044 == 0o044  # readable by a web server, once linked
