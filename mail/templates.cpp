#include "mail/templates.h"

namespace mentorcal::mail {

// Generated from mail/templates/ by cmake/EmbedText.cmake.
std::string_view embedded_template(std::string_view path);

namespace {
constexpr std::string_view kTemplates = "en";  // the one set: the catalogs translate its pieces
}  // namespace

std::string render_text(const Language& language, std::string_view name, base::TemplateData data) {
  return base::render_template(
      embedded_template, kTemplates, name, std::move(data),
      [&language](std::string_view english) { return language.translate(english); });
}

std::string render_line(const Language& language, std::string_view name, base::TemplateData data) {
  auto out = render_text(language, name, std::move(data));
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace mentorcal::mail
