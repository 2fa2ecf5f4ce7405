#include "mail/reply.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <gmime/gmime.h>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <libical/ical.h>
#include <tl/expected.hpp>

#include "mail/gobject_ref.h"

namespace mentorcal::mail {
namespace {

constexpr std::size_t kMaxCalendarBytes = std::size_t{1} << 20;
constexpr int kMaxComponentDepth = 16;
constexpr int kMaxMimeDepth = 32;
constexpr std::size_t kMaxCommentBytes = 500;
constexpr int kMaxRecurringObservances = 8;  // real VTIMEZONEs have two
constexpr int kEarliestZoneYear = 1972;
constexpr std::size_t kMaxZoneNameBytes = 64;
constexpr int kMaxZoneLookups = 16;  // per message; a real reply names one or two zones

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// A string libical allocated with malloc (the *_r functions).
struct MallocFree {
  void operator()(char* s) const { std::free(s); }
};
using MallocString = std::unique_ptr<char, MallocFree>;

// libical walks children with one iterator per component, which any nested walk (or libical call)
// resets: take a snapshot and loop over that.
std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(parent, kind); c != nullptr;
       c = icalcomponent_get_next_component(parent, kind)) {
    out.push_back(c);
  }
  return out;
}

std::vector<icalproperty*> properties(icalcomponent* component, icalproperty_kind kind) {
  std::vector<icalproperty*> out;
  for (icalproperty* p = icalcomponent_get_first_property(component, kind); p != nullptr;
       p = icalcomponent_get_next_property(component, kind)) {
    out.push_back(p);
  }
  return out;
}

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower(c);
  return out;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = upper(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return s;
}

// Return `text` as printable ASCII of at most 40 characters, for a log line.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 40))
    out += c >= 0x20 && c < 0x7f ? c : '?';
  return out;
}

// Return `text` as valid UTF-8 without control characters, cut to kMaxCommentBytes on a
// character boundary.
std::string loggable(std::string_view text) {
  char* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  if (out.size() > kMaxCommentBytes) {
    std::size_t cut = kMaxCommentBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out.resize(cut);
  }
  return out;
}

// Lone CRs become LFs; GMime reads CRLF and LF alike.
std::string with_known_line_ends(std::string_view raw) {
  std::string out(raw);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

// Return the lower-cased address of the first mailbox of `list` (looking into groups), or "".
std::string first_mailbox(InternetAddressList* list, bool in_group = false) {
  if (list == nullptr) return "";
  const int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
      if (addr != nullptr && !trim(addr).empty()) return lower_ascii(trim(addr));
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && !in_group) {
      std::string member =
          first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), true);
      if (!member.empty()) return member;
    }
  }
  return "";
}

// ---- MIME ----------------------------------------------------------------------------------

struct CalendarPart {
  std::string text;         // decoded, UTF-8
  std::string mime_method;  // the Content-Type method= parameter, "" if none
};

struct Parts {
  std::vector<CalendarPart> calendars;
  bool tnef = false;
};

bool is_calendar(GMimeContentType* type, const char* filename) {
  if (g_mime_content_type_is_type(type, "text", "calendar") ||
      g_mime_content_type_is_type(type, "text", "x-vcalendar") ||
      g_mime_content_type_is_type(type, "application", "ics")) {
    return true;
  }
  return g_mime_content_type_is_type(type, "application", "octet-stream") && filename != nullptr &&
         iends_with(filename, ".ics");
}

bool is_tnef(GMimeContentType* type, const char* filename) {
  return g_mime_content_type_is_type(type, "application", "ms-tnef") ||
         g_mime_content_type_is_type(type, "application", "vnd.ms-tnef") ||
         (filename != nullptr && iequals(filename, "winmail.dat"));
}

