"""Pathological note text takes linear time: to check, and (within the limits) to render.

Each input grows from n to 4n bytes. Linear work takes about 4 times as long; quadratic work 16
times. The bound below is generous (10 times, plus 0.1 s for timer noise), so the test fails on
quadratic behaviour but not on a busy machine: the best of five runs is compared, in CPU time of
this process with the garbage collector off, and a pair that fails is measured once more before the test fails (a burst of load
on a shared machine can slow one run of the larger input, never every one of two rounds).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import markdown
import pytest
from refsite.core.problems import Problem
from refsite.validate.body import scan_body
from refsite.validate.html_check import findings
from refsite.validate.limits import limit_problems
from refsite.validate.textparse import parse_text

N = 16_000
"""Bytes of the smaller input; the larger is 4 times as many (the note size cap is 256 KiB)."""
CITE = '[@gazette "the mayor of Lowtown"]'
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


def grown(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def paragraphs(unit: str, size: int) -> str:
    """Paragraphs that each stay within the limits (four unclosed openers), ``size`` bytes in all."""
    block = f"Text {unit * 4} and a claim {CITE}."
    return "\n\n".join([block] * max(1, size // (len(block) + 2)))


def check(text: str) -> None:
    """What ``refsite check`` does with a body: limits, then (if they pass) the parsers."""
    problems: list[Problem] = []
    list(findings(text))
    if limit_problems(text, "p", "body", 1):
        return
    parse_text(text, "p", "body", 1, problems)
    scan_body(text, "p", 1)


def render(text: str) -> None:
    markdown.Markdown(extensions=EXTENSIONS).convert(text)


REFUSED = ["`", '[@"', "[", "![", "[a](", "[^", "<a ", "{: ", "*a ", "_a ", "[[", "[[a|", "<", '[@x "', "```\n"]
WITHIN = ["![", "[a](", "[^", "[", "`", "(", "[[a]] ", "*a* ", "<b>x</b> ", f"{CITE} "]


def best_of_five(work: Callable[[str], None], text: str) -> float:
    timings = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()  # CPU time of this process: other processes' load does not count
            work(text)
            timings.append(time.process_time() - start)
    finally:
        if collecting:
            gc.enable()
    return min(timings)


def assert_linear(work: Callable[[str], None], make: Callable[[int], str]) -> tuple[float, float]:
    small, large = make(N), make(4 * N)
    for _round in range(2):
        t1, t4 = best_of_five(work, small), best_of_five(work, large)
        if t4 <= 10 * t1 + 0.1:
            return t1, t4
    raise AssertionError(f"{t1:.3f} s for {len(small)} bytes, {t4:.3f} s for {len(large)}: not linear")


@pytest.mark.parametrize("unit", REFUSED)
def test_checking_a_refused_input_is_linear(unit: str) -> None:
    assert_linear(check, lambda size: grown(unit, size))
    assert_linear(check, lambda size: grown(unit + "\n", size))


@pytest.mark.parametrize("unit", WITHIN)
def test_checking_and_rendering_within_the_limits_is_linear(unit: str) -> None:
    assert not limit_problems(paragraphs(unit, N), "p", "body", 1)
    assert_linear(check, lambda size: paragraphs(unit, size))
    assert_linear(render, lambda size: paragraphs(unit, size))


if __name__ == "__main__":  # the figures for docs/performance.md: python -m tests.test_linear_time
    for unit in REFUSED:
        t1, t4 = assert_linear(check, lambda size, u=unit: grown(u, size))
        print(f"check, refused {unit!r:12} {t1 * 1000:7.1f} ms -> {t4 * 1000:7.1f} ms")
    for unit in WITHIN:
        c1, c4 = assert_linear(check, lambda size, u=unit: paragraphs(u, size))
        r1, r4 = assert_linear(render, lambda size, u=unit: paragraphs(u, size))
        print(
            f"within {unit!r:12} check {c1 * 1000:7.1f} -> {c4 * 1000:7.1f} ms,"
            f" render {r1 * 1000:7.1f} -> {r4 * 1000:7.1f} ms"
        )
