// A sentence for people that a reader's language may word differently (issue 13): an English
// pattern with named places, "{{name}} is away from {{from}} to {{to}}", and what fills them.
// The scheduler says why in phrases; `text()` gives the English words (the only ones for status,
// plan and the audit), mail::Language::say gives the words of a catalog (letters, the digest).
// The patterns are marked for the catalogs by mail/po/strings.py: every `Phrase("...")` literal
// in scheduler/ is a msgid, so a pattern is always written in one piece at the call.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mentorcal::base {

class Phrase {
 public:
  // A day, and how it is named: in English "2027-02-10", "February 2027", "2027", "Wednesday";
  // in another language with the catalog's date patterns ("%a %d %b %Y", "%B %Y", "%Y", "%A").
  struct Day {
    enum class As { date, month, year, weekday };
    std::chrono::year_month_day day;
    As as = As::date;
  };
  // A count; `spelled` writes two to eight as words in English ("declined two ... meetings").
  struct Count {
    long long n = 0;
    bool spelled = false;
  };
  // Text said as it is (a name, a note, a zone, a time "13:00"), a count, a day, or phrases of
  // their own (joined by "; ").
  using Value = std::variant<std::string, Count, Day, std::vector<Phrase>>;

  Phrase() = default;
  // REQUIRES: `pattern` is a string literal (it is not copied; the catalogs find it by it).
  explicit Phrase(const char* pattern) : pattern_(pattern) {}

  // Fill the place {{name}}; return *this for chaining. REQUIRES: `name` is a string literal.
  Phrase& with(const char* name, std::string text);
  Phrase& with(const char* name, long long n, bool spelled = false);
  Phrase& with(const char* name, Day day);
  Phrase& with(const char* name, Phrase inner);
  Phrase& with(const char* name, std::vector<Phrase> list);

  bool empty() const { return pattern_.empty(); }
  std::string_view pattern() const { return pattern_; }
  const std::vector<std::pair<std::string_view, Value>>& values() const { return values_; }

  // Return the English words.
  std::string text() const;

 private:
  std::string_view pattern_;
  std::vector<std::pair<std::string_view, Value>> values_;
};

// Return `pattern` with each {{name}} replaced by `fill(name)`; a place `fill` does not know
// (it returns false) is kept as it is.
template <typename Fill>
std::string fill_places(std::string_view pattern, Fill&& fill) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (std::size_t at = 0;;) {
    const auto open = pattern.find("{{", at);
    const auto close = open == std::string_view::npos ? open : pattern.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(at));
      return out;
    }
    out.append(pattern.substr(at, open - at));
    if (!fill(pattern.substr(open + 2, close - open - 2), out))
      out.append(pattern.substr(open, close + 2 - open));
    at = close + 2;
  }
}

}  // namespace mentorcal::base
