// The concordance explorer (book/explorer.md, policytext.report.explorer): type or choose a term,
// read its lines with the node aligned, sorted by corpus order or by the left or right context,
// for all documents or one; each line links to its paragraph in the corpus reader; bars give the
// term's frequency per document, in date order. The corpus comes from corpus-data.js, written
// into this folder when the book is built, so the page works offline and from file://.
(function () {
  const folder = document.currentScript.src.replace(/[^/]*$/, "");
  const WIDTH = 20;  // characters of context on each side
  const MAX_LINES = 500;

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function concordance(corpus, term, doc) {
    const lines = [];
    if (!term) return lines;
    corpus.paragraphs.forEach(([docIndex, paraId, text]) => {
      if (doc !== "" && String(docIndex) !== doc) return;
      let at = text.indexOf(term);
      while (at !== -1) {
        lines.push({docIndex, paraId, left: text.slice(Math.max(0, at - WIDTH), at),
                    right: text.slice(at + term.length, at + term.length + WIDTH)});
        at = text.indexOf(term, at + term.length);
      }
    });
    return lines;
  }

  function sortLines(lines, how) {
    const reversed = s => Array.from(s).reverse().join("");
    if (how === "left") lines.sort((a, b) => reversed(a.left).localeCompare(reversed(b.left), "zh"));
    if (how === "right") lines.sort((a, b) => a.right.localeCompare(b.right, "zh"));
    return lines;
  }

  function showTrend(panel, corpus, term, all) {
    panel.replaceChildren();
    if (!term) return;
    const counts = corpus.documents.map(() => 0);
    all.forEach(line => { counts[line.docIndex] += 1; });
    const order = corpus.documents.map((d, i) => i)
      .sort((a, b) => (corpus.documents[a][2] || "9999").localeCompare(corpus.documents[b][2] || "9999"));
    const rates = counts.map((n, i) => 10000 * n / Math.max(1, corpus.documents[i][3]));
    const top = Math.max(...rates, 1e-9);
    panel.appendChild(element("p", {class: "explorer-trend-title"},
      "Per document, in date order: occurrences per 10,000 characters (count)"));
    order.forEach(i => {
      const [docId, title, date] = corpus.documents[i];
      const row = element("div", {class: "explorer-trend-row"});
      row.appendChild(element("span", {class: "explorer-trend-label"}, `${docId} ${date || "undated"}`));
      const bar = element("span", {class: "explorer-trend-bar", title: title});
      bar.style.width = `${(60 * rates[i] / top).toFixed(1)}%`;
      row.appendChild(bar);
      row.appendChild(element("span", {class: "explorer-trend-value"}, `${rates[i].toFixed(1)} (${counts[i]})`));
      panel.appendChild(row);
    });
  }

  function showLines(table, corpus, lines, reader) {
    const body = table.tBodies[0];
    body.replaceChildren();
    lines.slice(0, MAX_LINES).forEach(line => {
      const row = element("tr");
      const cell = element("td", {class: "explorer-id"});
      const [docNumber, paraNumber] = line.paraId.split(":");
      cell.appendChild(element("a", {href: `${reader}#para-${docNumber}-${paraNumber}`}, line.paraId));
      row.appendChild(cell);
      row.appendChild(element("td", {class: "explorer-left", lang: "zh-Hans"}, line.left));
      row.appendChild(element("td", {class: "explorer-node", lang: "zh-Hans"}, line.term));
      row.appendChild(element("td", {class: "explorer-right", lang: "zh-Hans"}, line.right));
      body.appendChild(row);
    });
  }

  function start(corpus) {
    const root = document.getElementById("concordance-explorer");
    const input = document.getElementById("explorer-term");
    const docs = document.getElementById("explorer-document");
    const sort = document.getElementById("explorer-sort");
    const suggestions = document.getElementById("explorer-terms");
    corpus.terms.forEach(term => suggestions.appendChild(element("option", {value: term})));
    corpus.documents.forEach(([docId, title, date], i) =>
      docs.appendChild(element("option", {value: String(i)}, `${docId} ${date} ${title}`)));
    if (corpus.left_out) {
      document.getElementById("explorer-note").textContent =
        `The corpus is large: its last ${corpus.left_out} documents are not in the explorer ` +
        "(data/derived/paragraphs.csv holds every paragraph).";
    }
    function update() {
      const term = input.value.trim();
      const all = concordance(corpus, term, "");
      const lines = sortLines(concordance(corpus, term, docs.value), sort.value);
      lines.forEach(line => { line.term = term; });
      const shown = Math.min(lines.length, MAX_LINES);
      document.getElementById("explorer-count").textContent = term
        ? `${lines.length} lines for ${term}` + (shown < lines.length ? ` (the first ${shown} shown)` : "")
        : "Type a term, or choose one of the corpus's most frequent.";
      showTrend(document.getElementById("explorer-trend"), corpus, term, all);
      showLines(document.getElementById("explorer-lines"), corpus, lines, root.dataset.reader);
      root.dataset.lines = String(lines.length);
    }
    [input, docs, sort].forEach(control => control.addEventListener("input", update));
    input.value = corpus.terms.length ? corpus.terms[0] : "";
    update();
  }

  function load() {
    if (!document.getElementById("concordance-explorer")) return;
    const data = element("script", {src: folder + "corpus-data.js"});
    data.onload = () => start(window.policybookCorpus);
    document.head.appendChild(data);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
