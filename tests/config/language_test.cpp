// BCP 47 language tags: the syntax the programme file accepts for `language`.
#include "config/language.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

TEST(LanguageTag, AcceptsWellFormedTags) {
  for (const auto* tag : {"en", "es", "pt-BR", "de-AT", "es-419", "zh-Hant-TW", "sr-Latn", "fil",
                          "de-CH-1996", "ca-valencia", "EN-gb"}) {
    EXPECT_TRUE(is_language_tag(tag)) << tag;
  }
}

TEST(LanguageTag, RefusesAnythingElse) {
  for (const auto* tag : {"", "e", "english", "español", "pt_BR", "pt-", "-pt", "pt--BR", "en-GB-",
                          "12", "en-Latn-Latn", "en-GB-US", "en GB", "x-private"}) {
    EXPECT_FALSE(is_language_tag(tag)) << tag;
  }
}

}  // namespace
}  // namespace mentorcal::config
