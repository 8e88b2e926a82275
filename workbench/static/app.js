// precinct workbench: the live progress of a study (Server-Sent Events)
// and the replay of a day on the map. No library, nothing fetched but
// this server's own pages.
"use strict";

function followStudy(sec) {
  if (sec.dataset.live !== "true") return;
  const state = document.getElementById("state");
  const count = document.getElementById("count");
  const bar = document.getElementById("bar");
  const es = new EventSource(sec.dataset.events);
  es.addEventListener("progress", (ev) => {
    const st = JSON.parse(ev.data);
    state.textContent = st.state === "queued" && st.ahead > 0 ? "queued (" + st.ahead + " ahead)" : st.state;
    state.className = "state-" + st.state;
    count.textContent = st.done + " of " + st.total + " replicates";
    if (bar) { bar.max = st.total; bar.value = st.done; }
  });
  es.addEventListener("end", () => { es.close(); window.location.reload(); });
  es.onerror = () => { state.textContent = "connection to the server lost; reload the page"; };
}

const stateColors = {
  patrol: "#2e7d32", engage: "#66bb6a", en_route: "#f57c00", on_scene: "#c62828", report: "#8e24aa",
  self_initiated: "#1565c0", out_of_service: "#757575", transport: "#5d4037",
};
const hoodColors = ["#e8eef7", "#f5efe3", "#eaf4ea", "#f6e9ee", "#eeeaf6", "#e9f4f4", "#f4f2e6", "#f1ece8"];

function clockText(minute, warmup) {
  const m = minute - warmup;
  const day = Math.floor(m / 1440);
  const t = m - day * 1440;
  const hh = String(Math.floor(t / 60)).padStart(2, "0");
  const mm = String(Math.floor(t % 60)).padStart(2, "0");
  return "day " + day + ", " + hh + ":" + mm;
}

