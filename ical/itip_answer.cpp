#include "ical/itip_answer.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include <libical/ical.h>
#include <tl/expected.hpp>

#include "base/ascii.h"
#include "ical/bounded_text.h"
#include "ical/component.h"
#include "ical/recurrence.h"
#include "ical/zone_rules.h"
#include "ical/zones.h"

namespace mentorcal::ical {
namespace {

using base::iequals;
using base::istarts_with;
using base::lower_ascii;
using base::trim;
using base::upper_ascii;

constexpr std::size_t kMaxCalendarBytes = std::size_t{1} << 20;
constexpr int kMaxComponentDepth = 16;
constexpr int kMaxZoneLookups = 16;  // per message; a real reply names one or two zones
// CPU time the VTIMEZONEs of one message may take to read; a real one takes well under 1 ms.
constexpr std::chrono::nanoseconds kZoneBudget = std::chrono::seconds(1);
// The years whose zone offsets are worked out exactly; the nearest offset holds outside them.
const Coverage kZoneSpan = coverage(std::chrono::sys_days{std::chrono::year{1970} / 1 / 1},
                                    std::chrono::sys_days{std::chrono::year{2100} / 1 / 1});

// A string libical allocated with malloc (the *_r functions).
struct MallocFree {
  void operator()(char* s) const { std::free(s); }
};
using MallocString = std::unique_ptr<char, MallocFree>;

// The bounds of one calendar part: a real reply is one VEVENT, perhaps with a VTIMEZONE or two.
const TextLimits kReplyLimits{.max_bytes = kMaxCalendarBytes,
                              .max_components = 256,
                              .max_events = 64,
                              .max_lines = 20'000,
                              .max_depth = kMaxComponentDepth};

// Return the property's value as text, upper case, "" if absent.
std::string method_of(icalcomponent* calendar) {
  icalproperty* prop = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY);
  if (prop == nullptr) return "";
  MallocString value(icalproperty_get_value_as_string_r(prop));
  return value ? upper_ascii(trim(value.get())) : "";
}

// Return the lower-cased address of an ATTENDEE value, "" if it is not an address ("urn:...").
std::string address_of(const char* value) {
  if (value == nullptr) return "";
  std::string_view v = trim(value);
  if (istarts_with(v, "mailto:")) v = trim(v.substr(7));
  if (v.empty() || v.find(':') != std::string_view::npos) return "";
  return lower_ascii(v);
}

std::string partstat_of(icalproperty* attendee) {
  icalparameter* param = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
  if (param == nullptr) return "";
  const icalparameter_partstat value = icalparameter_get_partstat(param);
  const char* text = value == ICAL_PARTSTAT_X ? icalparameter_get_xvalue(param)
                                              : icalparameter_enum_to_string(value);
  return text != nullptr ? upper_ascii(base::printable(trim(text), 40)) : "";
}

struct Answer {
  std::string address, partstat;
};

// Return the attendee who answers (see CalendarReply::attendee), or nothing.
std::optional<Answer> answering_attendee(icalcomponent* event, const Senders& senders) {
  std::vector<Answer> all;
  for (icalproperty* p : properties(event, ICAL_ATTENDEE_PROPERTY)) {
    std::string address = address_of(icalproperty_get_attendee(p));
    if (!address.empty()) all.push_back({std::move(address), partstat_of(p)});
  }
  if (all.empty()) return std::nullopt;
  for (const std::string_view who : {senders.from, senders.sender}) {
    for (const Answer& a : all) {
      if (!who.empty() && a.address == who) return a;
    }
  }
  for (const Answer& a : all) {
    if (!a.partstat.empty() && a.partstat != "NEEDS-ACTION") return a;
  }
  return all.front();
}

// True for an IANA-looking zone name ("America/Port-au-Prince", "Etc/GMT+5"): libical 3.0 opens
// The zones the times of one calendar object name, each looked up once. All the AnswerZones of
// one message share a budget of kMaxZoneLookups lookups, so that a message naming many zones
// cannot have them all read.
class AnswerZones {
 public:
  AnswerZones(icalcomponent* calendar, CpuBudget& budget, int& lookups_left)
      : zones_(calendar, kZoneSpan, budget), lookups_left_(lookups_left) {}

