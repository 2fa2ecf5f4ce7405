// The programme file cut into pieces that toml++ can parse one at a time: the head (everything
// before the first [[person]] or [[pair]]) and one piece per [[person]] and [[pair]] table. The
// loader then holds one small toml++ tree at a time instead of the whole file's (the tree of a
// 100,000-pair file took 400 MB). Internal to config/.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "config/load.h"

namespace mentorcal::config {

// One [[person]] or [[pair]] table, from its header line up to the next cut.
struct Piece {
  std::string_view text;
  int first_line = 1;  // the line of `text`'s first character in the whole file
};

struct Pieces {
  std::string_view head;  // starts at line 1
  std::vector<Piece> people;
  std::vector<Piece> pairs;
};

// Return `text` cut before each line that is exactly `[[person]]` or `[[pair]]` (blanks and a
// comment may follow), or nullopt when the file has a shape that pieces could read differently
// from the whole: a multi-line string anywhere ("""...""" or '''...'''), or, after the first cut,
// any other line that begins with '[' after blanks (another table header, or an array that goes
// on over lines). Whoever gets nullopt parses the file whole.
std::optional<Pieces> cut_into_pieces(std::string_view text);

// parse_programme() reading the file whole, never in pieces: for the tests that compare the two.
tl::expected<Loaded, Diagnostics> parse_programme_whole(std::string_view text,
                                                        const std::string& file,
                                                        const std::filesystem::path& base_dir);

}  // namespace mentorcal::config