function replay(sec) {
  const canvas = document.getElementById("map");
  const ctx = canvas.getContext("2d");
  const play = document.getElementById("play");
  const speed = document.getElementById("speed");
  const scrub = document.getElementById("scrub");
  const clock = document.getElementById("clock");
  const problem = document.getElementById("replay-problem");
  let data = null, index = 0, playing = false, last = 0, acc = 0;
  const offensesSoFar = [];

  function draw() {
    const f = data.frames[index];
    const cell = Math.min(canvas.width / data.width, canvas.height / data.height);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.width * data.height; i++) {
      const x = i % data.width, y = Math.floor(i / data.width);
      ctx.fillStyle = hoodColors[data.hood[i] % hoodColors.length];
      ctx.fillRect(x * cell, y * cell, cell, cell);
    }
    ctx.strokeStyle = "#b0b6c0"; ctx.lineWidth = 1;
    for (let i = 0; i < data.width * data.height; i++) {
      const x = i % data.width, y = Math.floor(i / data.width);
      if (x + 1 < data.width && data.beat[i] !== data.beat[i + 1]) { ctx.beginPath(); ctx.moveTo((x + 1) * cell, y * cell); ctx.lineTo((x + 1) * cell, (y + 1) * cell); ctx.stroke(); }
      if (y + 1 < data.height && data.beat[i] !== data.beat[i + data.width]) { ctx.beginPath(); ctx.moveTo(x * cell, (y + 1) * cell); ctx.lineTo((x + 1) * cell, (y + 1) * cell); ctx.stroke(); }
    }
    ctx.fillStyle = "#1f3a5f";
    ctx.fillRect(data.station.X * cell - 6, data.station.Y * cell - 6, 12, 12);
    // Offenses of the last two hours fade out.
    let offenses = 0;
    for (let k = 0; k <= index; k++) offenses += offensesSoFar[k];
    for (let k = Math.max(0, index - Math.ceil(120 / data.step)); k <= index; k++) {
      for (const o of data.frames[k].offenses || []) {
        ctx.strokeStyle = "rgba(90,0,120," + (0.3 + 0.7 * (k + 1 - Math.max(0, index - 120 / data.step)) / (120 / data.step + 1)) + ")";
        ctx.lineWidth = 2;
        const x = o.x * cell, y = o.y * cell;
        ctx.beginPath(); ctx.moveTo(x - 4, y - 4); ctx.lineTo(x + 4, y + 4); ctx.moveTo(x + 4, y - 4); ctx.lineTo(x - 4, y + 4); ctx.stroke();
      }
    }
    for (const c of f.calls || []) {
      const x = c.x * cell, y = c.y * cell;
      ctx.fillStyle = c.status === "waiting" ? "#d50000" : c.status === "on_scene" || c.status === "team" ? "#ffb300" : "#ffe082";
      ctx.beginPath(); ctx.moveTo(x, y - 7); ctx.lineTo(x + 6, y + 5); ctx.lineTo(x - 6, y + 5); ctx.closePath(); ctx.fill();
      ctx.strokeStyle = "#333"; ctx.lineWidth = 0.8; ctx.stroke();
    }
    for (const t of f.teams || []) {
      ctx.fillStyle = t.busy ? "#00838f" : "#80deea";
      ctx.fillRect(t.x * cell - 5, t.y * cell - 5, 10, 10);
    }
    for (const o of f.officers || []) {
      ctx.fillStyle = stateColors[o.state] || "#000";
      ctx.beginPath(); ctx.arc(o.x * cell, o.y * cell, 4.5, 0, 2 * Math.PI); ctx.fill();
    }
    clock.textContent = clockText(f.minute, data.warmup);
    const busyTeams = (f.teams || []).filter((t) => t.busy).length;
    document.getElementById("n-waiting").textContent = f.waiting;
    document.getElementById("n-free").textContent = f.free;
    document.getElementById("n-duty").textContent = f.on_duty;
    document.getElementById("n-open").textContent = (f.calls || []).length;
    document.getElementById("n-offenses").textContent = offenses;
    document.getElementById("n-teams").textContent = (f.teams || []).length ? busyTeams + " of " + f.teams.length : "none";
    scrub.value = index;
    sec.dataset.minute = f.minute;
    sec.dataset.officers = (f.officers || []).map((o) => o.x.toFixed(2) + "," + o.y.toFixed(2)).join(" ");
  }

  function tick(now) {
    if (!playing) return;
    if (last) acc += (now - last) / 1000 * Number(speed.value) / data.step;
    last = now;
    const steps = Math.floor(acc);
    if (steps > 0) {
      acc -= steps;
      index = Math.min(data.frames.length - 1, index + steps);
      draw();
      if (index === data.frames.length - 1) { setPlaying(false); }
    }
    requestAnimationFrame(tick);
  }

  function setPlaying(on) {
    playing = on;
    play.textContent = on ? "Pause" : "Play";
    sec.dataset.playing = on;
    last = 0; acc = 0;
    if (on) {
      if (index === data.frames.length - 1) index = 0;
      requestAnimationFrame(tick);
    }
  }

  fetch(sec.dataset.frames).then((r) => {
    if (!r.ok) return r.text().then((t) => { throw new Error(t); });
    return r.json();
  }).then((d) => {
    data = d;
    for (const f of data.frames) offensesSoFar.push((f.offenses || []).length);
    scrub.max = data.frames.length - 1;
    const legend = document.getElementById("legend");
    const item = (color, text, square) => {
      const s = document.createElement("span");
      const i = document.createElement("i");
      i.style.background = color;
      if (square) i.style.borderRadius = "0";
      s.appendChild(i); s.appendChild(document.createTextNode(text)); legend.appendChild(s);
    };
    for (const [st, c] of Object.entries(stateColors)) item(c, "officer: " + st.replace(/_/g, " "));
    item("#d50000", "call waiting", true); item("#ffe082", "call dispatched", true); item("#ffb300", "call answered (unit on scene)", true);
    item("#00838f", "co-responder team", true); item("#5a0078", "offense (x, last 2 hours)", true); item("#1f3a5f", "station", true);
    sec.dataset.ready = "true";
    draw();
  }).catch((e) => {
    problem.hidden = false;
    problem.textContent = "The replay could not be loaded: " + e.message;
    clock.textContent = "";
  });
  play.addEventListener("click", () => { if (data) setPlaying(!playing); });
  scrub.addEventListener("input", () => { if (data) { index = Number(scrub.value); draw(); } });
}

document.addEventListener("DOMContentLoaded", () => {
  const progress = document.getElementById("progress");
  if (progress) followStudy(progress);
  const r = document.getElementById("replay");
  if (r) replay(r);
  document.documentElement.setAttribute("data-workbench-ready", "true");
});