  // Return the zone `tzid` names: the calendar's own VTIMEZONE of that TZID, else the tz
  // database's; nullptr if neither, if the VTIMEZONE could not be read whole, or when the lookups
  // are spent.
  const ZoneRules* named(std::string_view tzid) {
    if (const auto known = known_.find(tzid); known != known_.end()) return known->second.get();
    std::unique_ptr<ZoneRules> rules;
    if (lookups_left_ > 0) {
      --lookups_left_;
      CalendarZones::Found found = zones_.find(tzid);
      if (found.problem.empty()) rules = std::move(found.rules);
    }
    return known_.emplace(std::string(tzid), std::move(rules)).first->second.get();
  }

 private:
  CalendarZones zones_;
  int& lookups_left_;
  std::map<std::string, std::unique_ptr<ZoneRules>, std::less<>> known_;
};

// Return the UTC instant of the DATE-TIME property `prop` (DTSTART or DTEND, value `t`); nothing
// for a DATE, a floating time or an unknown zone.
std::optional<std::chrono::sys_seconds> utc_instant(AnswerZones& zones, icalproperty* prop,
                                                    icaltimetype t) {
  if (icaltime_is_null_time(t) || t.is_date) return std::nullopt;
  if (icaltime_is_utc(t)) {
    return std::chrono::sys_seconds(std::chrono::seconds(icaltime_as_timet(t)));
  }
  icalparameter* param = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
  const char* tzid = param != nullptr ? icalparameter_get_tzid(param) : nullptr;
  if (tzid == nullptr || *tzid == '\0') return std::nullopt;  // floating
  const ZoneRules* zone = zones.named(tzid);
  const auto local = wall_clock(t);
  if (zone == nullptr || !local) return std::nullopt;
  return zone->to_utc(*local);
}

// Fill in the proposed times of a COUNTER, or say why it has none.
tl::expected<void, std::string> read_proposal(AnswerZones& zones, icalcomponent* event,
                                              CalendarReply& reply) {
  icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  if (start == nullptr) return tl::unexpected(std::string("COUNTER without DTSTART"));
  reply.proposed_start = utc_instant(zones, start, icalproperty_get_dtstart(start));
  if (!reply.proposed_start) {
    return tl::unexpected(std::string("COUNTER DTSTART is a date, floating or in an unknown zone"));
  }
  if (icalproperty* end = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
    reply.proposed_end = utc_instant(zones, end, icalproperty_get_dtend(end));
    if (!reply.proposed_end) {
      return tl::unexpected(std::string("COUNTER DTEND is a date, floating or in an unknown zone"));
    }
  } else if (icalproperty* duration =
                 icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)) {
    const icaldurationtype d = icalproperty_get_duration(duration);
    if (!icaldurationtype_is_bad_duration(d)) {
      reply.proposed_end = *reply.proposed_start + std::chrono::seconds(icaldurationtype_as_int(d));
    }
  }
  return {};
}

