#include "net/imap_mailbox.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>

#include <curl/curl.h>

#include "base/ascii.h"
#include "net/curl_server.h"

namespace mentorcal::net {
namespace {

struct UrlCleanup {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using Url = std::unique_ptr<CURLU, UrlCleanup>;

constexpr std::size_t kMaxLines = 1000;      // response lines kept per command
constexpr std::size_t kMaxLineBytes = 1000;  // of each

// What the server sent during one command. libcurl hands every response line (greeting, login,
// SELECT, the FETCH line before a literal, the tagged result) to the header callback; the body
// of a fetched message, or the untagged responses to a CUSTOMREQUEST, to the write callback.
struct Received {
  std::string body;
  std::vector<std::string> lines;  // without CRLF, each cut at kMaxLineBytes
};

// Mail is outside input: a message larger than this is not read (the transfer is aborted).
constexpr std::size_t kMaxMessageBytes = 25 * 1024 * 1024;

size_t receive_body(char* data, size_t size, size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  if (received->body.size() + size * count > kMaxMessageBytes) return 0;  // libcurl: write error
  received->body.append(data, size * count);
  return size * count;
}

size_t receive_line(char* data, size_t size, size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.remove_suffix(1);
  if (received->lines.size() == kMaxLines) received->lines.erase(received->lines.begin());
  received->lines.emplace_back(line.substr(0, kMaxLineBytes));
  return size * count;
}

// Return the lines of `text` without their CR LF.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return (a >= 'a' && a <= 'z' ? a - 32 : a) == (b >= 'a' && b <= 'z' ? b - 32 : b);
         });
}

// Return `token` as a UID (1 to 2^32-1), or 0 when it is not one.
std::uint32_t parse_uid(std::string_view token) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  return error == std::errc() && end == token.data() + token.size() ? value : 0;
}

// Return the words of `text`, split at spaces and parentheses.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find_first_of(" ()", at);
    if (end != at) words.push_back(text.substr(at, end - at));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return words;
}

// Return the UIDs of every "* SEARCH ..." line in `body` (untagged responses), sorted and without
// duplicates; or an error when there is none or it holds something else than UIDs. Other
// untagged responses the server may add (EXISTS, FETCH of flags) are ignored.
tl::expected<std::vector<std::uint32_t>, std::string> parse_search(std::string_view body) {
  std::vector<std::uint32_t> uids;
  bool found = false;
  for (const std::string_view line : lines_of(body)) {
    if (!starts_with_nocase(line, "* SEARCH") || (line.size() > 8 && line[8] != ' ')) continue;
    found = true;
    std::string_view rest = line.substr(8);
    rest = rest.substr(0, rest.find('('));  // a CONDSTORE server may end with "(MODSEQ n)"
    for (const std::string_view word : words_of(rest)) {
      const std::uint32_t uid = parse_uid(word);
      if (uid == 0) return tl::unexpected("unexpected SEARCH response: " + std::string(line));
      uids.push_back(uid);
    }
  }
  if (!found) return tl::unexpected(std::string("no SEARCH response"));
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

// Return whether `line` is "* <n> EXISTS": the server announces new messages.
bool is_exists(std::string_view line) {
  const std::vector<std::string_view> words = words_of(line);
  return words.size() == 3 && words[0] == "*" && parse_uid(words[1]) != 0 &&
         starts_with_nocase(words[2], "EXISTS") && words[2].size() == 6;
}

// Return whether the untagged responses in `body` announce new messages.
bool announces_new_mail(std::string_view body) {
  const std::vector<std::string_view> lines = lines_of(body);
  return std::any_of(lines.begin(), lines.end(), is_exists);
}

// If `line` is "* <n> FETCH (...", return the UID it names, or 0 when it names none; else
// nothing.
std::optional<std::uint32_t> fetch_response_uid(std::string_view line) {
  const std::vector<std::string_view> words = words_of(line);
  if (words.size() < 3 || words[0] != "*" || parse_uid(words[1]) == 0 ||
      !starts_with_nocase(words[2], "FETCH") || words[2].size() != 5) {
    return std::nullopt;
  }
  for (size_t i = 3; i + 1 < words.size(); ++i) {
    if (starts_with_nocase(words[i], "UID") && words[i].size() == 3) return parse_uid(words[i + 1]);
  }
  return 0;
}

// Return whether `line` is "* <n> FETCH (... UID <uid> ...".
bool is_fetch_of(std::string_view line, std::uint32_t uid) {
  return fetch_response_uid(line) == uid;
}

// Return whether `line` starts the message body in reply to UID FETCH `uid` BODY[]:
// "* <n> FETCH (UID <uid> BODY[] {size}". The UID may also come after the body, on a later line.
bool starts_body_of(std::string_view line, std::uint32_t uid) {
  const std::optional<std::uint32_t> named = fetch_response_uid(line);
  return named && (*named == uid || *named == 0) && line.find("BODY[]") != std::string_view::npos;
}

// Return the last tagged "NO"/"BAD" response line in `lines`, or "".
std::string refusal(const std::vector<std::string>& lines) {
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    const std::vector<std::string_view> words = words_of(*line);
    if (words.size() >= 2 && words[0] != "*" && words[0] != "+" &&
        (words[1] == "NO" || words[1] == "BAD")) {
      return base::printable(*line, 200);
    }
  }
  return "";
}

