#include "mail/reply_gate.h"

#include <algorithm>
#include <cstring>

#include "base/ascii.h"

namespace mentorcal::mail {
namespace {

constexpr std::size_t kMaxValue = 1024;

// Return the name of the content line `line` (before ';' or ':'), and in `value` what follows the
// first ':' outside double quotes ("" when there is none).
std::string_view split_line(std::string_view line, std::string_view& value) {
  const auto name_end = line.find_first_of(";:");
  bool quoted = false;
  value = {};
  for (std::size_t i = name_end; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) {
      value = line.substr(i + 1);
      break;
    }
  }
  return line.substr(0, name_end);
}

}  // namespace

CalendarKeys scan_calendar(std::string_view text, const std::set<std::string, std::less<>>& uids) {
  CalendarKeys out;
  // The logical line being read, kept only while it is a UID or METHOD line and short.
  std::string line;
  bool keeping = false;
  const auto finish = [&] {
    if (!keeping) return;
    std::string_view value;
    const auto name = base::trim(split_line(line, value));
    value = base::trim(value);
    if (base::iequals(name, "UID")) {
      const auto it = uids.find(value);
      if (it != uids.end() && std::find(out.ours.begin(), out.ours.end(), *it) == out.ours.end())
        out.ours.push_back(*it);
    } else if (base::iequals(name, "METHOD") && out.method.empty()) {
      out.method = base::upper_ascii(value);
    }
  };
  // Physical lines end at LF, CRLF or a lone CR; memchr finds them (a hostile text is megabytes).
  const auto take = [&](std::string_view physical) {
    if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t')) {
      if (keeping && line.size() + physical.size() <= kMaxValue) {
        line.append(physical.substr(1));
      } else {
        keeping = false;  // too long for a UID of ours
      }
      return;
    }
    finish();
    keeping = physical.size() <= kMaxValue &&
              (base::istarts_with(physical, "UID") || base::istarts_with(physical, "METHOD"));
    if (keeping) line.assign(physical);
  };
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const auto* lf =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* stop = lf ? lf : end;
    // Lone CRs inside [p, stop) end lines too; a CR just before the LF belongs to it.
    for (;;) {
      const auto* cr =
          static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(stop - p)));
      if (!cr || (cr + 1 == stop && lf)) {
        take({p, static_cast<std::size_t>((cr ? cr : stop) - p)});
        break;
      }
      take({p, static_cast<std::size_t>(cr - p)});
      p = cr + 1;
    }
    p = lf ? lf + 1 : end;
  }
  finish();
  return out;
}

}  // namespace mentorcal::mail
