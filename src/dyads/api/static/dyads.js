/* dyads web page: event cards, the actor timeline, the network view and live coding. No libraries. */
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || body.detail || `HTTP ${response.status}`);
  return body;
}

/* The sentence in pieces marked trigger / source / target: the same rule as dyads.api.highlight. */
function segments(ev) {
  const sentence = ev.sentence || "";
  const marks = [];
  for (const role of ["trigger", "source", "target"]) {
    const part = ev[role];
    if (!part) continue;
    let [start, end] = part.span || [0, 0];
    if (!(start >= 0 && start < end && end <= sentence.length && (!part.text || sentence.slice(start, end) === part.text))) {
      const at = part.text ? sentence.indexOf(part.text) : -1;
      if (at < 0) continue;
      [start, end] = [at, at + part.text.length];
    }
    if (marks.every(([s, e]) => end <= s || start >= e)) marks.push([start, end, role]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const out = [];
  let at = 0;
  for (const [start, end, role] of marks) {
    if (start > at) out.push([sentence.slice(at, start), null]);
    out.push([sentence.slice(start, end), role]);
    at = end;
  }
  if (at < sentence.length) out.push([sentence.slice(at), null]);
  return out;
}

function actorLink(actor, role) {
  if (!actor) return el("span", {class: "actor none", text: "no target"});
  const key = actor.country || actor.code || actor.name || actor.text;
  return el("a", {class: `actor actor-${role}`, href: `/actors/${encodeURIComponent(key)}`},
            actor.name || actor.text, actor.code ? [" ", el("code", {text: actor.code})] : []);
}

function eventCard(ev, link) {
  const m = ev.modality || {};
  const badges = ["reported", "hedged", "future", "negated", "hypothetical"].filter((f) => m[f])
    .map((f) => el("span", {class: `badge badge-${f}`, text: f}));
  const place = ev.location ? el("span", {class: "place"}, ev.location.name,
    ev.location.country && ev.location.country !== ev.location.name ? `, ${ev.location.country}` : "") : null;
  const sentence = el("p", {class: "sentence"}, segments(ev).map(([text, role]) =>
    role ? el("mark", {class: `hl hl-${role}`, title: role, text}) : text));
  return el("article", {class: `event quad-${ev.quad_class}`, "data-event-id": ev.event_id},
    el("div", {class: "event-head"},
      el("span", {class: "type"}, ev.type, ev.mode ? el("small", {text: `·${ev.mode}`}) : null),
      el("span", {class: "cameo", text: `CAMEO ${ev.cameo}`}),
      el("span", {class: "quad", text: QUADS[ev.quad_class] || ""}),
      badges, el("span", {class: "spacer"}),
      el("span", {class: "date", text: ev.date || "undated"}), place),
    el("div", {class: "dyad"}, actorLink(ev.source, "source"), el("span", {class: "arrow", text: " → "}),
       actorLink(ev.target, "target")),
    sentence,
    link ? el("a", {class: "more", href: link, text: "open event ›"}) : null);
}

/* Cooperation (up, green) and conflict (down, red) events per period, with the net balance as a line. */
function drawTimeline(box, data) {
  const rows = data.timeline || [];
  box.replaceChildren();
  if (!rows.length) { box.append(el("p", {class: "muted", text: "No dated events with a counterpart."})); return; }
  const W = 900, H = 260, L = 40, R = 12, T = 14, B = 40;
  const peak = Math.max(1, ...rows.map((r) => Math.max(r.cooperation, r.conflict)));
  const mid = T + (H - T - B) / 2, half = (H - T - B) / 2;
  const step = (W - L - R) / rows.length, bar = Math.max(2, Math.min(48, step * 0.6));
  const y = (v) => mid - (v / peak) * half;
  const svg = el("svg:svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "cooperation and conflict over time"});
  for (const v of [...new Set([peak, Math.round(peak / 2), 0, -Math.round(peak / 2), -peak])]) {
    svg.append(el("svg:line", {class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v)}),
               el("svg:text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", text: String(Math.abs(v))}));
  }
  svg.append(el("svg:line", {class: "axis", x1: L, x2: W - R, y1: mid, y2: mid}));
  const every = Math.ceil(rows.length / 12);
  const points = [];
  rows.forEach((r, i) => {
    const cx = L + step * i + step / 2;
    svg.append(
      el("svg:rect", {class: "coop", x: cx - bar / 2, y: y(r.cooperation), width: bar, height: mid - y(r.cooperation)},
         el("svg:title", {text: `${r.period}: ${r.cooperation} cooperative`})),
      el("svg:rect", {class: "conflict", x: cx - bar / 2, y: mid, width: bar, height: y(-r.conflict) - mid},
         el("svg:title", {text: `${r.period}: ${r.conflict} conflictual`})));
    points.push(`${cx},${y(r.cooperation - r.conflict)}`);
    if (i % every === 0) svg.append(el("svg:text", {x: cx, y: H - B + 18, "text-anchor": "middle", text: r.period}));
  });
  if (rows.length > 1) svg.append(el("svg:polyline", {class: "net", points: points.join(" ")}));
  svg.append(el("svg:text", {x: L, y: H - 6, text: "▲ cooperation   ▼ conflict   — net"}));
  box.append(svg);
}

const PALETTE = ["#2459c4", "#c2410c", "#7c3aed", "#0f766e", "#b45309", "#be185d", "#4d7c0f"];

/* A small force layout (Fruchterman-Reingold): springs along edges, repulsion between all nodes, and gravity
   towards the centre so that separate components stay in view. Deterministic: same data, same picture. */
function layout(nodes, edges, W, H) {
  const n = nodes.length, index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => ({x: W / 2 + Math.cos(i * 2.4) * (30 + 6 * i), y: H / 2 + Math.sin(i * 2.4) * (30 + 6 * i)}));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const k = 0.4 * Math.sqrt((W * H) / Math.max(n, 1)), iterations = 300;
  for (let step = 0; step < iterations; step++) {
    const heat = (W / 8) * (1 - step / iterations) + 1;
    const move = pos.map(() => ({x: 0, y: 0}));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y, d = Math.max(Math.hypot(dx, dy), 1);
      const f = (k * k) / d / d;
      move[i].x += dx * f; move[i].y += dy * f; move[j].x -= dx * f; move[j].y -= dy * f;
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y, d = Math.max(Math.hypot(dx, dy), 1);
      const f = d / k;
      move[a].x -= dx * f; move[a].y -= dy * f; move[b].x += dx * f; move[b].y += dy * f;
    }
    pos.forEach((p, i) => {
      move[i].x += (W / 2 - p.x) * 0.5; move[i].y += (H / 2 - p.y) * 0.5;
      const len = Math.hypot(move[i].x, move[i].y) || 1, cap = Math.min(len, heat);
      p.x = Math.max(40, Math.min(W - 40, p.x + (move[i].x / len) * cap));
      p.y = Math.max(30, Math.min(H - 30, p.y + (move[i].y / len) * cap));
    });
  }
  return pos;
}

