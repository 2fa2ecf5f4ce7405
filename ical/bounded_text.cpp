#include "ical/bounded_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "base/ascii.h"

// Why this pass exists (libical 3.0, Debian 12; reported upstream as "icalparser: each rejected
// value costs a scan of its component"): when libical cannot parse a property's value it adds an
// X-LIC-ERROR and removes the property with a linear search of the component's property list, so
// N bad values in one component cost O(N^2) (110,000 "DTEND:x" lines took 75 s). Values of a kind
// that can fail are therefore bounded per component before libical sees them, and DATE and
// DATE-TIME values, which real feeds carry in thousands (EXDATE), are checked here with libical's
// own rules so that libical never rejects one. libical also frees components recursively (a deep
// nesting overflows the stack) and keeps ~3 KB per RRULE, hence depth and rule bounds.

namespace mentorcal::ical {
namespace {

using base::iequals;
using base::istarts_with;

// Properties whose value is one DATE or DATE-TIME, or (EXDATE, RDATE) a list of them.
constexpr std::array kSingleDates{"DTSTART", "DTEND",   "DUE",       "RECURRENCE-ID",
                                  "DTSTAMP", "CREATED", "COMPLETED", "LAST-MODIFIED"};
constexpr std::array kDateLists{"EXDATE", "RDATE"};
// Properties whose values libical parses into types it may reject (quadratically, see above).
constexpr std::array kTyped{"DURATION", "RRULE",    "EXRULE",        "TRIGGER",
                            "GEO",      "FREEBUSY", "REQUEST-STATUS"};

template <std::size_t N>
bool named(std::string_view name, const std::array<const char*, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return iequals(name, n); });
}

struct Line {
  std::string_view name, params, value;  // params: ";A=B;C=D" or ""
};

// Split a content line at its name and at the first colon outside a quoted parameter value.
Line split(std::string_view line) {
  Line out;
  const std::size_t name_end = std::min(line.find(':'), line.find(';'));
  out.name = line.substr(0, name_end);
  if (name_end == std::string_view::npos) return out;
  bool quoted = false;
  for (std::size_t i = name_end; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) {
      out.params = line.substr(name_end, i - name_end);
      out.value = line.substr(i + 1);
      return out;
    }
  }
  out.params = line.substr(name_end);
  return out;
}

// Return the VALUE= parameter's value, "" if none.
std::string_view value_type(std::string_view params) {
  for (std::size_t at = params.find(';'); at != std::string_view::npos;
       at = params.find(';', at + 1)) {
    const std::string_view rest = params.substr(at + 1);
    if (istarts_with(rest, "VALUE=")) return rest.substr(6, rest.find(';') - 6);
  }
  return "";
}

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True for a DATE or DATE-TIME libical 3.0 accepts (seen on Debian 12): "20260301",
// "20260301T100000", the same with "Z", or the extended "2026-03-01" and "2026-03-01T10:00:00[Z]",
// after leading spaces; an all-zero date is its null time, which it rejects.
bool libical_date(std::string_view v) {
  while (!v.empty() && v.front() == ' ')
    v.remove_prefix(1);
  std::string date;
  std::string_view time;
  if (v.size() >= 10 && v[4] == '-' && v[7] == '-') {
    if (!digits(v.substr(0, 4)) || !digits(v.substr(5, 2)) || !digits(v.substr(8, 2))) {
      return false;
    }
    date = std::string(v.substr(0, 4)) + std::string(v.substr(5, 2)) + std::string(v.substr(8, 2));
    v.remove_prefix(10);
    if (!v.empty()) {
      if (v.size() < 9 || v[0] != 'T' || v[3] != ':' || v[6] != ':') return false;
      if (!digits(v.substr(1, 2)) || !digits(v.substr(4, 2)) || !digits(v.substr(7, 2))) {
        return false;
      }
      time = v.substr(9);
      if (!time.empty() && time != "Z") return false;
    }
  } else {
    if (v.size() < 8 || !digits(v.substr(0, 8))) return false;
    date = std::string(v.substr(0, 8));
    v.remove_prefix(8);
    if (!v.empty()) {
      if (v.size() < 7 || v[0] != 'T' || !digits(v.substr(1, 6))) return false;
      time = v.substr(7);
      if (!time.empty() && time != "Z") return false;
    }
  }
  return date != "00000000";
}

// True when libical will read the line's DATE or DATE-TIME value(s).
bool readable_dates(std::string_view value, bool list) {
  if (!list) return libical_date(value);
  for (std::size_t start = 0;;) {
    const std::size_t comma = value.find(',', start);
    if (!libical_date(value.substr(start, comma - start))) return false;
    if (comma == std::string_view::npos) return true;
    start = comma + 1;
  }
}

