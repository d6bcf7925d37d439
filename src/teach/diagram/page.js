"use strict";
// The trace page: replays the steps embedded in #cellar-trace. Each step holds only the boxes
// that changed (see the README, "The trace format"); the picture of step k is the last full
// step before it with the diffs up to k applied. Boxes and arrows are drawn where Rust placed
// them, so the page and `:draw` agree.
(function () {
  const errors = [];
  window.addEventListener("error", (e) => {
    errors.push(String(e.message));
    document.body.dataset.errors = errors.join(" | ");
  });

  const trace = JSON.parse(document.getElementById("cellar-trace").textContent);
  const steps = trace.steps;
  const g = trace.geometry;
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const chars = (s) => Array.from(s).length;
  const num = (x) => Math.round(x * 10) / 10;

  // The picture after step `at` (its boxes by key, and its size), kept so that stepping
  // forward applies one diff.
  let shown = new Map();
  let size = null;
  let at = -1;
  let current = -1;

  function keyframeOf(k) {
    while (k > 0 && !steps[k].full) k--;
    return k;
  }

  // The boxes of a step are shared with the trace, which later replays read again: a row
  // that changes goes into a copy of its box.
  function apply(map, step) {
    if (step.full) map.clear();
    if (step.width !== undefined) size = { width: step.width, height: step.height, left_out: step.left_out };
    for (const key of step.del || []) map.delete(key);
    for (const node of step.set || []) map.set(node.key, node);
    for (const change of step.rows || []) {
      const node = map.get(change.key);
      const rows = node.rows.slice();
      const { key, row, ...rest } = change;
      rows[row] = rest;
      map.set(key, { ...node, rows });
    }
  }

  function advanceTo(k) {
    const start = keyframeOf(k);
    if (at < start || at > k) {
      shown = new Map();
      at = start - 1;
    }
    for (let i = at + 1; i <= k; i++) apply(shown, steps[i]);
    at = k;
  }

  const same = (a, b) => a.label === b.label && a.text === b.text && a.ref === b.ref;

  // What step k changed: boxes that were not drawn before, and the rows (and titles) that
  // differ from the step before.
  function changes(before, step) {
    const fresh = new Set();
    const rows = new Set();
    const titles = new Set();
    for (const change of step.rows || []) {
      if (!same(before.get(change.key).rows[change.row], change)) rows.add(change.key + "/" + change.row);
    }
    for (const node of step.set || []) {
      const old = before.get(node.key);
      if (!old || old.kind !== node.kind) {
        fresh.add(node.key);
        continue;
      }
      if (old.title !== node.title || old.note !== node.note) titles.add(node.key);
      node.rows.forEach((row, i) => {
        if (!old.rows[i] || !same(old.rows[i], row)) rows.add(node.key + "/" + i);
      });
    }
    return { fresh, rows, titles };
  }

  function drawBox(out, node, hi) {
    const { x, y, w, h, header } = node;
    const border = node.kind === "cell" ? 2 : 1.2;
    const classes = ["node", node.kind];
    if (hi.fresh.has(node.key)) classes.push("new");
    if (hi.titles.has(node.key)) classes.push("changed");
    out.push(`<g class="${classes.join(" ")}" data-key="${esc(node.key)}" data-title="${esc(node.title)}">`);
    out.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" class="body"/>`);
    out.push(
      `<path class="band" d="M${num(x + border / 2)},${num(y + 4)} v${num(header - 4)} h${num(w - border)} v${num(-(header - 4))} ` +
        `a4,4 0 0 0 -4,-4 h${num(-(w - border - 8))} a4,4 0 0 0 -4,4 z"/>`
    );
    out.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" class="border" stroke-width="${border}"/>`);
    out.push(`<text x="${num(x + g.pad)}" y="${num(y + g.title_h / 2 + 4.5)}" class="title">${esc(node.title)}</text>`);
    if (node.note !== undefined) {
      out.push(`<text x="${num(x + g.pad)}" y="${num(y + g.title_h + g.note_h / 2 - 1)}" class="note">${esc(node.note)}</text>`);
    }
    node.rows.forEach((row, i) => {
      const mid = y + header + g.row_h * i + g.row_h / 2;
      const base = num(mid + 4.5);
      const changed = hi.rows.has(node.key + "/" + i);
      let attrs = ` data-label="${esc(row.label)}"`;
      if (row.text !== undefined) attrs += ` data-text="${esc(row.text)}"`;
      if (row.ref !== undefined) attrs += ` data-ref="${esc(row.ref)}"`;
      out.push(`<g class="row${changed ? " changed" : ""}"${attrs}>`);
      if (changed) out.push(`<rect class="mark" x="${num(x + 2)}" y="${num(mid - g.row_h / 2 + 1)}" width="${num(w - 4)}" height="${g.row_h - 2}" rx="3"/>`);
      if (row.text === undefined && row.ref === undefined) {
        out.push(`<text x="${num(x + g.pad)}" y="${base}" class="caption">${esc(row.label)}</text>`);
      } else {
        out.push(`<text x="${num(x + g.pad)}" y="${base}" class="label">${esc(row.label)}</text>`);
        const slot = row.text !== undefined ? chars(row.text) * g.char_w + 6 : 14;
        out.push(`<rect class="slot" x="${num(node.value_x - 3)}" y="${num(mid - 8.5)}" width="${num(slot)}" height="17"/>`);
        if (row.text !== undefined) {
          out.push(`<text x="${node.value_x}" y="${base}" class="value">${esc(row.text)}</text>`);
        } else {
          out.push(`<circle cx="${num(node.value_x + 5)}" cy="${num(mid)}" r="3" class="dot"/>`);
        }
      }
      out.push("</g>");
    });
    out.push("</g>");
  }

  function drawArrows(out, map, hi) {
    for (const node of map.values()) {
      node.rows.forEach((row, i) => {
        if (row.path === undefined) return;
        const target = map.get(row.ref);
        const classes = ["arrow"];
        if (target && target.kind === "cell") classes.push("into-cell");
        if (!row.path.includes("C")) classes.push("around");
        if (hi.rows.has(node.key + "/" + i) || hi.fresh.has(node.key)) classes.push("changed");
        const marker = target && target.kind === "cell" ? "head-cell" : "head";
        out.push(
          `<path class="${classes.join(" ")}" d="${row.path}" marker-end="url(#${marker})" ` +
            `data-from="${esc(node.key)}" data-row="${i}" data-to="${esc(row.ref)}"/>`
        );
      });
    }
  }

  function drawDiagram(map, hi) {
    const footer = size.left_out ? 24 : 0;
    const w = size.width;
    const h = size.height + footer;
    const out = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
      // Sized in pixels, so that a changed arrow's thicker line keeps the same head.
      "<defs>",
      '<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker>',
      '<marker id="head-cell" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="head-cell"/></marker>',
      "</defs>",
    ];
    for (const node of map.values()) drawBox(out, node, hi);
    drawArrows(out, map, hi);
    if (size.left_out) {
      out.push(`<text x="16" y="${size.height + 8}" class="left-out">… ${size.left_out} more objects not drawn</text>`);
    }
    out.push("</svg>");
    $("diagram").innerHTML = out.join("\n");
  }

  const sourceLines = trace.source.split("\n");
  if (sourceLines.length > 1 && sourceLines[sourceLines.length - 1] === "") sourceLines.pop();
  $("source").innerHTML = sourceLines.map((l, i) => `<li data-line="${i + 1}"><code>${esc(l) || " "}</code></li>`).join("");

  function describe(step) {
    const where = step.function === "<module>" ? "" : ` in ${step.function}`;
    switch (step.kind) {
      case "call":
        return `call ${step.function}, line ${step.line}`;
      case "return":
        return `${step.function} returns, line ${step.line}`;
      case "exception":
        return `exception at line ${step.line}${where}`;
      case "end":
        return "the program has ended";
      default:
        return `line ${step.line}${where}`;
    }
  }

  let lineShown = null;
  function showLine(step) {
    if (lineShown) lineShown.className = "";
    lineShown = $("source").children[step.line - 1] || null;
    if (lineShown) {
      lineShown.className = "current " + step.kind;
      lineShown.scrollIntoView({ block: "nearest" });
    }
  }

  function go(k) {
    if (steps.length === 0) return;
    k = Math.max(0, Math.min(steps.length - 1, k));
    if (k === current) return;
    let hi = { fresh: new Set(), rows: new Set(), titles: new Set() };
    if (k > 0) {
      advanceTo(k - 1);
      hi = changes(shown, steps[k]);
    }
    apply(shown, steps[k]);
    at = k;
    current = k;
    const step = steps[k];
    drawDiagram(shown, hi);
    showLine(step);
    const cut = trace.output_cut && step.output >= trace.output.length ? "\n… (the page keeps the first MiB of output)" : "";
    $("output").textContent = trace.output.slice(0, step.output) + cut;
    $("slider").value = String(k + 1);
    $("counter").textContent = `step ${k + 1} of ${steps.length}`;
    $("event").textContent = describe(step);
    $("event").className = step.kind;
    document.body.dataset.step = String(k + 1);
    if (location.hash !== `#step=${k + 1}`) history.replaceState(null, "", `#step=${k + 1}`);
  }

  function fromHash() {
    const m = /step=(\d+)/.exec(location.hash);
    return m ? parseInt(m[1], 10) - 1 : 0;
  }

  $("slider").max = String(Math.max(1, steps.length));
  $("slider").addEventListener("input", (e) => go(parseInt(e.target.value, 10) - 1));
  $("first").addEventListener("click", () => go(0));
  $("back").addEventListener("click", () => go(current - 1));
  $("forward").addEventListener("click", () => go(current + 1));
  $("last").addEventListener("click", () => go(steps.length - 1));
  document.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1 };
    if (e.key in moves) go(current + moves[e.key]);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(steps.length - 1);
    else return;
    // The slider would move a second time for the same key.
    e.preventDefault();
  });
  window.addEventListener("hashchange", () => go(fromHash()));

  if (trace.truncated) {
    const t = trace.truncated;
    const where = t.function === "<module>" ? `line ${t.line}` : `line ${t.line} in ${t.function}`;
    $("truncated").textContent =
      `The trace stops after ${t.after} steps, at ${where}; the program ran on to its end ` +
      `(cellar --trace-steps N keeps more steps).`;
    $("truncated").hidden = false;
  }
  document.body.dataset.steps = String(steps.length);
  if (steps.length === 0) {
    $("event").textContent = "the program ran no line";
    $("output").textContent = trace.output;
  }
  go(fromHash());

  // `page.html?selftest`: presses keys as a learner would and writes the steps they reached,
  // so that a headless browser can check the keyboard without driving it.
  if (/selftest/.test(location.search)) {
    const reached = [];
    for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft", "End", "ArrowRight", "Home", "ArrowLeft"]) {
      document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      reached.push(current + 1);
    }
    document.body.dataset.selftest = reached.join(",");
  }
  document.body.dataset.loadMs = String(Math.round(performance.now()));
  document.body.dataset.ready = "1";
})();
