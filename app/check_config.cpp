#include "app/check_config.h"

#include <algorithm>

#include <fmt/format.h>

#include "app/pair_ends.h"
#include "app/secrets.h"
#include "base/exit_code.h"
#include "config/load.h"
#include "mail/language.h"
#include "store/store.h"

namespace mentorcal::app {
namespace {

// Return a warning for each language tag the letters cannot be written in: they fall back to
// English. The tag's syntax was checked at load; whether a catalog exists is mail/'s to say.
config::Diagnostics language_warnings(const config::Programme& p) {
  config::Diagnostics out;
  const auto check = [&](const std::string& tag, config::Place place, std::string_view key) {
    if (!mail::catalog_for(tag).empty()) return;
    out.push_back({config::Diagnostic::Severity::warning, p.source.string(), place.line,
                   place.column,
                   fmt::format("{}: no letters in \"{}\" (there are: {}): they will be in English",
                               key, tag, fmt::join(mail::languages(), ", "))});
  };
  check(p.programme.language, p.programme.language_place, "programme.language");
  for (const auto& person : p.people) {
    // A person who inherits the programme's language is warned about once, at the programme.
    if (person.language_place.line != p.programme.language_place.line ||
        person.language_place.column != p.programme.language_place.column)
      check(person.language, person.language_place, "person.language");
  }
  return out;
}

// Say what partners changed on their pages over this file (issue 15), when a state exists: the
// plan follows those changes, not only the file. A state that cannot be read is said, and does not
// make the file invalid.
void print_partner_changes(const config::Programme& p) {
  std::vector<base::Phrase> lines;
  try {
    const auto state =
        store::open_existing(store::state_path(p.programme.state), state_password(p.programme));
    if (!state) return;
    lines = partner_changes(*state);
  } catch (const std::exception& e) {
    fmt::print(stderr, "check-config: partners' changes not shown: {}\n", e.what());
    return;
  }
  if (lines.empty()) return;
  const mail::Language words(p.programme.language);
  fmt::print("{}\n", words.say(base::Phrase("Partners' changes over this file (their pages):")));
  for (const auto& line : lines)
    fmt::print("  {}\n", words.say(line));
}

}  // namespace

int check_config(const std::filesystem::path& file) {
  const auto loaded = config::load_programme(file);
  auto diagnostics = loaded ? loaded->warnings : loaded.error();
  if (loaded) {
    const auto languages = language_warnings(loaded->programme);
    diagnostics.insert(diagnostics.end(), languages.begin(), languages.end());
  }
  for (const auto& d : diagnostics)
    fmt::print(stderr, "{}\n", d.text());
  if (!loaded) {
    const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
      return d.severity == config::Diagnostic::Severity::error;
    });
    // In English: the programme's language is not known when the file cannot be read.
    fmt::print("{}: invalid ({} error{})\n", file.string(), errors, errors == 1 ? "" : "s");
    return base::kInvalidInput;
  }
  const auto& p = loaded->programme;
  fmt::print("{}\n",
             mail::Language(p.programme.language)
                 .say(base::Phrase(diagnostics.empty()
                                       ? "{{file}}: ok ({{people}} people, {{pairs}} pairs)"
                                       : "{{file}}: ok ({{people}} people, {{pairs}} pairs, "
                                         "{{warnings}} warnings)")
                          .with("file", file.string())
                          .with("people", static_cast<long long>(p.people.size()))
                          .with("pairs", static_cast<long long>(p.pairs.size()))
                          .with("warnings", static_cast<long long>(diagnostics.size()))));
  print_partner_changes(p);
  return base::kOk;
}

}  // namespace mentorcal::app
