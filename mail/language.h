// The language a reader gets their letters in. The words are the templates' own (English) and
// the gettext catalogs of mail/po/ (one .po a language, compiled by msgfmt at build time and
// compiled into the binary); weekday and month names come from ICU (through Boost.Locale, which
// stays inside language.cpp). A reader's language is a BCP 47 tag from the programme file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <locale>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "base/phrase.h"

namespace mentorcal::mail {

// Return the catalog a tag is read with, or "" when there is none: "es-MX" -> "es",
// "pt-BR" -> "pt_BR", "pt" -> "pt_BR", "de-AT" -> "de"; every "en..." -> "en" (the templates' own
// words, no catalog needed). Tags are matched case-insensitively.
std::string catalog_for(std::string_view tag);

// Return the languages letters can be written in: "en", then the catalogs' names, sorted.
std::vector<std::string> languages();

// One reader's language: its catalog and its ICU locale, built once per language and shared.
class Language {
 public:
  // A tag without a catalog gives English.
  explicit Language(std::string_view tag = "en");

  // Return the catalog's translation of `english` (a marked piece of a template), or `english`
  // itself when the catalog has none (English, or a missing string).
  std::string translate(std::string_view english) const;

  // Return the wall-clock time `t` written with `pattern` (strftime-like: %A %a %B %b %d %e %Y
  // %H %M ...), with weekday and month names in this language.
  std::string format(date::local_seconds t, std::string_view pattern) const;
  // How many texts `format` keeps per thread before it starts again.
  static constexpr std::size_t kFormatCacheSize = 100'000;

  // Return `phrase` (the scheduler's words: a reason, a flag's explanation) in this language: its
  // pattern translated by the catalog (English where the catalog has none), days written with the
  // catalog's date patterns, counts as numerals, names and notes as they are.
  std::string say(const base::Phrase& phrase) const;

  // Return the catalog's name ("en", "es", "pt_BR", ...).
  const std::string& name() const { return name_; }

 private:
  // `format` without the cache.
  std::string format_now(date::local_seconds t, std::string_view pattern) const;

  std::string name_;
  std::shared_ptr<const std::locale> locale_;
};

}  // namespace mentorcal::mail
