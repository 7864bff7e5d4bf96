"""Two builds of the same notes, in different folders and at different times, are byte-identical."""

from __future__ import annotations

import gzip
import hashlib
import time
from pathlib import Path

from .site_builds import build_canary_site


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_canary_site(tmp_path / "one")
    time.sleep(1.1)  # the gzip header and the sitemap would differ if they took the clock
    second = build_canary_site(tmp_path / "two")
    assert digests(first) == digests(second)
    sitemap = (first / "sitemap.xml").read_text()
    assert "<lastmod>2023-11-14</lastmod>" in sitemap  # from SOURCE_DATE_EPOCH
    with gzip.open(first / "sitemap.xml.gz") as packed:
        assert packed.read().decode() == sitemap
