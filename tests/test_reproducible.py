"""Two builds of the same notes, in different folders and at different times, are byte-identical."""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from pathlib import Path

from .site_builds import build_canary_site

# Pagefind writes its filter index in a different order on each run (a hash map's; its issue #638),
# and so its metadata and entry files that name the filter file by its hash differ too. Their
# names are still listed; the index chunks and the page fragments are compared byte for byte.
UNSTABLE = re.compile(r"pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not UNSTABLE.fullmatch(path.relative_to(site).as_posix())
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_canary_site(tmp_path / "one")
    time.sleep(1.1)  # the gzip header and the sitemap would differ if they took the clock
    second = build_canary_site(tmp_path / "two")
    assert digests(first) == digests(second)
    for site in (first, second):
        assert len([p for p in site.rglob("*") if UNSTABLE.fullmatch(p.relative_to(site).as_posix())]) == 3
    sitemap = (first / "sitemap.xml").read_text()
    assert "<lastmod>2023-11-14</lastmod>" in sitemap  # from SOURCE_DATE_EPOCH
    with gzip.open(first / "sitemap.xml.gz") as packed:
        assert packed.read().decode() == sitemap
