// Parse iCalendar files with ical.js (Mozilla's parser, the one Thunderbird uses) and print what
// a calendar client would see, as JSON: one object per file.
// Usage: node icaljs_check.mjs FILE.ics...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const out = [];
for (const file of process.argv.slice(2)) {
  try {
    const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
    const events = root.getAllSubcomponents("vevent");
    const event = events[0];
    const time = (name) => {
      const prop = event.getFirstProperty(name);
      if (!prop) return null;
      const value = prop.getFirstValue();
      return { utc: value.zone === ICAL.Timezone.utcTimezone, iso: value.toJSDate().toISOString(), tzid: prop.getParameter("tzid") ?? null };
    };
    const person = (prop) => ({
      address: String(prop.getFirstValue()),
      cn: prop.getParameter("cn") ?? null,
      role: prop.getParameter("role") ?? null,
      partstat: prop.getParameter("partstat") ?? null,
      rsvp: prop.getParameter("rsvp") ?? null,
    });
    out.push({
      file,
      ok: true,
      version: root.getFirstPropertyValue("version"),
      prodid: root.getFirstPropertyValue("prodid"),
      method: root.getFirstPropertyValue("method"),
      events: events.length,
      vtimezones: root.getAllSubcomponents("vtimezone").length,
      uid: event.getFirstPropertyValue("uid"),
      sequence: event.getFirstPropertyValue("sequence"),
      status: event.getFirstPropertyValue("status"),
      summary: event.getFirstPropertyValue("summary"),
      location: event.getFirstPropertyValue("location"),
      description: event.getFirstPropertyValue("description"),
      dtstamp: time("dtstamp"),
      dtstart: time("dtstart"),
      dtend: time("dtend"),
      organizer: event.getFirstProperty("organizer") ? person(event.getFirstProperty("organizer")) : null,
      attendees: event.getAllProperties("attendee").map(person),
    });
  } catch (e) {
    out.push({ file, ok: false, error: String(e) });
  }
}
process.stdout.write(JSON.stringify(out));