// Return `name` as an IMAP quoted string, for a CUSTOMREQUEST (which libcurl URL-decodes).
std::string quoted_for_custom_request(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '%') {
      quoted += "%25";
    } else {
      quoted += c;
    }
  }
  return quoted + '"';
}

// The parts of ImapSettings::url that the commands need.
struct Target {
  std::string mailbox_url;     // as given, without a trailing '/'
  std::string quoted_mailbox;  // the decoded name, quoted for a CUSTOMREQUEST
};

// Return the target of `url`, or why it is not a mailbox URL we accept.
tl::expected<Target, std::string> parse_url(const std::string& url) {
  const auto bad = [](std::string why) { return tl::unexpected("bad IMAP URL: " + why); };
  if (!std::all_of(url.begin(), url.end(), [](char c) { return c > ' ' && c <= '~'; }))
    return bad("only printable ASCII without spaces (URL-encode the mailbox name)");
  Url parsed(curl_url());
  if (!parsed) return bad("out of memory");
  if (const CURLUcode rc = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0);
      rc != CURLUE_OK) {
    return bad(curl_url_strerror(rc));
  }
  // Return the part, or "" when it is absent.
  const auto part = [&](CURLUPart which, unsigned flags) -> std::string {
    char* text = nullptr;
    if (curl_url_get(parsed.get(), which, &text, flags) != CURLUE_OK || text == nullptr) return "";
    std::string copy = text;
    curl_free(text);
    return copy;
  };
  const std::string scheme = part(CURLUPART_SCHEME, 0);
  if (scheme != "imap" && scheme != "imaps") return bad("the scheme must be imaps:// or imap://");
  if (!part(CURLUPART_USER, 0).empty() || !part(CURLUPART_PASSWORD, 0).empty() ||
      !part(CURLUPART_OPTIONS, 0).empty()) {
    return bad("no user, password or login options in the URL (use the settings)");
  }
  if (!part(CURLUPART_QUERY, 0).empty() || !part(CURLUPART_FRAGMENT, 0).empty())
    return bad("no query or fragment");
  std::string path = part(CURLUPART_PATH, 0);
  if (path.find(';') != std::string::npos) return bad("no ;options in the path");
  if (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() < 2) return bad("no mailbox (e.g. imaps://host/INBOX)");
  int length = 0;
  char* decoded = curl_easy_unescape(nullptr, path.c_str() + 1, 0, &length);
  if (decoded == nullptr) return bad("out of memory");
  const std::string name(decoded, static_cast<size_t>(length));
  curl_free(decoded);
  if (!std::all_of(name.begin(), name.end(), [](char c) { return c >= ' ' && c <= '~'; }))
    return bad("the mailbox name must be ASCII without controls (modified UTF-7)");
  Target target;
  target.mailbox_url = url;
  if (target.mailbox_url.back() == '/') target.mailbox_url.pop_back();
  target.quoted_mailbox = quoted_for_custom_request(name);
  return target;
}

