#include "ical/warnings.h"

#include <utility>

namespace mentorcal::ical {
namespace {

constexpr std::size_t kMaxWarnings = 100;
constexpr std::size_t kMaxQuoted = 80;

}  // namespace

std::string quoted(std::string_view text) {
  if (text.size() > kMaxQuoted) {
    std::size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    text = text.substr(0, cut);
  }
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

bool matters(std::string_view error) {
  const auto end = error.find(" property.");
  if (end == std::string_view::npos || end == 0) return true;
  const auto begin = error.rfind(' ', end - 1);
  const auto name = error.substr(begin == std::string_view::npos ? 0 : begin + 1,
                                 end - (begin == std::string_view::npos ? 0 : begin + 1));
  for (const std::string_view used : {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
                                      "RECURRENCE-ID", "STATUS", "TRANSP", "UID", "FREEBUSY"})
    if (name == used) return true;
  return false;
}

void Warnings::add(std::string line) {
  if (lines_.size() < kMaxWarnings - 1) {
    lines_.push_back(std::move(line));
  } else {
    ++more_;
  }
}

std::vector<std::string> Warnings::take() && {
  if (more_ == 1) {
    lines_.push_back("1 more warning left out");
  } else if (more_ > 1) {
    lines_.push_back(std::to_string(more_) + " more warnings left out");
  }
  return std::move(lines_);
}

}  // namespace mentorcal::ical
