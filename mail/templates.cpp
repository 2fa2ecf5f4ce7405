#include "mail/templates.h"

namespace mentorcal::mail {

// Generated from mail/templates/ by cmake/EmbedText.cmake.
std::string_view embedded_template(std::string_view path);

namespace {
constexpr std::string_view kLanguage = "en";
}  // namespace

std::string render_text(std::string_view name, base::TemplateData data) {
  return base::render_template(embedded_template, kLanguage, name, std::move(data));
}

std::string render_line(std::string_view name, base::TemplateData data) {
  auto out = render_text(name, std::move(data));
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace mentorcal::mail
