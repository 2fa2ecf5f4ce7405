#include "config/partner_windows.h"

namespace mentorcal::config {

void set_partner_windows(Programme& programme, const std::vector<PersonWindows>& given) {
  for (const auto& g : given) {
    const auto* person = programme.person(g.person);
    if (!person) continue;
    programme.people[static_cast<std::size_t>(person - programme.people.data())].available =
        g.windows;
  }
}

Programme with_partner_windows(const Programme& programme,
                               const std::vector<PersonWindows>& given) {
  Programme out = programme;
  set_partner_windows(out, given);
  return out;
}

std::string windows_text(const std::vector<Window>& windows) {
  std::string out;
  for (const auto& w : windows)
    out += (out.empty() ? "" : ", ") + w.text();
  return out;
}

tl::expected<std::vector<Window>, std::string> parse_windows(std::string_view text) {
  std::vector<Window> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    auto piece = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    while (!piece.empty() && piece.front() == ' ')
      piece.remove_prefix(1);
    const auto window = parse_window(piece);
    if (!window) return tl::unexpected(window.error());
    out.push_back(*window);
  }
  return out;
}

}  // namespace mentorcal::config
