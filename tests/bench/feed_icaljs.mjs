// The busy-feed benchmark's feed expanded with ical.js (Mozilla's parser, the one Thunderbird
// uses), for comparison with feed_bench's read_busy_feed_8_weeks: the same work, the same answer.
// Usage: node tests/bench/feed_icaljs.mjs [FILE] [RUNS]
//   FILE  the feed feed_bench wrote (default $MENTORCAL_FEED_BENCH_FILE, else
//         <temp dir>/mentorcal-feed-bench.ics); RUNS default 5.
// Each run: parse, register the VTIMEZONEs, then for every UID an ICAL.Event given its overrides
// (options.exceptions), walked with event.iterator() (RRULE, RDATE, EXDATE) until the range
// ends; cancelled and transparent occurrences skipped; intervals clipped to the range and merged.
// Prints the time of each run, the medians of wall-clock and CPU time, and the merged busy
// intervals and hours (they must equal feed_bench's busy_intervals and busy_hours counters).
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import ICAL from "../interop/node_modules/ical.js/dist/ical.js";

const file = process.argv[2] ?? process.env.MENTORCAL_FEED_BENCH_FILE ??
  join(tmpdir(), "mentorcal-feed-bench.ics");
const runs = Number(process.argv[3] ?? 5);
const from = Date.UTC(2026, 2, 2) / 1000;  // 2026-03-02T00:00:00Z
const to = from + 8 * 7 * 86400;

function busy(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  // Exceptions are passed in: without `exceptions`, new ICAL.Event() relates every
  // RECURRENCE-ID of the whole calendar, whatever its UID (quadratic, and wrong across UIDs).
  const exceptions = new Map();
  const masters = [];
  for (const vevent of root.getAllSubcomponents("vevent")) {
    if (vevent.hasProperty("recurrence-id")) {
      const uid = vevent.getFirstPropertyValue("uid");
      if (!exceptions.has(uid)) exceptions.set(uid, []);
      exceptions.get(uid).push(vevent);
    } else {
      masters.push(vevent);
    }
  }
  const events = [];
  for (const vevent of masters) {
    const uid = vevent.getFirstPropertyValue("uid");
    events.push(new ICAL.Event(vevent, { strictExceptions: true, exceptions: exceptions.get(uid) ?? [] }));
    exceptions.delete(uid);
  }
  for (const lone of exceptions.values()) {
    for (const vevent of lone) events.push(new ICAL.Event(vevent, { exceptions: [] }));
  }
  const intervals = [];
  const free = (component) =>
    String(component.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED" ||
    String(component.getFirstPropertyValue("transp") ?? "").toUpperCase() === "TRANSPARENT";
  const add = (start, end) => {
    const b = Math.max(start.toUnixTime(), from);
    const e = Math.min(end.toUnixTime(), to);
    if (b < e) intervals.push([b, e]);
  };
  for (const event of events) {
    if (!event.isRecurring()) {
      if (!free(event.component)) add(event.startDate, event.endDate);
      continue;
    }
    // Instances come in order of their original start. Those more than two days before the range
    // are only looked at when moved (the bench's overrides move by two hours).
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const original = next.toUnixTime();
      if (original >= to) break;
      if (original < from - 2 * 86400 && !(next.toString() in event.exceptions)) continue;
      const details = event.getOccurrenceDetails(next);
      if (!free(details.item.component)) add(details.startDate, details.endDate);
    }
  }
  intervals.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [b, e] of intervals) {
    if (merged.length && b <= merged[merged.length - 1][1]) {
      merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], e);
    } else {
      merged.push([b, e]);
    }
  }
  return merged;
}

const text = readFileSync(file, "utf8");
const times = [];
const cpu = [];
let result = [];
for (let i = 0; i < runs; ++i) {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  result = busy(text);
  times.push(performance.now() - start);
  const used = process.cpuUsage(startCpu);
  cpu.push((used.user + used.system) / 1000);
}
const hours = result.reduce((sum, [b, e]) => sum + (e - b), 0) / 3600;
console.log(`ical.js on ${file}`);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(1);
console.log(`runs (ms): ${times.map((t) => t.toFixed(1)).join(" ")}`);
console.log(`median_ms=${median(times)} median_cpu_ms=${median(cpu)} ` +
  `busy_intervals=${result.length} busy_hours=${hours}`);