// Return a handle set up for `settings`, writing errors to `error_buffer` (CURL_ERROR_SIZE bytes)
// and what the server sends to `received`, both of which must outlive it; or why not.
tl::expected<Easy, std::string> open_handle(const ImapSettings& settings, char* error_buffer,
                                            Received* received) {
  auto [easy, result] =
      open_server_handle({"imap,imaps", settings.require_starttls, settings.username,
                          settings.password, settings.ca_file, settings.timeout, error_buffer});
  const auto set = [&, &easy = easy, &result = result](CURLoption option, auto value) {
    if (result == CURLE_OK) result = curl_easy_setopt(easy.get(), option, value);
  };
  set(CURLOPT_TCP_KEEPALIVE, 1L);  // the connection idles between polls
  set(CURLOPT_MAXCONNECTS, 1L);    // the one connection to the one server
  set(CURLOPT_WRITEFUNCTION, &receive_body);
  set(CURLOPT_WRITEDATA, received);
  set(CURLOPT_HEADERFUNCTION, &receive_line);
  set(CURLOPT_HEADERDATA, received);
  if (result == CURLE_OK) return std::move(easy);
  return tl::unexpected(std::string("cannot set up libcurl: ") + curl_easy_strerror(result));
}

}  // namespace

struct ImapMailbox::Session {
  explicit Session(ImapSettings s) : settings(std::move(s)), target(parse_url(settings.url)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);  // thread-safe and counted in libcurl >= 7.84
  }
  ~Session() {
    easy.reset();  // logs out, before libcurl is shut down
    curl_global_cleanup();
  }

  // Run one command: `custom` as a CUSTOMREQUEST on the mailbox URL, or (when null) the URL
  // `url` itself (a fetch). Return what the server sent, or an error text naming `what`.
  tl::expected<const Received*, std::string> run(const std::string& what, const char* custom,
                                                 const std::string& url) {
    if (!target) return tl::unexpected(target.error());
    for (int attempt = 1;; ++attempt) {
      const bool was_open = easy != nullptr;  // and used by an earlier command
      if (!easy) {
        auto opened = open_handle(settings, error_buffer, &received);
        if (!opened) return tl::unexpected(what + ": " + opened.error());
        easy = std::move(*opened);
      }
      received = Received{};
      error_buffer[0] = '\0';
      CURL* h = easy.get();
      CURLcode result = curl_easy_setopt(h, CURLOPT_URL, url.c_str());
      if (result == CURLE_OK) result = curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom);
      if (result == CURLE_OK) result = curl_easy_perform(h);
      long connects = 0;
      curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
      last_result = result;
      last_reused = was_open && connects == 0;
      if (result == CURLE_OK) return &received;
      // libcurl 7.88 reuses a connection the server has closed meanwhile (an idle timeout, a
      // restart) and only then finds it dead: once, try again on a new one. Every command here
      // may run twice.
      const bool dropped =
          result == CURLE_RECV_ERROR || result == CURLE_SEND_ERROR || result == CURLE_GOT_NOTHING;
      if (dropped && last_reused && attempt == 1) {
        easy.reset();
        continue;
      }
      std::string_view detail = error_buffer;
      while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r'))
        detail.remove_suffix(1);
      // libcurl 7.88 reports a refused SELECT (no such mailbox) as CURLE_LOGIN_DENIED.
      const bool select_refused = result == CURLE_LOGIN_DENIED && detail == "Select failed";
      std::string text = what + ": ";
      if (select_refused) {
        text += "cannot select the mailbox";
      } else {
        text += curl_easy_strerror(result);
        if (!detail.empty() && detail != curl_easy_strerror(result))
          text += ": " + std::string(detail);
      }
      // No server text after a refused login: a server might echo what it was sent.
      const bool login =
          !select_refused && (result == CURLE_LOGIN_DENIED || result == CURLE_AUTH_ERROR);
      if (const std::string said = refusal(received.lines); !login && !said.empty())
        text += "; server said \"" + said + "\"";
      // The server refused one command (tagged NO/BAD) and the session is still good; anything
      // else may have left the connection in an unknown state.
      if (result != CURLE_QUOTE_ERROR && result != CURLE_REMOTE_FILE_NOT_FOUND) easy.reset();
      return tl::unexpected(redact(std::move(text), settings.password));
    }
  }

  // Run `command` as a CUSTOMREQUEST on the mailbox URL.
  tl::expected<const Received*, std::string> custom(const std::string& command) {
    return run("IMAP " + command, command.c_str(), target ? target->mailbox_url : "");
  }

  // Run `command` as custom() does, and once more if the server announced new messages in its
  // reply: Dovecot runs a command on the mailbox as this connection last saw it, and only then
  // reports what arrived meanwhile (RFC 3501 5.2), so a search on a connection kept open
  // between polls would miss the newest mail.
  tl::expected<const Received*, std::string> custom_on_fresh_view(const std::string& command) {
    auto received = custom(command);
    if (received && announces_new_mail((*received)->body)) received = custom(command);
    return received;
  }

  ImapSettings settings;
  tl::expected<Target, std::string> target;
  CURLcode last_result = CURLE_OK;  // of the last run()
  bool last_reused = false;         // whether it ran on a connection opened earlier
  char error_buffer[CURL_ERROR_SIZE] = {};
  Received received;  // outlives `easy`, whose clean-up still reads the reply to LOGOUT
  Easy easy;          // the session's connection, once opened
};

