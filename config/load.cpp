#include "config/load.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "config/address.h"
#include "config/load_sections.h"
#include "config/pieces.h"
#include "config/toml_guard.h"
#include "config/toml_reader.h"

namespace mentorcal::config {
namespace {

// Report the position of the first invalid UTF-8 byte, if any. TOML files must be UTF-8, and the
// checks after this one (find_unparseable_text, toml++) count columns in code points. This alone
// does not keep toml++ 3.3.0 safe: its undefined behaviour (TRAPS.md) is on valid UTF-8 too.
bool check_utf8(std::string_view text, Report& report) {
  const auto at = invalid_utf8_at(text);
  if (!at) return true;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < *at; ++i) {
    if (text[i] == '\n') {
      ++line, column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  report.error_at(line, column, "the file is not valid UTF-8 here");
  return false;
}

// Read the file a piece at a time into `programme`, each piece's toml++ tree freed before the next
// is parsed. Return false, with `report` and `programme` to be thrown away, on a syntax error or a
// head that names person or pair itself: the whole file is then parsed, so the error is the one
// toml++ gives for the whole file.
// Each piece passes the guard on its own before toml++ sees it: the guard over the whole file stops
// at the first unterminated string (toml++ stops there too, reading the file in order), but pieces
// are parsed people first, so text after that string could reach toml++ unguarded (the config
// fuzzer found it: toml++'s unreachable point).
bool read_in_pieces(const Pieces& pieces, Loader& loader, Report& report, Programme& programme) {
  {
    if (find_unparseable_text(pieces.head)) return false;
    const auto head = toml::parse(pieces.head);
    if (!head || head.table().contains("person") || head.table().contains("pair")) return false;
    loader.read_head(head.table(), programme);
  }
  loader.reserve(programme, pieces.people.size(), pieces.pairs.size());
  for (const auto* list : {&pieces.people, &pieces.pairs}) {
    for (const auto& piece : *list) {
      if (find_unparseable_text(piece.text)) return false;
      const auto parsed = toml::parse(piece.text);
      if (!parsed) return false;
      report.set_first_line(piece.first_line);
      if (list == &pieces.people) {
        loader.read_people(parsed.table(), programme);
      } else {
        loader.read_pairs(parsed.table(), programme);
      }
    }
  }
  report.set_first_line(1);
  loader.finish(programme);
  return true;
}

tl::expected<Loaded, Diagnostics> parse(std::string_view text, const std::string& file,
                                        const std::filesystem::path& base_dir, bool in_pieces) {
  Report report(file);
  if (text.size() > kMaxProgrammeBytes) {
    report.error_at(1, 1, fmt::format("the file is larger than {} MiB", kMaxProgrammeBytes >> 20));
    return tl::unexpected(report.take());
  }
  if (!check_utf8(text, report)) return tl::unexpected(report.take());
  // toml++ 3.3.0 has undefined behaviour on non-ASCII text outside strings (TRAPS.md), so it must
  // never see such text; TOML does not allow it there anyway.
  if (const auto guard = find_unparseable_text(text)) {
    report.error_at(guard->line, guard->column, guard->message);
    return tl::unexpected(report.take());
  }

  Programme programme;
  const auto pieces = in_pieces ? cut_into_pieces(text) : std::nullopt;
  bool read = false;
  if (pieces) {
    Loader loader(report, base_dir);
    read = read_in_pieces(*pieces, loader, report, programme);
  }
  if (!read) {
    report = Report(file);
    programme = Programme{};
    const auto parsed = toml::parse(text);
    if (!parsed) {
      const auto& err = parsed.error();
      report.error(err.source(), fmt::format("TOML syntax: {}", err.description()));
      return tl::unexpected(report.take());
    }
    Loader loader(report, base_dir);
    programme = loader.read(parsed.table());
  }
  programme.source = base_dir / std::filesystem::path(file).filename();
  auto diagnostics = report.take();
  if (has_errors(diagnostics)) return tl::unexpected(std::move(diagnostics));
  return Loaded{std::move(programme), std::move(diagnostics)};
}

}  // namespace

tl::expected<Loaded, Diagnostics> parse_programme(std::string_view text, const std::string& file,
                                                  const std::filesystem::path& base_dir) {
  return parse(text, file, base_dir, true);
}

tl::expected<Loaded, Diagnostics> parse_programme_whole(std::string_view text,
                                                        const std::string& file,
                                                        const std::filesystem::path& base_dir) {
  return parse(text, file, base_dir, false);
}

tl::expected<Loaded, Diagnostics> load_programme(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return tl::unexpected(Diagnostics{{Diagnostic::Severity::error, path.string(), 0, 0,
                                       "cannot read the file: it is a directory"}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return tl::unexpected(
        Diagnostics{{Diagnostic::Severity::error, path.string(), 0, 0,
                     fmt::format("cannot read the file: {}", std::strerror(errno))}});
  }
  std::string text;
  if (const auto size = std::filesystem::file_size(path, ec); !ec)
    text.reserve(std::min<std::uintmax_t>(size, kMaxProgrammeBytes + 1));
  char buffer[65536];
  while (text.size() <= kMaxProgrammeBytes && (in.read(buffer, sizeof buffer) || in.gcount() > 0))
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  auto base = std::filesystem::absolute(path, ec).parent_path();
  if (ec) base = path.parent_path();
  auto loaded = parse_programme(text, path.string(), base);
  if (loaded) loaded->programme.source = std::filesystem::absolute(path, ec);
  return loaded;
}

}  // namespace mentorcal::config
