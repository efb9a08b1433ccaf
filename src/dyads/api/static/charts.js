/* dyads charts: the actor timeline, network, world map, dyad and report charts, drawn with the vendored ECharts
   (SVG renderer: crisp in print, and the same on the web page and in the offline report). Every mark that counts
   events links to those events: a click opens the filtered event list (or the actor page). No network access. */
"use strict";

const DyadsCharts = (() => {
  const COOP = "#1f9d6b", CONFLICT = "#d0443a", NET = "#172033";
  const QUAD_COLOURS = ["#7cc8a4", "#1f9d6b", "#f0a35e", "#d0443a"];
  const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  const QUAD_KEYS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
  const PALETTE = ["#2459c4", "#c2410c", "#7c3aed", "#0f766e", "#b45309", "#be185d", "#4d7c0f"];
  let base = "";  // prefix of links (the offline report points them at a running `dyads serve`)

  function setBase(url) { base = (url || "").replace(/\/$/, ""); }
  function go(href) { if (href) window.location.href = base + href; }

  function init(box, height) {
    const old = echarts.getInstanceByDom(box);
    if (old) old.dispose();  // a redraw replaces the chart, and its resize listener must not outlive it
    box.replaceChildren();
    box.style.height = `${height}px`;
    const chart = echarts.init(box, null, {renderer: "svg"});
    const onResize = () => {
      if (chart.isDisposed() || !box.isConnected) {
        window.removeEventListener("resize", onResize);
        return;
      }
      // a resize can come while a chart is between layouts (printing, a hidden tab): skip, the next one draws
      if (box.clientWidth > 0 && box.clientHeight > 0) {
        try { chart.resize(); } catch (err) { /* drawn again on the next resize */ }
      }
    };
    window.addEventListener("resize", onResize);
    return chart;
  }

  function empty(box, text) {
    const old = echarts.getInstanceByDom(box);
    if (old) old.dispose();
    box.replaceChildren();
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = text;
    box.append(p);
    box.dataset.drawn = "empty";
  }

  function zoom(axis) {  // zoom and pan on the time axis: wheel or drag inside, and a slider below
    return [{type: "inside", [`${axis}AxisIndex`]: 0}, {type: "slider", [`${axis}AxisIndex`]: 0, height: 18, bottom: 4}];
  }

  /* Cooperative (up) and conflictual (down) events per period, and the net balance as a line. */
  function timeline(box, rows) {
    if (!rows.length) return empty(box, "No dated events with a counterpart.");
    const chart = init(box, 300);
    chart.setOption({
      animation: false,
      tooltip: {trigger: "axis"},
      legend: {top: 0, data: ["cooperation", "conflict", "net"]},
      grid: {left: 44, right: 16, top: 30, bottom: 56},
      xAxis: {type: "category", data: rows.map((r) => r.period)},
      yAxis: {type: "value", axisLabel: {formatter: (v) => Math.abs(v)}},
      dataZoom: zoom("x"),
      series: [
        {name: "cooperation", type: "bar", stack: "q", color: COOP, barMaxWidth: 48, data: rows.map((r) => r.cooperation)},
        {name: "conflict", type: "bar", stack: "q", color: CONFLICT, barMaxWidth: 48, data: rows.map((r) => -r.conflict),
         tooltip: {valueFormatter: (v) => Math.abs(v)}},
        {name: "net", type: "line", color: NET, data: rows.map((r) => r.cooperation - r.conflict)},
      ],
    });
    chart.on("click", (p) => go(rows[p.dataIndex] && rows[p.dataIndex].href));
    box.dataset.drawn = String(rows.length);
    return chart;
  }

  /* Actors as nodes (size: events), edges coloured by their balance; coalition members ringed in its colour. */
  function network(box, data) {
    const nodes = data.nodes || [], edges = data.edges || [], groups = data.coalitions || [];
    if (!nodes.length) return empty(box, "No events between two known actors in this window.");
    const group = new Map();
    groups.forEach((g, i) => g.members.forEach((m) => { if (!group.has(m)) group.set(m, i); }));
    const big = Math.max(1, ...nodes.map((n) => n.events)), top = Math.max(1, ...edges.map((e) => e.events));
    const chart = init(box, 600);
    chart.setOption({
      animation: false,
      tooltip: {formatter: (p) => p.dataType === "edge"
        ? `${p.data.source} – ${p.data.target}: ${p.data.cooperation} cooperative, ${p.data.conflict} conflictual` +
          (p.data.joint ? `, acted together ${p.data.joint} times` : "")
        : `${p.data.name}: ${p.data.value} events`},
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, label: {show: true, position: "bottom"},
        force: {repulsion: 260, edgeLength: [70, 170], gravity: 0.08, layoutAnimation: false},
        data: nodes.map((n) => ({name: n.id, value: n.events, symbolSize: 12 + 26 * Math.sqrt(n.events / big),
          itemStyle: {color: "#fff", borderWidth: 3,
                      borderColor: group.has(n.id) ? PALETTE[group.get(n.id) % PALETTE.length] : "#98a2b3"}})),
        links: edges.map((e) => ({...e, lineStyle: {color: e.sign === "conflict" ? CONFLICT : COOP,
          width: e.events ? 1 + 5 * e.events / top : 1, opacity: e.events ? 0.75 : 0.35, type: e.events ? "solid" : "dashed"}})),
        emphasis: {focus: "adjacency"},
      }],
    });
    chart.on("click", (p) => {
      if (p.dataType === "node") go(`/actors/${encodeURIComponent(p.data.name)}`);
      else if (p.dataType === "edge") go(p.data.href);
    });
    box.dataset.drawn = String(nodes.length);
    return chart;
  }

  /* A ring that crosses the antimeridian (Russia, Fiji) would be drawn across the whole map on a plane: carry its
     western points past 180 degrees instead. */
  function unwrap(feature) {
    const g = feature.geometry;
    if (!g) return;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const polygon of polygons) for (const ring of polygon) {
      if (ring.some(([x]) => x < -170) && ring.some(([x]) => x > 170)) ring.forEach((pt) => { if (pt[0] < 0) pt[0] += 360; });
    }
  }

  /* Countries shaded by a measure of the window's events; places as points; a click opens the actor page. */
  function worldMap(box, data, world, opts) {
    const measure = (opts && opts.measure) || "tone";
    const iso = data.ids || {};
    const shapes = topojson.feature(world, world.objects.countries);
    shapes.features = shapes.features.filter((f) => f.id !== "010");  // Antarctica: no actors, much space
    shapes.features.forEach(unwrap);
    shapes.features.forEach((f) => { f.properties = {...f.properties, label: f.properties.name, name: iso[f.id] || f.properties.name}; });
    if (!echarts.getMap("world")) echarts.registerMap("world", shapes);
    const rows = new Map((data.countries || []).map((c) => [c.country, c]));
    const values = (data.countries || []).map((c) => c[measure]);
    const peak = Math.max(1, ...values.map(Math.abs));
    const diverging = measure === "net" || measure === "tone";
    const chart = init(box, (opts && opts.height) || 520);
    chart.setOption({
      animation: false,
      tooltip: {formatter: (p) => {
        if (p.seriesType === "scatter") {
          const d = p.data.row;
          return `${d.name}: ${d.events} events (${d.cooperation} cooperative, ${d.conflict} conflictual)`;
        }
        const c = rows.get(p.name);
        return c ? `${c.name || c.country} (${c.country}): ${c.events} events, ${c.cooperation} cooperative, ${c.conflict} conflictual, net ${c.net}`
                 : `${p.name}: no events`;
      }},
      visualMap: {type: "continuous", min: diverging ? (measure === "tone" ? -1 : -peak) : 0,
                  max: measure === "tone" ? 1 : peak, calculable: true, left: 10, bottom: 10, seriesIndex: 0,
                  text: diverging ? ["cooperation", "conflict"] : [measure, ""],
                  inRange: {color: diverging ? [CONFLICT, "#f7f7f7", COOP] : ["#eef2fb", measure === "conflict" ? CONFLICT : "#2459c4"]}},
      geo: {map: "world", roam: true, itemStyle: {areaColor: "#e9ecf1", borderColor: "#b8c0cc", borderWidth: 0.5},
            emphasis: {label: {show: false}, itemStyle: {areaColor: "#ffe9a8"}}, select: {disabled: true}},
      series: [
        {type: "map", geoIndex: 0, data: (data.countries || []).map((c) => ({name: c.country, value: c[measure]}))},
        {type: "scatter", coordinateSystem: "geo", symbolSize: (v) => 5 + 3 * Math.sqrt(v[2]),
         itemStyle: {color: "#172033", borderColor: "#fff", borderWidth: 1, opacity: 0.85},
         data: (data.points || []).map((p) => ({name: p.name, value: [p.lon, p.lat, p.events], row: p}))},
      ],
    });
    chart.on("click", (p) => {
      if (p.seriesType === "scatter") go(p.data.row.href);
      else if (p.name && /^[A-Z]{3}$/.test(p.name)) go(`/actors/${encodeURIComponent(p.name)}`);
    });
    box.dataset.drawn = String(rows.size);
    return chart;
  }

  /* One direction of a dyad: events per period by quad class (stacked), mean intensity as a line, shifts marked. */
  function dyadDirection(box, points, title) {
    if (!points.length) return empty(box, `${title}: no events in this window.`);
    const chart = init(box, 300);
    const shifts = points.filter((p) => p.shift).map((p) => ({coord: [p.period, 0], value: p.shift === "conflict->cooperation" ? "▲" : "▼",
      itemStyle: {color: p.shift === "conflict->cooperation" ? COOP : CONFLICT}}));
    chart.setOption({
      animation: false, title: {text: title, textStyle: {fontSize: 13}},
      tooltip: {trigger: "axis"}, legend: {top: 24, itemWidth: 12, textStyle: {fontSize: 11}},
      grid: {left: 40, right: 44, top: 76, bottom: 56},
      xAxis: {type: "category", data: points.map((p) => p.period)},
      yAxis: [{type: "value", name: "events", minInterval: 1}, {type: "value", name: "intensity", min: -10, max: 10}],
      dataZoom: zoom("x"),
      series: [
        ...QUAD_KEYS.map((k, i) => ({name: QUAD_NAMES[i], type: "bar", stack: "q", color: QUAD_COLOURS[i], barMaxWidth: 48,
          data: points.map((p) => p[k]), ...(i === 0 ? {markPoint: {symbol: "pin", symbolSize: 30, data: shifts}} : {})})),
        {name: "mean intensity", type: "line", yAxisIndex: 1, color: NET, data: points.map((p) => p.mean_intensity)},
      ],
    });
    chart.on("click", (p) => go(points[p.dataIndex] && points[p.dataIndex].href));
    box.dataset.drawn = String(points.length);
    return chart;
  }

  /* Counterparts: events in this window beside the previous one (the report's "how they moved"). */
  function counterparts(box, rows) {
    if (!rows.length) return empty(box, "No counterparts in either period.");
    const list = rows.slice().reverse();
    const chart = init(box, 60 + 26 * rows.length);
    chart.setOption({
      animation: false, tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      legend: {top: 0}, grid: {left: 60, right: 20, top: 26, bottom: 20},
      yAxis: {type: "category", data: list.map((r) => r.actor)}, xAxis: {type: "value", minInterval: 1},
      series: [
        {name: "previous period", type: "bar", color: "#b8c0cc", data: list.map((r) => r.previous_events)},
        {name: "cooperation", type: "bar", stack: "now", color: COOP, data: list.map((r) => r.cooperation)},
        {name: "conflict", type: "bar", stack: "now", color: CONFLICT, data: list.map((r) => r.conflict)},
      ],
    });
    chart.on("click", (p) => { const r = list[p.dataIndex]; if (r) go(p.seriesIndex === 0 ? r.previous_href : r.href); });
    box.dataset.drawn = String(rows.length);
    return chart;
  }

  /* Net cooperation per period with each of the top counterparts (both directions together). */
  function trends(box, data) {
    const lines = data.lines || [];
    if (!lines.length) return empty(box, "No dyads to follow in this window.");
    const chart = init(box, 300);
    chart.setOption({
      animation: false, tooltip: {trigger: "axis"}, legend: {top: 0},
      grid: {left: 40, right: 16, top: 30, bottom: 56},
      xAxis: {type: "category", data: data.periods}, yAxis: {type: "value", name: "net cooperation"},
      dataZoom: zoom("x"),
      series: lines.map((l, i) => ({name: l.counterpart, type: "line", color: PALETTE[i % PALETTE.length],
        connectNulls: false, data: l.net, hrefs: l.hrefs})),
    });
    chart.on("click", (p) => go(lines[p.seriesIndex].hrefs[p.dataIndex]));
    box.dataset.drawn = String(lines.length);
    return chart;
  }

  return {setBase, timeline, network, worldMap, dyadDirection, counterparts, trends};
})();
