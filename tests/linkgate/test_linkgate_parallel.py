"""A site big enough to be read on several cores gets the same verdicts as on one."""

import os

from courselib.parallel import PARALLEL_FROM, map_chunks
from linkgate.check import GateOptions, check_site


def _pages_and_pids(chunk, _site):
    return [(item, os.getpid()) for item in chunk]


def test_every_item_is_done_once_by_this_process_and_a_worker():
    items = list(range(PARALLEL_FROM * 4))
    done = map_chunks(_pages_and_pids, items, None, workers=2)
    assert sorted(item for item, _pid in done) == items
    assert os.getpid() in {pid for _item, pid in done}
    assert len({pid for _item, pid in done}) == 2


def test_a_big_site_checked_on_two_cores_gets_the_verdicts_of_one(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for number in range(PARALLEL_FROM * 2):
        links = "".join(
            f'<a href="page{(number * 7 + step) % 400}.html#part-{step}">{step}</a>'
            for step in range(6)
        )
        (site / f"page{number}.html").write_text(
            f'<h2 id="part-{number % 6}">Part</h2>{links}<img src="missing{number % 9}.png" alt="">'
        )
    one = check_site(site, GateOptions(workers=1))
    assert one, "the site has broken links and images"
    assert check_site(site, GateOptions(workers=2)) == one