// Return the content of `part` without its transfer encoding, converted to UTF-8 when it names
// another charset that iconv knows.
std::string decoded(GMimePart* part, GMimeContentType* type) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return "";
  Ref<GMimeStream> memory(g_mime_stream_mem_new());
  Ref<GMimeStream> filtered(g_mime_stream_filter_new(memory.get()));
  const char* charset = g_mime_content_type_get_parameter(type, "charset");
  if (charset != nullptr && !iequals(charset, "utf-8") && !iequals(charset, "utf8") &&
      !iequals(charset, "us-ascii")) {
    if (GMimeFilter* convert = g_mime_filter_charset_new(charset, "UTF-8")) {
      g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), convert);
      g_object_unref(convert);
    }
  }
  g_mime_data_wrapper_write_to_stream(content, filtered.get());
  g_mime_stream_flush(filtered.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

void collect(GMimeObject* object, int depth, Parts& parts) {
  if (object == nullptr || depth > kMaxMimeDepth) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int n = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < n; ++i)
      collect(g_mime_multipart_get_part(multipart, i), depth + 1, parts);
    return;
  }
  if (!GMIME_IS_PART(object)) return;  // message/rfc822 and message/partial: not the sender's own
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  const char* filename = g_mime_part_get_filename(part);
  if (is_calendar(type, filename)) {
    const char* method = g_mime_content_type_get_parameter(type, "method");
    parts.calendars.push_back({decoded(part, type), method != nullptr ? std::string(method) : ""});
  } else if (is_tnef(type, filename)) {
    parts.tnef = true;
  }
}

// ---- iCalendar text ------------------------------------------------------------------------

// Return the name of a content line ("BEGIN" of "BEGIN:VEVENT").
std::string_view line_name(std::string_view line) {
  return line.substr(0, std::min(line.find(':'), line.find(';')));
}

// Return `text` as libical reads it best: no BOM or NUL, lines unfolded (space or TAB) and ended
// by CRLF, blank lines, trailing white space and ENDs without a BEGIN dropped, and an unpaired
// backslash at the end of a line removed (an escape with nothing to escape; libical's TEXT parsing
// has read past it before). Fails when too big or nested too deep (libical frees and prints
// recursively).
tl::expected<std::string, std::string> prepared(std::string_view text) {
  if (text.size() > kMaxCalendarBytes) return tl::unexpected(std::string("larger than 1 MiB"));
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = text.find_first_of("\r\n");
    std::string_view physical = text.substr(0, end);
    if (end == std::string_view::npos) {
      text = {};
    } else {
      text.remove_prefix(end + (text.substr(end, 2) == "\r\n" ? 2 : 1));
    }
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && !lines.empty()) {
      lines.back().append(physical.substr(1));
    } else {
      lines.emplace_back(physical);
    }
  }
  std::string out;
  int depth = 0;
  for (std::string& line : lines) {
    std::erase(line, '\0');
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (line.empty()) continue;
    std::size_t backslashes = 0;
    while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\')
      ++backslashes;
    if (backslashes % 2 == 1) line.pop_back();
    const std::string_view name = line_name(line);
    if (iequals(name, "BEGIN") && ++depth > kMaxComponentDepth) {
      return tl::unexpected(std::string("components nested too deeply"));
    }
    if (iequals(name, "END")) {
      if (depth == 0) continue;  // libical would print "Encountered END before BEGIN" to stderr
      --depth;
    }
    out += line;
    out += "\r\n";
  }
  return out;
}

// ---- iTIP objects ---------------------------------------------------------------------------

