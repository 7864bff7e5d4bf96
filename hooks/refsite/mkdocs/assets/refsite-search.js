// refsite: the site's search, on the Pagefind index that the build writes into pagefind/.
// Every request goes to the site itself: pagefind.js and the index fragments a query needs.
const root = document.querySelector("[data-refsite-search]");
const toggle = document.getElementById("__search");

// Ranking: a page's names (title and aliases, indexed with a high weight) decide; a long page is
// not pushed down for its length, since an entity's page is long because there is much to say.
const RANKING = { termFrequency: 0.0, termSaturation: 2.0, pageLength: 0.0, termSimilarity: 1.0 };
const PAGE = 10;
const NAME_TOKEN = "refsitename";

if (root && toggle) {
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const list = root.querySelector(".md-search-result__list");
  const meta = root.querySelector(".md-search-result__meta");
  const filters = root.querySelector(".refsite-search__filters");
  const more = root.querySelector(".refsite-search__more");
  const base = new URL(root.dataset.base.replace(/\/?$/, "/"), location.href);
  // In `mkdocs serve`, whose live-reload script is in the page, the index lags behind the pages.
  if (typeof window.livereload === "function") root.querySelector(".refsite-search__live").hidden = false;
  let pagefind = null;
  let kind = null; // the kind the results are narrowed to, or null for all
  let current = null; // the last search: its results and how many are shown
  let generation = 0;

  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
      await module.options({ baseUrl: base.pathname, ranking: RANKING, excerptLength: 24 });
      await module.filters(); // the kinds and their counts, shown with every search
      return module;
    });
    return pagefind;
  };

  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);

  // How well the query names a page: 0 its name or an alias exactly, 1 every word of the query
  // begins a word of its name or an alias, 2 neither. Pages named by the query come first, people,
  // places and organizations before the events, disagreements and sources named after them.
  const NAMED_FIRST = ["Person", "Place", "Organization", "Equipment", "Theme", "Overview", "Event", "Page", "Disagreement", "Source"];
  const naming = (query, names) => {
    const words = fold(query);
    let best = 2;
    for (const name of names) {
      const own = fold(name);
      if (own.join(" ") === words.join(" ")) return 0;
      if (words.length && words.every((w) => own.some((o) => o.startsWith(w)))) best = 1;
    }
    return best;
  };
  const rank = (query, data) =>
    data
      .map((d, order) => {
        const level = naming(query, [d.meta.title ?? "", ...d.meta.aliases_list]);
        const kindRank = level < 2 ? NAMED_FIRST.indexOf(d.meta.kind ?? "Page") : 0;
        return { d, key: [level, kindRank, order] };
      })
      .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2])
      .map(({ d }) => d);

  // The alias that the query matched, when the page's name alone does not match it.
  const matchedAlias = (query, title, aliases) => {
    if (!aliases.length || naming(query, [title]) < 2) return null;
    return aliases.find((alias) => naming(query, [alias]) < 2) ?? null;
  };

  // The excerpt, from the page's prose: Pagefind's content starts with the page's names (indexed
  // with their weight) and its title; the excerpt is the stretch of the text after them with the
  // most matched words, the matches marked.
  const EXCERPT = 26;
  const excerpt = (data) => {
    const words = (data.content ?? "").split(/[\r\n\s]+/g);
    const title = (data.meta.title ?? "").split(/\s+/).filter(Boolean);
    const skip = Number(data.meta.skip ?? 0) + title.length;
    const hits = new Set((data.locations ?? []).filter((at) => at >= skip));
    let start = skip;
    let best = -1;
    for (const at of hits) {
      const from = Math.max(skip, at - 6);
      let count = 0;
      for (let i = from; i < from + EXCERPT; i++) if (hits.has(i)) count++;
      if (count > best) [best, start] = [count, from];
    }
    const out = document.createDocumentFragment();
    if (start > skip) out.append("… ");
    const end = Math.min(words.length, start + EXCERPT);
    for (let i = start; i < end; i++) {
      // A footnote mark left out of the index leaves a space before the punctuation after it.
      if (i > start && !/^[.,;:!?)\]”’]/.test(words[i])) out.append(" ");
      if (hits.has(i)) out.append(element("mark", "", words[i]));
      else out.append(words[i]);
    }
    if (end < words.length) out.append(" …");
    return out;
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const item = (data, query) => {
    const aliases = [...(data.meta.aliases_list ?? [])];
    const title = data.meta.title ?? data.url;
    const li = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = data.url;
    const article = element("article", "md-search-result__article md-typeset refsite-search__result");
    const head = element("div", "refsite-search__head");
    head.append(element("span", "refsite-search__kind", data.meta.kind ?? "Page"));
    head.append(element("h1", "refsite-search__title", title));
    article.append(head);
    const alias = matchedAlias(query, title, aliases);
    if (alias) {
      const line = element("p", "refsite-search__alias", "Also known as ");
      line.append(element("mark", "", alias));
      article.append(line);
    }
    const teaser = element("p", "refsite-search__teaser");
    teaser.append(excerpt(data));
    article.append(teaser);
    link.append(article);
    li.append(link);
    return li;
  };

  const aliasesOf = (data) => {
    // The hidden keys list each alias in its own <span>; Pagefind joins their text with spaces,
    // so the page's own markup is read back from the aliases meta, separated by " · ".
    const raw = data.meta.aliases ?? "";
    data.meta.aliases_list = raw ? raw.split(" \u00b7 ").filter(Boolean) : [];
    return data;
  };

  const showFilters = (counts) => {
    filters.replaceChildren();
    const kinds = Object.entries(counts ?? {}).filter(([, n]) => n > 0);
    filters.hidden = kinds.length < 2 && kind === null;
    const chip = (label, value, count) => {
      const button = element("button", "refsite-search__filter", count === undefined ? label : `${label} ${count}`);
      button.type = "button";
      button.setAttribute("aria-pressed", String(kind === value));
      button.addEventListener("click", () => {
        kind = kind === value ? null : value;
        run();
        input.focus();
      });
      return button;
    };
    filters.append(chip("All", null));
    for (const [label, count] of kinds.sort(([a], [b]) => a.localeCompare(b))) filters.append(chip(label, label, count));
  };

  const showMore = async () => {
    if (!current) return;
    const { results, query, shown, mine } = current;
    const next = results.slice(shown, shown + PAGE);
    let data = (await Promise.all(next.map((r) => r.data()))).map(aliasesOf);
    if (mine !== generation) return;
    if (shown === 0) data = rank(query, data);
    for (const d of data) list.append(item(d, query));
    current.shown = shown + next.length;
    more.hidden = current.shown >= results.length;
  };

  const run = async () => {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Type a name, a place or a word";
      filters.hidden = true;
      more.hidden = true;
      input.setAttribute("aria-expanded", "false");
      current = null;
      return;
    }
    let module;
    try {
      module = await load();
    } catch {
      pagefind = null; // try again with the next keystroke: the live preview may still be indexing
      meta.textContent = "The search index is not ready yet";
      return;
    }
    const options = kind ? { filters: { kind } } : {};
    const search = await module.debouncedSearch(query, options, 120);
    if (search === null || mine !== generation) return;
    // Pages named by the query: every page's names are also indexed as single words (see
    // refsite/mkdocs/search.py), so that a name is found however common its words are.
    const words = fold(query);
    const named = words.length ? await module.search(NAME_TOKEN + words.join(""), options) : null;
    if (mine !== generation) return;
    const first = (named?.results ?? []).slice(0, PAGE);
    const seen = new Set(first.map((r) => r.id));
    const results = [...first, ...search.results.filter((r) => !seen.has(r.id))];
    showFilters(search.totalFilters?.kind);
    list.replaceChildren();
    const count = results.length;
    meta.textContent =
      count === 0 ? "No matching pages" : `${count} matching page${count === 1 ? "" : "s"}` + (kind ? ` (${kind})` : "");
    current = { results, query, shown: 0, mine };
    await showMore();
    if (mine !== generation) return;
    input.setAttribute("aria-expanded", String(count > 0));
    root.dataset.shown = `${kind ?? ""}:${query}`; // what the results are for (read by the tests)
  };

  const links = () => [...list.querySelectorAll("a.md-search-result__link")];
  const open = () => {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  };
  const close = () => {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  };

  input.addEventListener("input", run);
  input.addEventListener("focus", () => {
    open();
    load();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    links()[0]?.click();
  });
  form.addEventListener("reset", () => setTimeout(run));
  more.addEventListener("click", showMore);
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });

  // Arrow keys move between the field and the results, Enter opens one, Escape closes the search.
  root.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = at === -1 ? (step === 1 ? 0 : -1) : at + step;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.blur();
    }
  });

  // "/" (or "s", "f") anywhere outside a text field opens the search, as in Material.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
}
