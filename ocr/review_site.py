"""The review site's single page: HTML, CSS and script in one string, reading data.js beside it."""

INDEX_HTML = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pageocr review</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; display: flex; height: 100vh; color: #222; }
#side { width: 260px; overflow-y: auto; border-right: 1px solid #ddd; padding: 0.6em; box-sizing: border-box; }
#side li { list-style: none; padding: 0.35em; cursor: pointer; border-radius: 4px; }
#side li.active { background: #dbeafe; } #side ul { padding: 0; }
#main { flex: 1; overflow-y: auto; padding: 0.8em; }
.sheet { position: relative; display: inline-block; border: 1px solid #ccc; }
.sheet img { display: block; }
.box { position: absolute; border: 1.5px solid #2e9e44; cursor: pointer; box-sizing: border-box; }
.box.low { border-color: #d62828; background: rgba(214, 40, 40, 0.12); }
.box.corrected { border-color: #1d4ed8; background: rgba(29, 78, 216, 0.15); }
.box.selected { outline: 3px solid #f59e0b; }
body.only-low .box:not(.low):not(.corrected), body.only-low .ch:not(.low):not(.corrected) { opacity: 0.15; }
#columns { display: flex; gap: 1em; align-items: flex-start; }
#text { font-family: ui-monospace, monospace; font-size: 1.15em; min-width: 280px; }
#text .line { cursor: zoom-in; padding: 0.1em 0.3em; } #text .line:hover { background: #f3f4f6; }
.ch.low { color: #d62828; font-weight: bold; } .ch.corrected { color: #1d4ed8; text-decoration: underline; }
#zoom { margin: 0.6em 0; } #zoom-view { border: 1px solid #ccc; background-repeat: no-repeat; }
#panel { position: fixed; right: 1em; bottom: 1em; width: 300px; background: #fff; border: 1px solid #bbb;
         box-shadow: 0 2px 10px rgba(0,0,0,0.2); padding: 0.8em; display: none; }
#panel img { image-rendering: pixelated; border: 1px solid #ccc; margin-right: 0.5em; vertical-align: top; }
#panel input { font-size: 1.3em; width: 3em; text-align: center; }
header { display: flex; gap: 1em; align-items: center; margin-bottom: 0.6em; }
</style></head>
<body>
<div id="side">
  <h3>Pages, worst first</h3>
  <label><input type="checkbox" id="filter"> only low-confidence glyphs</label>
  <ul id="pages"></ul>
  <p><span id="count">0</span> corrections</p>
  <button id="export">Export corrections.json</button>
</div>
<div id="main">
  <header><h2 id="title"></h2><span id="summary"></span></header>
  <div id="zoom"><div id="zoom-view"></div></div>
  <div id="columns"><div class="sheet" id="sheet"><img id="page-image" alt="page"></div><div id="text"></div></div>
</div>
<div id="panel">
  <div><img id="crop" alt="crop" height="64"><img id="input" alt="network input" width="84" height="84"></div>
  <ol id="top3"></ol>
  <label>Correct reading: <input id="correction" maxlength="1" autocomplete="off"></label>
  <button id="save">Save</button> <button id="close">Close</button>
</div>
<script src="data.js"></script>
<script>
"use strict";
const data = window.PAGEOCR_REVIEW;
const storageKey = "pageocr-review:" + data.outdir;
let corrections = JSON.parse(localStorage.getItem(storageKey) || "{}");
let page = null, glyph = null;
const $ = (id) => document.getElementById(id);
const keyOf = (p, g) => p.id + ":" + g.id;
const isLow = (g) => g.confidence < data.low;

function store() {
  localStorage.setItem(storageKey, JSON.stringify(corrections));
  $("count").textContent = Object.keys(corrections).length;
}

function listPages() {
  const list = $("pages");
  list.textContent = "";
  for (const p of data.pages) {
    const low = p.lines.flatMap((l) => l.glyphs).filter(isLow).length;
    const li = document.createElement("li");
    li.dataset.page = p.id;
    li.textContent = p.source + " (" + p.mean_confidence.toFixed(2) + ", " + low + " low)";
    li.addEventListener("click", () => showPage(p));
    list.appendChild(li);
  }
}

function reading(p, g) {
  const c = corrections[keyOf(p, g)];
  return c ? c.new : g.label;
}

function classes(p, g) {
  return (isLow(g) ? " low" : "") + (corrections[keyOf(p, g)] ? " corrected" : "");
}

function showPage(p) {
  page = p;
  for (const li of document.querySelectorAll("#pages li")) li.classList.toggle("active", li.dataset.page == p.id);
  $("title").textContent = p.source;
  $("summary").textContent = "mean confidence " + p.mean_confidence.toFixed(3);
  const img = $("page-image");
  img.src = p.shown;
  img.width = Math.round(p.width * p.scale);
  const sheet = $("sheet");
  for (const old of sheet.querySelectorAll(".box")) old.remove();
  const text = $("text");
  text.textContent = "";
  p.lines.forEach((line, n) => {
    const row = document.createElement("div");
    row.className = "line";
    row.dataset.line = n;
    row.addEventListener("click", () => zoom(line));
    for (const g of line.glyphs) {
      if (g.space) row.appendChild(document.createTextNode(" "));
      const ch = document.createElement("span");
      ch.className = "ch" + classes(p, g);
      ch.dataset.glyph = g.id;
      ch.textContent = reading(p, g);
      ch.addEventListener("click", (e) => { e.stopPropagation(); select(g); });
      row.appendChild(ch);
      const box = document.createElement("div");
      box.className = "box" + classes(p, g);
      box.dataset.glyph = g.id;
      box.title = g.label + " " + g.confidence.toFixed(2);
      Object.assign(box.style, { left: g.box.x * p.scale + "px", top: g.box.y * p.scale + "px",
                                 width: g.box.w * p.scale + "px", height: g.box.h * p.scale + "px" });
      box.addEventListener("click", () => select(g));
      sheet.appendChild(box);
    }
    text.appendChild(row);
  });
  $("zoom-view").style.display = "none";
  $("panel").style.display = "none";
}

function zoom(line) {
  const view = $("zoom-view");
  const factor = 2.5, s = page.scale * factor, pad = 6;
  const top = Math.max(0, line.top - pad);
  view.style.display = "block";
  view.style.width = Math.min(page.width * s, window.innerWidth - 320) + "px";
  view.style.height = (line.bottom - top + 2 * pad) * s + "px";
  view.style.backgroundImage = "url(" + page.shown + ")";
  view.style.backgroundSize = page.width * s + "px auto";
  view.style.backgroundPosition = "0 " + (-top * s) + "px";
}

function select(g) {
  glyph = g;
  for (const el of document.querySelectorAll(".selected")) el.classList.remove("selected");
  for (const el of document.querySelectorAll('[data-glyph="' + g.id + '"]')) el.classList.add("selected");
  $("crop").src = g.crop;
  $("input").src = g.input;
  const top3 = $("top3");
  top3.textContent = "";
  for (const alt of g.top3) {
    const li = document.createElement("li");
    li.textContent = alt.label + "  " + alt.p.toFixed(3);
    top3.appendChild(li);
  }
  $("correction").value = reading(page, g);
  $("panel").style.display = "block";
  $("correction").focus();
  $("correction").select();
}

function saveCorrection() {
  const value = $("correction").value;
  if (!glyph || value.length !== 1) return;
  const key = keyOf(page, glyph);
  if (value === glyph.label) delete corrections[key];
  else corrections[key] = { page: page.source, image: page.image, json: page.json, box: glyph.box,
                            old: glyph.label, new: value };
  store();
  const current = glyph;
  showPage(page);
  select(current);
}

function exportCorrections() {
  const body = JSON.stringify({ version: 1, corrections: Object.values(corrections) }, null, 2);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
  link.download = "corrections.json";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

$("filter").addEventListener("change", (e) => document.body.classList.toggle("only-low", e.target.checked));
$("save").addEventListener("click", saveCorrection);
$("correction").addEventListener("keydown", (e) => { if (e.key === "Enter") saveCorrection(); });
$("close").addEventListener("click", () => { $("panel").style.display = "none"; });
$("export").addEventListener("click", exportCorrections);
listPages();
store();
if (data.pages.length) showPage(data.pages[0]);
</script>
</body></html>
"""