// Return the X-LIC-ERROR line libical would have left for an unreadable date, in its words (which
// warnings.h reads), without the costly removal.
std::string error_line(const Line& line) {
  std::string value;
  for (const char c : line.value.substr(0, 40)) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' ||
                       c == ':' || c == '+' || c == '/';
    value += plain ? c : '?';
  }
  return "X-LIC-ERROR;X-LIC-ERRORTYPE=VALUE-PARSE-ERROR:Can't parse as DATE-TIME value in " +
         base::upper_ascii(line.name) + " property. Removing entire property: " + value;
}

// The counts of the component being read.
struct Open {
  int properties = 0, typed = 0, rules = 0;
};

// What was dropped, counted by reason, for one warning line each.
struct Drops {
  int long_lines = 0, properties = 0, typed = 0, rules = 0, dates = 0;

  std::vector<std::string> lines(const TextLimits& limits) const {
    std::vector<std::string> out;
    const auto add = [&](int n, const std::string& what) {
      if (n > 0) out.push_back(std::to_string(n) + " " + what + " dropped");
    };
    add(long_lines, "lines longer than " + std::to_string(limits.max_line >> 10) + " KiB");
    add(properties,
        "properties beyond " + std::to_string(limits.max_properties) + " in one component");
    add(typed, "typed values beyond " + std::to_string(limits.max_typed) + " in one component");
    add(rules, "RRULE/EXRULE beyond " + std::to_string(limits.max_rules) + " in one component");
    return out;
  }
};

// Return the unfolded lines of `text` (views into `text` when unfolding is not needed).
std::vector<std::string> unfolded(std::string_view text) {
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
  return lines;
}

}  // namespace

tl::expected<BoundedText, std::string> bounded_text(std::string_view text,
                                                    const TextLimits& limits) {
  const auto refuse = [](std::string why) { return tl::unexpected(std::move(why)); };
  if (text.size() > limits.max_bytes) {
    return refuse("larger than " + std::to_string(limits.max_bytes >> 20) + " MiB");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  BoundedText out;
  out.text.reserve(text.size());
  std::vector<Open> open;  // the components being read, innermost last
  Open outside;            // properties before any BEGIN
  int components = 0, events = 0, lines = 0;
  Drops drops;
  for (std::string& line : unfolded(text)) {
    std::erase(line, '\0');
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (line.empty()) continue;
    std::size_t backslashes = 0;
    while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\')
      ++backslashes;
    if (backslashes % 2 == 1) line.pop_back();
    const Line parts = split(line);
    if (iequals(parts.name, "BEGIN")) {
      if (static_cast<int>(open.size()) >= limits.max_depth) {
        return refuse("components nested too deeply");
      }
      if (++components > limits.max_components) {
        return refuse("more than " + std::to_string(limits.max_components) + " components");
      }
      if (iequals(base::trim(parts.value), "VEVENT") && ++events > limits.max_events) {
        return refuse("more than " + std::to_string(limits.max_events) + " events");
      }
      open.emplace_back();
    } else if (iequals(parts.name, "END")) {
      if (open.empty()) continue;  // libical would print "Encountered END before BEGIN" to stderr
      open.pop_back();
    } else {
      Open& counts = open.empty() ? outside : open.back();
      if (line.size() > limits.max_line) {
        ++drops.long_lines;
        continue;
      }
      if (counts.properties >= limits.max_properties) {
        ++drops.properties;
        continue;
      }
      const std::string_view type = value_type(parts.params);
      const bool single = named(parts.name, kSingleDates);
      const bool list = named(parts.name, kDateLists);
      const bool dates =
          (single || list) && (type.empty() || iequals(type, "DATE") || iequals(type, "DATE-TIME"));
      if (dates) {
        if (!readable_dates(parts.value, list)) {
          if (++drops.dates > limits.max_errors) {
            return refuse("more than " + std::to_string(limits.max_errors) + " unreadable dates");
          }
          line = error_line(parts);
        }
      } else if (!type.empty() || single || list || named(parts.name, kTyped)) {
        const bool rule = iequals(parts.name, "RRULE") || iequals(parts.name, "EXRULE");
        if (rule && counts.rules >= limits.max_rules) {
          ++drops.rules;
          continue;
        }
        if (counts.typed >= limits.max_typed) {
          ++drops.typed;
          continue;
        }
        counts.rules += rule ? 1 : 0;
        ++counts.typed;
      }
      ++counts.properties;
    }
    if (++lines > limits.max_lines) {
      return refuse("more than " + std::to_string(limits.max_lines) + " lines");
    }
    out.text += line;
    out.text += "\r\n";
  }
  out.dropped = drops.lines(limits);
  return out;
}

}  // namespace mentorcal::ical
