"""Measure the reader-facing figures of a built site in Chromium at 1280×900, collapsibles closed.

    .venv/bin/python -m tests.browser.measure_pages [SITE] [--axe-per-type N] [--shots DIR]

Prints: merged citation markers (adjacent footnote marks with no visible separator), pages that
show note syntax (``[[``, ``]]``, ``[@``), serious or critical axe-core violations (on N pages of
each type; 0 = every page), the heights of entity pages, and how many entity pages start their
narrative within the first screen. ``--shots`` saves a screenshot of one page of each type at 1280
and 390 px wide.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..site_builds import serve_folder
from .conftest import CHROMIUM, CHROMIUM_ARGS

ENTITY_TYPES = ("people", "places", "organizations", "events", "themes")
WIDTH, HEIGHT = 1280, 900

MERGED_MARKERS_JS = """() => {
  // Two footnote marks in a row with nothing visible between them read as one number ("456").
  const refs = [...document.querySelectorAll('article sup[id^="fnref"]')];
  let merged = 0;
  for (const sup of refs) {
    let next = sup.nextSibling;
    let between = '';
    while (next && next.nodeType === Node.TEXT_NODE) { between += next.textContent; next = next.nextSibling; }
    if (!next || next.nodeName !== 'SUP' || !(next.id || '').startsWith('fnref')) continue;
    if (between.trim()) continue;
    const after = getComputedStyle(sup, '::after').content;
    const before = getComputedStyle(next, '::before').content;
    const visible = (c) => c && c !== 'none' && c !== 'normal' && c.replace(/["'\\s]/g, '') !== '';
    if (!visible(after) && !visible(before)) merged += 1;
  }
  return merged;
}"""

NARRATIVE_TOP_JS = """() => {
  // The narrative: the note's body (the paragraph after the lead, before the first section), else the lead.
  const article = document.querySelector('article');
  let target = article.querySelector('.refsite-narrative p, .refsite-narrative li');
  if (!target) {
    const h2 = article.querySelector('h2');
    const paragraphs = [...article.querySelectorAll(':scope > p')].filter(
      p => p.innerText.trim() && !(h2 && (h2.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING)));
    target = paragraphs[1] || paragraphs[0];
  }
  if (!target) return null;
  return target.getBoundingClientRect().top + window.scrollY;
}"""


def pages_of(site: Path) -> dict[str, list[str]]:
    """Page type → paths of its pages, as URLs relative to the site root."""
    types: dict[str, list[str]] = defaultdict(list)
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel in {".", "search"}:
            types["home" if rel == "." else "other"].append("/")
            continue
        parts = rel.split("/")
        if len(parts) == 1:
            types["index" if parts[0] in {*ENTITY_TYPES, "sources", "disagreements"} else parts[0]].append(f"/{rel}/")
        else:
            types[parts[0]].append(f"/{rel}/")
    types.pop("other", None)
    return dict(types)


def axe_serious(page: Any, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])})"
        for v in result["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def measure(site: Path, axe_per_type: int, shots: Path | None) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    types = pages_of(site)
    # Hand-written pages (docs/*.md) may show the note syntax on purpose: the note format explains it.
    docs = site.resolve().parent / "docs"
    handwritten = {p.stem for p in docs.glob("*.md")} - {"index"} if docs.is_dir() else set()
    axe_source = axe_script()
    figures: dict[str, Any] = {
        "pages": 0,
        "merged_markers": 0,
        "pages_with_note_syntax": [],
        "axe_serious": {},
        "entity_heights": {},
        "narrative_below_first_screen": [],
    }
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        for kind, paths in types.items():
            for number, path in enumerate(paths):
                page.goto(base + path)
                figures["pages"] += 1
                figures["merged_markers"] += page.evaluate(MERGED_MARKERS_JS)
                text = page.locator("article").inner_text()
                if kind not in handwritten and any(token in text for token in ("[[", "]]", "[@")):
                    figures["pages_with_note_syntax"].append(path)
                if kind in ENTITY_TYPES:
                    figures["entity_heights"][path] = page.evaluate("document.documentElement.scrollHeight")
                    top = page.evaluate(NARRATIVE_TOP_JS)
                    if top is None or top > HEIGHT:
                        figures["narrative_below_first_screen"].append(path)
                if axe_per_type == 0 or number < axe_per_type:
                    found = axe_serious(page, axe_source)
                    if found:
                        figures["axe_serious"][path] = found
                if shots is not None and number == 0:
                    shots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shots / f"{kind}-1280.png"), full_page=True)
                    small = context.new_page()
                    small.set_viewport_size({"width": 390, "height": 844})
                    small.goto(base + path)
                    small.screenshot(path=str(shots / f"{kind}-390.png"), full_page=True)
                    small.close()
        browser.close()
    return figures


def summary(figures: dict[str, Any]) -> str:
    heights = sorted(figures["entity_heights"].values())
    under = sum(1 for h in heights if h < 4500)
    tall = {p: h for p, h in figures["entity_heights"].items() if h > 9000}
    lines = [
        f"pages measured:                     {figures['pages']}",
        f"merged citation markers:            {figures['merged_markers']}",
        f"pages showing [[, ]] or [@:         {len(figures['pages_with_note_syntax'])} {figures['pages_with_note_syntax'][:5]}",
        f"pages with serious/critical axe:    {len(figures['axe_serious'])}",
    ]
    rules: dict[str, int] = defaultdict(int)
    for found in figures["axe_serious"].values():
        for rule in found:
            rules[rule.split(" ")[0]] += 1
    for rule, count in sorted(rules.items()):
        lines.append(f"    {rule}: on {count} pages")
    if heights:
        lines += [
            f"entity pages:                       {len(heights)}",
            f"entity pages taller than 9,000 px:  {len(tall)} (tallest {heights[-1]} px)",
            f"entity pages under 4,500 px:        {under} ({100 * under / len(heights):.0f} %)",
            f"median entity page height:          {heights[len(heights) // 2]} px",
            f"narrative below the first screen:   {len(figures['narrative_below_first_screen'])}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--axe-per-type", type=int, default=3, help="pages of each type checked by axe (0: all)")
    parser.add_argument("--shots", type=Path, help="save screenshots of one page of each type here")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    figures = measure(args.site, args.axe_per_type, args.shots)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(summary(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
