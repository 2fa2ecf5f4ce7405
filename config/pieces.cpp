#include "config/pieces.h"

namespace mentorcal::config {
namespace {

enum class Line { person, pair, other_header, other };

// Return what a line (without its line break) is to the cutter.
Line kind_of(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line[first] != '[') return Line::other;
  if (first != 0) return Line::other_header;
  for (const auto& [header, kind] :
       {std::pair{std::string_view("[[person]]"), Line::person}, {"[[pair]]", Line::pair}}) {
    if (line.substr(0, header.size()) != header) continue;
    const auto rest = line.substr(header.size());
    const auto after = rest.find_first_not_of(" \t\r");
    if (after == std::string_view::npos || rest[after] == '#') return kind;
  }
  return Line::other_header;
}

}  // namespace

std::optional<Pieces> cut_into_pieces(std::string_view text) {
  if (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos)
    return std::nullopt;
  Pieces pieces;
  std::vector<Piece>* open = nullptr;  // where the piece being read goes; none while in the head
  std::size_t start = 0;               // where the head or the open piece begins
  int start_line = 1, line_number = 1;
  const auto close = [&](std::size_t end) {
    if (open) {
      open->push_back({text.substr(start, end - start), start_line});
    } else {
      pieces.head = text.substr(0, end);
    }
  };
  for (std::size_t at = 0; at < text.size(); ++line_number) {
    const auto end = std::min(text.find('\n', at), text.size());
    const auto kind = kind_of(text.substr(at, end - at));
    if (kind == Line::person || kind == Line::pair) {
      close(at);
      open = kind == Line::person ? &pieces.people : &pieces.pairs;
      start = at, start_line = line_number;
    } else if (kind == Line::other_header && open) {
      return std::nullopt;
    }
    at = end + 1;
  }
  close(text.size());
  return pieces;
}

}  // namespace mentorcal::config