function drawNetwork(box, data, list) {
  const nodes = data.nodes || [], edges = data.edges || [], groups = data.coalitions || [];
  box.replaceChildren();
  const colour = new Map();
  groups.forEach((g, i) => g.members.forEach((m) => { if (!colour.has(m)) colour.set(m, PALETTE[i % PALETTE.length]); }));
  if (!nodes.length) box.append(el("p", {class: "muted", text: "No events between two known actors yet."}));
  else {
    const W = 900, H = 600, pos = layout(nodes, edges, W, H);
    const at = new Map(nodes.map((n, i) => [n.id, pos[i]]));
    const top = Math.max(1, ...edges.map((e) => e.events)), big = Math.max(1, ...nodes.map((n) => n.events));
    const svg = el("svg:svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network"});
    for (const e of edges) {
      const a = at.get(e.source), b = at.get(e.target);
      svg.append(el("svg:line", {class: `edge edge-${e.sign}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        "stroke-width": 1 + 5 * e.events / top, "stroke-opacity": 0.75},
        el("svg:title", {text: `${e.source} – ${e.target}: ${e.cooperation} cooperative, ${e.conflict} conflictual`})));
    }
    nodes.forEach((n, i) => {
      const r = 7 + 14 * Math.sqrt(n.events / big);
      const link = el("svg:a", {href: `/actors/${encodeURIComponent(n.id)}`, class: "node"},
        el("svg:circle", {cx: pos[i].x, cy: pos[i].y, r, style: colour.has(n.id) ? `stroke: ${colour.get(n.id)}; stroke-width: 3` : null},
           el("svg:title", {text: `${n.id}: ${n.events} events`})),
        el("svg:text", {x: pos[i].x, y: pos[i].y + r + 12, "text-anchor": "middle", text: n.id}));
      svg.append(link);
    });
    box.append(svg);
  }
  if (!list) return;
  list.replaceChildren();
  if (!groups.length) list.append(el("p", {class: "muted", text: "No coalitions found."}));
  groups.forEach((g, i) => list.append(el("div", {class: "coalition", style: `border-left: 4px solid ${PALETTE[i % PALETTE.length]}`},
    el("div", {class: "kind", text: `${g.kind}${g.name ? " · " + g.name : ""}`}),
    el("div", {}, g.members.map((m) => [el("a", {href: `/actors/${encodeURIComponent(m)}`}, el("code", {text: m})), " "])),
    el("small", {class: "muted", text: `${g.evidence.length} events · ${g.since || "?"} – ${g.until || "?"}`}))));
}

function codeForm(form) {
  const status = document.getElementById("code-status"), out = document.getElementById("code-events");
  const count = document.getElementById("code-count"), run = document.getElementById("code-run");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {text: form.elements.text.value};
    if (form.elements.title.value.trim()) body.title = form.elements.title.value.trim();
    if (form.elements.date.value) body.date = form.elements.date.value;
    run.disabled = true; status.textContent = "coding…";
    try {
      const result = await getJSON("/api/code", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
      out.replaceChildren(...result.events.map((ev) => eventCard(ev)));
      if (!result.events.length) out.append(el("p", {class: "empty", text: "No events found in this text."}));
      count.textContent = `${result.events.length} event${result.events.length === 1 ? "" : "s"}`;
      status.textContent = "done";
    } catch (err) {
      out.replaceChildren(el("p", {class: "error-box", text: err.message}));
      status.textContent = "";
    } finally { run.disabled = false; }
  });
}

async function boot() {
  const timeline = document.getElementById("timeline");
  if (timeline) {
    try { drawTimeline(timeline, await getJSON(timeline.dataset.src)); }
    catch (err) { timeline.replaceChildren(el("p", {class: "error-box", text: err.message})); }
  }
  const network = document.getElementById("network");
  if (network) {
    try { drawNetwork(network, await getJSON(network.dataset.src), document.getElementById("coalitions")); }
    catch (err) { network.replaceChildren(el("p", {class: "error-box", text: err.message})); }
  }
  const form = document.getElementById("code-form");
  if (form) codeForm(form);
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", boot);