ImapMailbox::ImapMailbox(ImapSettings settings)
    : session_(std::make_unique<Session>(std::move(settings))) {}

ImapMailbox::~ImapMailbox() = default;
ImapMailbox::ImapMailbox(ImapMailbox&&) noexcept = default;
ImapMailbox& ImapMailbox::operator=(ImapMailbox&&) noexcept = default;

namespace {
const std::string kMovedFrom = "IMAP: this mailbox session was moved from";
}

tl::expected<std::uint32_t, std::string> ImapMailbox::uid_validity() {
  if (!session_) return tl::unexpected(kMovedFrom);
  if (!session_->target) return tl::unexpected(session_->target.error());
  const std::string command = "STATUS " + session_->target->quoted_mailbox + " (UIDVALIDITY)";
  const auto received = session_->custom(command);
  if (!received) return tl::unexpected(received.error());
  for (const std::string_view line : lines_of((*received)->body)) {
    if (!starts_with_nocase(line, "* STATUS ")) continue;
    const size_t list = line.rfind('(');  // the attributes come last; the name may hold '('
    if (list == std::string_view::npos) continue;
    const std::vector<std::string_view> words = words_of(line.substr(list));
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (starts_with_nocase(words[i], "UIDVALIDITY") && words[i].size() == 11) {
        if (const std::uint32_t value = parse_uid(words[i + 1]); value != 0) return value;
      }
    }
  }
  return tl::unexpected("IMAP " + command + ": no UIDVALIDITY in the STATUS response");
}

tl::expected<std::vector<std::uint32_t>, std::string> ImapMailbox::unseen_uids() {
  if (!session_) return tl::unexpected(kMovedFrom);
  const auto received = session_->custom_on_fresh_view("UID SEARCH UNSEEN");
  if (!received) return tl::unexpected(received.error());
  auto uids = parse_search((*received)->body);
  if (!uids) return tl::unexpected("IMAP UID SEARCH UNSEEN: " + uids.error());
  return uids;
}