tl::expected<CalendarReply, std::string> read_event(AnswerZones& zones, icalcomponent* event,
                                                    const std::string& method,
                                                    const Senders& senders) {
  CalendarReply reply;
  reply.method = method;
  const char* uid = icalcomponent_get_uid(event);
  if (uid == nullptr || trim(uid).empty()) return tl::unexpected(std::string("VEVENT without UID"));
  reply.uid = std::string(trim(uid));
  if (icalproperty* sequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY)) {
    reply.sequence = icalproperty_get_sequence(sequence);
  }
  if (icalproperty* stamp = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY)) {
    const icaltimetype t = icalproperty_get_dtstamp(stamp);
    if (!icaltime_is_null_time(t) && !t.is_date && icaltime_is_utc(t)) {
      reply.dtstamp = std::chrono::sys_seconds(std::chrono::seconds(icaltime_as_timet(t)));
    }
  }
  auto answer = answering_attendee(event, senders);
  if (!answer) return tl::unexpected(std::string("VEVENT without ATTENDEE"));
  reply.attendee = std::move(answer->address);
  reply.partstat = std::move(answer->partstat);
  if (icalproperty* comment = icalcomponent_get_first_property(event, ICAL_COMMENT_PROPERTY)) {
    if (const char* text = icalproperty_get_comment(comment)) reply.comment = text;
  }
  if (method == "COUNTER") {
    if (auto proposal = read_proposal(zones, event, reply); !proposal) {
      return tl::unexpected(std::move(proposal.error()));
    }
  }
  return reply;
}

// What one message's calendar parts have given so far.
struct MessageReading {
  explicit MessageReading(Senders s) : senders(s) {}

  void problem(std::string why) {
    if (std::find(problems.begin(), problems.end(), why) == problems.end()) {
      problems.push_back(std::move(why));
    }
  }

  Senders senders;
  std::vector<CalendarReply> replies;
  std::vector<std::string> problems;  // distinct, in the order met
  std::set<std::string> seen;         // the calendar objects read so far, as libical prints them
  int zone_lookups_left = kMaxZoneLookups;  // shared by all parts of a message
  CpuBudget budget{kZoneBudget};            // for reading VTIMEZONEs
};

void read_calendar(icalcomponent* calendar, std::string_view mime_method, MessageReading& reading) {
  std::string method = method_of(calendar);
  if (method.empty()) method = upper_ascii(trim(mime_method));
  if (method.empty()) return reading.problem("calendar part unreadable: no METHOD");
  if (method != "REPLY" && method != "COUNTER" && method != "REFRESH") {
    return reading.problem("METHOD:" + base::printable(method, 40) + " is not a reply");
  }
  const std::vector<icalcomponent*> events = children(calendar, ICAL_VEVENT_COMPONENT);
  if (events.empty()) return reading.problem("calendar part unreadable: no VEVENT");
  AnswerZones zones(calendar, reading.budget, reading.zone_lookups_left);
  for (icalcomponent* event : events) {
    auto reply = read_event(zones, event, method, reading.senders);
    if (reply) {
      reading.replies.push_back(std::move(*reply));
    } else {
      reading.problem("calendar part unreadable: " + reply.error());
    }
  }
}

}  // namespace

struct ItipAnswers::Reading : MessageReading {
  using MessageReading::MessageReading;
};

ItipAnswers::ItipAnswers(Senders senders) : reading_(std::make_unique<Reading>(senders)) {}

ItipAnswers::~ItipAnswers() = default;

std::vector<CalendarReply>& ItipAnswers::replies() {
  return reading_->replies;
}

const std::vector<std::string>& ItipAnswers::problems() const {
  return reading_->problems;
}

void ItipAnswers::read(std::string_view calendar_text, std::string_view mime_method) {
  Reading& reading = *reading_;
  auto text = bounded_text(calendar_text, kReplyLimits);
  if (!text) return reading.problem("calendar part unreadable: " + text.error());
  if (text->text.empty()) return reading.problem("calendar part unreadable: empty");
  Component root(icalparser_parse_string(text->text.c_str()));
  if (!root) return reading.problem("calendar part unreadable: not iCalendar");
  const std::vector<icalcomponent*> calendars = calendars_of(root.get());
  if (calendars.empty()) return reading.problem("calendar part unreadable: no VCALENDAR");
  for (icalcomponent* calendar : calendars) {
    MallocString printed(icalcomponent_as_ical_string_r(calendar));
    if (printed && !reading.seen.insert(printed.get()).second) continue;  // the same object again
    read_calendar(calendar, mime_method, reading);
  }
}

}  // namespace mentorcal::ical
