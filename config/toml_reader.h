// Typed, diagnosed reading of one TOML table. Every key the code asks for is "known"; whatever the
// file holds beyond that is reported as unknown by finish(), with a suggestion for near misses.
// Internal to config/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.h"
#include "config/toml.h"

namespace mentorcal::config {

// Where diagnostics go while one file is read.
class Report {
 public:
  explicit Report(std::string file) : file_(std::move(file)) {}
  void error(const toml::source_region& where, std::string message);
  void warning(const toml::source_region& where, std::string message);
  void error_at(int line, int column, std::string message);
  void warning_at(int line, int column, std::string message);
  const std::string& file() const { return file_; }
  // Say that the text toml++ reads next starts on line `line` of the file (a piece of it,
  // config/pieces.h): positions in its tree are moved down by that many lines, less one.
  void set_first_line(int line) { line_offset_ = line - 1; }
  // Return the line in the file of a position in the tree being read.
  int line(const toml::source_position& at) const {
    return static_cast<int>(at.line) + line_offset_;
  }
  // Return the diagnostics sorted by position.
  Diagnostics take();

 private:
  std::string file_;
  Diagnostics diagnostics_;
  int line_offset_ = 0;
};

enum class Need { optional, required };

class TableReader {
 public:
  // `prefix` names the table in messages ("programme", "pair").
  TableReader(const toml::table& table, std::string prefix, Report& report);
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  // Each getter marks `key` as known; `key` must outlive the reader (the callers pass literals). A
  // missing key gives nullopt (and an error if required); a value of the wrong type or out of range
  // gives an error and nullopt.
  std::optional<std::string> text(std::string_view key, Need need = Need::optional);
  std::optional<int> integer(std::string_view key, int min, int max, Need need = Need::optional);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::chrono::year_month_day> date(std::string_view key, Need need = Need::optional);
  // Return the array at `key` (nullptr if missing or not an array, the latter reported).
  const toml::array* array(std::string_view key);
  // Return the table at `key` (nullptr if missing or not a table, the latter reported).
  const toml::table* table(std::string_view key);
  // Return the raw node at `key`, or nullptr; marks it known.
  const toml::node* node(std::string_view key);

  // Report a problem with the value of `key` (or with the table itself if `key` is absent).
  void error(std::string_view key, std::string_view message);
  void warning(std::string_view key, std::string_view message);
  // Return "prefix.key" for messages.
  std::string name(std::string_view key) const;
  // Return where the table starts.
  const toml::source_region& where() const { return table_.source(); }
  Report& report() { return report_; }

  // Report every key of the table that was never asked for.
  void finish();

 private:
  const toml::source_region& where(std::string_view key) const;

  const toml::table& table_;
  std::string prefix_;
  Report& report_;
  // The keys asked for: views of the callers' keys, which are string literals.
  std::vector<std::string_view> known_;
};

// Return how the file spells the node's type ("a string", "an integer", ...).
std::string type_name(const toml::node& node);

}  // namespace mentorcal::config
