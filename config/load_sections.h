// The reading of each part of a programme file into the model. Internal to config/.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "config/enum_names.h"
#include "config/programme.h"
#include "config/toml_reader.h"

namespace mentorcal::config {

// Read an enumeration-valued key; an unknown word is an error listing the choices.
template <typename E>
std::optional<E> read_enum(TableReader& r, std::string_view key) {
  const auto word = r.text(key);
  if (!word) return std::nullopt;
  const auto value = enum_from<E>(*word);
  if (!value) r.error(key, fmt::format("\"{}\" is not one of: {}", *word, enum_choices<E>()));
  return value;
}

class Loader {
 public:
  Loader(Report& report, std::filesystem::path base_dir)
      : report_(report), base_dir_(std::move(base_dir)) {}

  // Read the whole file. Problems go to the report; the result is meaningful only without errors.
  Programme read(const toml::table& root);

  // The same, a piece at a time (config/pieces.h): read_head() on the head, read_people() on the
  // root of each [[person]] piece, then read_pairs() on each [[pair]] piece, then finish(). The
  // report must be told where each piece starts (Report::set_first_line).
  void read_head(const toml::table& root, Programme& programme);
  void read_people(const toml::table& root, Programme& programme);
  void read_pairs(const toml::table& root, Programme& programme);
  void finish(Programme& programme);
  // Make room for this many people and pairs.
  void reserve(Programme& programme, std::size_t people, std::size_t pairs);

 private:
  void read_programme(TableReader& r, ProgrammeInfo& info);
  void read_scheduling(TableReader& r, Scheduling& s);
  void read_mail(TableReader& r, Mail& mail);
  Smtp read_smtp(TableReader& r);
  Imap read_imap(TableReader& r);
  Web read_web(TableReader& r);
  std::vector<Ability> read_abilities(TableReader& r, std::string_view key);
  // [agreement] or the agreement keys of a [[pair]], on top of `defaults`.
  Agreement read_agreement(TableReader& r, const Agreement& defaults);
  Person read_person(TableReader& r, const ProgrammeInfo& info);
  Pair read_pair(TableReader& r, const Programme& programme);
  // [programme], [scheduling], [agreement], [mail], [smtp], [imap].
  void read_sections(TableReader& top, const toml::table& root, Programme& programme);
  Secret read_secret(TableReader& r);
  std::filesystem::path read_path(TableReader& r, std::string_view key);
  std::optional<std::string> read_timezone(TableReader& r, std::string_view key, Need need);
  // Read a BCP 47 language tag into `language` and `place`; both unchanged when the key is absent.
  void read_language(TableReader& r, std::string& language, Place& place);
  std::optional<std::string> read_email(TableReader& r, std::string_view key, Need need);
  // Read a [[name]] array of tables, calling `each` with a reader for every table.
  template <typename Each>
  void read_array_of_tables(TableReader& root, std::string_view name, Each each);

  Report& report_;
  std::filesystem::path base_dir_;
  std::optional<Cadence> explicit_minimum_;  // [agreement] minimum, when the file sets one
  // Where each id was first given (line and column in the file, if known), for duplicate checks.
  std::unordered_map<std::string, std::optional<std::pair<int, int>>> person_ids_;
  std::unordered_map<std::string, std::optional<std::pair<int, int>>> pair_ids_;
  bool people_indexed_ = false;  // read_pairs() looks people up by id
};

}  // namespace mentorcal::config
