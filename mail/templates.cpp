#include "mail/templates.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace mentorcal::mail {

// Generated from mail/templates/ by cmake/EmbedText.cmake.
std::string_view embedded_template(std::string_view path);

namespace {

constexpr std::string_view kLanguage = "en";

// The templates other templates include.
constexpr std::array<std::string_view, 6> kPartials{"meeting.title",  "meeting.with",
                                                    "meeting.format", "digest.headline",
                                                    "digest.counts",  "digest.problem"};

std::string_view source(std::string_view name) {
  const auto path = std::string(kLanguage) + "/" + std::string(name) + ".mustache";
  const auto text = embedded_template(path);
  if (text.empty()) throw std::logic_error("no template " + path);
  return text;
}

}  // namespace

std::string render_text(std::string_view name, base::TemplateData data) {
  for (const auto partial : kPartials) {
    auto key = std::string(partial);
    std::replace(key.begin(), key.end(), '.', '_');
    auto text = source(partial);
    if (text.ends_with('\n')) text.remove_suffix(1);
    data.set(key, base::template_partial(text));
  }
  return base::render_template(source(name), data,
                               name.ends_with(".html") ? base::Output::html : base::Output::text);
}

std::string render_line(std::string_view name, base::TemplateData data) {
  auto out = render_text(name, std::move(data));
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace mentorcal::mail
