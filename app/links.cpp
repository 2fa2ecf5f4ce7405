#include "app/links.h"

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <unistd.h>

#include <fmt/format.h>

#include "app/pair_ends.h"
#include "web/link_token.h"
#include "web/secret.h"

namespace mentorcal::app {
namespace {

std::string to_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view text) {
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = digit(text[i]);
    const int lo = digit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string read_key_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw store::StoreError(fmt::format("cannot read the link key {}", path.string()));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  auto key = from_hex(text);
  if (!key || key->size() != web::kLinkKeyBytes)
    throw store::StoreError(
        fmt::format("the link key {} is not {} hex digits", path.string(), 2 * web::kLinkKeyBytes));
  return *key;
}

// Make the key file with a new random key, unless another process just did.
void make_key_file(const std::filesystem::path& path) {
  const auto text = to_hex(web::random_bytes(web::kLinkKeyBytes)) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;
    throw store::StoreError(fmt::format("cannot make the link key {}", path.string()));
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    throw store::StoreError(fmt::format("cannot write the link key {}", path.string()));
  }
}

std::string load_key(const config::Programme& programme, bool make) {
  const auto& web = *programme.web;
  if (!web.link_key_file.empty()) return read_key_file(web.link_key_file);
  if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY"); dir && *dir) {
    const auto path = std::filesystem::path(dir) / "link-key";
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return read_key_file(path);
  }
  const auto state = store::state_path(programme.programme.state);
  if (store::is_server_state(state) || state == ":memory:") {
    throw store::StoreError(
        "[web] needs a link key: set link_key_file, or pass the systemd credential link-key");
  }
  auto path = state;
  path += ".link-key";
  std::error_code ec;
  if (make && !std::filesystem::exists(path, ec)) make_key_file(path);
  return read_key_file(path);
}

std::string url_of(const config::Programme& programme, std::string_view person,
                   std::int64_t generation) {
  return fmt::format("{}/p/{}", programme.web->base_url,
                     web::link_token(link_key(programme, false), person, generation));
}

std::string hash_of(const config::Programme& programme, std::string_view person,
                    std::int64_t generation) {
  return web::token_hash(web::link_token(link_key(programme, false), person, generation));
}

}  // namespace

const std::string& link_key(const config::Programme& programme, bool make) {
  static const std::string key = load_key(programme, make);
  return key;
}

void refresh_links(store::Store& store, const config::Programme& programme,
                   scheduler::Instant now) {
  link_key(programme, true);
  const auto current = with_ends(programme, store.ended_pairs());
  std::set<std::string, std::less<>> wanted;
  for (const auto& pair : current.pairs) {
    if (pair.status == config::PairStatus::ended) continue;
    wanted.insert(pair.mentor);
    wanted.insert(pair.mentee);
  }
  std::map<std::string, store::LinkRow, std::less<>> have;
  for (auto& row : store.links())
    have.emplace(row.person, std::move(row));
  for (const auto& person : wanted) {
    const auto found = have.find(person);
    store::LinkRow row{person, 1, {}, {}};
    if (found != have.end()) {
      row = found->second;
      if (row.token_hash.empty()) row.generation += 1;  // never revive a retired link
    }
    const auto hash = hash_of(programme, person, row.generation);
    if (found != have.end() && row.token_hash == hash) continue;
    const bool fresh = row.token_hash.empty();
    row.token_hash = hash;
    store.save_link(row, now);
    store.audit(now, fresh ? "link-made" : "link-rekeyed", person,
                fmt::format("generation {}", row.generation));
  }
  for (const auto& [person, row] : have) {
    if (row.token_hash.empty() || wanted.contains(person)) continue;
    auto retired = row;
    retired.token_hash.clear();
    store.save_link(retired, now);
    store.audit(now, "link-retired", person, "no pairing left");
  }
}

std::string relink(store::Store& store, const config::Programme& programme, std::string_view person,
                   scheduler::Instant now) {
  link_key(programme, true);
  store::LinkRow row{std::string(person), 1, {}, {}};
  if (auto old = store.link(person)) row.generation = old->generation + 1;
  row.token_hash = hash_of(programme, person, row.generation);
  store.save_link(row, now);
  store.audit(now, "link-revoked", person, fmt::format("new generation {}", row.generation));
  return url_of(programme, person, row.generation);
}

std::string link_url(store::Store& store, const config::Programme& programme,
                     std::string_view person) {
  if (!programme.web) return {};
  const auto row = store.link(person);
  if (!row || row->token_hash.empty()) return {};
  return url_of(programme, person, row->generation);
}

mail::PairView view_with_links(store::Store& store, const config::Programme& programme,
                               const config::Pair& pair) {
  auto view = mail::view_of(programme, pair);
  view.mentor.link = link_url(store, programme, pair.mentor);
  view.mentee.link = link_url(store, programme, pair.mentee);
  return view;
}

}  // namespace mentorcal::app