struct Senders {
  std::string_view from, sender;
};

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
  return text != nullptr ? upper_ascii(printable(trim(text))) : "";
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
// /usr/share/zoneinfo/<name> for any name it is asked about, "../" included.
bool iana_shaped(std::string_view name) {
  if (name.empty() || name.size() > kMaxZoneNameBytes || !g_ascii_isalpha(name.front()) ||
      name.back() == '/' || name.find("//") != std::string_view::npos) {
    return false;
  }
  for (const char c : name) {
    if (!g_ascii_isalnum(c) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  }
  return true;
}

// Return how many values a BY* list of libical holds.
template <std::size_t N>
std::size_t values(const short (&list)[N]) {
  std::size_t n = 0;
  while (n < N && list[n] != ICAL_RECURRENCE_ARRAY_MAX)
    ++n;
  return n;
}

// Make `vtimezone` one libical can expand in bounded time, or return false: at most
// kMaxRecurringObservances observances with an RRULE, each yearly, in one month, on at most one
// weekday and seven days of that month (real zones: "BYMONTH=3;BYDAY=-1SU",
// "BYMONTH=4;BYMONTHDAY=8,...,14;BYDAY=SU"), and their DTSTARTs moved up to kEarliestZoneYear
// (Outlook starts its rules in 1601; libical expands every year from there). A FREQ=SECONDLY rule
// from year 1 would keep libical busy for hours.
bool tame_zone(icalcomponent* vtimezone) {
  int recurring = 0;
  for (icalcomponent* observance : children(vtimezone, ICAL_ANY_COMPONENT)) {
    const std::vector<icalproperty*> rules = properties(observance, ICAL_RRULE_PROPERTY);
    for (icalproperty* rule : rules) {
      const icalrecurrencetype r = icalproperty_get_rrule(rule);
      const bool in_month = values(r.by_month) == 1;
      if (++recurring > kMaxRecurringObservances || r.freq != ICAL_YEARLY_RECURRENCE ||
          values(r.by_month) > 1 || values(r.by_day) > 1 || values(r.by_month_day) > 7 ||
          ((values(r.by_day) > 0 || values(r.by_month_day) > 0) && !in_month) ||
          values(r.by_second) > 0 || values(r.by_minute) > 0 || values(r.by_hour) > 0 ||
          values(r.by_year_day) > 0 || values(r.by_week_no) > 0) {
        return false;
      }
    }
    icalproperty* start = icalcomponent_get_first_property(observance, ICAL_DTSTART_PROPERTY);
    if (rules.empty() || start == nullptr) continue;
    icaltimetype t = icalproperty_get_dtstart(start);
    if (!icaltime_is_null_time(t) && t.year < kEarliestZoneYear) {
      t.year = kEarliestZoneYear;  // a leap year: 29 February stays a date
      icalproperty_set_dtstart(start, t);
    }
  }
  return true;
}

// The zones the times of one calendar object name, each looked up once. All the Zones of one
// message share a budget of kMaxZoneLookups lookups, so that a message naming many zones cannot
// have libical expand them all.
class Zones {
 public:
  Zones(icalcomponent* calendar, int& budget) : calendar_(calendar), budget_(budget) {}

  // Return the zone `tzid` names: the calendar's own VTIMEZONE of that TZID, else libical's
  // built-in IANA zone; nullptr if neither, if the VTIMEZONE is not one to expand, or when the
  // budget is spent. Owned by the calendar or by libical.
  icaltimezone* named(const char* tzid) {
    if (const auto known = known_.find(tzid); known != known_.end()) return known->second;
    icaltimezone* zone = nullptr;
    if (budget_ > 0) {
      --budget_;
      zone = look_up(tzid);
    }
    known_.emplace(tzid, zone);
    return zone;
  }

 private:
  icaltimezone* look_up(const char* tzid) {
    bool own = false;
    for (icalcomponent* c : children(calendar_, ICAL_VTIMEZONE_COMPONENT)) {
      icalproperty* id = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
      const char* value = id != nullptr ? icalproperty_get_tzid(id) : nullptr;
      if (value == nullptr || std::strcmp(value, tzid) != 0) continue;
      if (!tame_zone(c)) return nullptr;
      own = true;
    }
    if (own) return icalcomponent_get_timezone(calendar_, tzid);
    std::string_view name = tzid;
    constexpr std::string_view kLibicalPrefix = "/freeassociation.sourceforge.net/";
    if (name.substr(0, kLibicalPrefix.size()) == kLibicalPrefix) {
      name.remove_prefix(kLibicalPrefix.size());
    }
    if (!iana_shaped(name)) return nullptr;
    return icaltimezone_get_builtin_timezone(std::string(name).c_str());
  }

  icalcomponent* calendar_;
  int& budget_;
  std::map<std::string, icaltimezone*, std::less<>> known_;
};

// Return the UTC instant of the DATE-TIME property `prop` (DTSTART or DTEND, value `t`); nothing
// for a DATE, a floating time or an unknown zone.
std::optional<std::chrono::sys_seconds> utc_instant(Zones& zones, icalproperty* prop,
                                                    icaltimetype t) {
  if (icaltime_is_null_time(t) || t.is_date) return std::nullopt;
  time_t seconds = 0;
  if (icaltime_is_utc(t)) {
    seconds = icaltime_as_timet(t);
  } else {
    icalparameter* param = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    const char* tzid = param != nullptr ? icalparameter_get_tzid(param) : nullptr;
    if (tzid == nullptr || *tzid == '\0') return std::nullopt;  // floating
    icaltimezone* zone = zones.named(tzid);
    if (zone == nullptr) return std::nullopt;
    seconds = icaltime_as_timet_with_zone(t, zone);
  }
  return std::chrono::sys_seconds(std::chrono::seconds(seconds));
}

// Fill in the proposed times of a COUNTER, or say why it has none.
tl::expected<void, std::string> read_proposal(Zones& zones, icalcomponent* event,
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

tl::expected<CalendarReply, std::string> read_event(Zones& zones, icalcomponent* event,
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
  auto answer = answering_attendee(event, senders);
  if (!answer) return tl::unexpected(std::string("VEVENT without ATTENDEE"));
  reply.attendee = std::move(answer->address);
  reply.partstat = std::move(answer->partstat);
  if (icalproperty* comment = icalcomponent_get_first_property(event, ICAL_COMMENT_PROPERTY)) {
    if (const char* text = icalproperty_get_comment(comment)) reply.comment = loggable(text);
  }
  if (method == "COUNTER") {
    if (auto proposal = read_proposal(zones, event, reply); !proposal) {
      return tl::unexpected(std::move(proposal.error()));
    }
  }
  return reply;
}

struct Reading {
  std::vector<CalendarReply> replies;
  std::vector<std::string> problems;  // distinct, in the order met
  std::set<std::string> seen;         // the calendar objects read so far, as libical prints them
  int zone_lookups_left = kMaxZoneLookups;

  void problem(std::string why) {
    if (std::find(problems.begin(), problems.end(), why) == problems.end()) {
      problems.push_back(std::move(why));
    }
  }
};

void read_calendar(icalcomponent* calendar, const std::string& mime_method, const Senders& senders,
                   Reading& reading) {
  std::string method = method_of(calendar);
  if (method.empty()) method = upper_ascii(trim(mime_method));
  if (method.empty()) return reading.problem("calendar part unreadable: no METHOD");
  if (method != "REPLY" && method != "COUNTER" && method != "REFRESH") {
    return reading.problem("METHOD:" + printable(method) + " is not a reply");
  }
  const std::vector<icalcomponent*> events = children(calendar, ICAL_VEVENT_COMPONENT);
  if (events.empty()) return reading.problem("calendar part unreadable: no VEVENT");
  Zones zones(calendar, reading.zone_lookups_left);
  for (icalcomponent* event : events) {
    auto reply = read_event(zones, event, method, senders);
    if (reply) {
      reading.replies.push_back(std::move(*reply));
    } else {
      reading.problem("calendar part unreadable: " + reply.error());
    }
  }
}

void read_part(const CalendarPart& part, const Senders& senders, Reading& reading) {
  auto text = prepared(part.text);
  if (!text) return reading.problem("calendar part unreadable: " + text.error());
  if (text->empty()) return reading.problem("calendar part unreadable: empty");
  Component root(icalparser_parse_string(text->c_str()));
  if (!root) return reading.problem("calendar part unreadable: not iCalendar");
  std::vector<icalcomponent*> calendars;
  if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
    calendars.push_back(root.get());
  } else if (icalcomponent_isa(root.get()) == ICAL_XROOT_COMPONENT) {
    calendars = children(root.get(), ICAL_VCALENDAR_COMPONENT);
  }
  if (calendars.empty()) return reading.problem("calendar part unreadable: no VCALENDAR");
  for (icalcomponent* calendar : calendars) {
    MallocString printed(icalcomponent_as_ical_string_r(calendar));
    if (printed && !reading.seen.insert(printed.get()).second) continue;  // the same object again
    read_calendar(calendar, part.mime_method, senders, reading);
  }
}

}  // namespace

ReadMessage read_reply(std::string_view raw) {
  init_gmime();
  ReadMessage out;
  const std::string bytes = with_known_line_ends(raw);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message.get()) {
    out.skipped = "not a MIME message";
    return out;
  }
  if (const char* id = g_mime_message_get_message_id(message.get())) out.message_id = id;
  out.from = first_mailbox(g_mime_message_get_from(message.get()));
  out.sender = first_mailbox(g_mime_message_get_sender(message.get()));

  Parts parts;
  collect(g_mime_message_get_mime_part(message.get()), 0, parts);
  Reading reading;
  const Senders senders{out.from, out.sender};
  for (const CalendarPart& part : parts.calendars)
    read_part(part, senders, reading);
  out.replies = std::move(reading.replies);
  if (!out.replies.empty()) return out;
  if (!reading.problems.empty()) {
    for (const std::string& p : reading.problems) {
      out.skipped += (out.skipped.empty() ? "" : "; ") + p;
    }
  } else if (parts.tnef) {
    out.skipped = "TNEF (winmail.dat) only";
  } else {
    out.skipped = "no calendar part";
  }
  return out;
}

}  // namespace mentorcal::mail