tl::expected<std::vector<std::uint32_t>, std::string> ImapMailbox::uids_after(std::uint32_t last) {
  if (!session_) return tl::unexpected(kMovedFrom);
  if (last == UINT32_MAX) return std::vector<std::uint32_t>{};  // no UID is higher
  const std::string command = "UID SEARCH UID " + std::to_string(last + 1) + ":*";
  const auto received = session_->custom_on_fresh_view(command);
  if (!received) return tl::unexpected(received.error());
  auto uids = parse_search((*received)->body);
  if (!uids) return tl::unexpected("IMAP " + command + ": " + uids.error());
  // "n:*" always matches the highest UID, even one below n (RFC 3501 6.4.8, 9).
  std::erase_if(*uids, [last](std::uint32_t uid) { return uid <= last; });
  return uids;
}

tl::expected<std::string, std::string> ImapMailbox::fetch(std::uint32_t uid) {
  if (!session_) return tl::unexpected(kMovedFrom);
  const std::string what = "IMAP UID FETCH " + std::to_string(uid) + " BODY[]";
  if (uid == 0) return tl::unexpected(what + ": 0 is not a UID");
  if (!session_->target) return tl::unexpected(session_->target.error());
  const std::string url = session_->target->mailbox_url + "/;UID=" + std::to_string(uid);
  for (int attempt = 1;; ++attempt) {
    const auto received = session_->run(what, nullptr, url);
    const std::vector<std::string>& lines = session_->received.lines;
    if (received && std::any_of(lines.begin(), lines.end(), [uid](const std::string& line) {
          return starts_body_of(line, uid);
        })) {
      return std::move(session_->received.body);
    }
    // Without a FETCH in reply libcurl 7.88 fails with CURLE_REMOTE_FILE_NOT_FOUND (and logs
    // out: the next command reconnects).
    if (!received && session_->last_result != CURLE_REMOTE_FILE_NOT_FOUND)
      return tl::unexpected(received.error());
    // A message that arrived after this connection last looked is announced only now.
    const bool stale = session_->last_reused && std::any_of(lines.begin(), lines.end(), is_exists);
    if (!stale || attempt == 2)
      return tl::unexpected(what + ": no message with that UID in the mailbox");
  }
}

tl::expected<void, std::string> ImapMailbox::set_seen(std::uint32_t uid, bool seen) {
  if (!session_) return tl::unexpected(kMovedFrom);
  const std::string command =
      "UID STORE " + std::to_string(uid) + (seen ? " +FLAGS (\\Seen)" : " -FLAGS (\\Seen)");
  if (uid == 0) return tl::unexpected("IMAP " + command + ": 0 is not a UID");
  // The server reports the new flags with a FETCH, but only when they changed. Without one, the
  // message may have arrived after this connection last looked (then the reply announces it,
  // and the command is worth repeating), or be in the flag's state already, or not be there.
  for (int attempt = 1; attempt <= 2; ++attempt) {
    const auto received = session_->custom(command);
    if (!received) return tl::unexpected(received.error());
    const std::vector<std::string_view> lines = lines_of((*received)->body);
    if (std::any_of(lines.begin(), lines.end(),
                    [uid](std::string_view line) { return is_fetch_of(line, uid); })) {
      return {};
    }
    if (!announces_new_mail((*received)->body)) break;
  }
  const std::string search = "UID SEARCH UID " + std::to_string(uid);
  const auto searched = session_->custom_on_fresh_view(search);
  if (!searched) return tl::unexpected(searched.error());
  const auto uids = parse_search((*searched)->body);
  if (!uids) return tl::unexpected("IMAP " + search + ": " + uids.error());
  if (std::find(uids->begin(), uids->end(), uid) == uids->end())
    return tl::unexpected("IMAP " + command + ": no message with that UID in the mailbox");
  return {};
}

}  // namespace mentorcal::net
