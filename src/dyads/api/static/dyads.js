/* dyads web page: event cards, live coding, and the views charts.js draws (actor timeline, network, map, dyad). */
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

const PALETTE = ["#2459c4", "#c2410c", "#7c3aed", "#0f766e", "#b45309", "#be185d", "#4d7c0f"];

/* The charts themselves are drawn by charts.js (vendored ECharts); here: the coalition list beside the network. */
function listCoalitions(list, groups) {
  list.replaceChildren();
  if (!groups.length) list.append(el("p", {class: "muted", text: "No coalitions found in this window."}));
  groups.forEach((g, i) => list.append(el("div", {class: "coalition", style: `border-left: 4px solid ${PALETTE[i % PALETTE.length]}`},
    el("div", {class: "kind", text: `${g.kind}${g.name ? " · " + g.name : ""}`}),
    el("div", {}, g.members.map((m) => [el("a", {href: `/actors/${encodeURIComponent(m)}`}, el("code", {text: m})), " "])),
    el("small", {class: "muted", text: `${g.evidence.length} events · ${g.since || "?"} – ${g.until || "?"}`}))));
}

async function drawInto(box, draw) {
  try { await draw(); }
  catch (err) { box.replaceChildren(el("p", {class: "error-box", text: err.message})); }
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
  if (timeline) await drawInto(timeline, async () => DyadsCharts.timeline(timeline, (await getJSON(timeline.dataset.src)).timeline || []));
  const network = document.getElementById("network");
  if (network) await drawInto(network, async () => {
    const data = await getJSON(network.dataset.src);
    DyadsCharts.network(network, data);
    const list = document.getElementById("coalitions");
    if (list) listCoalitions(list, data.coalitions || []);
  });
  const map = document.getElementById("map");
  if (map) await drawInto(map, async () => {
    const [data, world] = await Promise.all([getJSON(map.dataset.src), getJSON("/static/vendor/world-atlas/countries-110m.json")]);
    DyadsCharts.worldMap(map, data, world, {measure: map.dataset.measure});
  });
  const dyad = document.getElementById("dyad-data");
  if (dyad) {
    const view = JSON.parse(dyad.textContent);
    for (const box of document.querySelectorAll(".dyad-chart")) {
      const d = box.dataset.direction;
      await drawInto(box, async () => DyadsCharts.dyadDirection(box, view.series[d] || [], d.replace("->", " → ")));
    }
  }
  const form = document.getElementById("code-form");
  if (form) codeForm(form);
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", boot);
