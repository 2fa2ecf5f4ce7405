#include "config/toml_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "config/address.h"

namespace mentorcal::config {
namespace {

// Return the edit distance between two short strings (for "did you mean").
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// Return true when `key` is, but for its last character, the start of `candidate`
// ("horizon" for "horizon_weeks", "schedule" for "scheduling").
bool is_stem(std::string_view key, std::string_view candidate) {
  if (key.size() < 4) return false;
  const auto stem = key.substr(0, key.size() - 1);
  return candidate.substr(0, stem.size()) == stem;
}

}  // namespace

void Report::error(const toml::source_region& where, std::string message) {
  diagnostics_.push_back({Diagnostic::Severity::error, file_, line(where.begin),
                          static_cast<int>(where.begin.column), std::move(message)});
}

void Report::warning(const toml::source_region& where, std::string message) {
  diagnostics_.push_back({Diagnostic::Severity::warning, file_, line(where.begin),
                          static_cast<int>(where.begin.column), std::move(message)});
}

void Report::error_at(int line, int column, std::string message) {
  diagnostics_.push_back({Diagnostic::Severity::error, file_, line, column, std::move(message)});
}

void Report::warning_at(int line, int column, std::string message) {
  diagnostics_.push_back({Diagnostic::Severity::warning, file_, line, column, std::move(message)});
}

Diagnostics Report::take() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  return std::move(diagnostics_);
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "true/false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string prefix, Report& report)
    : table_(table), prefix_(std::move(prefix)), report_(report) {}

std::string TableReader::name(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : fmt::format("{}.{}", prefix_, key);
}

const toml::source_region& TableReader::where(std::string_view key) const {
  const auto* n = table_.get(key);
  return n ? n->source() : table_.source();
}

void TableReader::error(std::string_view key, std::string_view message) {
  report_.error(where(key), fmt::format("{}: {}", name(key), message));
}

void TableReader::warning(std::string_view key, std::string_view message) {
  report_.warning(where(key), fmt::format("{}: {}", name(key), message));
}

const toml::node* TableReader::node(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
  return table_.get(key);
}

std::optional<std::string> TableReader::text(std::string_view key, Need need) {
  const auto* n = node(key);
  if (!n) {
    if (need == Need::required) error(key, "missing (this key is required)");
    return std::nullopt;
  }
  const auto* s = n->as_string();
  if (!s) {
    error(key, fmt::format("expected a string in quotes, found {}", type_name(*n)));
    return std::nullopt;
  }
  if (auto why = unsafe_text(s->get())) {
    error(key, fmt::format("the text {}", *why));
    return std::nullopt;
  }
  return s->get();
}

std::optional<int> TableReader::integer(std::string_view key, int min, int max, Need need) {
  const auto* n = node(key);
  if (!n) {
    if (need == Need::required) error(key, "missing (this key is required)");
    return std::nullopt;
  }
  const auto* i = n->as_integer();
  if (!i) {
    error(key, fmt::format("expected a whole number, found {}", type_name(*n)));
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    error(key, fmt::format("{} is out of range: use {} to {}", i->get(), min, max));
    return std::nullopt;
  }
  return static_cast<int>(i->get());
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const auto* n = node(key);
  if (!n) return std::nullopt;
  const auto* b = n->as_boolean();
  if (!b) {
    error(key, fmt::format("expected true or false, found {}", type_name(*n)));
    return std::nullopt;
  }
  return b->get();
}

std::optional<std::chrono::year_month_day> TableReader::date(std::string_view key, Need need) {
  const auto* n = node(key);
  if (!n) {
    if (need == Need::required) error(key, "missing (this key is required)");
    return std::nullopt;
  }
  const auto* d = n->as_date();
  if (!d) {
    error(key, fmt::format("expected a date like 2026-11-02 (no quotes), found {}", type_name(*n)));
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(d->get().year),
                                        std::chrono::month(d->get().month),
                                        std::chrono::day(d->get().day)};
  if (!ymd.ok()) {
    error(key, "is not a date in the calendar");
    return std::nullopt;
  }
  return ymd;
}

const toml::array* TableReader::array(std::string_view key) {
  const auto* n = node(key);
  if (!n) return nullptr;
  if (!n->is_array()) error(key, fmt::format("expected an array [...], found {}", type_name(*n)));
  return n->as_array();
}

const toml::table* TableReader::table(std::string_view key) {
  const auto* n = node(key);
  if (!n) return nullptr;
  if (!n->is_table()) error(key, fmt::format("expected a table, found {}", type_name(*n)));
  return n->as_table();
}

void TableReader::finish() {
  for (const auto& [key, value] : table_) {
    const std::string_view k = key.str();
    if (std::find(known_.begin(), known_.end(), k) != known_.end()) continue;
    if (k == "password") {
      report_.error(key.source(),
                    fmt::format("{}: inline passwords are not allowed: use password_file "
                                "or password_env (or a systemd credential)",
                                name(k)));
      continue;
    }
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only near misses, or a key this one (almost) begins
    auto candidates = known_;       // in order, so that ties go to the first name alphabetically
    std::sort(candidates.begin(), candidates.end());
    for (const auto& candidate : candidates) {
      const auto d = is_stem(k, candidate) ? 1 : distance(k, candidate);
      if (d < best_distance) best = candidate, best_distance = d;
    }
    report_.error(key.source(), best.empty() ? fmt::format("{}: unknown key", name(k))
                                             : fmt::format("{}: unknown key (did you mean \"{}\"?)",
                                                           name(k), best));
  }
}

}  // namespace mentorcal::config
