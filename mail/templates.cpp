#include "mail/templates.h"

#include <map>
#include <utility>

namespace mentorcal::mail {

// Generated from mail/templates/ by cmake/EmbedText.cmake.
std::string_view embedded_template(std::string_view path);

namespace {
constexpr std::string_view kTemplates = "en";  // the one set: the catalogs translate its pieces
// Return the template `name` in `language`, compiled on its first use in this thread. A
// language's words depend on its catalog alone (compiled into the binary), so the catalog's name
// and the template's name are the key; both come from finite sets, so the cache is bounded.
// Compiling each letter's ten or so templates anew was 16% of a first tick at 10k pairs.
const base::CompiledTemplate& compiled(const Language& language, std::string_view name) {
  thread_local std::map<std::pair<std::string, std::string>, base::CompiledTemplate, std::less<>>
      cache;
  auto key = std::pair(language.name(), std::string(name));
  auto found = cache.find(key);
  if (found == cache.end()) {
    found =
        cache
            .emplace(std::move(key), base::CompiledTemplate(embedded_template, kTemplates, name,
                                                            [&language](std::string_view english) {
                                                              return language.translate(english);
                                                            }))
            .first;
  }
  return found->second;
}

}  // namespace

std::string render_text(const Language& language, std::string_view name, base::TemplateData data) {
  return compiled(language, name).render(std::move(data));
}

std::string render_line(const Language& language, std::string_view name, base::TemplateData data) {
  auto out = render_text(language, name, std::move(data));
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace mentorcal::mail
